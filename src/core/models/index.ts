/** Registry of models by id. */
import type { ModelId } from '../params';
import { linear } from './linear';
import { logistic } from './logistic';
import type { Model } from './model';
import { phaseRetrieval } from './phaseRetrieval';
import { poisson } from './poisson';
import { probit } from './probit';
import { squaredHinge } from './squaredHinge';

export type { Model } from './model';
export { misclassified } from './model';

export const models: Readonly<Record<ModelId, Model>> = {
  logistic,
  linear,
  probit,
  'squared-hinge': squaredHinge,
  poisson,
  'phase-retrieval': phaseRetrieval,
};

export function getModel(id: ModelId): Model {
  return models[id];
}
