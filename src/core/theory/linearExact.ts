/**
 * Exact deterministic theory of the linear model (theory.md §8): homogenized SGD resummed to all
 * orders in κ², an oracle for the DMFT solver and an overlay for the plots. No Monte Carlo.
 *
 * Valid for the models with Model.exactTheory (square loss, linear teacher) with θ(0) = 0 only, as §8 is derived; any other input is
 * refused with a RangeError (see `linearExactProblems`) rather than silently answered with a formula
 * that does not hold.
 *
 * Two flavours on the same output grid t_k = kΔt, Δt = gridStep(params), k = 0..timeSteps(params):
 * - discrete (default): the Euler–Maruyama chain with step Δt (what SGD follows when Δt = h);
 * - continuous: the SGF itself, the Volterra equations of §8 integrated on a fine sub-grid.
 */
import { getModel, modelsWith } from '../models';
import { gridStep, noiseStrength, timeSteps, type Params } from '../params';
import { appendRow, emptyTable, rowIsValid, type Divergence, type ObservableRow, type SeriesTable } from '../series';

export interface LinearExactOptions {
  /** Continuous-time SGF (Volterra equations) instead of the discrete Δt chain. */
  continuous?: boolean;
  /** Gauss–Chebyshev nodes for dμ; default grows with the horizon and the spectrum width. */
  nodes?: number;
  /** Continuous mode: fine sub-steps per output step Δt; default from an accuracy target. */
  subSteps?: number;
}

export interface LinearExactResult {
  /** Observables on t_k = kΔt; trainError and testError are NaN (regression). Truncated at a divergence. */
  table: SeriesTable;
  /** First output time whose row is non-finite or beyond divergenceThreshold; null if none. */
  diverged: Divergence | null;
}

/** Quadrature of dμ(ν) = ν ρ_MP(ν) dν: Σ weight[i] f(nu[i]) ≈ ∫ f dμ. */
export interface SpectralMeasure {
  nu: Float64Array;
  weight: Float64Array;
}

/** Readable reasons why §8 does not apply to these parameters (empty when it does). */
export function linearExactProblems(params: Pick<Params, 'model' | 'initScale' | 'initOverlap'>): string[] {
  const problems: string[] = [];
  if (!getModel(params.model).exactTheory) {
    problems.push(`the exact theory is for model ${modelsWith((model) => model.exactTheory).join(', ')} only (got ${params.model})`);
  }
  if (params.initScale !== 0) {
    problems.push(`the exact theory assumes θ(0) = 0: initScale must be 0 (got ${params.initScale})`);
  }
  if (params.initOverlap !== 0) problems.push(`the exact theory assumes θ(0) = 0: initOverlap must be 0 (got ${params.initOverlap})`);
  return problems;
}

/**
 * Gauss–Chebyshev (second kind) rule for dμ(ν) = (α/2π) √((ν₊ − ν)(ν − ν₋)) dν on [ν₋, ν₊],
 * ν± = (1 ± α^{−1/2})², a semicircle of total mass 1.
 * With ν = c + h x: dμ = (α h²/2π) √(1 − x²) dx, and ∫ f √(1−x²) dx ≈ Σ π/(n+1) sin²(iπ/(n+1)) f(cos(iπ/(n+1))).
 */
export function spectralMeasure(alpha: number, nodes: number): SpectralMeasure {
  const root = 1 / Math.sqrt(alpha);
  const lower = (1 - root) * (1 - root);
  const upper = (1 + root) * (1 + root);
  const center = 0.5 * (upper + lower);
  const halfWidth = 0.5 * (upper - lower);
  const nu = new Float64Array(nodes);
  const weight = new Float64Array(nodes);
  const scale = (alpha * halfWidth * halfWidth) / (2 * Math.PI);
  for (let i = 0; i < nodes; i++) {
    const angle = ((i + 1) * Math.PI) / (nodes + 1);
    const sine = Math.sin(angle);
    nu[i] = center + halfWidth * Math.cos(angle);
    weight[i] = scale * (Math.PI / (nodes + 1)) * sine * sine;
  }
  return { nu, weight };
}

/**
 * Stability ratio G: the loss stays bounded iff G < 1.
 * Continuous: G = (κ²/α) ∫ ν/(2A) dμ. Discrete: G_Δt = (κ²/α) Δt Σ_p ∫ ν g^{2p} dμ = (κ²/α) ∫ ν/(A(2 − ΔtA)) dμ,
 * and Infinity when |g| ≥ 1 somewhere on the spectrum (gradient descent itself is unstable).
 */
