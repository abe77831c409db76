/**
 * The one-pass (online SGD) limit of theory.md §11.2: a deterministic map for (q, m), no Monte Carlo.
 * As d → ∞ at fixed B/d a fresh batch is independent of θ_k, so a fresh pair (r, r*) is exactly
 * N(0, Σ_k), Σ_k = [[q_k, m_k], [m_k, 1]], and with P = (E[ℓ' r], E[ℓ' r*]) over it (labels from r*):
 *   m_{k+1} = (1 − λh) m_k − h E[ℓ' r*],
 *   q_{k+1} = (1 − λh)² q_k − 2(1 − λh) h E[ℓ' r] + h² P Σ_k⁺ Pᵀ + h τ E[ℓ'²],
 * at the step h and temperature τ = h/(bα) of the multi-pass run with the same batch B = bαd (§11.1;
 * the SGF's own κ²/α = (1 − b) h/(bα) is another, §10.8 item 10: options.temperature chooses).
 * Expectations: over r* a Gauss–Hermite rule (Gauss–Legendre panels split at the label law's step where
 * it is sharp), given r* over r Gauss–Hermite (panels split at the force's kinks), the label summed exactly
 * (Model.labelAverages). Train loss and error are the test ones: every sample is fresh.
 */
import { drain } from '../slices';
import { gaussHermite, normalRuleAcross, type Quadrature } from '../math/gaussian';
import { glmModel, type GlmModel } from '../models';
import { stepGrid, validateParams, type Params } from '../params';
import { appendRow, emptyTable, rowIsValid, type Divergence, type IndexedRow, type ObservableRow, type RowStreamOptions, type SeriesTable } from '../series';

/** onRow is called with every row as soon as it is computed (k = 0..K, t = k h). */
export interface OnlineOptions extends RowStreamOptions {
  /** τ of the per-step batch noise h τ E[ℓ'²]; default h/(bα), online SGD with the multi-pass batch B = bαd. */
  temperature?: number;
}

export interface OnlineResult {
  /** The validated parameters. */
  params: Params;
  /** The temperature τ the map used, and its step h (rows at t = k h, k = 0..steps). */
  temperature: number;
  dt: number;
  steps: number;
  /** trainLoss = testLoss and trainError = testError (fresh data); truncated at a divergence. */
  table: SeriesTable;
  diverged: Divergence | null;
}

/** τ = h/(bα): the temperature of online SGD with the batch B = bαd of the multi-pass run (theory.md §11.1). */
export function onlineTemperature(params: Pick<Params, 'step' | 'batchFraction' | 'alpha'>): number {
  return params.step / (params.batchFraction * params.alpha);
}

/** E[ℓ' r], E[ℓ' r*], E[ℓ'²] over (r, r*) ~ N(0, [[q, m], [m, 1]]) with y from r*. */
export interface PairMoments {
  forceField: number;
  forceTeacher: number;
  forceSquare: number;
}

const innerOrder = 48;
const outerOrder = 64;

/** The moments of §11.2 at (q, m): Gauss rules in r* and in r given r*, the label law summed exactly. */
export function pairMoments(model: GlmModel, params: Params, q: number, m: number): PairMoments {
  // Gauss–Hermite in r* unless the label law changes over less than 1/3 (a sharp or sign teacher, β > 3), as
  // the logistic test loss does: Legendre panels split at the step there.
  const teacherSteps = model.teacherSteps(params);
  const sharp = teacherSteps.some((step) => !(step.width >= 1 / 3));
  const outer: Quadrature = sharp ? normalRuleAcross(teacherSteps) : gaussHermite(outerOrder);
  const spread = Math.sqrt(Math.max(0, q - m * m));
  const smoothInner = gaussHermite(innerOrder);
  const averages = new Float64Array(2);
  let forceField = 0;
  let forceTeacher = 0;
  let forceSquare = 0;
  for (let i = 0; i < outer.nodes.length; i++) {
    const teacherField = outer.nodes[i];
    const mean = m * teacherField;
    // Given r*, r = m r* + s z: a point when s = 0; panels split at the kinks of ℓ' (in z) where there are any.
    const inner: Quadrature =
      spread === 0
        ? { nodes: Float64Array.of(0), weights: Float64Array.of(1) }
        : model.forceKinks.length > 0
          ? normalRuleAcross(model.forceKinks.map((kink) => ({ at: (kink - mean) / spread, width: 0 })))
          : smoothInner;
    let field = 0;
    let teacher = 0;
    let square = 0;
    for (let j = 0; j < inner.nodes.length; j++) {
      const r = mean + spread * inner.nodes[j];
      model.labelAverages(r, teacherField, params, averages);
      const weight = inner.weights[j];
      field += weight * averages[0] * r;
      teacher += weight * averages[0];
      square += weight * averages[1];
    }
    const weight = outer.weights[i];
    forceField += weight * field;
    forceTeacher += weight * teacher * teacherField;
    forceSquare += weight * square;
  }
  return { forceField, forceTeacher, forceSquare };
}

