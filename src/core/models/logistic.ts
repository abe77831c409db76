/** Logistic regression with a logistic teacher P(y = +1 | r*) = σ(β r*); β = ∞ is the sign teacher. */
import { expectNormal, expectTestPair, normalCdf } from '../math/gaussian';
import type { Model } from './model';

/** σ(z) = 1/(1 + e^{−z}), overflow-safe. */
export function sigmoid(z: number): number {
  return 0.5 * (1 + Math.tanh(0.5 * z));
}

/** log(1 + e^{x}), overflow-safe. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Probability that the teacher labels +1 at field r*. */
export function teacherProbability(teacherField: number, beta: number): number {
  if (beta === Infinity) return teacherField >= 0 ? 1 : 0;
  return sigmoid(beta * teacherField);
}

export const logistic: Model = {
  id: 'logistic',
  label: 'logistic regression',
  classifier: true,
  loss: (r, y) => softplus(-y * r),
  lossDerivative: (r, y) => -y * sigmoid(-y * r),
  lossCurvature: (r) => {
    const s = sigmoid(r);
    return s * (1 - s);
  },
  lossTerms: (r, y, out) => {
    // One exponential serves all three: with z = y r and e = e^{−|z|}, ℓ = max(−z, 0) + log1p(e),
    // σ(−z) = e/(1 + e) (z ≥ 0) or 1/(1 + e) (z < 0), and ℓ'' = σ(z)σ(−z) = e/(1 + e)².
    const z = y * r;
    const e = Math.exp(-Math.abs(z));
    const inverse = 1 / (1 + e);
    out[0] = (z < 0 ? -z : 0) + Math.log1p(e);
    out[1] = -y * (z >= 0 ? e * inverse : inverse);
    out[2] = e * inverse * inverse;
  },
  sampleLabel: (teacherField, random, params) => {
    if (params.beta === Infinity) return teacherField >= 0 ? 1 : -1;
    return random.uniform() < sigmoid(params.beta * teacherField) ? 1 : -1;
  },
  // P(y | r*) = σ(β y r*), so ∂ log P/∂r* = β y σ(−β y r*). Undefined for β = ∞ (callers fall back to Stein).
  labelScore: (y, teacherField, params) => params.beta * y * sigmoid(-params.beta * y * teacherField),
  // Σ_y P(y|r*) ℓ'(ω; y) ∂_{r*} log P(y|r*) = ∂_{r*}[σ(ω) − σ(βr*)] = −β σ'(βr*): free of ω, so of (q, m).
  fieldScoreMean: (_q, _m, params) => -params.beta * expectNormal((z) => sigmoid(params.beta * z) * sigmoid(-params.beta * z), 96),
  marginErrorRate: (overlap, spread, shift, params) => {
    // 96-node Gauss–Hermite is accurate to ~5·10⁻⁵ while the integrand is smooth on the scale of the nodes:
    // a teacher no sharper than β = 3 and a margin spread at least 0.2 of its overlap (checked against a fine
    // Simpson rule in test/core/errorTwin.test.ts). Sharper cases are left to the caller's fallback.
    if (!(params.beta <= 3) || !(spread > 0) || spread < 0.2 * Math.abs(overlap)) return Number.NaN;
    return expectNormal((teacherField) => {
      const p = sigmoid(params.beta * teacherField);
      return p * normalCdf((-shift - overlap * teacherField) / spread) + (1 - p) * normalCdf((-shift + overlap * teacherField) / spread);
    }, 96);
  },
  testLoss: (q, m, params) =>
    expectTestPair(q, m, (omega, teacherField) => {
      const p = teacherProbability(teacherField, params.beta);
      return p * softplus(-omega) + (1 - p) * softplus(omega);
    }),
  testError: (q, m, params) => {
    if (q <= 1e-300) return 0.5; // ω = 0: no prediction beats a coin
    if (params.beta === Infinity) return Math.acos(Math.max(-1, Math.min(1, m / Math.sqrt(q)))) / Math.PI;
    const s = Math.sqrt(Math.max(0, q - m * m));
    // Given r*, ω ~ N(m r*, s²): P(ω < 0) = Φ(−m r*/s).
    return expectNormal((teacherField) => {
      const p = sigmoid(params.beta * teacherField);
      const negative = s > 0 ? normalCdf((-m * teacherField) / s) : m * teacherField < 0 ? 1 : 0;
      return p * negative + (1 - p) * (1 - negative);
    }, 96);
  },
};
