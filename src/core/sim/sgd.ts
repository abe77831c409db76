/**
 * Multi-pass minibatch SGD at step h (theory.md §1): each step draws B distinct indices S and
 * θ ← θ − h[(1/(bα)) Σ_{i∈S} x_i ℓ'(r_i) + λθ],  b = B/n,  t_k = k h.
 */
import { glmModel } from '../models';
import { float64, int32 } from '../kernels/workspace';
import { batchSize, type BatchSampling, type Params } from '../params';
import { createRandom, streams, type Random } from '../random';
import { allocateTrajectory, applyIncrement, combineListedRows, multiplyRows, type Dataset, type Stepper } from './dataset';

export interface BatchSampler {
  /** Fills `batch` (length B) with B distinct sample indices, in the order they were drawn. */
  next(batch: Int32Array): void;
}

/**
 * Minibatches of `size` distinct indices out of n.
 * 'uniform': an independent uniform subset each step (partial Fisher–Yates on a persistent permutation).
 * 'epoch': consecutive slices of shuffled permutations, so every sample is visited once per epoch.
 */
export function createBatchSampler(n: number, size: number, sampling: BatchSampling, random: Random): BatchSampler {
  if (!(size >= 1 && size <= n)) throw new RangeError(`batch size ${size} must be in 1..${n}`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const swap = (a: number, b: number): void => {
    const held = order[a];
    order[a] = order[b];
    order[b] = held;
  };

  if (sampling === 'uniform') {
    return {
      next(batch: Int32Array): void {
        // Partial Fisher–Yates of any permutation yields a uniform B-subset; the permutation carries over.
        for (let j = 0; j < size; j++) {
          swap(j, j + random.int(n - j));
          batch[j] = order[j];
        }
      },
    };
  }

  let position = n; // exhausted: the first batch shuffles
  /**
   * New epoch whose first `size − carried` entries avoid the `carried` indices already taken by the
   * batch straddling the boundary (they sit at the end of the old order). This is a uniform permutation
   * conditioned on that batch staying distinct.
   */
  const reshuffle = (carried: number): void => {
    const fresh = n - carried;
    const head = size - carried;
    for (let p = 0; p < head; p++) swap(p, p + random.int(fresh - p));
    for (let p = head; p < n - 1; p++) swap(p, p + random.int(n - p));
    position = 0;
  };
  return {
    next(batch: Int32Array): void {
      for (let j = 0; j < size; j++) {
        if (position === n) reshuffle(j);
        batch[j] = order[position++];
      }
    },
  };
}

export interface SgdStepper extends Stepper {
  /** The minibatch of the last step, sorted ascending (length B). */
  readonly batch: Int32Array;
}

export function createSgdStepper(params: Params, dataset: Dataset, seedIndex: number): SgdStepper {
  const { d, n, labels } = dataset;
  const lossDerivative = glmModel(params.model).lossDerivative;
  const h = params.step;
  const size = batchSize(params);
  // h/(bα) with b = B/n and α = n/d is h·d/B; at B = n this is GD's h·(d/n) to the last bit.
  const forceScale = h * (d / size);
  const shrink = 1 - params.ridge * h;
  const sampler = createBatchSampler(n, size, params.sampling, createRandom(params.seed, streams.sgd, seedIndex));
  const { weights, fields, increment } = allocateTrajectory(dataset);
  const batch = dataset.workspace.allocate(int32(size));
  const forces = dataset.workspace.allocate(float64(size));

  return {
    weights,
    fields,
    batch,
    evaluate(): void {
      // The full pass is needed for the recorded train loss anyway; the update then reads its batch fields.
      multiplyRows(dataset, weights, fields);
    },
    step(): void {
      sampler.next(batch);
      batch.sort(); // ascending: GD's summation order, and X read front to back
      for (let k = 0; k < size; k++) forces[k] = lossDerivative(fields[batch[k]], labels[batch[k]]) * forceScale;
      combineListedRows(dataset, batch, forces, size, increment);
      applyIncrement(weights, shrink, increment);
    },
  };
}
