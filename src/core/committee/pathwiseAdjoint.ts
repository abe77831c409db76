/**
 * The pathwise (adjoint) field response of the committee DMFT (theory.md §10.4 step 5), exact per trajectory:
 * Λ_k = I, Λ_m = −[Σ_{j=m+1}^{k} Λ_j G_{j,m+1}] D_m (m = k−1, …, 0), Λ_m = ∂r_k/∂ω_m (p×p), in that order
 * (left to right), with D_m = H(r_m; y)(kick_m)/α. Then Γ_km = (1/α) E[w_k H(r_k; y) Λ_m], w_k the kick's
 * mean Δt where it is independent of the past (SGF, GD, uniform SGD) and the kick itself otherwise (epochs).
 * Trajectory-major storage (one trajectory's Λ and D contiguous) keeps the O(k² p³) sweep in cache.
 */

export interface PathwiseBuffers {
  /** D_m per trajectory: drive[(n·size + m)·p² + a·p + c]. */
  drive: Float64Array;
  /** w_k H(r_k; y) per trajectory at the current step: weightedCurvature[n·p² + a·p + c]. */
  weightedCurvature: Float64Array;
  /** G_{j,m+1} copied for the current step: greenBlocks[(m·size + j)·p² + e·p + c], j = m+1…k. */
  greenBlocks: Float64Array;
  /** Λ_m of one trajectory, size·p². */
  sensitivity: Float64Array;
  /** Σ over trajectories of w_k H_k Λ_m, size·p². */
  accumulator: Float64Array;
  /** p² scratch for Σ_j Λ_j G_{j,m+1}. */
  product: Float64Array;
}

export function createPathwiseBuffers(p: number, size: number, count: number): PathwiseBuffers {
  const pp = p * p;
  return {
    drive: new Float64Array(count * size * pp),
    weightedCurvature: new Float64Array(count * pp),
    greenBlocks: new Float64Array(size * size * pp),
    sensitivity: new Float64Array(size * pp),
    accumulator: new Float64Array(size * pp),
    product: new Float64Array(pp),
  };
}

/** Copies the blocks G_{j,m+1} (m < k, m < j ≤ k) out of the block matrix G (row length `width`). */
function gatherGreenBlocks(k: number, p: number, size: number, G: Float64Array, width: number, greenBlocks: Float64Array): void {
  const pp = p * p;
  for (let m = 0; m < k; m++) {
    for (let j = m + 1; j <= k; j++) {
      const target = (m * size + j) * pp;
      for (let e = 0; e < p; e++) for (let c = 0; c < p; c++) greenBlocks[target + e * p + c] = G[(j * p + e) * width + (m + 1) * p + c];
    }
  }
}

/** Λ_m for m = k−1…0 of trajectory n, accumulating w_k H_k Λ_m into buffers.accumulator. */
function sweepTrajectory(n: number, k: number, p: number, size: number, buffers: PathwiseBuffers): void {
  const { drive, weightedCurvature, greenBlocks, sensitivity: lam, accumulator, product } = buffers;
  const pp = p * p;
  lam.fill(0, k * pp, (k + 1) * pp);
  for (let a = 0; a < p; a++) lam[k * pp + a * p + a] = 1;
  const curvature = n * pp;
  for (let m = k - 1; m >= 0; m--) {
    product.fill(0);
    for (let j = m + 1; j <= k; j++) {
      const green = (m * size + j) * pp;
      const sensitivityOffset = j * pp;
      for (let a = 0; a < p; a++) {
        for (let e = 0; e < p; e++) {
          const value = lam[sensitivityOffset + a * p + e];
          if (value === 0) continue;
          for (let c = 0; c < p; c++) product[a * p + c] += value * greenBlocks[green + e * p + c];
        }
      }
    }
    const driveOffset = (n * size + m) * pp;
    const target = m * pp;
    for (let a = 0; a < p; a++) {
      for (let c = 0; c < p; c++) {
        let sum = 0;
        for (let e = 0; e < p; e++) sum += product[a * p + e] * drive[driveOffset + e * p + c];
        lam[target + a * p + c] = -sum;
      }
    }
    for (let a = 0; a < p; a++) {
      for (let c = 0; c < p; c++) {
        let sum = 0;
        for (let e = 0; e < p; e++) sum += weightedCurvature[curvature + a * p + e] * lam[target + e * p + c];
        accumulator[target + a * p + c] += sum;
      }
    }
  }
}

/**
 * Writes Γ_km (m < k) into row block k of the block matrix Gamma: (1/α) mean over the first `count`
 * trajectories of w_k H_k Λ_m. The diagonal block Γ_kk is left to the caller (it uses all trajectories).
 */
export function pathwiseFieldResponse(
  k: number,
  p: number,
  size: number,
  count: number,
  alpha: number,
  G: Float64Array,
  Gamma: Float64Array,
  width: number,
  buffers: PathwiseBuffers,
): void {
  if (k === 0 || count === 0) return;
  const pp = p * p;
  gatherGreenBlocks(k, p, size, G, width, buffers.greenBlocks);
  buffers.accumulator.fill(0, 0, k * pp);
  for (let n = 0; n < count; n++) sweepTrajectory(n, k, p, size, buffers);
  const scale = 1 / (alpha * count);
  for (let m = 0; m < k; m++) {
    for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) Gamma[(k * p + a) * width + m * p + c] = scale * buffers.accumulator[m * pp + a * p + c];
  }
}
