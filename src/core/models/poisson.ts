/**
 * Poisson regression: y ~ Poisson(e^{r*}), loss ℓ(r; y) = e^r − y r (the negative log-likelihood up to
 * log y!), ℓ' = e^r − y, ℓ'' = e^r. Regression: no error columns.
 *
 * The exponential is not clamped (that would change the model): e^r overflows only for r > 709, and an
 * overflow makes the row non-finite, which ends the run as diverged. The guard is the step-size bound below.
 * Each sample's field moves by c (y − e^r) per step, c its step (h/α for GD, h/(bα) for an SGD batch, the
 * SGF's (h + κ√h ξ)/α), a Newton-like step on a curvature e^r: it overshoots once c e^r > 2, and the
 * overshooting sample's force e^{r} then blows θ up (theory and simulation alike). Labels and fields reach
 * r ≈ 4√q (4 standard deviations), so a run is safe while c_max e^{4√q} ≤ 2, c_max = (h + 4κ√h)/α the SGF
 * kick at 4σ (above SGD's h/(bα)); the validator checks it at q = max(1, q(0)), the teacher's q = 1 being
 * where a run heads: safe q ≤ (ln(2/c_max)/4)². Measured (α = 2, λ = 0.01, T = 3–4, theory N = 10⁴–2·10⁴):
 * c_max e⁴ = 1.4 (GD h = 0.05): 16 of 16 solves clean; 2.7 (GD h = 0.1): 1 of 16 solves diverged and another
 * was an outlier; 5.5 (GD h = 0.2), 6.8 (b = 0.5, h = 0.05): 1 of 2 diverged; 8.2 (GD h = 0.3), 12 (b = 0.2,
 * h = 0.05) and 35 (the defaults b = 0.1, h = 0.1): every solve and simulation diverged.
 * The force is also heavy-tailed (log-normal), so Monte-Carlo and seed errors are several times larger
 * than for the classifiers at the same N and d.
 */
import type { Params } from '../params';
import type { GlmModel } from './model';

/** The bound on c_max e^{4√q} (see above). */
const stepBound = 2;

/** c_max e^{4√q} of a run at q = max(1, q(0)): the largest per-sample step times the curvature at 4σ. */
export function poissonStepStiffness(params: Params): number {
  const h = params.step;
  // κ² = h(1 − b)/b (params.ts noiseStrength; not imported: params.ts imports the models).
  const noise = (h * (1 - params.batchFraction)) / params.batchFraction;
  const kick = (h + 4 * Math.sqrt(noise * h)) / params.alpha;
  const q = Math.max(1, params.initScale * params.initScale + params.initOverlap * params.initOverlap);
  return kick * Math.exp(4 * Math.sqrt(q));
}

/** E e^{r*} = e^{1/2} for r* ~ N(0, 1): the mean label. */
const meanRate = Math.exp(0.5);

export const poisson: GlmModel = {
  id: 'poisson',
  kind: 'glm',
  label: 'Poisson regression',
  menuLabel: 'Poisson (counts)',
  summary: 'y ~ Poisson(e^{r*}); loss e^r − y r; needs small steps: (h + 4κ√h)/α · e^4 ≤ 2 (e.g. b = 1, h ≤ 0.07 at α = 2)',
  classifier: false,
  ownParameters: [],
  exactResponse: false,
  exactTheory: false,
  needsInitialOverlap: false,
  loss: (r, y) => Math.exp(r) - y * r,
  lossDerivative: (r, y) => Math.exp(r) - y,
  lossCurvature: (r) => Math.exp(r),
  lossTerms: (r, y, out) => {
    const rate = Math.exp(r);
    out[0] = rate - y * r;
    out[1] = rate - y;
    out[2] = rate;
  },
  // Arrivals of a unit-rate Poisson process in [0, e^{r*}] (sums of exponential gaps): exact, never underflows.
  sampleLabel: (teacherField, random) => {
    const rate = Math.exp(teacherField);
    let count = 0;
    for (let time = -Math.log1p(-random.uniform()); time < rate; time -= Math.log1p(-random.uniform())) count++;
    return count;
  },
  // ∂_{r*} log P(y|r*) = ∂_{r*}(y r* − e^{r*}) = y − e^{r*}.
  labelScore: (y, teacherField) => y - Math.exp(teacherField),
  // E_y[(e^ω − y)(y − e^{r*})] = −Var(y | r*) = −e^{r*}, so the mean is −E e^{r*} = −e^{1/2}, free of (q, m).
  fieldScoreMean: () => -meanRate,
  marginErrorRate: null,
  // E e^ω = e^{q/2}; E[y ω] = E[e^{r*} ω] = m E e^{r*} (Gaussian integration by parts).
  testLoss: (q, m) => Math.exp(0.5 * q) - m * meanRate,
  testError: () => Number.NaN,
  labelAverages: (r, teacherField, _params, out) => {
    // E_y (e^r − y) = e^r − e^{r*}; E_y (e^r − y)² = (e^r − e^{r*})² + e^{r*} (the Poisson variance).
    const rate = Math.exp(teacherField);
    const mean = Math.exp(r) - rate;
    out[0] = mean;
    out[1] = mean * mean + rate;
  },
  parameterProblems: (params) => {
    const stiffness = poissonStepStiffness(params);
    if (stiffness <= stepBound) return [];
    return [
      {
        name: 'step',
        message:
          `Poisson: the largest per-sample step (h + 4κ√h)/α times the curvature e^{4√q} at q = max(1, q(0)) is ${stiffness.toPrecision(3)} > ${stepBound}: ` +
          'single samples overshoot and the run diverges; lower the step size h or raise the batch fraction b',
      },
    ];
  },
  teacherSteps: () => [],
  forceKinks: [],
};
