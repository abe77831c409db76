/**
 * WebAssembly SIMD kernels over row-major blocks of single-precision rows (AssemblyScript; compiled by
 * `npm run kernels` into ../rowsWasm.ts). Rows are f32, every product and sum is f64 (f64x2 lanes), and
 * each output element is summed in exactly the order of the JavaScript mirror in ../rowsJs.ts, so the
 * two backends agree to the last bit. All pointers are byte offsets into the imported memory.
 */

/** out[p] = (accumulate ? out[p] : 0) + Σ_j coefficients[j]·rows[j·width + p], rows j = 0..count−1 in order. */
export function combineRows(out: usize, rows: usize, width: i32, coefficients: usize, count: i32, accumulate: i32): void {
  if (!accumulate) memory.fill(out, 0, <usize>width << 3);
  const stride = <usize>width << 2;
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const row = rows + <usize>j * stride;
    addFourRows(out, width, row, row + stride, row + 2 * stride, row + 3 * stride, coefficients + (<usize>j << 3));
  }
  for (; j < count; j++) addOneRow(out, width, rows + <usize>j * stride, load<f64>(coefficients + (<usize>j << 3)));
}

/** The same sum over the rows listed in indices (i32), in the listed order: out[p] (+)= Σ_k c[k]·rows[indices[k]·width + p]. */
export function combineIndexedRows(out: usize, rows: usize, width: i32, indices: usize, coefficients: usize, count: i32, accumulate: i32): void {
  if (!accumulate) memory.fill(out, 0, <usize>width << 3);
  const stride = <usize>width << 2;
  let k = 0;
  for (; k + 4 <= count; k += 4) {
    const at = indices + (<usize>k << 2);
    addFourRows(
      out,
      width,
      rows + <usize>load<i32>(at) * stride,
      rows + <usize>load<i32>(at + 4) * stride,
      rows + <usize>load<i32>(at + 8) * stride,
      rows + <usize>load<i32>(at + 12) * stride,
      coefficients + (<usize>k << 3),
    );
  }
  for (; k < count; k++) {
    addOneRow(out, width, rows + <usize>load<i32>(indices + (<usize>k << 2)) * stride, load<f64>(coefficients + (<usize>k << 3)));
  }
}

/** out[j] = Σ_p vector[p]·rows[j·width + p] for j = 0..count−1: even and odd p summed apart, then added. */
export function dotRows(out: usize, rows: usize, width: i32, vector: usize, count: i32): void {
  const stride = <usize>width << 2;
  const pairs = width & ~1;
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const rowA = rows + <usize>j * stride;
    const rowB = rowA + stride;
    const rowC = rowB + stride;
    const rowD = rowC + stride;
    let sumA = f64x2.splat(0);
    let sumB = f64x2.splat(0);
    let sumC = f64x2.splat(0);
    let sumD = f64x2.splat(0);
    for (let p = 0; p < pairs; p += 2) {
      const v = v128.load(vector + (<usize>p << 3));
      const offset = <usize>p << 2;
      sumA = f64x2.add(sumA, f64x2.mul(v, f64x2.promote_low_f32x4(v128.load64_zero(rowA + offset))));
      sumB = f64x2.add(sumB, f64x2.mul(v, f64x2.promote_low_f32x4(v128.load64_zero(rowB + offset))));
      sumC = f64x2.add(sumC, f64x2.mul(v, f64x2.promote_low_f32x4(v128.load64_zero(rowC + offset))));
      sumD = f64x2.add(sumD, f64x2.mul(v, f64x2.promote_low_f32x4(v128.load64_zero(rowD + offset))));
    }
    const at = out + (<usize>j << 3);
    store<f64>(at, finishDot(sumA, rowA, vector, width));
    store<f64>(at + 8, finishDot(sumB, rowB, vector, width));
    store<f64>(at + 16, finishDot(sumC, rowC, vector, width));
    store<f64>(at + 24, finishDot(sumD, rowD, vector, width));
  }
  for (; j < count; j++) {
    const row = rows + <usize>j * stride;
    let sum = f64x2.splat(0);
    for (let p = 0; p < pairs; p += 2) {
      sum = f64x2.add(sum, f64x2.mul(v128.load(vector + (<usize>p << 3)), f64x2.promote_low_f32x4(v128.load64_zero(row + (<usize>p << 2)))));
    }
    store<f64>(out + (<usize>j << 3), finishDot(sum, row, vector, width));
  }
}

