/**
 * Euler–Maruyama scheme of the stochastic gradient flow (theory.md §1), step Δt = gridStep(params):
 * θ ← θ − λθΔt − (1/α) Xᵀ[ℓ'(r) ∘ (Δt + κ√Δt ξ)],  ξ ~ N(0, I_n),  κ² = h(1 − b)/b.
 */
import { glmModel } from '../models';
import { gridStep, noiseStrength, type Params } from '../params';
import { float64 } from '../kernels/workspace';
import { createRandom, streams } from '../random';
import { allocateTrajectory, applyIncrement, fieldsAndIncrement, multiplyRows, type Dataset, type Stepper } from './dataset';

export function createSgfStepper(params: Params, dataset: Dataset, seedIndex: number): Stepper {
  const { d, n, labels } = dataset;
  const lossDerivative = glmModel(params.model).lossDerivative;
  const dt = gridStep(params);
  const noiseScale = Math.sqrt(noiseStrength(params) * dt); // κ√Δt
  const inverseRatio = d / n; // 1/α as realised by the dataset
  const shrink = 1 - params.ridge * dt;
  const random = createRandom(params.seed, streams.sgf, seedIndex);
  const { weights, fields, increment } = allocateTrajectory(dataset);
  const forces = dataset.workspace.allocate(float64(n));
  const noise = dataset.workspace.allocate(float64(n)); // ξ of the current step; stays 0 when κ = 0
  const force = (i: number, field: number): number => lossDerivative(field, labels[i]) * ((dt + noiseScale * noise[i]) * inverseRatio);

  return {
    weights,
    fields,
    evaluate(prepareStep: boolean): void {
      if (!prepareStep) {
        multiplyRows(dataset, weights, fields);
        return;
      }
      if (noiseScale > 0) dataset.workspace.normalRow(noise, n, random); // κ = 0 is gradient descent: no draws needed
      fieldsAndIncrement(dataset, weights, fields, forces, increment, force);
    },
    step(): void {
      applyIncrement(weights, shrink, increment);
    },
  };
}
