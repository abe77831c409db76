/**
 * The full-batch committee steppers (theory.md §10.1). SGF by Euler–Maruyama at Δt = gridStep(params):
 * Θ ← Θ − λΔtΘ − (1/α) Xᵀ[F ∘ ((Δt + κ√Δt ξ) 1_pᵀ)], ξ ~ N(0, I_n), κ² = h(1 − b)/b: ONE noise per sample,
 * shared by its p force components (a minibatch takes whole samples). GD is the same at κ = 0, Δt = h.
 */
import { float64 } from '../kernels/workspace';
import { gridStep, noiseStrength } from '../params';
import { createRandom, streams, type Random } from '../random';
import { applyIncrement } from '../sim/dataset';
import type { CommitteeParams } from './config';
import { allocateCommitteeTrajectory, createSampleScratch, fieldsAndForces, type CommitteeDataset } from './dataset';
import type { CommitteeStepper } from './stepper';

export function createCommitteeSgfStepper(params: CommitteeParams, dataset: CommitteeDataset, seedIndex: number): CommitteeStepper {
  return fullBatchStepper(dataset, gridStep(params), noiseStrength(params), params.ridge, createRandom(params.seed, streams.sgf, seedIndex));
}

export function createCommitteeGdStepper(params: CommitteeParams, dataset: CommitteeDataset): CommitteeStepper {
  return fullBatchStepper(dataset, params.step, 0, params.ridge, null);
}

function fullBatchStepper(dataset: CommitteeDataset, dt: number, kappaSquared: number, ridge: number, random: Random | null): CommitteeStepper {
  const { d, n, p, workspace } = dataset;
  const noiseScale = Math.sqrt(kappaSquared * dt); // κ√Δt
  const inverseRatio = d / n; // 1/α as realised by the dataset
  const shrink = 1 - ridge * dt;
  const { weights, fields, forces, increment } = allocateCommitteeTrajectory(dataset);
  const noise = workspace.allocate(float64(n)); // ξ of the current step; stays 0 when κ = 0
  const scratch = createSampleScratch(dataset.committee);

  // Scales the block's forces by (Δt + κ√Δt ξ_i)/α, the same factor for all p units of a sample, and accumulates Xᵀ(·).
  const accumulate = (start: number, count: number, rows: Float32Array): void => {
    for (let i = start; i < start + count; i++) {
      const kick = (dt + noiseScale * noise[i]) * inverseRatio;
      for (let a = 0; a < p; a++) forces[a * n + i] *= kick;
    }
    for (let a = 0; a < p; a++) workspace.combineRows(increment.subarray(a * d, (a + 1) * d), rows, d, forces.subarray(a * n + start, a * n + start + count), count, true);
  };

  return {
    weights,
    evaluate(prepareStep: boolean): number {
      if (!prepareStep) return fieldsAndForces(dataset, weights, fields, forces, scratch) / n;
      if (random && noiseScale > 0) random.fillNormal(noise);
      increment.fill(0);
      return fieldsAndForces(dataset, weights, fields, forces, scratch, accumulate) / n;
    },
    step(): void {
      applyIncrement(weights, shrink, increment);
    },
  };
}
