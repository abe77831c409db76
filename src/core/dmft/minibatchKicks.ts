/**
 * Minibatch membership s_k ∈ {0, 1} of each sample-process trajectory, for the DMFT of SGD (theory.md §9):
 * the kick u_k = (h/(bα)) s_k f_k replaces the SGF's Gaussian one.
 * 'uniform': s_k iid Bernoulli(b). 'epoch': one step per epoch; epoch e covers the continuous positions
 * [e, e + 1) scaled by 1/b, the sample sits at a uniform position e + U in it and is used at step
 * ⌊(e + U)/b⌋ — the step of a uniform place in a shuffled permutation of n samples walked B = bn at a
 * time (sim/sgd.ts). Where 1/b is not an integer a step straddles two epochs, and the simulation keeps
 * that batch distinct: a sample used in the old epoch's tail there avoids the new epoch's head (U ≥ h, h the
 * head's share of the epoch), and every other sample fills the head with probability h/(1 − c), c the tail's
 * share, so that the straddling step still holds a fraction b of the samples.
 */
import { bernoulliRow } from '../kernels/rowsJs';
import type { RowKernels } from '../kernels/workspace';
import type { BatchSampling } from '../params';
import type { Random } from '../random';

export interface MinibatchKicks {
  /** Writes s_k of every trajectory into `membership` (0 or 1, doubles for the sample step's kernel). Called once per step, k = 0, 1, … in order. */
  draw(k: number, membership: Uint8Array | Float64Array): void;
  /** Whether s_k is independent of the trajectory's past (then E[s_k X] = b E[X] for X before step k). */
  readonly independent: boolean;
}

/** With `kernels`, uniform memberships in a Float64Array of their workspace are drawn by its bernoulliRow (the same draws). */
export function createMinibatchKicks(sampling: BatchSampling, batchFraction: number, count: number, random: Random, kernels?: Pick<RowKernels, 'bernoulliRow'>): MinibatchKicks {
  if (sampling === 'uniform') {
    return {
      independent: true,
      draw(_k, membership) {
        if (kernels && membership instanceof Float64Array) kernels.bernoulliRow(membership, count, batchFraction, random);
        else bernoulliRow(membership, count, batchFraction, random);
      },
    };
  }
  const epoch = new Int32Array(count);
  const nextUse = new Int32Array(count);
  const useStep = (e: number, previous: number): number => {
    const start = e / batchFraction;
    const straddling = Math.floor(start);
    const head = Math.min(1, (straddling + 1 - start) * batchFraction); // share of epoch e inside that step
    const tail = (start - straddling) * batchFraction; // share of epoch e − 1 inside it
    let position: number;
    if (start === straddling) position = random.uniform();
    else if (previous !== straddling && random.uniform() * (1 - tail) < head) position = head * random.uniform();
    else position = head + (1 - head) * random.uniform();
    return Math.max(previous + 1, Math.floor((e + position) / batchFraction));
  };
  for (let p = 0; p < count; p++) nextUse[p] = useStep(0, -1);
  return {
    independent: batchFraction === 1,
    draw(k, membership) {
      for (let p = 0; p < count; p++) {
        if (nextUse[p] !== k) {
          membership[p] = 0;
          continue;
        }
        membership[p] = 1;
        epoch[p] += 1;
        nextUse[p] = useStep(epoch[p], k);
      }
    },
  };
}
