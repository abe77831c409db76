/**
 * Probit regression: P(y = +1 | r*) = Φ(β r*) (β = ∞ is the sign teacher), loss ℓ(r; y) = −log Φ(y r).
 * The label is y = sign(u) of a latent u = r* + ζ/β, ζ ~ N(0, 1), so (ω, u) is jointly Gaussian with
 * Var u = 1 + 1/β², Cov(ω, u) = m: the test error is the arccos rule and the test loss a 1-D integral.
 */
import { expectNormal, expectNormalAcross, normalCdf } from '../math/gaussian';
import { binaryClassifier, binaryTeacherSteps } from './binaryLabels';
import type { GlmModel } from './model';
import { inverseMillsRatio, logNormalCdf, normalDensity } from './normal';
import type { Params } from '../params';

/** P(y = +1 | r*) = Φ(β r*); a step for β = ∞. */
function teacherProbability(teacherField: number, beta: number): number {
  if (beta === Infinity) return teacherField >= 0 ? 1 : 0;
  return normalCdf(beta * teacherField);
}

/** Var u = 1 + 1/β² of the latent label field u = r* + ζ/β. */
function latentVariance(params: Params): number {
  return 1 + 1 / (params.beta * params.beta);
}

const mills = new Float64Array(2);

export const probit: GlmModel = binaryClassifier({
  id: 'probit',
  label: 'probit regression',
  menuLabel: 'probit (labels ±1)',
  summary: 'labels ±1 with P(y = +1) = Φ(β r*) (β = inf: y = sign r*); loss −log Φ(y r)',
  teacherProbability,
  loss: (r, y) => -logNormalCdf(y * r),
  lossDerivative: (r, y) => {
    inverseMillsRatio(y * r, mills);
    return -y * mills[0];
  },
  lossCurvature: (r, y) => {
    inverseMillsRatio(y * r, mills);
    return mills[1];
  },
  lossTerms: (r, y, out) => {
    const z = y * r;
    inverseMillsRatio(z, mills);
    out[0] = -logNormalCdf(z);
    out[1] = -y * mills[0];
    out[2] = mills[1];
  },
  // ∂_{r*} log Φ(β y r*) = β y λ(β y r*), λ = φ/Φ.
  labelScore: (y, teacherField, params) => {
    inverseMillsRatio(params.beta * y * teacherField, mills);
    return params.beta * y * mills[0];
  },
  // Σ_y ℓ'(ω; y) ∂_{r*} P(y|r*) = −[λ(ω) + λ(−ω)] β φ(β r*): a spike of width 1/β at r* = 0 times a smooth
  // (analytic) function of ω; given r*, ω ~ N(m r*, q − m²): inner Gauss–Hermite, outer split at the spike.
  fieldScoreMean: (q, m, params) => {
    const s = Math.sqrt(Math.max(0, q - m * m));
    const inner = (mean: number): number =>
      expectNormal((z) => {
        const omega = mean + s * z;
        inverseMillsRatio(omega, mills);
        const up = mills[0];
        inverseMillsRatio(-omega, mills);
        return up + mills[0];
      }, 32);
    const outer = (teacherField: number): number => normalDensity(params.beta * teacherField) * inner(m * teacherField);
    // A soft teacher (β ≤ 3) is smooth enough for Gauss–Hermite, as in the logistic test loss.
    return -params.beta * (params.beta <= 3 ? expectNormal(outer, 48) : expectNormalAcross(outer, binaryTeacherSteps(params)));
  },
  testLoss: (q, m, params) => {
    if (q <= 1e-300) return Math.LN2; // ω = 0: −log Φ(0)
    // ω = √q z; given ω, u ~ N(m ω/q, Var u − m²/q), so P(y = +1 | ω) = Φ(m z/(√q s_u)): steep at z = 0 when s_u is small.
    const root = Math.sqrt(q);
    const spread = Math.sqrt(Math.max(0, latentVariance(params) - (m * m) / q));
    const slope = m / root;
    const width = slope !== 0 ? spread / Math.abs(slope) : 0;
    return expectNormalAcross((z) => {
      const up = spread > 0 ? normalCdf((slope * z) / spread) : slope * z > 0 ? 1 : slope * z < 0 ? 0 : 0.5;
      const omega = root * z;
      return -up * logNormalCdf(omega) - (1 - up) * logNormalCdf(-omega);
    }, [{ at: 0, width }]);
  },
  testError: (q, m, params) => {
    if (q <= 1e-300) return 0.5; // ω = 0: no prediction beats a coin
    return Math.acos(Math.max(-1, Math.min(1, m / Math.sqrt(q * latentVariance(params))))) / Math.PI;
  },
  forceKinks: [],
});
