/**
 * The row kernels in plain JavaScript: the fallback where WebAssembly SIMD is unavailable, and the
 * readable reference of ./assembly/rows.ts. Every output element is summed in the same order as there,
 * so both backends give the same bits. Arrays are views whose index 0 is the first row / element.
 */
import type { Random } from '../random';

/** out[p] = (accumulate ? out[p] : 0) + Σ_j coefficients[j]·rows[j·width + p], rows j = 0..count−1 in order. */
export function combineRows(out: Float64Array, rows: Float32Array, width: number, coefficients: Float64Array, count: number, accumulate: boolean): void {
  if (!accumulate) out.fill(0, 0, width);
  let j = 0;
  for (; j + 4 <= count; j += 4) addFourRows(out, width, rows, j * width, (j + 1) * width, (j + 2) * width, (j + 3) * width, coefficients, j);
  for (; j < count; j++) addOneRow(out, width, rows, j * width, coefficients[j]);
}

/** The same sum over the rows listed in indices, in the listed order. */
export function combineIndexedRows(
  out: Float64Array,
  rows: Float32Array,
  width: number,
  indices: Int32Array,
  coefficients: Float64Array,
  count: number,
  accumulate: boolean,
): void {
  if (!accumulate) out.fill(0, 0, width);
  let k = 0;
  for (; k + 4 <= count; k += 4) {
    addFourRows(out, width, rows, indices[k] * width, indices[k + 1] * width, indices[k + 2] * width, indices[k + 3] * width, coefficients, k);
  }
  for (; k < count; k++) addOneRow(out, width, rows, indices[k] * width, coefficients[k]);
}

/** out[j] = Σ_p vector[p]·rows[j·width + p] for j = 0..count−1: even and odd p summed apart, then added. */
export function dotRows(out: Float64Array, rows: Float32Array, width: number, vector: Float64Array, count: number): void {
  const pairs = width & ~1;
  for (let j = 0; j < count; j++) {
    const row = j * width;
    let even = 0;
    let odd = 0;
    for (let p = 0; p < pairs; p += 2) {
      even += vector[p] * rows[row + p];
      odd += vector[p + 1] * rows[row + p + 1];
    }
    let total = even + odd;
    if (width & 1) total += vector[width - 1] * rows[row + width - 1];
    out[j] = total;
  }
}

function addFourRows(out: Float64Array, width: number, rows: Float32Array, a: number, b: number, c: number, d: number, coefficients: Float64Array, at: number): void {
  const ca = coefficients[at];
  const cb = coefficients[at + 1];
  const cc = coefficients[at + 2];
  const cd = coefficients[at + 3];
  for (let p = 0; p < width; p++) {
    let sum = out[p];
    sum += ca * rows[a + p];
    sum += cb * rows[b + p];
    sum += cc * rows[c + p];
    sum += cd * rows[d + p];
    out[p] = sum;
  }
}

function addOneRow(out: Float64Array, width: number, rows: Float32Array, a: number, coefficient: number): void {
  for (let p = 0; p < width; p++) out[p] += coefficient * rows[a + p];
}

/**
 * The pathwise adjoint of one step: λ_k = 1, λ_m = −D_m Σ_{j=m+1}^{k} R_{jm} λ_j (f32), m = k−1..nearest, each sum
 * from 0 over j descending from k. Two steps per pass over the rows, as the WebAssembly kernel: λ_{m−1}'s sum
 * shares the loads of λ_m's, then takes its j = m term last.
 */
export function adjointSweep(sensitivity: Float32Array, drive: Float64Array, response: Float64Array, size: number, width: number, k: number, nearest: number): void {
  sensitivity.fill(1, k * width, (k + 1) * width);
  for (let p = 0; p < width; p++) {
    let m = k - 1;
    for (; m > nearest; m -= 2) {
      let a = 0;
      let b = 0;
      for (let j = k; j > m; j--) {
        const lambda = sensitivity[j * width + p];
        a += response[j * size + m] * lambda;
        b += response[j * size + m - 1] * lambda;
      }
      const lambdaM = Math.fround(-drive[m * width + p] * a);
      sensitivity[m * width + p] = lambdaM;
      b += response[m * size + m - 1] * lambdaM;
      sensitivity[(m - 1) * width + p] = -drive[(m - 1) * width + p] * b;
    }
    if (m === nearest) {
      let a = 0;
      for (let j = k; j > m; j--) a += response[j * size + m] * sensitivity[j * width + p];
      sensitivity[m * width + p] = -drive[m * width + p] * a;
    }
  }
}

/** The bins of a histogram: `binCount` of width (high − low)/binCount on [low, high), an underflow and an overflow bin. */
export interface HistogramBounds {
  readonly low: number;
  readonly high: number;
  readonly binCount: number;
}

/** Index in a row of `bounds`: 0 below low, 1..binCount the bins, binCount + 1 at or above high (and for NaN). */
export function histogramBin(value: number, { low, high, binCount }: HistogramBounds): number {
  if (value < low) return 0;
  if (!(value < high)) return binCount + 1;
  const bin = (((value - low) * binCount) / (high - low)) | 0; // ≥ 0 here, so | 0 is Math.floor
  return bin < binCount ? 1 + bin : binCount;
}

/**
 * Adds one count per sample p < count to `bins` at the bin of its statistic — y·r for a classifier, r − y otherwise,
 * r = fields[p] − shift[p] (fields[p] when shift is null) — and, unless null, to `fieldBins` at that of fields[p].
 * It runs on all N trajectories at every grid step (4·10⁶ values a default solve).
 */
export function countBins(
  bins: Float64Array,
  fieldBins: Float64Array | null,
  bounds: HistogramBounds,
  classifier: boolean,
  fields: Float64Array,
  shift: Float64Array | null,
  labels: Float64Array,
  count: number,
): void {
  for (let p = 0; p < count; p++) {
    const field = fields[p];
    const label = labels[p];
    const r = shift ? field - shift[p] : field;
    bins[histogramBin(classifier ? label * r : r - label, bounds)]++;
    if (fieldBins) fieldBins[histogramBin(classifier ? label * field : field - label, bounds)]++;
  }
}

/** out[p] = 1 if random.uniform() < probability, else 0, p < count (assembly/normals.ts's bernoulliRow). */
export function bernoulliRow(out: Float64Array | Uint8Array, count: number, probability: number, random: Pick<Random, 'uniform'>): void {
  for (let p = 0; p < count; p++) out[p] = random.uniform() < probability ? 1 : 0;
}
