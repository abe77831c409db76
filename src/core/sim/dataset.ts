/**
 * One finite-d training set (theory.md §1): rows x_i ~ N(0, I_d/d), teacher θ* uniform on the sphere of
 * radius √d (the normalized N(0, I_d), so ρ = |θ*|²/d = 1 exactly),
 * labels from the teacher field x_i·θ*, and the initial weights θ(0) = σ₀ g + ε θ*.
 * Also the kernels every stepper runs over the design matrix, shared so that SGF, SGD and GD do
 * bit-identical arithmetic where their updates coincide.
 */
import { glmModel } from '../models';
import { sampleCount, type Params } from '../params';
import { createRandom, streams, type Random } from '../random';
import { createWorkspace, float32, float64, type Allocator, type RowKernels } from '../kernels/workspace';

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
  /**
   * The memory that holds X and the row kernels over it; each stepper allocates its own arrays here
   * (room for maxSteppersPerDataset of them), since the kernels read only arrays of their workspace.
   */
  workspace: RowKernels & { allocate: Allocator };
}

/** Steppers that can run on one dataset at once (a seed runs one; the rest is margin for callers comparing algorithms). */
export const maxSteppersPerDataset = 4;

/** Bytes one stepper allocates at most: θ, increment (d each), fields, noise, forces (n each), batch indices (n). */
function stepperBytes(n: number, d: number): number {
  return 8 * (2 * d + 3 * n) + 4 * n + 16 * 6;
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
  const model = glmModel(params.model);

  const workspace = createWorkspace(
    { features: float32(n * d), teacher: float64(d), teacherFields: float64(n), labels: float64(n), initialWeights: float64(d) },
    { spareBytes: maxSteppersPerDataset * stepperBytes(n, d) },
  );
  const { features, teacher, teacherFields, labels, initialWeights } = workspace.arrays;
  const rowScale = 1 / Math.sqrt(d);
  workspace.normalRow(features, features.length, random, rowScale);

  drawTeacher(teacher, random);

  workspace.dotRows(teacherFields, features, d, teacher, n);
  for (let i = 0; i < n; i++) labels[i] = model.sampleLabel(teacherFields[i], random, params);

  plantInitialWeights(initialWeights, teacher, params, random);

  return { d, n, sampleRatio: n / d, features, teacher, labels, initialWeights, workspace };
}

/**
 * θ* uniform on the sphere |θ*|² = d: ρ = 1 exactly, so the test-loss and test-error formulas in (q, m)
 * hold for this very teacher, and the O(1/√d) spread of |θ*|²/d does not blur m across seeds.
 */
export function drawTeacher(teacher: Float64Array, random: Random): void {
  const d = teacher.length;
  random.fillNormal(teacher);
  let teacherNormSquared = 0;
  for (let j = 0; j < d; j++) teacherNormSquared += teacher[j] * teacher[j];
  const teacherScale = Math.sqrt(d / teacherNormSquared);
  for (let j = 0; j < d; j++) teacher[j] *= teacherScale;
}

/**
 * θ(0) = σ₀ g + ε θ* with g ⊥ θ* and |g|² = d exactly (the exact-Gram start of theory.md §10.1), so that
 * q(0) = σ₀² + ε² and m(0) = ε hold for every seed, as in the DMFT; no O(d^{−1/2}) spread of the start.
 * The teacher must already satisfy |θ*|² = d. Zero when σ₀ = ε = 0 (no draws then).
 */
export function plantInitialWeights(weights: Float64Array, teacher: Float64Array, params: Pick<Params, 'initScale' | 'initOverlap'>, random: Random): void {
  const d = weights.length;
  weights.fill(0);
  if (params.initScale > 0) {
    random.fillNormal(weights);
    let projection = 0;
    for (let j = 0; j < d; j++) projection += weights[j] * teacher[j];
    projection /= d;
    let squares = 0;
    for (let j = 0; j < d; j++) {
      weights[j] -= projection * teacher[j];
      squares += weights[j] * weights[j];
    }
    const scale = params.initScale * Math.sqrt(d / squares);
    for (let j = 0; j < d; j++) weights[j] *= scale;
  }
  if (params.initOverlap > 0) for (let j = 0; j < d; j++) weights[j] += params.initOverlap * teacher[j];
}

/*
 * Passes over the design matrix, on the row kernels of the dataset's workspace (src/core/kernels).
 * Each field is one dot product, and the increment is accumulated in groups of four rows in ascending
 * row order by every algorithm, so GD, SGF at κ = 0 and SGD at b = 1 agree to the last bit.
 */

/** Rows per block of the fused pass: a block (≤ 128 KiB of X) is still in cache when it is read again. */
export function blockRows(d: number): number {
  return Math.max(4, Math.floor(32768 / d) & ~3);
}

/** out = X v (length n); v and out are arrays of the dataset's workspace. */
export function multiplyRows(dataset: Dataset, vector: Float64Array, out: Float64Array): void {
  dataset.workspace.dotRows(out, dataset.features, dataset.d, vector, dataset.n);
}

/**
 * One fused pass over X for the full-batch algorithms: fields = Xθ and
 * increment = Σ_i force(i, r_i) x_i, each block of rows used for both while it is in cache.
 * `forces` (length n) receives the forces; all arrays belong to the dataset's workspace.
 */
export function fieldsAndIncrement(
  dataset: Dataset,
  weights: Float64Array,
  fields: Float64Array,
  forces: Float64Array,
  increment: Float64Array,
  force: (i: number, field: number) => number,
): void {
  const { n, d, features, workspace } = dataset;
  const block = blockRows(d);
  increment.fill(0);
  for (let start = 0; start < n; start += block) {
    const count = Math.min(block, n - start);
    const rows = features.subarray(start * d, (start + count) * d);
    workspace.dotRows(fields.subarray(start, start + count), rows, d, weights, count);
    for (let i = start; i < start + count; i++) forces[i] = force(i, fields[i]);
    workspace.combineRows(increment, rows, d, forces.subarray(start, start + count), count, true);
  }
}

/**
 * increment = Σ_k coefficients[k] x_{rows[k]} over the first `count` rows listed, in groups of four
 * in the listed order (with rows = 0..n−1 this is exactly fieldsAndIncrement's accumulation).
 */
export function combineListedRows(dataset: Dataset, rows: Int32Array, coefficients: Float64Array, count: number, increment: Float64Array): void {
  dataset.workspace.combineIndexedRows(increment, dataset.features, dataset.d, rows, coefficients, count, false);
}

/** The arrays every stepper holds, in the dataset's workspace: θ (starting at θ(0)), its fields r = Xθ, and the increment. */
export function allocateTrajectory(dataset: Dataset): { weights: Float64Array; fields: Float64Array; increment: Float64Array } {
  const { allocate } = dataset.workspace;
  const weights = allocate(float64(dataset.d));
  weights.set(dataset.initialWeights);
  return { weights, fields: allocate(float64(dataset.n)), increment: allocate(float64(dataset.d)) };
}

/** θ ← (1 − λΔt)θ − increment, the common last line of every update. */
export function applyIncrement(weights: Float64Array, shrink: number, increment: Float64Array): void {
  for (let j = 0; j < weights.length; j++) weights[j] = shrink * weights[j] - increment[j];
}
