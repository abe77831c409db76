/**
 * The logistic sample step of ./assembly/logisticStep.ts in plain JavaScript, operation for operation (the
 * same polynomials, the same order of every sum), so that both kernel backends give the same bits.
 */
import { expNonPositive, log1pUnit } from '../math/fastExp';

function misclassified(r: number, y: number): number {
  const agreement = r * y;
  return agreement > 0 ? 0 : agreement < 0 ? 1 : 0.5;
}

/** The arrays of a logistic sample step (RowKernels.logisticSampleStep); null for an absent one. */
export interface LogisticStepArrays {
  labels: Float64Array;
  scores: Float64Array | null;
  field: Float64Array;
  selfReaction: Float64Array;
  /** ξ per trajectory, or null (gradient descent: ξ = 0). */
  draws: Float64Array | null;
  /** ṽ per trajectory when the error twin is the control, else null (the field twin 1{yω < 0}). */
  twinMargins: Float64Array | null;
  currentForce: Float64Array;
  force: Float32Array;
  noise: Float32Array | null;
  currentCurvature: Float64Array;
  drive: Float64Array;
  /** The 18 StepSum sums, then the 5 TwinSum sums (written when twinned). */
  sums: Float64Array;
}

export interface LogisticStepScalars {
  k: number;
  count: number;
  responseCount: number;
  dt: number;
  alpha: number;
  noiseScale: number;
  twinned: boolean;
}

export function logisticSampleStep(a: LogisticStepArrays, s: LogisticStepScalars): void {
  const { labels, scores, field, selfReaction, draws, twinMargins, currentForce, force, noise, currentCurvature, drive, sums } = a;
  const { k, count, responseCount, dt, alpha, noiseScale, twinned } = s;
  let lossSum = 0, lossSquareSum = 0, fieldLossSum = 0, fieldLossSquareSum = 0, lossCrossSum = 0;
  let errorSum = 0, errorSquareSum = 0, fieldErrorSum = 0, fieldErrorSquareSum = 0, errorCrossSum = 0;
  let scoreSum = 0, scoreSquareSum = 0, fieldScoreSum = 0, fieldScoreSquareSum = 0, scoreCrossSum = 0;
  let forceSum = 0, forceSquareSum = 0, curvatureSum = 0;
  let xSum = 0, pullSum = 0, xSquareSum = 0, pullSquareSum = 0, crossSum = 0;
  const forceRow = k * count;
  const driveRow = k * responseCount;
  for (let p = 0; p < count; p++) {
    const omega = field[p];
    const r = omega - selfReaction[p];
    const y = labels[p];
    const z = y * r;
    const e = expNonPositive(-Math.abs(z));
    const inverse = 1 / (1 + e);
    const loss = (z < 0 ? -z : 0) + log1pUnit(e);
    const f = -y * (z >= 0 ? e * inverse : inverse);
    const curvature = e * inverse * inverse;
    const fieldZ = y * omega;
    const fieldE = expNonPositive(-Math.abs(fieldZ));
    const fieldInverse = 1 / (1 + fieldE);
    const fieldLoss = (fieldZ < 0 ? -fieldZ : 0) + log1pUnit(fieldE);
    const fieldForce = -y * (fieldZ >= 0 ? fieldE * fieldInverse : fieldInverse);
    const xi = draws ? draws[p] : 0;
    const increment = (dt + noiseScale * xi) / alpha;
    if (noise) noise[forceRow + p] = xi;
    currentForce[p] = f;
    force[forceRow + p] = f * increment;
    if (p < responseCount) {
      currentCurvature[p] = curvature;
      drive[driveRow + p] = curvature * increment;
    }
    lossSum += loss;
    lossSquareSum += loss * loss;
    fieldLossSum += fieldLoss;
    fieldLossSquareSum += fieldLoss * fieldLoss;
    lossCrossSum += loss * fieldLoss;
    const error = misclassified(r, y);
    const fieldError = twinMargins ? misclassified(twinMargins[p], 1) : misclassified(omega, y);
    errorSum += error;
    errorSquareSum += error * error;
    fieldErrorSum += fieldError;
    fieldErrorSquareSum += fieldError * fieldError;
    errorCrossSum += error * fieldError;
    if (scores) {
      const score = f * scores[p];
      const fieldScore = fieldForce * scores[p];
      scoreSum += score;
      scoreSquareSum += score * score;
      fieldScoreSum += fieldScore;
      fieldScoreSquareSum += fieldScore * fieldScore;
      scoreCrossSum += score * fieldScore;
    }
    forceSum += f;
    forceSquareSum += f * f;
    curvatureSum += curvature;
    if (twinned) {
      const x = y * omega;
      const pull = -y * f;
      xSum += x;
      pullSum += pull;
      xSquareSum += x * x;
      pullSquareSum += pull * pull;
      crossSum += x * pull;
    }
  }
  const totals = [lossSum, lossSquareSum, fieldLossSum, fieldLossSquareSum, lossCrossSum, errorSum, errorSquareSum, fieldErrorSum, fieldErrorSquareSum, errorCrossSum];
  totals.push(scoreSum, scoreSquareSum, fieldScoreSum, fieldScoreSquareSum, scoreCrossSum, forceSum, forceSquareSum, curvatureSum);
  totals.push(xSum, pullSum, xSquareSum, pullSquareSum, crossSum);
  sums.set(totals);
}
