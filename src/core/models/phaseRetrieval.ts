/**
 * Phase retrieval: y = (r*)² + σ_ε ε, ε ~ N(0, 1), loss ℓ(r; y) = (r² − y)²/4 (non-convex),
 * ℓ' = (r² − y) r, ℓ'' = 3r² − y. Regression: no error columns.
 *
 * The label is even in r*, so m = 0 is invariant of the d → ∞ dynamics (with M = 0 the teacher response
 * vanishes): a run needs a planted initial overlap m(0) = ε > 0 and σ₀ > 0 (needsInitialOverlap).
 * The label law has no smooth score at σ_ε = 0, so the DMFT takes the teacher response by Stein on r*.
 * The cubic force makes a sample's own step unstable once (h/α)(3r² − y) ≳ 2 (h/(bα) for SGD): large
 * step sizes diverge, and a diverged run is reported as such.
 */
import type { GlmModel } from './model';

export const phaseRetrieval: GlmModel = {
  id: 'phase-retrieval',
  kind: 'glm',
  label: 'phase retrieval',
  menuLabel: 'phase retrieval (y = r*²)',
  summary: 'y = (r*)² + σ_ε ε; loss (r² − y)²/4, non-convex; needs --init-overlap ε > 0 and --init-scale σ₀ > 0',
  classifier: false,
  ownParameters: ['labelNoise'],
  exactResponse: false,
  exactTheory: false,
  needsInitialOverlap: true,
  loss: (r, y) => {
    const residual = r * r - y;
    return 0.25 * residual * residual;
  },
  lossDerivative: (r, y) => (r * r - y) * r,
  lossCurvature: (r, y) => 3 * (r * r) - y,
  lossTerms: (r, y, out) => {
    const square = r * r;
    const residual = square - y;
    out[0] = 0.25 * residual * residual;
    out[1] = residual * r;
    out[2] = 3 * square - y;
  },
  sampleLabel: (teacherField, random, params) => teacherField * teacherField + params.labelNoise * random.normal(),
  labelScore: null,
  fieldScoreMean: null,
  marginErrorRate: null,
  // E(ω² − r*²)² = 3q² − 2(q + 2m²) + 3 (Isserlis), plus the label noise σ_ε².
  testLoss: (q, m, params) => 0.25 * (3 * q * q - 2 * q - 4 * m * m + 3 + params.labelNoise * params.labelNoise),
  testError: () => Number.NaN,
  labelAverages: (r, teacherField, params, out) => {
    // E_y (r² − y) r = (r² − r*²) r; E_y ((r² − y) r)² = ((r² − r*²)² + σ_ε²) r².
    const residual = r * r - teacherField * teacherField;
    out[0] = residual * r;
    out[1] = (residual * residual + params.labelNoise * params.labelNoise) * r * r;
  },
  parameterProblems: () => [],
  teacherSteps: () => [],
  forceKinks: [],
};
