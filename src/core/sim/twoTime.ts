/**
 * Two-time functions on a coarse time grid: C(t, t′) = θ(t)·θ(t′)/d of one simulated seed (the finite-d twin
 * of the DMFT's C_{kl} = E[θ_k θ_l], theory.md §4), and the DMFT's own (K+1)×(K+1) matrices sampled on the
 * same kind of grid. The grid has at most `maxTwoTimePoints` times, so a matrix is at most 129² values.
 */

/** Most grid times of a two-time function (128 intervals): a 129 × 129 heatmap, 130 kB per matrix. */
export const maxTwoTimePoints = 129;
/** Most values of θ one seed keeps for its Gram matrix (2²¹ doubles = 16 MiB): fewer grid times at very large d. */
export const thetaHistoryBudget = 2 ** 21;

/** Step indices 0 = k₀ < … < k_n = steps, evenly spread, at most `maxPoints` of them (never fewer than 2). */
export function twoTimeIndices(steps: number, maxPoints: number = maxTwoTimePoints): number[] {
  const points = Math.max(2, Math.min(steps + 1, Math.floor(maxPoints)));
  return Array.from({ length: points }, (_, i) => Math.round((i * steps) / (points - 1)));
}

/** The grid of a seed of dimension `dim`: at most maxTwoTimePoints, and at most thetaHistoryBudget values of θ. */
export function simulationTwoTimeIndices(steps: number, dim: number): number[] {
  return twoTimeIndices(steps, Math.min(maxTwoTimePoints, Math.floor(thetaHistoryBudget / dim)));
}

/** A two-time function on a grid: `values[i·n + j]` is F(times[i], times[j]), n = times.length. */
export interface TwoTimeMatrix {
  /** Grid times t_i (continuous-time units). */
  times: Float64Array;
  /** n × n values, row-major: row i is t = times[i], column j is t′ = times[j]. */
  values: Float64Array;
}

/** Samples a (K+1)×(K+1) row-major matrix at step indices `indices`, keeping only the first `rows` steps (a divergence truncates). */
export function sampleMatrix(matrix: Float64Array, steps: number, indices: readonly number[], dt: number, rows: number = steps + 1): TwoTimeMatrix {
  const kept = indices.filter((k) => k < rows);
  const n = kept.length;
  const size = steps + 1;
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values[i * n + j] = matrix[kept[i] * size + kept[j]];
  return { times: Float64Array.from(kept, (k) => k * dt), values };
}

/** θ of one seed at the grid steps, and its Gram matrix θ(t_i)·θ(t_j)/d. */
export class ThetaHistory {
  private readonly recorded: Float64Array[] = [];
  private readonly recordedSteps: number[] = [];
  private next = 0;

  constructor(
    private readonly indices: readonly number[],
    private readonly dt: number,
  ) {}

  /** Offers θ at step k (copied only when k is a grid step; steps arrive in order). */
  record(k: number, weights: Float64Array): void {
    if (this.next >= this.indices.length || k !== this.indices[this.next]) return;
    this.recorded.push(Float64Array.from(weights));
    this.recordedSteps.push(k);
    this.next++;
  }

  /** C(t_i, t_j) = θ(t_i)·θ(t_j)/d over the grid steps recorded so far (all of them, unless the seed diverged). */
  correlation(): TwoTimeMatrix {
    const n = this.recorded.length;
    const values = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const a = this.recorded[i];
      for (let j = 0; j <= i; j++) {
        const b = this.recorded[j];
        let dot = 0;
        for (let c = 0; c < a.length; c++) dot += a[c] * b[c];
        values[i * n + j] = values[j * n + i] = dot / a.length;
      }
    }
    return { times: Float64Array.from(this.recordedSteps, (k) => k * this.dt), values };
  }
}
