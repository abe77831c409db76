/**
 * Full-batch gradient descent at step h (theory.md §1 with b = 1, κ = 0):
 * θ ← θ − h[(1/α) Xᵀℓ'(r) + λθ], t_k = k h.
 */
import { glmModel } from '../models';
import { float64 } from '../kernels/workspace';
import type { Params } from '../params';
import { allocateTrajectory, applyIncrement, fieldsAndIncrement, multiplyRows, type Dataset, type Stepper } from './dataset';

export function createGdStepper(params: Params, dataset: Dataset): Stepper {
  const { d, n, labels } = dataset;
  const lossDerivative = glmModel(params.model).lossDerivative;
  const h = params.step;
  const inverseRatio = d / n; // 1/α as realised by the dataset
  const forceScale = h * inverseRatio; // the same expression as SGF's (Δt + 0)·(1/α): GD and SGF at κ = 0 agree bit for bit
  const shrink = 1 - params.ridge * h;
  const { weights, fields, increment } = allocateTrajectory(dataset);
  const forces = dataset.workspace.allocate(float64(n));
  const force = (i: number, field: number): number => lossDerivative(field, labels[i]) * forceScale;

  return {
    weights,
    fields,
    evaluate(prepareStep: boolean): void {
      if (prepareStep) fieldsAndIncrement(dataset, weights, fields, forces, increment, force);
      else multiplyRows(dataset, weights, fields);
    },
    step(): void {
      applyIncrement(weights, shrink, increment);
    },
  };
}
