/**
 * The observables of theory.md §3 at one time, read off the weights and their fields r = Xθ.
 * Test quantities are exact given θ: a fresh Gaussian test point only sees (q, m).
 */
import { misclassified, type GlmModel } from '../models';
import type { Params } from '../params';
import type { ObservableRow } from '../series';
import type { Dataset } from './dataset';

export function observeRow(
  t: number,
  dataset: Dataset,
  weights: Float64Array,
  fields: Float64Array,
  model: GlmModel,
  params: Params,
): ObservableRow {
  const { n, labels, teacher } = dataset;
  const loss = model.loss;
  let lossSum = 0;
  let errors = 0;
  if (model.classifier) {
    for (let i = 0; i < n; i++) {
      lossSum += loss(fields[i], labels[i]);
      errors += misclassified(fields[i], labels[i]);
    }
  } else {
    for (let i = 0; i < n; i++) lossSum += loss(fields[i], labels[i]);
  }
  return observeWeights(t, weights, teacher, lossSum / n, model.classifier ? errors / n : Number.NaN, model, params);
}

/** The row at weights θ: q, m and the test rules from θ (exact given θ), with the train columns given. */
export function observeWeights(
  t: number,
  weights: Float64Array,
  teacher: Float64Array,
  trainLoss: number,
  trainError: number,
  model: GlmModel,
  params: Params,
): ObservableRow {
  const d = weights.length;
  let squaredNorm = 0;
  let overlap = 0;
  for (let j = 0; j < d; j++) {
    squaredNorm += weights[j] * weights[j];
    overlap += weights[j] * teacher[j];
  }
  const q = squaredNorm / d;
  const m = overlap / d;
  // A diverged state must not reach the quadratures of the test observables; the row is rejected anyway.
  const finite = Number.isFinite(q) && Number.isFinite(m);
  return {
    t,
    trainLoss,
    trainError,
    testLoss: finite ? model.testLoss(q, m, params) : Number.NaN,
    testError: finite ? model.testError(q, m, params) : Number.NaN,
    q,
    m,
    cosine: q > 0 ? m / Math.sqrt(q) : 0,
  };
}