/**
 * P Σ⁺ Pᵀ for Σ = [[q, m], [m, 1]] (symmetric positive semi-definite): the squared mean drift (J, J*) Σ (J, J*)ᵀ
 * with (J, J*) = P Σ⁺. The pseudo-inverse drops a null direction (q = m², a start on the teacher, or q = 0).
 */
export function driftSquare(forceField: number, forceTeacher: number, q: number, m: number): number {
  const determinant = q - m * m;
  const trace = q + 1;
  if (determinant > 1e-12 * trace * trace) return (forceField * forceField - 2 * m * forceField * forceTeacher + q * forceTeacher * forceTeacher) / determinant;
  // Rank one: Σ = v vᵀ with v = (m, 1) (|v|² = trace), so Σ⁺ = v vᵀ/|v|⁴ and P Σ⁺ Pᵀ = (P·v)²/|v|⁴.
  const projection = forceField * m + forceTeacher;
  return (projection * projection) / (trace * trace);
}

function rowAt(t: number, q: number, m: number, model: GlmModel, params: Params): ObservableRow {
  const finite = Number.isFinite(q) && Number.isFinite(m);
  const testLoss = finite ? model.testLoss(q, m, params) : Number.NaN;
  const testError = finite ? model.testError(q, m, params) : Number.NaN;
  return { t, trainLoss: testLoss, trainError: testError, testLoss, testError, q, m, cosine: q > 0 ? m / Math.sqrt(q) : 0 };
}

/** The map as a generator: yields each row as soon as it is computed and returns the result. */
export function* onlineRows(input: Params, options: Pick<OnlineOptions, 'temperature' | 'shouldStop'> = {}): Generator<IndexedRow, OnlineResult, void> {
  const validation = validateParams(input);
  if (!validation.ok) throw new Error(validation.problems.map((problem) => problem.message).join('; '));
  const params = validation.params;
  const model = glmModel(params.model);
  const h = params.step;
  const temperature = options.temperature ?? onlineTemperature(params);
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new RangeError(`temperature must be a finite number ≥ 0 (got ${temperature})`);
  const { steps } = stepGrid(params);
  const decay = 1 - params.ridge * h;
  let m = params.initOverlap;
  let q = params.initScale * params.initScale + m * m;
  const table = emptyTable();
  let diverged: Divergence | null = null;

  for (let k = 0; k <= steps; k++) {
    if (options.shouldStop?.()) break;
    const row = rowAt(k * h, q, m, model, params);
    if (!rowIsValid(row)) {
      diverged = { at: row.t };
      break;
    }
    appendRow(table, row);
    yield { row, k };
    if (k === steps) break;
    const { forceField, forceTeacher, forceSquare } = pairMoments(model, params, q, m);
    const nextM = decay * m - h * forceTeacher;
    q = decay * decay * q - 2 * decay * h * forceField + h * h * driftSquare(forceField, forceTeacher, q, m) + h * temperature * forceSquare;
    m = nextM;
  }
  return { params, temperature, dt: h, steps, table, diverged };
}

/** Runs the map to the horizon, calling options.onRow with every row. */
export function solveOnline(params: Params, options: OnlineOptions = {}): OnlineResult {
  return drain(onlineRows(params, options), ({ row, k }) => options.onRow?.(row, k));
}