/** even-lane sum + odd-lane sum, plus the last element when the width is odd. */
@inline
function finishDot(sum: v128, row: usize, vector: usize, width: i32): f64 {
  let total = f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1);
  if (width & 1) {
    const last = <usize>(width - 1);
    total += load<f64>(vector + (last << 3)) * <f64>load<f32>(row + (last << 2));
  }
  return total;
}

/** out[p] = (((out[p] + a·A[p]) + b·B[p]) + c·C[p]) + d·D[p], with a..d = coefficients[0..3]. */
@inline
function addFourRows(out: usize, width: i32, rowA: usize, rowB: usize, rowC: usize, rowD: usize, coefficients: usize): void {
  const a = load<f64>(coefficients);
  const b = load<f64>(coefficients + 8);
  const c = load<f64>(coefficients + 16);
  const d = load<f64>(coefficients + 24);
  const va = f64x2.splat(a);
  const vb = f64x2.splat(b);
  const vc = f64x2.splat(c);
  const vd = f64x2.splat(d);
  const pairs = width & ~1;
  for (let p = 0; p < pairs; p += 2) {
    const offset = <usize>p << 2;
    const at = out + (<usize>p << 3);
    let sum = v128.load(at);
    sum = f64x2.add(sum, f64x2.mul(va, f64x2.promote_low_f32x4(v128.load64_zero(rowA + offset))));
    sum = f64x2.add(sum, f64x2.mul(vb, f64x2.promote_low_f32x4(v128.load64_zero(rowB + offset))));
    sum = f64x2.add(sum, f64x2.mul(vc, f64x2.promote_low_f32x4(v128.load64_zero(rowC + offset))));
    sum = f64x2.add(sum, f64x2.mul(vd, f64x2.promote_low_f32x4(v128.load64_zero(rowD + offset))));
    v128.store(at, sum);
  }
  if (width & 1) {
    const last = <usize>(width - 1);
    const offset = last << 2;
    const at = out + (last << 3);
    let sum = load<f64>(at);
    sum += a * <f64>load<f32>(rowA + offset);
    sum += b * <f64>load<f32>(rowB + offset);
    sum += c * <f64>load<f32>(rowC + offset);
    sum += d * <f64>load<f32>(rowD + offset);
    store<f64>(at, sum);
  }
}

/** out[p] += a·A[p]. */
@inline
function addOneRow(out: usize, width: i32, row: usize, a: f64): void {
  const va = f64x2.splat(a);
  const pairs = width & ~1;
  for (let p = 0; p < pairs; p += 2) {
    const at = out + (<usize>p << 3);
    v128.store(at, f64x2.add(v128.load(at), f64x2.mul(va, f64x2.promote_low_f32x4(v128.load64_zero(row + (<usize>p << 2))))));
  }
  if (width & 1) {
    const last = <usize>(width - 1);
    const at = out + (last << 3);
    store<f64>(at, load<f64>(at) + a * <f64>load<f32>(row + (last << 2)));
  }
}

/**
 * The pathwise adjoint of one step (../../dmft/response.ts): λ_k = 1 and, for m = k−1 down to `nearest`,
 * λ_m = −D_m Σ_{j=m+1}^{k} R_{jm} λ_j, rounded to f32, the sum from 0 over j descending from k: so one pass
 * over the rows j > m serves λ_m and λ_{m−1}, whose sum then takes the j = m term last.
 * λ (f32) and D (f64) are step-major with rows of `width`; R is f64, `size` × `size` row-major. Eight
 * trajectories at a time, all steps: their λ stay in L1 and the sums of two steps in eight registers.
 */