export function stabilityRatio(params: Params, options: Pick<LinearExactOptions, 'continuous' | 'nodes'> = {}): number {
  const measure = spectralMeasure(params.alpha, options.nodes ?? 1024);
  const coupling = noiseStrength(params) / params.alpha;
  const dt = gridStep(params);
  let integral = 0;
  for (let i = 0; i < measure.nu.length; i++) {
    const nu = measure.nu[i];
    const decay = nu + params.ridge;
    if (options.continuous) integral += (measure.weight[i] * nu) / (2 * decay);
    else {
      const g = 1 - dt * decay;
      if (Math.abs(g) >= 1) return Infinity;
      integral += (measure.weight[i] * nu) / (decay * (2 - dt * decay));
    }
  }
  return coupling * integral;
}

/** Default node count: Chebyshev needs ~√(degree) more nodes as e^{−2Aτ} sharpens with the horizon. */
function defaultNodes(params: Params): number {
  const width = 4 / Math.sqrt(params.alpha);
  return Math.min(4096, 256 + Math.ceil(8 * Math.sqrt(params.horizon * width)));
}

/**
 * Solves §8 for the linear model on the output grid t_k = kΔt.
 * Throws a RangeError when `linearExactProblems(params)` is not empty.
 */
export function solveLinearExact(params: Params, options: LinearExactOptions = {}): LinearExactResult {
  const problems = linearExactProblems(params);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const measure = spectralMeasure(params.alpha, options.nodes ?? defaultNodes(params));
  return options.continuous ? solveContinuous(params, measure, options.subSteps) : solveDiscrete(params, measure);
}

/** Closed-form pieces shared by both flavours: moments of the gradient-flow/descent solution F. */
interface GradientPart {
  m: number;
  q: number;
  loss: number;
}

function gradientPart(measure: SpectralMeasure, response: Float64Array, params: Params): GradientPart {
  const noiseOverAlpha = (params.labelNoise * params.labelNoise) / params.alpha;
  let m = 0;
  let q = 0;
  let lossIntegral = 0;
  for (let i = 0; i < response.length; i++) {
    const nu = measure.nu[i];
    const f = response[i];
    const signal = nu + noiseOverAlpha; // s(ν)
    m += measure.weight[i] * f;
    q += measure.weight[i] * f * f * signal;
    lossIntegral += measure.weight[i] * (nu * f * f - 2 * f) * signal;
  }
  const loss = 0.5 * (1 + params.labelNoise * params.labelNoise) + 0.5 * lossIntegral;
  return { m, q, loss };
}

function observableRow(t: number, trainLoss: number, q: number, m: number, params: Params): ObservableRow {
  const testLoss = 0.5 * (q - 2 * m + 1 + params.labelNoise * params.labelNoise);
  // θ = 0 has no direction; report cosine 0 as the models report a coin-flip error at q = 0.
  const cosine = q > 1e-300 ? m / Math.sqrt(q) : 0;
  return { t, trainLoss, trainError: Number.NaN, testLoss, testError: Number.NaN, q, m, cosine };
}

/**
 * Discrete chain: g = 1 − ΔtA, F_k = (1 − g^k)/A computed as F_{k+1} = g F_k + Δt (no cancellation at small A),
 * L_k = L_GF,k + Δt(κ²/α) Σ_{j<k} K_L(k−1−j) L_j,  q_k = q_GF,k + 2Δt(κ²/α) Σ_{j<k} K_q(k−1−j) L_j.
 */
function solveDiscrete(params: Params, measure: SpectralMeasure): LinearExactResult {
  const dt = gridStep(params);
  const steps = timeSteps(params);
  const coupling = noiseStrength(params) / params.alpha;
  const nodes = measure.nu.length;
  const g = new Float64Array(nodes);
  for (let i = 0; i < nodes; i++) g[i] = 1 - dt * (measure.nu[i] + params.ridge);

  // Kernels K_L(p) = ∫ ν g^{2p} dμ and K_q(p) = ∫ g^{2p} dμ, p = 0..K−1, built lazily with the rows.
  const kernelLoss: number[] = [];
  const kernelOverlap: number[] = [];
  const power = new Float64Array(nodes).fill(1); // g^{2p}
  const response = new Float64Array(nodes); // F_k
  const losses: number[] = [];
  const table = emptyTable();

  for (let k = 0; k <= steps; k++) {
    const base = gradientPart(measure, response, params);
    let lossMemory = 0;
    let overlapMemory = 0;
    for (let j = 0; j < k; j++) {
      lossMemory += kernelLoss[k - 1 - j] * losses[j];
      overlapMemory += kernelOverlap[k - 1 - j] * losses[j];
    }
    const loss = base.loss + dt * coupling * lossMemory;
    const q = base.q + 2 * dt * coupling * overlapMemory;
    const row = observableRow(k * dt, loss, q, base.m, params);
    if (!rowIsValid(row)) return { table, diverged: { at: row.t } };
    appendRow(table, row);
    losses.push(loss);

    // Prepare step k + 1: kernel index p = k, then advance F.
    let kl = 0;
    let kq = 0;
    for (let i = 0; i < nodes; i++) {
      kl += measure.weight[i] * measure.nu[i] * power[i];
      kq += measure.weight[i] * power[i];
      power[i] *= g[i] * g[i];
      response[i] = g[i] * response[i] + dt;
    }
    kernelLoss.push(kl);
    kernelOverlap.push(kq);
  }
  return { table, diverged: null };
}

