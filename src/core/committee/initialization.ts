/**
 * The exact-Gram start of a committee simulation (theory.md §10.1): teacher Θ* (d×p*) and initial directions
 * G (d×p) with exactly orthonormal columns scaled by √d, G ⊥ Θ*, and Θ(0) = σ₀ G + Θ* M0ᵀ, so that
 * ρ = Θ*ᵀΘ* / d = I, M(0) = M0 and q(0) = σ₀² I + M0 M0ᵀ hold to rounding for every seed, as in the DMFT.
 * Matrices with d rows are stored unit-major: column a is array[a·d … a·d + d − 1].
 */
import type { Random } from '../random';

/**
 * Fills `frame` (count columns of length d, unit-major) with Gaussian vectors made orthonormal by modified
 * Gram–Schmidt, each projection done twice (one pass leaves an O(ε·cond) overlap), then scaled to |column|² = d.
 */
export function orthonormalFrame(frame: Float64Array, d: number, count: number, random: Random): void {
  if (count > d) throw new RangeError(`${count} orthonormal columns need d ≥ ${count}, got d = ${d}`);
  random.fillNormal(frame);
  for (let a = 0; a < count; a++) {
    const column = frame.subarray(a * d, (a + 1) * d);
    for (let pass = 0; pass < 2; pass++) {
      for (let e = 0; e < a; e++) {
        const earlier = frame.subarray(e * d, (e + 1) * d);
        let projection = 0;
        for (let j = 0; j < d; j++) projection += column[j] * earlier[j];
        projection /= d; // earlier columns already have |·|² = d
        for (let j = 0; j < d; j++) column[j] -= projection * earlier[j];
      }
    }
    let squares = 0;
    for (let j = 0; j < d; j++) squares += column[j] * column[j];
    const scale = Math.sqrt(d / squares);
    for (let j = 0; j < d; j++) column[j] *= scale;
  }
}

export interface CommitteeStart {
  /** Teacher Θ*, p* columns of length d with Θ*ᵀΘ* / d = I. */
  teacher: Float64Array;
  /** Θ(0) = σ₀ G + Θ* M0ᵀ, p columns of length d. */
  initialWeights: Float64Array;
}

/**
 * Draws the frame (Θ*, G) of p* + p orthonormal columns and plants Θ(0) = σ₀ G + Θ* M0ᵀ;
 * M0 is p×p* row-major. `teacher` and `initialWeights` may be given (e.g. arrays of a workspace).
 */
export function drawCommitteeStart(
  d: number,
  p: number,
  pStar: number,
  initScale: number,
  M0: ArrayLike<number>,
  random: Random,
  out: CommitteeStart = { teacher: new Float64Array(pStar * d), initialWeights: new Float64Array(p * d) },
): CommitteeStart {
  const frame = new Float64Array((pStar + p) * d);
  orthonormalFrame(frame, d, pStar + p, random);
  const { teacher, initialWeights } = out;
  teacher.set(frame.subarray(0, pStar * d));
  for (let a = 0; a < p; a++) {
    const column = initialWeights.subarray(a * d, (a + 1) * d);
    const direction = frame.subarray((pStar + a) * d, (pStar + a + 1) * d);
    for (let j = 0; j < d; j++) column[j] = initScale * direction[j];
    for (let b = 0; b < pStar; b++) {
      const overlap = M0[a * pStar + b];
      if (overlap === 0) continue;
      const teacherColumn = teacher.subarray(b * d, (b + 1) * d);
      for (let j = 0; j < d; j++) column[j] += overlap * teacherColumn[j];
    }
  }
  return out;
}
