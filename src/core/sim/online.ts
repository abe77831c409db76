/**
 * One-pass (online) SGD at finite d (theory.md §11.1): every step draws B = round(bαd) fresh samples
 * x_i ~ N(0, I_d/d) with labels from the teacher and updates
 * θ ← (1 − λh) θ − (h d/B) Σ_i x_i ℓ'(x_i·θ; y_i),  t_k = k h,
 * the multi-pass SGD rule with the same batch, on data never seen before (τ = h d/B = h/(bα)).
 * Train loss and error are those of the fresh batch at θ_k, before the update: unbiased estimates of the
 * test loss and error (the one-pass curve has no separate training set).
 */
import { glmModel, misclassified } from '../models';
import { batchSize, stepGrid, type Params } from '../params';
import { createRandom, streams } from '../random';
import { appendRow, emptyTable, rowIsValid, type Divergence, type IndexedRow } from '../series';
import { drawTeacher, plantInitialWeights } from './dataset';
import { observeWeights } from './observables';
import type { SeedRun, SeedRunOptions } from './types';

/** One seed of one-pass SGD as a generator of its rows (the same contract as simulate.ts's seedRows). */
export function* onlineRows(params: Params, seedIndex: number, options: Pick<SeedRunOptions, 'shouldStop'> = {}): Generator<IndexedRow, SeedRun, void> {
  const model = glmModel(params.model);
  const d = params.dim;
  const size = batchSize(params);
  const h = params.step;
  const forceScale = (h * d) / size; // h/(bα) with bα = B/d
  const shrink = 1 - params.ridge * h;
  const { steps } = stepGrid(params);

  // Teacher and start from the seed's dataset stream, as for the multi-pass runs; fresh samples from their own stream.
  const setup = createRandom(params.seed, streams.dataset, seedIndex);
  const fresh = createRandom(params.seed, streams.online, seedIndex);
  const teacher = new Float64Array(d);
  drawTeacher(teacher, setup);
  const weights = new Float64Array(d);
  plantInitialWeights(weights, teacher, params, setup);

  const sample = new Float64Array(d);
  const increment = new Float64Array(d);
  const rowScale = 1 / Math.sqrt(d);
  const table = emptyTable();
  let diverged: Divergence | null = null;

  for (let k = 0; k <= steps; k++) {
    // The batch of step k: its loss and error at θ_k are the row's train columns; its forces, the update.
    increment.fill(0);
    let lossSum = 0;
    let errors = 0;
    for (let i = 0; i < size; i++) {
      let field = 0;
      let teacherField = 0;
      for (let j = 0; j < d; j++) {
        const x = fresh.normal() * rowScale;
        sample[j] = x;
        field += x * weights[j];
        teacherField += x * teacher[j];
      }
      const y = model.sampleLabel(teacherField, fresh, params);
      lossSum += model.loss(field, y);
      if (model.classifier) errors += misclassified(field, y);
      const force = model.lossDerivative(field, y);
      for (let j = 0; j < d; j++) increment[j] += force * sample[j];
    }
    const row = observeWeights(k * h, weights, teacher, lossSum / size, model.classifier ? errors / size : Number.NaN, model, params);
    if (!rowIsValid(row)) {
      diverged = { at: row.t };
      break;
    }
    appendRow(table, row);
    yield { row, k };
    if (k === steps || options.shouldStop?.()) break;
    for (let j = 0; j < d; j++) weights[j] = shrink * weights[j] - forceScale * increment[j];
  }
  return { algorithm: 'online', seedIndex, table, diverged };
}
