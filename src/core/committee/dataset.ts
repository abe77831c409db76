/**
 * One finite-d training set of the committee machine (theory.md §10.1): the exact-Gram start (Θ*, Θ(0)),
 * rows x_i ~ N(0, I_d/d), n = round(αd), labels y_i = c* Σ_b g(x_i·θ*^b) + σ_ε ε_i. Everything comes from the
 * dataset stream of (seed, seed index), the start first, so SGF, SGD, GD and one-pass SGD at one seed index share
 * Θ* and Θ(0), and the multi-pass algorithms share X and y (common random numbers).
 * Matrices with d rows (Θ, Θ*, increments) are unit-major, column a at [a·d, a·d + d); per-sample unit
 * values are unit-major too (fields[a·n + i] = x_i·θ^a), as the row kernels write them.
 */
import { sampleCount } from '../params';
import { createRandom, streams } from '../random';
import { createWorkspace, float32, float64, type Allocator, type RowKernels } from '../kernels/workspace';
import { blockRows, maxSteppersPerDataset } from '../sim/dataset';
import { Committee, type SampleTerms } from './committee';
import { initialOverlapMatrix, type CommitteeParams } from './config';
import { drawCommitteeStart } from './initialization';

export interface CommitteeDataset {
  d: number;
  n: number;
  p: number;
  pStar: number;
  committee: Committee;
  /** Design matrix X, n rows of length d, row-major, single precision (sums over it are accumulated in double). */
  features: Float32Array;
  /** Teacher Θ*, p* columns of length d, Θ*ᵀΘ* / d = I exactly. */
  teacher: Float64Array;
  /** Teacher fields r*_i, sample-major: r*_i^b = teacherFields[i·p* + b]. */
  teacherFields: Float64Array;
  labels: Float64Array;
  /** Θ(0), p columns of length d. */
  initialWeights: Float64Array;
  /** The memory holding X and the row kernels over it; each stepper allocates its arrays here. */
  workspace: RowKernels & { allocate: Allocator };
}

/** Bytes one stepper allocates at most: Θ and its increment (p·d each), fields, forces (p·n each), noise (n), batch (n) and its forces (p·n). */
function stepperBytes(n: number, d: number, p: number): number {
  return 8 * (2 * p * d + 3 * p * n + n) + 4 * n + 16 * 8;
}

export function createCommitteeDataset(params: CommitteeParams, seedIndex: number): CommitteeDataset {
  const d = params.dim;
  const n = sampleCount(params);
  const p = params.hidden;
  const pStar = params.teacherHidden;
  const committee = new Committee(params);
  const random = createRandom(params.seed, streams.dataset, seedIndex);
  const workspace = createWorkspace(
    {
      features: float32(n * d),
      teacher: float64(pStar * d),
      teacherUnitFields: float64(pStar * n),
      teacherFields: float64(pStar * n),
      labels: float64(n),
      initialWeights: float64(p * d),
    },
    { spareBytes: maxSteppersPerDataset * stepperBytes(n, d, p) },
  );
  const { features, teacher, teacherUnitFields, teacherFields, labels, initialWeights } = workspace.arrays;
  drawCommitteeStart(d, p, pStar, params.initScale, initialOverlapMatrix(params), random, { teacher, initialWeights });

  const rowScale = 1 / Math.sqrt(d);
  for (let index = 0; index < features.length; index++) features[index] = random.normal() * rowScale;
  for (let b = 0; b < pStar; b++) workspace.dotRows(teacherUnitFields.subarray(b * n, (b + 1) * n), features, d, teacher.subarray(b * d, (b + 1) * d), n);
  for (let i = 0; i < n; i++) for (let b = 0; b < pStar; b++) teacherFields[i * pStar + b] = teacherUnitFields[b * n + i];
  for (let i = 0; i < n; i++) labels[i] = committee.sampleLabel(teacherFields, i * pStar, random);

  return { d, n, p, pStar, committee, features, teacher, teacherFields, labels, initialWeights, workspace };
}

/** The arrays every stepper holds, in the dataset's workspace: Θ (starting at Θ(0)), fields, forces and the increment. */
export function allocateCommitteeTrajectory(dataset: CommitteeDataset): { weights: Float64Array; fields: Float64Array; forces: Float64Array; increment: Float64Array } {
  const { allocate } = dataset.workspace;
  const { d, n, p } = dataset;
  const weights = allocate(float64(p * d));
  weights.set(dataset.initialWeights);
  return { weights, fields: allocate(float64(p * n)), forces: allocate(float64(p * n)), increment: allocate(float64(p * d)) };
}

/** Scratch of the per-sample evaluation: one sample's student field and its loss terms. */
export interface SampleScratch {
  field: Float64Array;
  terms: SampleTerms;
}

export function createSampleScratch(committee: Committee): SampleScratch {
  return { field: new Float64Array(committee.p), terms: committee.createTerms() };
}

/**
 * One pass over X in cache-sized blocks of rows: fields of Θ for every row, the per-sample force f_i
 * (forces[a·n + i], unscaled), and the loss sum Σ_i ℓ_i, which it returns. `onBlock` runs while the block
 * is still in cache (the full-batch increment reads the same rows).
 */
export function fieldsAndForces(
  dataset: CommitteeDataset,
  weights: Float64Array,
  fields: Float64Array,
  forces: Float64Array,
  scratch: SampleScratch,
  onBlock?: (start: number, count: number, rows: Float32Array) => void,
): number {
  const { n, d, p, pStar, features, workspace, committee, labels, teacherFields } = dataset;
  const { field, terms } = scratch;
  const block = blockRows(d);
  let lossSum = 0;
  for (let start = 0; start < n; start += block) {
    const count = Math.min(block, n - start);
    const rows = features.subarray(start * d, (start + count) * d);
    for (let a = 0; a < p; a++) workspace.dotRows(fields.subarray(a * n + start, a * n + start + count), rows, d, weights.subarray(a * d, (a + 1) * d), count);
    for (let i = start; i < start + count; i++) {
      for (let a = 0; a < p; a++) field[a] = fields[a * n + i];
      committee.sampleTerms(field, 0, labels[i], teacherFields, i * pStar, terms);
      lossSum += terms.loss;
      for (let a = 0; a < p; a++) forces[a * n + i] = terms.force[a];
    }
    onBlock?.(start, count, rows);
  }
  return lossSum;
}
