/**
 * Multi-pass minibatch SGD of the committee at step h (theory.md §10.1):
 * Θ_{k+1} = Θ_k − h[(1/(bα)) Σ_{i∈S_k} x_i f_iᵀ + λΘ_k], |S_k| = B = round(bn) distinct samples, drawn as
 * independent uniform subsets or by walking shuffled permutations (params.sampling; the sampler of sim/sgd.ts).
 */
import { float64, int32 } from '../kernels/workspace';
import { batchSize } from '../params';
import { createRandom, streams } from '../random';
import { applyIncrement } from '../sim/dataset';
import { createBatchSampler } from '../sim/sgd';
import type { CommitteeParams } from './config';
import { allocateCommitteeTrajectory, createSampleScratch, fieldsAndForces, type CommitteeDataset } from './dataset';
import type { CommitteeStepper } from './stepper';

export function createCommitteeSgdStepper(params: CommitteeParams, dataset: CommitteeDataset, seedIndex: number): CommitteeStepper {
  const { d, n, p, features, workspace } = dataset;
  const h = params.step;
  const size = batchSize(params);
  const forceScale = h * (d / size); // h/(bα) with b = B/n and α = n/d
  const shrink = 1 - params.ridge * h;
  const sampler = createBatchSampler(n, size, params.sampling, createRandom(params.seed, streams.sgd, seedIndex));
  const { weights, fields, forces, increment } = allocateCommitteeTrajectory(dataset);
  const batch = workspace.allocate(int32(size));
  const batchForces = workspace.allocate(float64(p * size)); // unit-major: unit a at [a·B, a·B + B)
  const scratch = createSampleScratch(dataset.committee);

  return {
    weights,
    evaluate(): number {
      // The full pass is needed for the recorded train loss anyway; the update then reads its batch's forces.
      return fieldsAndForces(dataset, weights, fields, forces, scratch) / n;
    },
    step(): void {
      sampler.next(batch);
      batch.sort(); // X read front to back
      for (let a = 0; a < p; a++) {
        for (let k = 0; k < size; k++) batchForces[a * size + k] = forces[a * n + batch[k]] * forceScale;
        workspace.combineIndexedRows(increment.subarray(a * d, (a + 1) * d), features, d, batch, batchForces.subarray(a * size, (a + 1) * size), size, false);
      }
      applyIncrement(weights, shrink, increment);
    },
  };
}
