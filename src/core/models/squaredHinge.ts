/**
 * The squared-hinge SVM: labels as logistic regression (P(y = +1 | r*) = σ(β r*), β = ∞ the sign teacher),
 * loss ℓ(r; y) = ½ max(0, 1 − y r)², so ℓ' = −y max(0, 1 − y r) has a kink at y r = 1 and ℓ'' = 1{y r < 1}.
 * The label law is logistic's, so are the label score, the test error and the margin error rate.
 */
import { expectNormalAcross, normalCdf, type IntegrandStep } from '../math/gaussian';
import type { Params } from '../params';
import { binaryClassifier, binaryTeacherSteps } from './binaryLabels';
import { logistic, sigmoid, teacherProbability } from './logistic';
import type { GlmModel } from './model';
import { normalDensity } from './normal';

/** E max(0, v) and E max(0, v)² for v ~ N(a, s²), into out[0], out[1]. */
export function positivePartMoments(a: number, s: number, out: Float64Array): void {
  if (!(s > 0)) {
    const positive = Math.max(0, a);
    out[0] = positive;
    out[1] = positive * positive;
    return;
  }
  const x = a / s;
  const cdf = normalCdf(x);
  const density = normalDensity(x);
  out[0] = a * cdf + s * density;
  out[1] = (a * a + s * s) * cdf + a * s * density;
}

/** Steps in r* of an integrand over the test pair given r* (ω ~ N(m r*, s²)): the teacher's and the hinge's at m r* = ±1. */
function pairSteps(m: number, s: number, params: Params): IntegrandStep[] {
  const steps = binaryTeacherSteps(params);
  if (m !== 0) {
    const width = s / Math.abs(m);
    steps.push({ at: 1 / m, width }, { at: -1 / m, width });
  }
  return steps;
}

const moments = new Float64Array(2);

export const squaredHinge: GlmModel = binaryClassifier({
  id: 'squared-hinge',
  label: 'squared-hinge SVM',
  menuLabel: 'squared-hinge SVM (labels ±1)',
  summary: 'labels as logistic, P(y = +1) = σ(β r*); loss ½ max(0, 1 − y r)² (the squared-hinge SVM)',
  teacherProbability,
  loss: (r, y) => {
    const gap = 1 - y * r;
    return gap > 0 ? 0.5 * gap * gap : 0;
  },
  lossDerivative: (r, y) => {
    const gap = 1 - y * r;
    return gap > 0 ? -y * gap : 0;
  },
  lossCurvature: (r, y) => (y * r < 1 ? 1 : 0),
  lossTerms: (r, y, out) => {
    const gap = 1 - y * r;
    if (gap > 0) {
      out[0] = 0.5 * gap * gap;
      out[1] = -y * gap;
      out[2] = 1;
    } else {
      out[0] = 0;
      out[1] = 0;
      out[2] = 0;
    }
  },
  labelScore: logistic.labelScore,
  // Σ_y ℓ'(ω; y) ∂_{r*} P(y|r*) = −[max(0, 1 − ω) + max(0, 1 + ω)] β σ'(β r*); given r*, ω ~ N(m r*, q − m²).
  fieldScoreMean: (q, m, params) => {
    const s = Math.sqrt(Math.max(0, q - m * m));
    const beta = params.beta;
    return -beta * expectNormalAcross((teacherField) => {
      const mean = m * teacherField;
      positivePartMoments(1 - mean, s, moments);
      const below = moments[0];
      positivePartMoments(1 + mean, s, moments);
      return sigmoid(beta * teacherField) * sigmoid(-beta * teacherField) * (below + moments[0]);
    }, pairSteps(m, s, params));
  },
  // Given r*, 1 − y ω ~ N(1 − y m r*, q − m²): ½ E max(0, ·)² in closed form, summed over y.
  testLoss: (q, m, params) => {
    const s = Math.sqrt(Math.max(0, q - m * m));
    return expectNormalAcross((teacherField) => {
      const p = teacherProbability(teacherField, params.beta);
      positivePartMoments(1 - m * teacherField, s, moments);
      const positive = moments[1];
      positivePartMoments(1 + m * teacherField, s, moments);
      return 0.5 * (p * positive + (1 - p) * moments[1]);
    }, pairSteps(m, s, params));
  },
  testError: logistic.testError,
  forceKinks: [-1, 1],
});
