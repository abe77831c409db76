/**
 * The model registry: every model by id, in menu order. The validator, the URL codec, the CLI and the app read
 * the ids and the capabilities (Model's fields) from here, never a model's name.
 */
import { linear } from './linear';
import { logistic } from './logistic';
import type { GlmModel, Model } from './model';
import { committee } from './committee';
import { phaseRetrieval } from './phaseRetrieval';
import { poisson } from './poisson';
import { probit } from './probit';
import { squaredHinge } from './squaredHinge';

export type { CommitteeModel, GlmModel, Model, ModelKind } from './model';
export { misclassified } from './model';

/** The built-in models, keyed by their id (which registerModel checks against each model's own). */
const builtInModels = {
  logistic,
  linear,
  probit,
  'squared-hinge': squaredHinge,
  poisson,
  'phase-retrieval': phaseRetrieval,
  committee,
};

export type ModelId = keyof typeof builtInModels;

/** Every registered model by id (a null prototype: a URL's `model=constructor` finds nothing). */
export const models: Readonly<Record<ModelId, Model>> = Object.create(null) as Record<ModelId, Model>;
/** The registered ids in registration order: the choices of `model` (paramTable.ts). */
export const modelIds: readonly ModelId[] = [];

/** Adds a model to the registry (the built-ins below; a test's toy model). Its id must be new. */
export function registerModel(model: Model): void {
  if (Object.hasOwn(models, model.id)) throw new Error(`model ${model.id} is registered already`);
  (models as Record<ModelId, Model>)[model.id] = model;
  (modelIds as ModelId[]).push(model.id);
}

for (const [id, model] of Object.entries(builtInModels)) {
  if (model.id !== id) throw new Error(`model ${model.id} is registered as ${id}`);
  registerModel(model);
}

export function getModel(id: ModelId): Model {
  const model = models[id];
  if (model === undefined) throw new RangeError(`unknown model ${String(id)}`);
  return model;
}

/** A single-index model (what dmft/ and sim/ evaluate); a committee-machine id is refused with what runs it instead. */
export function glmModel(id: ModelId): GlmModel {
  const model = getModel(id);
  if (model.kind !== 'glm') throw new Error(`the ${model.label} has p fields per sample: its theory and simulations are in core/committee, not the single-index solver`);
  return model;
}

/** The ids of the models that have a capability, for messages ("… exists only for the linear model"). */
export function modelsWith(capability: (model: Model) => boolean): ModelId[] {
  return modelIds.filter((id) => capability(models[id]));
}