/** (1 − e^{−x})/x, accurate at small x. */
function phi1(x: number): number {
  return x < 1e-4 ? 1 - x / 2 + (x * x) / 6 : -Math.expm1(-x) / x;
}

/** (1 − e^{−x}(1 + x))/x², accurate at small x. */
function phi2(x: number): number {
  return x < 1e-3 ? 0.5 - x / 3 + (x * x) / 8 - (x * x * x) / 30 : (-Math.expm1(-x) - x * Math.exp(-x)) / (x * x);
}

/**
 * Continuous SGF. The kernels are sums of exponentials over the quadrature nodes,
 * K_L(τ) = Σ_i w_i ν_i e^{−2A_i τ}, K_q(τ) = Σ_i w_i e^{−2A_i τ}, so the memory ∫₀ᵗ e^{−2A_i(t−s)} L(s) ds
 * is carried per node and advanced exactly over each fine step for L linear in between
 * (product trapezoid, error O(δ²) in L'' only). L at the new point enters linearly: one scalar solve.
 */
function solveContinuous(params: Params, measure: SpectralMeasure, subStepsOption?: number): LinearExactResult {
  const dt = gridStep(params);
  const steps = timeSteps(params);
  const coupling = noiseStrength(params) / params.alpha;
  const nodes = measure.nu.length;

  let maxDecay = 0;
  let kernelLossAtZero = 0;
  for (let i = 0; i < nodes; i++) {
    maxDecay = Math.max(maxDecay, measure.nu[i] + params.ridge);
    kernelLossAtZero += measure.weight[i] * measure.nu[i];
  }
  // Fine step: small against the fastest relaxation 1/A and the initial noise growth rate κ²K_L(0)/α.
  const targetStep = Math.min(0.002, 0.02 / maxDecay, 0.02 / Math.max(1e-12, coupling * kernelLossAtZero));
  const subSteps = subStepsOption ?? Math.max(1, Math.ceil(dt / targetStep));
  const delta = dt / subSteps;

  const responseDecay = new Float64Array(nodes); // e^{−Aδ}
  const responseGain = new Float64Array(nodes); // (1 − e^{−Aδ})/A
  const memoryDecay = new Float64Array(nodes); // e^{−2Aδ}
  const weightOld = new Float64Array(nodes); // ∫ e^{−2Au}(u/δ) du over the step
  const weightNew = new Float64Array(nodes); // ∫ e^{−2Au}(1 − u/δ) du over the step
  let implicitLoss = 0;
  let implicitOverlap = 0;
  for (let i = 0; i < nodes; i++) {
    const decay = measure.nu[i] + params.ridge;
    responseDecay[i] = Math.exp(-decay * delta);
    responseGain[i] = delta * phi1(decay * delta);
    const x = 2 * decay * delta;
    memoryDecay[i] = Math.exp(-x);
    weightOld[i] = delta * phi2(x);
    weightNew[i] = delta * (phi1(x) - phi2(x));
    implicitLoss += measure.weight[i] * measure.nu[i] * weightNew[i];
    implicitOverlap += measure.weight[i] * weightNew[i];
  }

  const response = new Float64Array(nodes); // F_t
  const memory = new Float64Array(nodes); // ∫₀ᵗ e^{−2A(t−s)} L(s) ds
  const table = emptyTable();
  let loss = gradientPart(measure, response, params).loss;
  const first = observableRow(0, loss, 0, 0, params);
  if (!rowIsValid(first)) return { table, diverged: { at: 0 } };
  appendRow(table, first);

  for (let k = 1; k <= steps; k++) {
    let q = 0;
    let m = 0;
    for (let sub = 0; sub < subSteps; sub++) {
      for (let i = 0; i < nodes; i++) {
        response[i] = responseDecay[i] * response[i] + responseGain[i];
        memory[i] = memoryDecay[i] * memory[i] + weightOld[i] * loss;
      }
      const base = gradientPart(measure, response, params);
      let lossMemory = 0;
      let overlapMemory = 0;
      for (let i = 0; i < nodes; i++) {
        lossMemory += measure.weight[i] * measure.nu[i] * memory[i];
        overlapMemory += measure.weight[i] * memory[i];
      }
      loss = (base.loss + coupling * lossMemory) / (1 - coupling * implicitLoss);
      for (let i = 0; i < nodes; i++) memory[i] += weightNew[i] * loss;
      q = base.q + 2 * coupling * (overlapMemory + implicitOverlap * loss);
      m = base.m;
    }
    const row = observableRow(k * dt, loss, q, m, params);
    if (!rowIsValid(row)) return { table, diverged: { at: row.t } };
    appendRow(table, row);
  }
  return { table, diverged: null };
}
