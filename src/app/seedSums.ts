/**
 * Running sums over one simulated algorithm's seeds of a block of values per recorded time (the two-time matrices,
 * the committee matrices, the margin histograms), so memory stays two arrays whatever the seed count. All seeds share
 * the time grid; a diverged seed covers only its leading rows, and the mean is taken over the rows every seed covers.
 */

/** Seed mean and standard error of the mean on the rows every seed covers. */
export interface SeedSumsSummary {
  /** The common leading times (a view, not a copy). */
  times: Float64Array;
  /** times.length rows of `width` values, row-major. */
  mean: Float64Array;
  /** Standard error of the mean (two seeds or more), else null. */
  standardError: Float64Array | null;
  width: number;
  seeds: number;
}

export class SeedSums {
  private stride = 0;
  private sum = new Float64Array(0);
  private squares = new Float64Array(0);
  private times = new Float64Array(0);
  private common = Infinity;
  private readonly received = new Set<number>();

  /**
   * `square`: each seed's block is an n × n matrix over its own n times (two-time functions), so the common block is
   * the leading common × common corner; otherwise rows of one fixed width.
   */
  constructor(private readonly square: boolean) {}

  /** Adds seed `seedIndex`'s rows (`width` values each, row-major, each divided by `divisor`); false: a repeated seed, ignored. */
  add(seedIndex: number, times: Float64Array, values: ArrayLike<number>, width: number, divisor = 1): boolean {
    if (this.received.has(seedIndex)) return false; // a seed is sent once; a repeat must not count twice
    this.received.add(seedIndex);
    const rows = times.length;
    if (rows > this.times.length || width > this.stride) this.grow(rows > this.times.length ? times : this.times, Math.max(width, this.stride));
    this.common = Math.min(this.common, rows);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < width; j++) {
        const value = values[i * width + j] / divisor;
        this.sum[i * this.stride + j] += value;
        this.squares[i * this.stride + j] += value * value;
      }
    }
    return true;
  }

  get seeds(): number {
    return this.received.size;
  }

  /** The seed mean so far, or null before the first seed. */
  summary(): SeedSumsSummary | null {
    const count = this.received.size;
    if (count === 0) return null;
    const rows = this.common;
    const width = this.square ? rows : this.stride;
    const mean = new Float64Array(rows * width);
    const standardError = count > 1 ? new Float64Array(rows * width) : null;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < width; j++) {
        const at = i * this.stride + j;
        const m = this.sum[at] / count;
        mean[i * width + j] = m;
        if (standardError) standardError[i * width + j] = Math.sqrt(Math.max(0, this.squares[at] - count * m * m) / (count - 1) / count);
      }
    }
    return { times: this.times.subarray(0, rows), mean, standardError, width, seeds: count };
  }

  /** Room for `times.length` rows of `stride` values, keeping the sums so far. */
  private grow(times: Float64Array, stride: number): void {
    const rows = times.length;
    const sum = new Float64Array(rows * stride);
    const squares = new Float64Array(rows * stride);
    for (let i = 0; i < this.times.length; i++) {
      sum.set(this.sum.subarray(i * this.stride, (i + 1) * this.stride), i * stride);
      squares.set(this.squares.subarray(i * this.stride, (i + 1) * this.stride), i * stride);
    }
    this.stride = stride;
    this.sum = sum;
    this.squares = squares;
    this.times = Float64Array.from(times);
  }
}
