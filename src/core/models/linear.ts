/** Linear regression, square loss, teacher y = r* + σ_ε ε. */
import type { Model } from './model';

export const linear: Model = {
  id: 'linear',
  label: 'linear regression',
  classifier: false,
  loss: (r, y) => 0.5 * (r - y) * (r - y),
  lossDerivative: (r, y) => r - y,
  lossCurvature: () => 1,
  lossTerms: (r, y, out) => {
    const residual = r - y;
    out[0] = 0.5 * residual * residual;
    out[1] = residual;
    out[2] = 1;
  },
  sampleLabel: (teacherField, random, params) => teacherField + params.labelNoise * random.normal(),
  labelScore: null, // the square loss has an exact response; no Monte-Carlo teacher term is needed
  fieldScoreMean: null,
  marginErrorRate: null,
  testLoss: (q, m, params) => 0.5 * (q - 2 * m + 1 + params.labelNoise * params.labelNoise),
  testError: () => Number.NaN,
};