export function adjointSweep(sensitivity: usize, drive: usize, response: usize, size: i32, width: i32, k: i32, nearest: i32): void {
  const stride = <usize>width << 2;
  const rowK = sensitivity + <usize>k * stride;
  const quads = width & ~3;
  for (let p = 0; p < quads; p += 4) v128.store(rowK + (<usize>p << 2), f32x4.splat(1));
  for (let p = quads; p < width; p++) store<f32>(rowK + (<usize>p << 2), 1);
  preload(sensitivity, drive, width, k, nearest);
  const strips = width & ~7;
  for (let p = 0; p < strips; p += 8) adjointStrip(sensitivity, drive, response, size, width, k, nearest, p);
  for (let p = strips; p < width; p++) adjointColumn(sensitivity, drive, response, size, width, k, nearest, p);
}

/** Where preload puts what it reads (a global, so that the reads are kept). */
let preloaded: f64 = 0;

/**
 * Brings the rows a sweep reads and writes into cache in address order, which the hardware prefetches: the
 * strips then touch them column by column, which it does not (measured: a cold sweep ~1.5× faster).
 */
@inline
function preload(sensitivity: usize, drive: usize, width: i32, k: i32, nearest: i32): void {
  const stride = <usize>width << 2;
  if (k > nearest) memory.fill(sensitivity + <usize>nearest * stride, 0, <usize>(k - nearest) * stride);
  const end = drive + ((<usize>k * <usize>width) << 3);
  let sum: f64 = 0;
  for (let at = drive + ((<usize>nearest * <usize>width) << 3); at < end; at += 64) sum += load<f64>(at);
  preloaded = sum;
}

/** λ = f32(−D·sum) of two trajectories, stored at out (D at d); returns it promoted to f64. */
@inline
function finishPair(out: usize, d: v128, sum: v128): v128 {
  const lambda = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.neg(d), sum));
  v128.store64_lane(out, lambda, 0);
  return f64x2.promote_low_f32x4(lambda);
}

/**
 * adjointSweep over the 8 trajectories p..p+7 (32 bytes of each λ row), two steps per pass: the sums of
 * λ_m (a) and λ_{m−1} (b) share each row's load and promotion; then λ_m is finished and added to b.
 */
