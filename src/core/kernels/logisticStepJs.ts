/**
 * The logistic sample step of ./assembly/logisticStep.ts in plain JavaScript, operation for operation (the
 * same polynomials, the same order of every sum), so that both kernel backends give the same bits.
 */

const log2e = 1.4426950408889634;
const ln2High = 6.9314718036912381649e-1;
const ln2Low = 1.90821492927058770002e-10;
const ln2 = 0.6931471805599453;
const sqrt2Minus1 = 0.41421356237309515;

/** 2^k for k = −1022..0 at index k + 1022 (halvings of 1 are exact). */
const powersOfTwo = new Float64Array(1023);
powersOfTwo[1022] = 1;
for (let i = 1021; i >= 0; i--) powersOfTwo[i] = powersOfTwo[i + 1] * 0.5;

/** e^x for x ≤ 0 (x below −708 is taken as −708): a degree-10 polynomial after reduction by ln 2. */
export function expNonPositive(x: number): number {
  const clamped = Math.max(x, -708);
  const k = Math.floor(clamped * log2e + 0.5);
  const r = clamped - k * ln2High - k * ln2Low;
  let p = 2.755731922398589e-7;
  p = p * r + 0.0000027557319223985893;
  p = p * r + 0.0000248015873015873;
  p = p * r + 0.0001984126984126984;
  p = p * r + 0.001388888888888889;
  p = p * r + 0.008333333333333333;
  p = p * r + 0.041666666666666664;
  p = p * r + 0.16666666666666666;
  p = p * r + 0.5;
  p = p * r + 1;
  p = p * r + 1;
  return p * powersOfTwo[k + 1022];
}

/** log(1 + e) for 0 ≤ e ≤ 1 by 2 atanh(s), |s| ≤ 0.172. */
export function log1pUnit(e: number): number {
  const low = e <= sqrt2Minus1;
  const s = low ? e / (2 + e) : (e - 1) / (e + 3);
  const t = s * s;
  let p = 0.058823529411764705;
  p = p * t + 0.06666666666666667;
  p = p * t + 0.07692307692307693;
  p = p * t + 0.09090909090909091;
  p = p * t + 0.1111111111111111;
  p = p * t + 0.14285714285714285;
  p = p * t + 0.2;
  p = p * t + 0.3333333333333333;
  p = p * t + 1;
  const series = (s + s) * p;
  return low ? series : ln2 + series;
}

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
