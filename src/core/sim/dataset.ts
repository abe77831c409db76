/**
 * One finite-d training set (theory.md §1): rows x_i ~ N(0, I_d/d), teacher θ* uniform on the sphere of
 * radius √d (the normalized N(0, I_d), so ρ = |θ*|²/d = 1 exactly),
 * labels from the teacher field x_i·θ*, and the initial weights θ(0) = σ₀ g.
 * Also the kernels every stepper runs over the design matrix, shared so that SGF, SGD and GD do
 * bit-identical arithmetic where their updates coincide.
 */
import { getModel } from '../models';
import { sampleCount, type Params } from '../params';
import { createRandom, streams } from '../random';

export interface Dataset {
  /** Dimension d. */
  d: number;
  /** Number of samples n. */
  n: number;
  /** Realised sample ratio n/d (params.alpha up to the rounding of n). */
  sampleRatio: number;
  /**
   * Design matrix X, n rows of length d, row-major: x_i = features[i·d .. i·d + d). Single precision:
   * the passes over X are memory-bound, and every sum over it is still accumulated in double precision.
   */
  features: Float32Array;
  /** Teacher θ* (length d). */
  teacher: Float64Array;
  /** Labels y_i (length n). */
  labels: Float64Array;
  /** Initial weights θ(0) (length d). */
  initialWeights: Float64Array;
}

/**
 * A trajectory over a dataset, one object per algorithm (sgf.ts, sgd.ts, gd.ts).
 * Per step the driver calls evaluate() (fields of the current θ, read by the observables), then step().
 */
export interface Stepper {
  /** Current weights θ_k (length d), updated in place. */
  readonly weights: Float64Array;
  /** Pre-activations r = Xθ_k of the current weights (length n), valid after evaluate(). */
  readonly fields: Float64Array;
  /**
   * Computes the fields of the current weights. With `prepareStep` it also prepares the next
   * increment where that can share the same pass over X (full-batch algorithms).
   */
  evaluate(prepareStep: boolean): void;
  /** Advances θ_k → θ_{k+1}; requires a preceding evaluate(true). */
  step(): void;
}

/**
 * Draws the dataset of simulation seed `seedIndex`. Everything comes from the dataset stream of
 * (params.seed, seedIndex), so SGF, SGD and GD at the same seed index share it (common random numbers).
 */
export function createDataset(params: Params, seedIndex: number): Dataset {
  const d = params.dim;
  const n = sampleCount(params);
  const random = createRandom(params.seed, streams.dataset, seedIndex);
  const model = getModel(params.model);

  const features = new Float32Array(n * d);
  const rowScale = 1 / Math.sqrt(d);
  for (let index = 0; index < features.length; index++) features[index] = random.normal() * rowScale;

  // θ* uniform on the sphere |θ*|² = d: ρ = 1 exactly, so the test-loss and test-error formulas in (q, m)
  // hold for this very teacher, and the O(1/√d) spread of |θ*|²/d does not blur m across seeds.
  const teacher = new Float64Array(d);
  random.fillNormal(teacher);
  let teacherNormSquared = 0;
  for (let j = 0; j < d; j++) teacherNormSquared += teacher[j] * teacher[j];
  const teacherScale = Math.sqrt(d / teacherNormSquared);
  for (let j = 0; j < d; j++) teacher[j] *= teacherScale;

  const teacherFields = new Float64Array(n);
  multiplyRows(features, n, d, teacher, teacherFields);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) labels[i] = model.sampleLabel(teacherFields[i], random, params);

  const initialWeights = new Float64Array(d);
  if (params.initScale > 0) {
    random.fillNormal(initialWeights);
    for (let j = 0; j < d; j++) initialWeights[j] *= params.initScale;
  }

  return { d, n, sampleRatio: n / d, features, teacher, labels, initialWeights };
}

/*
 * Kernels over the design matrix. Rows go in blocks of four: one load of θ_j (or of the increment)
 * serves four rows, about twice as fast as row by row. Each field is still one sequential sum over j,
 * and the increment is accumulated block by block in ascending row order by every algorithm, so
 * GD, SGF at κ = 0 and SGD at b = 1 agree to the last bit.
 */

