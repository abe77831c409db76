/** Logistic regression with a logistic teacher P(y = +1 | r*) = σ(β r*); β = ∞ is the sign teacher. */
import { expectNormal, expectNormalAcross } from '../math/gaussian';
import { binaryClassifier } from './binaryLabels';
import type { GlmModel } from './model';
import { expNonPositive, log1pUnit, softplus } from '../math/fastExp';

/** σ(z) = 1/(1 + e^{−z}), overflow-safe. */
export function sigmoid(z: number): number {
  return 0.5 * (1 + Math.tanh(0.5 * z));
}

/** log(1 + e^{x}), overflow-safe (the Gaussian integrals of the test loss evaluate it thousands of times per step). */
export { softplus } from '../math/fastExp';

/** Probability that the teacher labels +1 at field r*. */
export function teacherProbability(teacherField: number, beta: number): number {
  if (beta === Infinity) return teacherField >= 0 ? 1 : 0;
  return sigmoid(beta * teacherField);
}

/**
 * ℓ, ℓ', ℓ'' at margin z = y r from one exponential e = e^{−|z|} (math/fastExp.ts's polynomial), into out[0..2]:
 * the WebAssembly sample step (kernels/assembly/logisticStep.ts) computes them operation for operation, so the
 * JavaScript backend's general loop with these terms gives its bits. loss, lossDerivative and lossCurvature are the same.
 */
function lossTerms(r: number, y: number, out: Float64Array): void {
  const z = y * r;
  const e = expNonPositive(-Math.abs(z));
  out[0] = (z < 0 ? -z : 0) + log1pUnit(e);
  out[1] = derivativeAtMargin(z, y, e);
  out[2] = curvatureOf(e);
}

/** ℓ' = −y σ(−z), with σ(−z) = e/(1 + e) for z ≥ 0 and 1/(1 + e) for z < 0. */
function derivativeAtMargin(z: number, y: number, e: number): number {
  const inverse = 1 / (1 + e);
  return -y * (z >= 0 ? e * inverse : inverse);
}

/** ℓ'(r; +1) and ℓ'(r; −1) from one exponential: the margins ±r share e = e^{−|r|}, so these are lossDerivative's bits. */
function labelForces(r: number, out: Float64Array): void {
  const e = expNonPositive(-Math.abs(r));
  out[0] = derivativeAtMargin(r, 1, e);
  out[1] = derivativeAtMargin(-r, -1, e);
}

/** ℓ'' = σ(z)σ(−z) = e/(1 + e)². */
function curvatureOf(e: number): number {
  const inverse = 1 / (1 + e);
  return e * inverse * inverse;
}

/**
 * The integrals that depend on β alone (the solver asks for them at every step; kept for the last β):
 * E[r* p(r*)] at r* ~ N(0, 1) (1/√(2π) for the sign teacher), and fieldScoreMean's −β E σ'(β r*).
 */
const teacherConstants = (() => {
  let lastBeta = Number.NaN;
  let last = { fieldCorrelation: 0, fieldScoreMean: 0 };
  return (beta: number): { fieldCorrelation: number; fieldScoreMean: number } => {
    if (beta === lastBeta) return last;
    const correlation = (teacherField: number): number => teacherField * teacherProbability(teacherField, beta);
    // A smooth rule resolves the teacher's step at 0 only for a soft teacher (β ≤ 3).
    const fieldCorrelation = beta <= 3 ? expectNormal(correlation, 48) : expectNormalAcross(correlation, [{ at: 0, width: 1 / beta }]);
    // The sign teacher has no label score (labelScored is false there): no mean either.
    const fieldScoreMean = Number.isFinite(beta) ? -beta * expectNormalAcross((z) => sigmoid(beta * z) * sigmoid(-beta * z), [{ at: 0, width: 1 / beta }]) : Number.NaN;
    last = { fieldCorrelation, fieldScoreMean };
    lastBeta = beta;
    return last;
  };
})();

export const logistic: GlmModel = binaryClassifier({
  id: 'logistic',
  label: 'logistic regression',
  menuLabel: 'logistic (labels ±1)',
  summary: 'labels ±1 with P(y = +1) = σ(β r*) (β = inf: y = sign r*); loss log(1 + e^{−y r})',
  teacherProbability,
  loss: (r, y) => softplus(-y * r),
  lossDerivative: (r, y) => {
    const z = y * r;
    return derivativeAtMargin(z, y, expNonPositive(-Math.abs(z)));
  },
  lossCurvature: (r) => curvatureOf(expNonPositive(-Math.abs(r))),
  lossTerms,
  labelForces,
  // P(y | r*) = σ(β y r*), so ∂ log P/∂r* = β y σ(−β y r*). Undefined for β = ∞ (callers fall back to Stein).
  labelScore: (y, teacherField, params) => params.beta * y * sigmoid(-params.beta * y * teacherField),
  // Σ_y P(y|r*) ℓ'(ω; y) ∂_{r*} log P(y|r*) = ∂_{r*}[σ(ω) − σ(βr*)] = −β σ'(βr*): free of ω, so of (q, m).
  // A spike of width 1/β at r* = 0: integrated across it (Gauss–Hermite misses it for β ≳ 10).
  fieldScoreMean: (_q, _m, params) => teacherConstants(params.beta).fieldScoreMean,
  // p ℓ(ω; +1) + (1 − p) ℓ(ω; −1) = softplus(ω) − p ω, and ω = m r* + s z with z independent of r*: so the test loss is
  // E softplus(ω) over ω ~ N(0, q), minus m E[r* p(r*)], two one-dimensional integrals (the first across softplus's bend
  // at 0, of width 1/√q in z: a plain Gauss–Hermite rule misses it by 0.3% at q = 200).
  testLoss: (q, m, params) => {
    const spread = Math.sqrt(Math.max(0, q));
    const fieldLoss = spread > 0 ? expectNormalAcross((z) => softplus(spread * z), [{ at: 0, width: 1 / spread }]) : Math.LN2;
    return fieldLoss - m * teacherConstants(params.beta).fieldCorrelation;
  },
  testError: (q, m, params) => {
    if (q <= 1e-300) return 0.5; // ω = 0: no prediction beats a coin
    if (params.beta === Infinity) return Math.acos(Math.max(-1, Math.min(1, m / Math.sqrt(q)))) / Math.PI;
    const s = Math.sqrt(Math.max(0, q - m * m));
    // Given r*, ω ~ N(m r*, s²): P(sign ω ≠ y) is the error rate of that Gaussian margin without shift.
    if (s > 0) return logistic.marginErrorRate!(m, s, 0, params);
    return expectNormalAcross((teacherField) => {
      const p = sigmoid(params.beta * teacherField);
      const negative = m * teacherField < 0 ? 1 : 0;
      return p * negative + (1 - p) * (1 - negative);
    }, [{ at: 0, width: 1 / params.beta }]);
  },
  forceKinks: [],
});
