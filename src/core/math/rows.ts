/**
 * Linear combinations and dot products over the rows of a row-major block (one row per time step,
 * one column per Monte-Carlo trajectory). Written as independent per-column updates, four rows per
 * sweep, so the inner loops have no loop-carried dependency and the output is loaded and stored once
 * per four rows: several times the throughput of per-trajectory dot products.
 */

/** out[p] = Σ_{j<count} coefficients[j] · rows[j·width + p] for p < width. */
export function combineRows(out: Float64Array, rows: Float32Array, width: number, coefficients: ArrayLike<number>, count: number): void {
  out.fill(0, 0, width);
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const a = coefficients[j];
    const b = coefficients[j + 1];
    const c = coefficients[j + 2];
    const d = coefficients[j + 3];
    const rowA = j * width;
    const rowB = rowA + width;
    const rowC = rowB + width;
    const rowD = rowC + width;
    for (let p = 0; p < width; p++) out[p] += a * rows[rowA + p] + b * rows[rowB + p] + c * rows[rowC + p] + d * rows[rowD + p];
  }
  for (; j < count; j++) {
    const a = coefficients[j];
    const rowA = j * width;
    for (let p = 0; p < width; p++) out[p] += a * rows[rowA + p];
  }
}

/** out[j] = Σ_{p<width} vector[p] · rows[j·width + p] for j < count. */
export function dotRows(out: Float64Array, rows: Float32Array, width: number, vector: Float64Array, count: number): void {
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const rowA = j * width;
    const rowB = rowA + width;
    const rowC = rowB + width;
    const rowD = rowC + width;
    let sumA = 0;
    let sumB = 0;
    let sumC = 0;
    let sumD = 0;
    for (let p = 0; p < width; p++) {
      const v = vector[p];
      sumA += v * rows[rowA + p];
      sumB += v * rows[rowB + p];
      sumC += v * rows[rowC + p];
      sumD += v * rows[rowD + p];
    }
    out[j] = sumA;
    out[j + 1] = sumB;
    out[j + 2] = sumC;
    out[j + 3] = sumD;
  }
  for (; j < count; j++) {
    const rowA = j * width;
    let sum = 0;
    for (let p = 0; p < width; p++) sum += vector[p] * rows[rowA + p];
    out[j] = sum;
  }
}
