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

/** f32 sums of combineRowsSingle, reused (grown as needed). */
let singleSums = new Float32Array(0);
function singleScratch(length: number): Float32Array {
  if (singleSums.length < length) singleSums = new Float32Array(length);
  return singleSums.subarray(0, length);
}

/**
 * out[p] = Σ_j c_j·rows[j·width + p] in single precision, j = 0..count−1 in order (assembly/rows.ts): c_j rounded
 * to f32, each product rounded to f32 (fround), each sum too (the f32 store; a sum of two f32 in f64 rounds to the
 * f32 sum exactly), then widened to f64.
 */
export function combineRowsSingle(out: Float64Array, rows: Float32Array, width: number, coefficients: Float64Array, count: number): void {
  const sums = singleScratch(width);
  sums.fill(0);
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const at = j * width;
    addFourRowsSingle(sums, width, rows, at, at + width, at + 2 * width, at + 3 * width, coefficients[j], coefficients[j + 1], coefficients[j + 2], coefficients[j + 3]);
  }
  for (; j < count; j++) addOneRowSingle(sums, width, rows, j * width, Math.fround(coefficients[j]));
  for (let p = 0; p < width; p++) out[p] = sums[p];
}

/** The rows at a, b, c, d (with those coefficients, rounded to f32) into the f32 sums, in that order for each p (the sum kept in a double, rounded at each step). */
function addFourRowsSingle(sums: Float32Array, width: number, rows: Float32Array, a: number, b: number, c: number, d: number, coefficientA: number, coefficientB: number, coefficientC: number, coefficientD: number): void {
  const ca = Math.fround(coefficientA);
  const cb = Math.fround(coefficientB);
  const cc = Math.fround(coefficientC);
  const cd = Math.fround(coefficientD);
  for (let p = 0; p < width; p++) {
    let sum = Math.fround(sums[p] + Math.fround(ca * rows[a + p]));
    sum = Math.fround(sum + Math.fround(cb * rows[b + p]));
    sum = Math.fround(sum + Math.fround(cc * rows[c + p]));
    sums[p] = sum + Math.fround(cd * rows[d + p]); // the store rounds
  }
}

/** combineRowsSingle into outA and outB: the same bits as two calls. */
export function combineRowsPairSingle(outA: Float64Array, outB: Float64Array, rows: Float32Array, width: number, coefficientsA: Float64Array, coefficientsB: Float64Array, count: number): void {
  combineRowsSingle(outA, rows, width, coefficientsA, count);
  combineRowsSingle(outB, rows, width, coefficientsB, count);
}

function addOneRowSingle(sums: Float32Array, width: number, rows: Float32Array, at: number, coefficient: number): void {
  for (let p = 0; p < width; p++) sums[p] += Math.fround(coefficient * rows[at + p]);
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
 * The pathwise adjoint of one step: λ_k = 1, λ_m = f32(−D_m·S_m), m = k−1..nearest, S_m = Σ_{j=m+1}^{k} R_{jm} λ_j in
 * single precision (each product and sum rounded to f32: fround, and a sum of two f32 in f64 rounds to their f32
 * sum exactly), from 0 over j descending from k; R (`response`) is f32, as in the WebAssembly kernel.
 */
export function adjointSweep(sensitivity: Float32Array, drive: Float64Array, response: Float32Array, size: number, width: number, k: number, nearest: number): void {
  sensitivity.fill(1, k * width, (k + 1) * width);
  const sums = singleScratch(width); // S_m of every trajectory, row by row (each p's terms still in the order j = k, k − 1, …)
  for (let m = k - 1; m >= nearest; m--) {
    sums.fill(0);
    let j = k;
    for (; j - 4 >= m; j -= 4) {
      const at = j * width;
      addFourRowsSingle(sums, width, sensitivity, at, at - width, at - 2 * width, at - 3 * width, response[j * size + m], response[(j - 1) * size + m], response[(j - 2) * size + m], response[(j - 3) * size + m]);
    }
    for (; j > m; j--) addOneRowSingle(sums, width, sensitivity, j * width, response[j * size + m]);
    const row = m * width;
    for (let p = 0; p < width; p++) sensitivity[row + p] = -drive[row + p] * sums[p];
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

/** Q's control sums (assembly/trajectorySums.ts): weights[p] = rowFactor[p]·g_p², and Σ g², Σ g⁴, Σ force_p²·g² into sums[0..2], p in order. */
export function forceControlSums(fieldForce: Float64Array, force: Float64Array, rowFactor: Float64Array, weights: Float64Array, count: number, sums: Float64Array): void {
  let square = 0;
  let squareSquare = 0;
  let forceSquare = 0;
  for (let p = 0; p < count; p++) {
    const gSquare = fieldForce[p] * fieldForce[p];
    weights[p] = rowFactor[p] * gSquare;
    square += gSquare;
    squareSquare += gSquare * gSquare;
    forceSquare += force[p] * force[p] * gSquare;
  }
  sums[0] = square;
  sums[1] = squareSquare;
  sums[2] = forceSquare;
}

/** out[p] += labels[p]·fields[p] + shift for p < count (assembly/trajectorySums.ts). */
export function addLabelledFields(out: Float64Array, labels: Float64Array, fields: Float64Array, shift: number, count: number): void {
  for (let p = 0; p < count; p++) out[p] += labels[p] * fields[p] + shift;
}