@inline
function adjointStrip(sensitivity: usize, drive: usize, response: usize, size: i32, width: i32, k: i32, nearest: i32, p: i32): void {
  const stride = <usize>width << 2;
  const responseStride = <usize>size << 3;
  const column = <usize>p << 2;
  let m = k - 1;
  for (; m > nearest; m -= 2) {
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    let a3 = f64x2.splat(0);
    let b0 = f64x2.splat(0);
    let b1 = f64x2.splat(0);
    let b2 = f64x2.splat(0);
    let b3 = f64x2.splat(0);
    let row = sensitivity + <usize>k * stride + column;
    let coefficient = response + <usize>k * responseStride + (<usize>(m - 1) << 3); // R_{j,m−1}; R_{j,m} follows it
    for (let j = k; j > m; j--) {
      const ca = v128.load64_splat(coefficient, 8);
      const cb = v128.load64_splat(coefficient);
      // constant offsets in the loads themselves: V8 folds them into the addressing
      const x0 = f64x2.promote_low_f32x4(v128.load64_zero(row));
      const x1 = f64x2.promote_low_f32x4(v128.load64_zero(row, 8));
      const x2 = f64x2.promote_low_f32x4(v128.load64_zero(row, 16));
      const x3 = f64x2.promote_low_f32x4(v128.load64_zero(row, 24));
      a0 = f64x2.add(a0, f64x2.mul(ca, x0));
      b0 = f64x2.add(b0, f64x2.mul(cb, x0));
      a1 = f64x2.add(a1, f64x2.mul(ca, x1));
      b1 = f64x2.add(b1, f64x2.mul(cb, x1));
      a2 = f64x2.add(a2, f64x2.mul(ca, x2));
      b2 = f64x2.add(b2, f64x2.mul(cb, x2));
      a3 = f64x2.add(a3, f64x2.mul(ca, x3));
      b3 = f64x2.add(b3, f64x2.mul(cb, x3));
      row -= stride;
      coefficient -= responseStride;
    }
    // row is now λ_m's and coefficient R_{m,m−1}.
    const d = drive + ((<usize>m * <usize>width + <usize>p) << 3);
    const cb = v128.load64_splat(coefficient);
    b0 = f64x2.add(b0, f64x2.mul(cb, finishPair(row, v128.load(d), a0)));
    b1 = f64x2.add(b1, f64x2.mul(cb, finishPair(row + 8, v128.load(d, 16), a1)));
    b2 = f64x2.add(b2, f64x2.mul(cb, finishPair(row + 16, v128.load(d, 32), a2)));
    b3 = f64x2.add(b3, f64x2.mul(cb, finishPair(row + 24, v128.load(d, 48), a3)));
    const outB = row - stride;
    const dB = d - (<usize>width << 3);
    finishPair(outB, v128.load(dB), b0);
    finishPair(outB + 8, v128.load(dB, 16), b1);
    finishPair(outB + 16, v128.load(dB, 32), b2);
    finishPair(outB + 24, v128.load(dB, 48), b3);
  }
  if (m == nearest) {
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    let a3 = f64x2.splat(0);
    let row = sensitivity + <usize>k * stride + column;
    let coefficient = response + <usize>k * responseStride + (<usize>m << 3);
    for (let j = k; j > m; j--) {
      const c = v128.load64_splat(coefficient);
      a0 = f64x2.add(a0, f64x2.mul(c, f64x2.promote_low_f32x4(v128.load64_zero(row))));
      a1 = f64x2.add(a1, f64x2.mul(c, f64x2.promote_low_f32x4(v128.load64_zero(row, 8))));
      a2 = f64x2.add(a2, f64x2.mul(c, f64x2.promote_low_f32x4(v128.load64_zero(row, 16))));
      a3 = f64x2.add(a3, f64x2.mul(c, f64x2.promote_low_f32x4(v128.load64_zero(row, 24))));
      row -= stride;
      coefficient -= responseStride;
    }
    const d = drive + ((<usize>m * <usize>width + <usize>p) << 3);
    finishPair(row, v128.load(d), a0);
    finishPair(row + 8, v128.load(d, 16), a1);
    finishPair(row + 16, v128.load(d, 32), a2);
    finishPair(row + 24, v128.load(d, 48), a3);
  }
}

/** adjointSweep for the one trajectory p (the columns past the last whole strip), j descending as there. */
@inline
function adjointColumn(sensitivity: usize, drive: usize, response: usize, size: i32, width: i32, k: i32, nearest: i32, p: i32): void {
  const stride = <usize>width << 2;
  const responseStride = <usize>size << 3;
  const column = <usize>p << 2;
  for (let m = k - 1; m >= nearest; m--) {
    let sum: f64 = 0;
    for (let j = k; j > m; j--) {
      sum += load<f64>(response + <usize>j * responseStride + (<usize>m << 3)) * <f64>load<f32>(sensitivity + <usize>j * stride + column);
    }
    store<f32>(sensitivity + <usize>m * stride + column, <f32>(-load<f64>(drive + ((<usize>m * <usize>width + <usize>p) << 3)) * sum));
  }
}

/** Columns of a combineRowsPair tile: its two outputs (2 × 2 KiB) stay in L1 while every row passes. */
const pairTile = 256;

