/**
 * The sample step of the logistic loss (../../dmft/sampleStep.ts) over a block's trajectories, with the
 * polynomial e^x and log1p of ../../math/expLogPolynomials.ts instead of two calls of each per trajectory in
 * JavaScript. The JavaScript backend runs dmft/sampleStep.ts's general loop with the logistic model's lossTerms, the
 * same operations and the same order of every sum, so both backends give the same bits.
 * Pointers are byte offsets into the imported memory; 0 means "absent".
 */
import { expReduced, log1pUnit } from '../../math/expLogPolynomials';

/** Sums written to `sums`: the 18 of StepSum (sampleStep.ts), then the 5 of TwinSum (exchange.ts). */
const stepSums = 18;

const log2e: f64 = 1.4426950408889634;
// ln 2 in two parts (fdlibm's): k·ln2High is exact for the k here.
const ln2High: f64 = 6.93147180369123816490e-1;
const ln2Low: f64 = 1.90821492927058770002e-10;

/** e^x for x ≤ 0 (x below −708 is taken as −708: e^x < 4e−308 there), as math/fastExp.ts computes it. */
@inline
function expNonPositive(x: f64): f64 {
  const clamped = max(x, -708.0);
  const k = floor(clamped * log2e + 0.5);
  return expReduced(clamped - k * ln2High - k * ln2Low) * reinterpret<f64>(<i64>(<i32>k + 1023) << 52);
}

@inline
function misclassified(r: f64, y: f64): f64 {
  const agreement = r * y;
  return agreement > 0 ? 0.0 : agreement < 0 ? 1.0 : 0.5;
}

/**
 * Step k of every trajectory p < count for the logistic loss ℓ(r; y) = log(1 + e^{−yr}), SGF or gradient
 * descent (weights 1): r = ω − self-reaction, f = ℓ'(r), u = f(Δt + noiseScale·ξ)/α into row k of `force`,
 * ℓ''(r) and D = ℓ''·increment on the first `responseCount`, and the sums (`sums`; the twin's when `twinned`).
 * `draws` holds ξ (0: none, ξ = 0); the error's control is 1{twinMargins[p] < 0} when given, else 1{yω < 0}.
 */
export function logisticSampleStep(
  k: i32, count: i32, responseCount: i32, dt: f64, alpha: f64, noiseScale: f64,
  labels: usize, scores: usize, field: usize, selfReaction: usize, draws: usize, twinMargins: usize,
  currentForce: usize, force: usize, noise: usize, currentCurvature: usize, drive: usize, sums: usize, twinned: i32,
): void {
  let lossSum: f64 = 0, lossSquareSum: f64 = 0, fieldLossSum: f64 = 0, fieldLossSquareSum: f64 = 0, lossCrossSum: f64 = 0;
  let errorSum: f64 = 0, errorSquareSum: f64 = 0, fieldErrorSum: f64 = 0, fieldErrorSquareSum: f64 = 0, errorCrossSum: f64 = 0;
  let scoreSum: f64 = 0, scoreSquareSum: f64 = 0, fieldScoreSum: f64 = 0, fieldScoreSquareSum: f64 = 0, scoreCrossSum: f64 = 0;
  let forceSum: f64 = 0, forceSquareSum: f64 = 0, curvatureSum: f64 = 0;
  let xSum: f64 = 0, pullSum: f64 = 0, xSquareSum: f64 = 0, pullSquareSum: f64 = 0, crossSum: f64 = 0;
  const forceRow = force + ((<usize>k * <usize>count) << 2);
  const noiseRow = noise + ((<usize>k * <usize>count) << 2);
  const driveRow = drive + ((<usize>k * <usize>responseCount) << 3);
  for (let p = 0; p < count; p++) {
    const at = <usize>p << 3;
    const omega = load<f64>(field + at);
    const r = omega - load<f64>(selfReaction + at);
    const y = load<f64>(labels + at);
    // ℓ, ℓ', ℓ'' at r from one exponential (as logistic.lossTerms); ℓ, ℓ' at ω for the control variates.
    const z = y * r;
    const e = expNonPositive(-abs(z));
    const inverse = 1.0 / (1.0 + e);
    const loss = (z < 0 ? -z : 0.0) + log1pUnit(e);
    const f = -y * (z >= 0 ? e * inverse : inverse);
    const curvature = e * inverse * inverse;
    const fieldZ = y * omega;
    const fieldE = expNonPositive(-abs(fieldZ));
    const fieldInverse = 1.0 / (1.0 + fieldE);
    const fieldLoss = (fieldZ < 0 ? -fieldZ : 0.0) + log1pUnit(fieldE);
    const fieldForce = -y * (fieldZ >= 0 ? fieldE * fieldInverse : fieldInverse);
    const xi = draws ? load<f64>(draws + at) : 0.0;
    const increment = (dt + noiseScale * xi) / alpha;
    if (noise) store<f32>(noiseRow + (<usize>p << 2), <f32>xi);
    store<f64>(currentForce + at, f);
    store<f32>(forceRow + (<usize>p << 2), <f32>(f * increment));
    if (p < responseCount) {
      store<f64>(currentCurvature + at, curvature);
      store<f64>(driveRow + at, curvature * increment);
    }
    lossSum += loss;
    lossSquareSum += loss * loss;
    fieldLossSum += fieldLoss;
    fieldLossSquareSum += fieldLoss * fieldLoss;
    lossCrossSum += loss * fieldLoss;
    const error = misclassified(r, y);
    const fieldError = twinMargins ? misclassified(load<f64>(twinMargins + at), 1.0) : misclassified(omega, y);
    errorSum += error;
    errorSquareSum += error * error;
    fieldErrorSum += fieldError;
    fieldErrorSquareSum += fieldError * fieldError;
    errorCrossSum += error * fieldError;
    if (scores) {
      const labelScore = load<f64>(scores + at);
      const score = f * labelScore;
      const fieldScore = fieldForce * labelScore;
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
  store<f64>(sums, lossSum);
  store<f64>(sums, lossSquareSum, 8);
  store<f64>(sums, fieldLossSum, 16);
  store<f64>(sums, fieldLossSquareSum, 24);
  store<f64>(sums, lossCrossSum, 32);
  store<f64>(sums, errorSum, 40);
  store<f64>(sums, errorSquareSum, 48);
  store<f64>(sums, fieldErrorSum, 56);
  store<f64>(sums, fieldErrorSquareSum, 64);
  store<f64>(sums, errorCrossSum, 72);
  store<f64>(sums, scoreSum, 80);
  store<f64>(sums, scoreSquareSum, 88);
  store<f64>(sums, fieldScoreSum, 96);
  store<f64>(sums, fieldScoreSquareSum, 104);
  store<f64>(sums, scoreCrossSum, 112);
  store<f64>(sums, forceSum, 120);
  store<f64>(sums, forceSquareSum, 128);
  store<f64>(sums, curvatureSum, 136);
  const twin = sums + (<usize>stepSums << 3);
  store<f64>(twin, xSum);
  store<f64>(twin, pullSum, 8);
  store<f64>(twin, xSquareSum, 16);
  store<f64>(twin, pullSquareSum, 24);
  store<f64>(twin, crossSum, 32);
}
