/**
 * Symmetrization of the kernel estimates over the relabellings that leave the setup invariant
 * (theory.md §10.4 step 7): pairs (π, π*) of student and teacher permutations with
 * M0[π(a), π*(b)] = M0[a, b] and C_00[π(a), π(c)] = C_00[a, c] (ρ = I is invariant under every π*; the
 * committee's equal second-layer weights make its loss invariant too). The exact kernels are invariant, so
 * averaging the Monte-Carlo estimates over the group removes noise that would seed a spurious symmetry breaking.
 * With M0 = 0 the group is every (π, π*); with M0 = εI and p = p* it is the joint permutations π = π*.
 */

export interface Relabelling {
  student: Int32Array;
  teacher: Int32Array;
}

/** All permutations of 0..n−1. */
export function permutations(n: number): Int32Array[] {
  if (n === 0) return [new Int32Array(0)];
  const result: Int32Array[] = [];
  for (const rest of permutations(n - 1)) {
    for (let position = 0; position < n; position++) {
      const permutation = new Int32Array(n);
      for (let i = 0, j = 0; i < n; i++) permutation[i] = i === position ? n - 1 : rest[j++];
      result.push(permutation);
    }
  }
  return result;
}

function close(x: number, y: number, scale: number): boolean {
  return Math.abs(x - y) <= 1e-12 * scale;
}

/** The relabellings (π, π*) that fix M0 (p×p*) and C_00 (p×p), identity included. */
export function relabellingGroup(p: number, pStar: number, M0: ArrayLike<number>, C00: ArrayLike<number>): Relabelling[] {
  let scale = 1e-300;
  for (let i = 0; i < p * pStar; i++) scale = Math.max(scale, Math.abs(M0[i]));
  for (let i = 0; i < p * p; i++) scale = Math.max(scale, Math.abs(C00[i]));
  const group: Relabelling[] = [];
  const teacherPermutations = permutations(pStar);
  for (const student of permutations(p)) {
    let fixesC = true;
    for (let a = 0; a < p && fixesC; a++) for (let c = 0; c < p && fixesC; c++) fixesC = close(C00[student[a] * p + student[c]], C00[a * p + c], scale);
    if (!fixesC) continue;
    for (const teacher of teacherPermutations) {
      let fixesM = true;
      for (let a = 0; a < p && fixesM; a++) for (let b = 0; b < pStar && fixesM; b++) fixesM = close(M0[student[a] * pStar + teacher[b]], M0[a * pStar + b], scale);
      if (fixesM) group.push({ student, teacher });
    }
  }
  return group;
}

/**
 * Replaces the rows×columns block at `offset` (row stride `stride`) of X by its group average
 * X̄[a, c] = mean over the group of X[π(a), σ(c)], σ = π (student–student block) or π* (student–teacher block).
 */
export function symmetrizeBlock(
  X: Float64Array,
  offset: number,
  stride: number,
  rows: number,
  columns: number,
  group: readonly Relabelling[],
  columnsAreTeachers: boolean,
  scratch: Float64Array,
): void {
  scratch.fill(0, 0, rows * columns);
  for (const { student, teacher } of group) {
    const columnMap = columnsAreTeachers ? teacher : student;
    for (let a = 0; a < rows; a++) {
      const source = offset + student[a] * stride;
      for (let c = 0; c < columns; c++) scratch[a * columns + c] += X[source + columnMap[c]];
    }
  }
  const weight = 1 / group.length;
  for (let a = 0; a < rows; a++) for (let c = 0; c < columns; c++) X[offset + a * stride + c] = weight * scratch[a * columns + c];
}

/** The kernel blocks of one row, as symmetrizeKernelRow needs them. */
export interface KernelRowStorage {
  p: number;
  pStar: number;
  width: number;
  noiseKernel: Float64Array;
  fieldResponse: Float64Array;
  teacherResponse: Float64Array;
}

/** Averages Q_kl, Γ_kl (l ≤ k) and Γ*_k over the group, in place. */
export function symmetrizeKernelRow(k: number, kernels: KernelRowStorage, group: readonly Relabelling[], scratch: Float64Array): void {
  const { p, pStar, width } = kernels;
  for (let l = 0; l <= k; l++) {
    const offset = k * p * width + l * p;
    symmetrizeBlock(kernels.noiseKernel, offset, width, p, p, group, false, scratch);
    symmetrizeBlock(kernels.fieldResponse, offset, width, p, p, group, false, scratch);
  }
  symmetrizeBlock(kernels.teacherResponse, k * p * pStar, pStar, p, pStar, group, true, scratch);
}