/** Fields of the four rows at offsets o0..o3: out[at..at+4) = x·v. */
function fieldsOfFourRows(
  features: Float32Array,
  o0: number,
  o1: number,
  o2: number,
  o3: number,
  vector: Float64Array,
  d: number,
  out: Float64Array,
  at: number,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let j = 0; j < d; j++) {
    const v = vector[j];
    s0 += features[o0 + j] * v;
    s1 += features[o1 + j] * v;
    s2 += features[o2 + j] * v;
    s3 += features[o3 + j] * v;
  }
  out[at] = s0;
  out[at + 1] = s1;
  out[at + 2] = s2;
  out[at + 3] = s3;
}

/** x·v for the row at `offset`, the same sequential sum as fieldsOfFourRows. */
function fieldOfRow(features: Float32Array, offset: number, vector: Float64Array, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += features[offset + j] * vector[j];
  return s;
}

/** accumulator += c0·x0 + c1·x1 + c2·x2 + c3·x3 for the rows at offsets o0..o3. */
function addFourScaledRows(
  accumulator: Float64Array,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  features: Float32Array,
  o0: number,
  o1: number,
  o2: number,
  o3: number,
  d: number,
): void {
  for (let j = 0; j < d; j++) {
    accumulator[j] += c0 * features[o0 + j] + c1 * features[o1 + j] + c2 * features[o2 + j] + c3 * features[o3 + j];
  }
}

/** accumulator += c·x for the row at `offset`. */
function addScaledRow(accumulator: Float64Array, c: number, features: Float32Array, offset: number, d: number): void {
  for (let j = 0; j < d; j++) accumulator[j] += c * features[offset + j];
}

/** out = X v (length n). */
export function multiplyRows(features: Float32Array, n: number, d: number, vector: Float64Array, out: Float64Array): void {
  const blocked = n - (n & 3);
  let i = 0;
  for (; i < blocked; i += 4) {
    const offset = i * d;
    fieldsOfFourRows(features, offset, offset + d, offset + 2 * d, offset + 3 * d, vector, d, out, i);
  }
  for (; i < n; i++) out[i] = fieldOfRow(features, i * d, vector, d);
}

/**
 * One fused pass over X for the full-batch algorithms: fields = Xθ and
 * increment = Σ_i force(i, r_i) x_i, each block of rows used for both while it is in cache.
 */
export function fieldsAndIncrement(
  dataset: Dataset,
  weights: Float64Array,
  fields: Float64Array,
  increment: Float64Array,
  force: (i: number, field: number) => number,
): void {
  const { n, d, features } = dataset;
  increment.fill(0);
  const blocked = n - (n & 3);
  let i = 0;
  for (; i < blocked; i += 4) {
    const o0 = i * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    fieldsOfFourRows(features, o0, o1, o2, o3, weights, d, fields, i);
    const c0 = force(i, fields[i]);
    const c1 = force(i + 1, fields[i + 1]);
    const c2 = force(i + 2, fields[i + 2]);
    const c3 = force(i + 3, fields[i + 3]);
    addFourScaledRows(increment, c0, c1, c2, c3, features, o0, o1, o2, o3, d);
  }
  for (; i < n; i++) {
    const offset = i * d;
    fields[i] = fieldOfRow(features, offset, weights, d);
    addScaledRow(increment, force(i, fields[i]), features, offset, d);
  }
}

/**
 * increment = Σ_k coefficients[k] x_{rows[k]} over the first `count` rows listed, in blocks of four
 * in the listed order (with rows = 0..n−1 this is exactly fieldsAndIncrement's accumulation).
 */
export function combineRows(
  dataset: Dataset,
  rows: Int32Array,
  coefficients: Float64Array,
  count: number,
  increment: Float64Array,
): void {
  const { d, features } = dataset;
  increment.fill(0);
  const blocked = count - (count & 3);
  let k = 0;
  for (; k < blocked; k += 4) {
    addFourScaledRows(
      increment,
      coefficients[k],
      coefficients[k + 1],
      coefficients[k + 2],
      coefficients[k + 3],
      features,
      rows[k] * d,
      rows[k + 1] * d,
      rows[k + 2] * d,
      rows[k + 3] * d,
      d,
    );
  }
  for (; k < count; k++) addScaledRow(increment, coefficients[k], features, rows[k] * d, d);
}

/** θ ← (1 − λΔt)θ − increment, the common last line of every update. */
export function applyIncrement(weights: Float64Array, shrink: number, increment: Float64Array): void {
  for (let j = 0; j < weights.length; j++) weights[j] = shrink * weights[j] - increment[j];
}
