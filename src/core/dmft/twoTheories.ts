/**
 * The SGF theory and the SGD theory (theory.md §9) of one parameter set, as the app draws them side by side:
 * when the two coincide exactly, and the parameters of the SGD theory.
 */
import { getModel } from '../models';
import { gridStep, type Params } from '../params';

/**
 * Why the DMFT of minibatch SGD equals that of the SGF for these parameters, or null where they differ:
 * at b = 1 both are gradient descent; for the square loss with independent batches at Δt = h only the kicks'
 * first two moments enter the kernels, and those are equal by construction.
 */
export function sgdTheoryCoincidence(params: Params): string | null {
  if (params.batchFraction === 1) return 'b = 1: both are gradient descent';
  if (getModel(params.model).exactResponse && params.sampling === 'uniform' && gridStep(params) === params.step) {
    return 'square loss, uniform batches: only two moments of the kicks enter';
  }
  return null;
}

/** Parameters of the SGD theory that the app draws beside the SGF theory of `params` (SGD has no finer grid). */
export function sgdTheoryParams(params: Params): Params {
  return { ...params, theoryAlgorithm: 'sgd', dt: null };
}
