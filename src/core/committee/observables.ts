/**
 * The observables of a committee run at one time (theory.md §10.2), read off Θ: q = ΘᵀΘ/d (p×p),
 * M = ΘᵀΘ* / d (p×p*), the test loss from (q, M) (exact given Θ: a fresh Gaussian point sees only them, ρ = I
 * by the exact-Gram teacher), and the train loss handed in.
 */
import { divergenceThreshold } from '../series';
import type { Committee } from './committee';
import { committeeMatrixNames, committeeRow, type CommitteeRow } from './series';

/** q = ΘᵀΘ/d and M = ΘᵀΘ* / d, row-major; Θ (p columns) and Θ* (p* columns) unit-major with columns of length d. */
export function overlaps(weights: Float64Array, teacher: Float64Array, d: number, p: number, pStar: number): { q: Float64Array; M: Float64Array } {
  const q = new Float64Array(p * p);
  const M = new Float64Array(p * pStar);
  for (let a = 0; a < p; a++) {
    const column = weights.subarray(a * d, (a + 1) * d);
    for (let e = a; e < p; e++) {
      const other = weights.subarray(e * d, (e + 1) * d);
      let dot = 0;
      for (let j = 0; j < d; j++) dot += column[j] * other[j];
      q[a * p + e] = q[e * p + a] = dot / d;
    }
    for (let b = 0; b < pStar; b++) {
      const teacherColumn = teacher.subarray(b * d, (b + 1) * d);
      let dot = 0;
      for (let j = 0; j < d; j++) dot += column[j] * teacherColumn[j];
      M[a * pStar + b] = dot / d;
    }
  }
  return { q, M };
}

export function observeCommittee(t: number, trainLoss: number, weights: Float64Array, teacher: Float64Array, d: number, committee: Committee): CommitteeRow {
  const { p, teacherUnits: pStar } = committee;
  const { q, M } = overlaps(weights, teacher, d, p, pStar);
  // A diverged state must not reach the test loss's integrals; the row is rejected anyway.
  const finite = q.every(Number.isFinite) && M.every(Number.isFinite);
  return committeeRow(t, trainLoss, finite ? committee.testLoss(q, M) : Number.NaN, q, M, p, pStar);
}

/** True when the row is finite and not exploding (|value| ≤ divergenceThreshold) in t, the losses and every entry of q and M. */
export function committeeRowIsValid(row: CommitteeRow, p: number, pStar: number): boolean {
  for (const name of ['t', 'trainLoss', 'testLoss', ...committeeMatrixNames(p, pStar)]) {
    const value = row[name];
    if (!Number.isFinite(value) || Math.abs(value) > divergenceThreshold) return false;
  }
  return true;
}