/**
 * combineRows into two outputs at once from the same rows: outA (resp. outB)[p] = Σ_j coefficientsA[j]
 * (resp. coefficientsB[j])·rows[j·width + p], each summed from 0 in the order j = 0..count−1 (as combineRows),
 * reading each row once.
 */
export function combineRowsPair(outA: usize, outB: usize, rows: usize, width: i32, coefficientsA: usize, coefficientsB: usize, count: i32): void {
  const stride = <usize>width << 2;
  for (let start = 0; start < width; start += pairTile) {
    const end = min(start + pairTile, width);
    const pairsEnd = start + ((end - start) & ~1);
    for (let p = start; p < pairsEnd; p += 2) {
      v128.store(outA + (<usize>p << 3), f64x2.splat(0));
      v128.store(outB + (<usize>p << 3), f64x2.splat(0));
    }
    for (let p = pairsEnd; p < end; p++) {
      store<f64>(outA + (<usize>p << 3), 0);
      store<f64>(outB + (<usize>p << 3), 0);
    }
    let j = 0;
    for (; j + 2 <= count; j += 2) {
      const row0 = rows + <usize>j * stride;
      const row1 = row0 + stride;
      const at = <usize>j << 3;
      const a0 = load<f64>(coefficientsA + at);
      const a1 = load<f64>(coefficientsA + at + 8);
      const b0 = load<f64>(coefficientsB + at);
      const b1 = load<f64>(coefficientsB + at + 8);
      const va0 = f64x2.splat(a0);
      const va1 = f64x2.splat(a1);
      const vb0 = f64x2.splat(b0);
      const vb1 = f64x2.splat(b1);
      for (let p = start; p < pairsEnd; p += 2) {
        const offset = <usize>p << 2;
        const x0 = f64x2.promote_low_f32x4(v128.load64_zero(row0 + offset));
        const x1 = f64x2.promote_low_f32x4(v128.load64_zero(row1 + offset));
        const atA = outA + (<usize>p << 3);
        const atB = outB + (<usize>p << 3);
        v128.store(atA, f64x2.add(f64x2.add(v128.load(atA), f64x2.mul(va0, x0)), f64x2.mul(va1, x1)));
        v128.store(atB, f64x2.add(f64x2.add(v128.load(atB), f64x2.mul(vb0, x0)), f64x2.mul(vb1, x1)));
      }
      for (let p = pairsEnd; p < end; p++) {
        const x0 = <f64>load<f32>(row0 + (<usize>p << 2));
        const x1 = <f64>load<f32>(row1 + (<usize>p << 2));
        const atA = outA + (<usize>p << 3);
        const atB = outB + (<usize>p << 3);
        store<f64>(atA, load<f64>(atA) + a0 * x0 + a1 * x1);
        store<f64>(atB, load<f64>(atB) + b0 * x0 + b1 * x1);
      }
    }
    for (; j < count; j++) {
      const row = rows + <usize>j * stride;
      const a = load<f64>(coefficientsA + (<usize>j << 3));
      const b = load<f64>(coefficientsB + (<usize>j << 3));
      const va = f64x2.splat(a);
      const vb = f64x2.splat(b);
      for (let p = start; p < pairsEnd; p += 2) {
        const x = f64x2.promote_low_f32x4(v128.load64_zero(row + (<usize>p << 2)));
        const atA = outA + (<usize>p << 3);
        const atB = outB + (<usize>p << 3);
        v128.store(atA, f64x2.add(v128.load(atA), f64x2.mul(va, x)));
        v128.store(atB, f64x2.add(v128.load(atB), f64x2.mul(vb, x)));
      }
      for (let p = pairsEnd; p < end; p++) {
        const x = <f64>load<f32>(row + (<usize>p << 2));
        store<f64>(outA + (<usize>p << 3), load<f64>(outA + (<usize>p << 3)) + a * x);
        store<f64>(outB + (<usize>p << 3), load<f64>(outB + (<usize>p << 3)) + b * x);
      }
    }
  }
}
