/** Linear regression, square loss, teacher y = r* + σ_ε ε. */
import type { GlmModel } from './model';

export const linear: GlmModel = {
  id: 'linear',
  kind: 'glm',
  label: 'linear regression',
  menuLabel: 'linear (square loss)',
  summary: 'y = r* + σ_ε ε; loss (r − y)²/2',
  classifier: false,
  ownParameters: ['labelNoise'],
  exactResponse: true,
  exactTheory: true,
  needsInitialOverlap: false,
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
  labelAverages: (r, teacherField, params, out) => {
    // y = r* + σ_ε ε: E ℓ' = r − r*, E ℓ'² = (r − r*)² + σ_ε².
    const mean = r - teacherField;
    out[0] = mean;
    out[1] = mean * mean + params.labelNoise * params.labelNoise;
  },
  parameterProblems: () => [],
  teacherSteps: () => [],
  forceKinks: [],
};
