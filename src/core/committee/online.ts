/**
 * One-pass (online) SGD of the committee at finite d (theory.md §11.1): every step draws B = round(bαd) fresh
 * samples x_i ~ N(0, I_d/d) with labels from the teacher and updates
 * Θ ← (1 − λh) Θ − (h d/B) Σ_i x_i f_iᵀ,  t_k = k h,
 * the multi-pass SGD rule with the same batch, on data never seen before (τ = h d/B = h/(bα)).
 * The train loss is that of the fresh batch at Θ_k, before the update (an unbiased estimate of the test loss).
 * Θ* and Θ(0) are those of the seed's multi-pass dataset (the start is drawn first from the same stream).
 */
import { batchSize } from '../params';
import { createRandom, streams } from '../random';
import { Committee } from './committee';
import { initialOverlapMatrix, type CommitteeParams } from './config';
import { drawCommitteeStart } from './initialization';
import type { CommitteeStepper } from './stepper';

export function createCommitteeOnlineStepper(params: CommitteeParams, seedIndex: number): CommitteeStepper & { teacher: Float64Array } {
  const d = params.dim;
  const p = params.hidden;
  const pStar = params.teacherHidden;
  const committee = new Committee(params);
  const size = batchSize(params);
  const h = params.step;
  const forceScale = (h * d) / size; // h/(bα) with bα = B/d
  const shrink = 1 - params.ridge * h;
  const { teacher, initialWeights: weights } = drawCommitteeStart(d, p, pStar, params.initScale, initialOverlapMatrix(params), createRandom(params.seed, streams.dataset, seedIndex));
  const fresh = createRandom(params.seed, streams.online, seedIndex);

  const sample = new Float64Array(d);
  const field = new Float64Array(p);
  const teacherField = new Float64Array(pStar);
  const increment = new Float64Array(p * d);
  const terms = committee.createTerms();
  const rowScale = 1 / Math.sqrt(d);

  return {
    weights,
    teacher,
    evaluate(prepareStep: boolean): number {
      // The batch of step k: its loss at Θ_k is the row's train loss; its forces, the update.
      increment.fill(0);
      let lossSum = 0;
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < d; j++) sample[j] = fresh.normal() * rowScale;
        for (let a = 0; a < p; a++) field[a] = dot(sample, weights, a * d, d);
        for (let b = 0; b < pStar; b++) teacherField[b] = dot(sample, teacher, b * d, d);
        const y = committee.sampleLabel(teacherField, 0, fresh);
        committee.sampleTerms(field, 0, y, teacherField, 0, terms);
        lossSum += terms.loss;
        if (!prepareStep) continue;
        for (let a = 0; a < p; a++) {
          const force = terms.force[a];
          const offset = a * d;
          for (let j = 0; j < d; j++) increment[offset + j] += force * sample[j];
        }
      }
      return lossSum / size;
    },
    step(): void {
      for (let j = 0; j < p * d; j++) weights[j] = shrink * weights[j] - forceScale * increment[j];
    },
  };
}

function dot(sample: Float64Array, matrix: Float64Array, offset: number, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) sum += sample[j] * matrix[offset + j];
  return sum;
}

