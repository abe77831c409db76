/** Registry of models by id. */
import type { ModelId } from '../params';
import { linear } from './linear';
import { logistic } from './logistic';
import type { Model } from './model';

export type { Model } from './model';
export { misclassified } from './model';

export const models: Readonly<Record<ModelId, Model>> = { logistic, linear };

export function getModel(id: ModelId): Model {
  return models[id];
}
