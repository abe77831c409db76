/**
 * WebAssembly SIMD kernels over row-major blocks of single-precision rows (AssemblyScript; compiled by
 * `npm run kernels` into ../rowsWasm.ts). Rows are f32; every product and sum is f64 (f64x2 lanes) except in the
 * *Single kernels (f32x4 lanes), and each output element is summed in exactly the order of the JavaScript mirror
 * in ../rowsJs.ts, so the two backends agree to the last bit. All pointers are byte offsets into the imported memory.
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
 * λ_m = f32(−D_m·S_m), S_m = Σ_{j=m+1}^{k} R_{jm} λ_j summed in single precision from 0 over j descending from k:
 * so one pass over the rows j > m serves λ_m and λ_{m−1}, whose sum then takes the j = m term last. λ and R are
 * f32 (R `size` × `size` row-major, rounded by the caller), D is f64 and −D_m·S_m an f64 product; λ and D are
 * step-major with rows of `width`. Sixteen trajectories at a time, all steps: their λ stay in L1 and the sums of
 * two steps in eight f32x4 registers (twice the trajectories per instruction of f64x2 sums).
 */
export function adjointSweep(sensitivity: usize, drive: usize, response: usize, size: i32, width: i32, k: i32, nearest: i32): void {
  const stride = <usize>width << 2;
  const rowK = sensitivity + <usize>k * stride;
  const quads = width & ~3;
  for (let p = 0; p < quads; p += 4) v128.store(rowK + (<usize>p << 2), f32x4.splat(1));
  for (let p = quads; p < width; p++) store<f32>(rowK + (<usize>p << 2), 1);
  preload(sensitivity, drive, width, k, nearest);
  const strips = width & ~15;
  for (let p = 0; p < strips; p += 16) adjointStrip(sensitivity, drive, response, size, width, k, nearest, p);
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

/** λ = f32(−D·S) of four trajectories (S their f32 sums, D at d as f64), stored at out; returns it. */
@inline
function finishQuad(out: usize, d: usize, sum: v128): v128 {
  const low = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.neg(v128.load(d)), f64x2.promote_low_f32x4(sum)));
  const high = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.neg(v128.load(d, 16)), f64x2.promote_low_f32x4(v128.shuffle<i32>(sum, sum, 2, 3, 0, 1))));
  const lambda = v128.shuffle<i32>(low, high, 0, 1, 4, 5);
  v128.store(out, lambda);
  return lambda;
}

/**
 * adjointSweep over the 16 trajectories p..p+15 (64 bytes of each λ row), two steps per pass: the sums of
 * λ_m (a) and λ_{m−1} (b) share each row's load; then λ_m is finished and its term added to b.
 */
@inline
function adjointStrip(sensitivity: usize, drive: usize, response: usize, size: i32, width: i32, k: i32, nearest: i32, p: i32): void {
  const stride = <usize>width << 2;
  const responseStride = <usize>size << 2;
  const column = <usize>p << 2;
  const driveStride = <usize>width << 3;
  let m = k - 1;
  for (; m > nearest; m -= 2) {
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    let b0 = f32x4.splat(0);
    let b1 = f32x4.splat(0);
    let b2 = f32x4.splat(0);
    let b3 = f32x4.splat(0);
    let row = sensitivity + <usize>k * stride + column;
    let coefficient = response + <usize>k * responseStride + (<usize>(m - 1) << 2); // R_{j,m−1}; R_{j,m} follows it
    for (let j = k; j > m; j--) {
      const ca = v128.load32_splat(coefficient, 4);
      const cb = v128.load32_splat(coefficient);
      // constant offsets in the loads themselves: V8 folds them into the addressing
      const x0 = v128.load(row);
      const x1 = v128.load(row, 16);
      const x2 = v128.load(row, 32);
      const x3 = v128.load(row, 48);
      a0 = f32x4.add(a0, f32x4.mul(ca, x0));
      b0 = f32x4.add(b0, f32x4.mul(cb, x0));
      a1 = f32x4.add(a1, f32x4.mul(ca, x1));
      b1 = f32x4.add(b1, f32x4.mul(cb, x1));
      a2 = f32x4.add(a2, f32x4.mul(ca, x2));
      b2 = f32x4.add(b2, f32x4.mul(cb, x2));
      a3 = f32x4.add(a3, f32x4.mul(ca, x3));
      b3 = f32x4.add(b3, f32x4.mul(cb, x3));
      row -= stride;
      coefficient -= responseStride;
    }
    // row is now λ_m's and coefficient R_{m,m−1}.
    const d = drive + ((<usize>m * <usize>width + <usize>p) << 3);
    const cb = v128.load32_splat(coefficient);
    b0 = f32x4.add(b0, f32x4.mul(cb, finishQuad(row, d, a0)));
    b1 = f32x4.add(b1, f32x4.mul(cb, finishQuad(row + 16, d + 32, a1)));
    b2 = f32x4.add(b2, f32x4.mul(cb, finishQuad(row + 32, d + 64, a2)));
    b3 = f32x4.add(b3, f32x4.mul(cb, finishQuad(row + 48, d + 96, a3)));
    const outB = row - stride;
    const dB = d - driveStride;
    finishQuad(outB, dB, b0);
    finishQuad(outB + 16, dB + 32, b1);
    finishQuad(outB + 32, dB + 64, b2);
    finishQuad(outB + 48, dB + 96, b3);
  }
  if (m == nearest) {
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    let row = sensitivity + <usize>k * stride + column;
    let coefficient = response + <usize>k * responseStride + (<usize>m << 2);
    for (let j = k; j > m; j--) {
      const c = v128.load32_splat(coefficient);
      a0 = f32x4.add(a0, f32x4.mul(c, v128.load(row)));
      a1 = f32x4.add(a1, f32x4.mul(c, v128.load(row, 16)));
      a2 = f32x4.add(a2, f32x4.mul(c, v128.load(row, 32)));
      a3 = f32x4.add(a3, f32x4.mul(c, v128.load(row, 48)));
      row -= stride;
      coefficient -= responseStride;
    }
    const d = drive + ((<usize>m * <usize>width + <usize>p) << 3);
    finishQuad(row, d, a0);
    finishQuad(row + 16, d + 32, a1);
    finishQuad(row + 32, d + 64, a2);
    finishQuad(row + 48, d + 96, a3);
  }
}

/** adjointSweep for the one trajectory p (the columns past the last whole strip), j descending as there. */
@inline
function adjointColumn(sensitivity: usize, drive: usize, response: usize, size: i32, width: i32, k: i32, nearest: i32, p: i32): void {
  const stride = <usize>width << 2;
  const responseStride = <usize>size << 2;
  const column = <usize>p << 2;
  for (let m = k - 1; m >= nearest; m--) {
    let sum: f32 = 0;
    for (let j = k; j > m; j--) {
      sum += load<f32>(response + <usize>j * responseStride + (<usize>m << 2)) * load<f32>(sensitivity + <usize>j * stride + column);
    }
    store<f32>(sensitivity + <usize>m * stride + column, <f32>(-load<f64>(drive + ((<usize>m * <usize>width + <usize>p) << 3)) * <f64>sum));
  }
}

/** Coefficient j rounded to f32, in every lane. */
@inline
function singleSplat(coefficients: usize, j: i32): v128 {
  return f32x4.splat(<f32>load<f64>(coefficients + (<usize>j << 3)));
}

/**
 * out[p] = Σ_j c_j·rows[j·width + p] in single precision, j = 0..count−1 in order: each c_j rounded to f32,
 * each product and sum an f32 operation, then widened to f64. The sum runs in out's first width·4 bytes (f32),
 * widened in place from the end (f64 element p covers f32 elements 2p and 2p + 1, read by then).
 */
export function combineRowsSingle(out: usize, rows: usize, width: i32, coefficients: usize, count: i32): void {
  memory.fill(out, 0, <usize>width << 2);
  const stride = <usize>width << 2;
  const quads = width & ~3;
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const rowA = rows + <usize>j * stride;
    const rowB = rowA + stride;
    const rowC = rowB + stride;
    const rowD = rowC + stride;
    const va = singleSplat(coefficients, j);
    const vb = singleSplat(coefficients, j + 1);
    const vc = singleSplat(coefficients, j + 2);
    const vd = singleSplat(coefficients, j + 3);
    for (let p = 0; p < quads; p += 4) {
      const offset = <usize>p << 2;
      let sum = v128.load(out + offset);
      sum = f32x4.add(sum, f32x4.mul(va, v128.load(rowA + offset)));
      sum = f32x4.add(sum, f32x4.mul(vb, v128.load(rowB + offset)));
      sum = f32x4.add(sum, f32x4.mul(vc, v128.load(rowC + offset)));
      sum = f32x4.add(sum, f32x4.mul(vd, v128.load(rowD + offset)));
      v128.store(out + offset, sum);
    }
    for (let p = quads; p < width; p++) {
      const offset = <usize>p << 2;
      let sum = load<f32>(out + offset);
      sum += f32x4.extract_lane(va, 0) * load<f32>(rowA + offset);
      sum += f32x4.extract_lane(vb, 0) * load<f32>(rowB + offset);
      sum += f32x4.extract_lane(vc, 0) * load<f32>(rowC + offset);
      sum += f32x4.extract_lane(vd, 0) * load<f32>(rowD + offset);
      store<f32>(out + offset, sum);
    }
  }
  for (; j < count; j++) {
    const row = rows + <usize>j * stride;
    const va = singleSplat(coefficients, j);
    for (let p = 0; p < quads; p += 4) {
      const offset = <usize>p << 2;
      v128.store(out + offset, f32x4.add(v128.load(out + offset), f32x4.mul(va, v128.load(row + offset))));
    }
    for (let p = quads; p < width; p++) {
      const offset = <usize>p << 2;
      store<f32>(out + offset, load<f32>(out + offset) + f32x4.extract_lane(va, 0) * load<f32>(row + offset));
    }
  }
  widenInPlace(out, width);
}

/** f32 elements 0..width−1 at `out` widened to f64 elements 0..width−1 at `out`, from the last. */
@inline
function widenInPlace(out: usize, width: i32): void {
  const quads = width & ~3;
  for (let p = width - 1; p >= quads; p--) store<f64>(out + (<usize>p << 3), <f64>load<f32>(out + (<usize>p << 2)));
  for (let p = quads - 4; p >= 0; p -= 4) {
    const x = v128.load(out + (<usize>p << 2));
    v128.store(out + (<usize>p << 3), f64x2.promote_low_f32x4(x));
    v128.store(out + (<usize>p << 3) + 16, f64x2.promote_low_f32x4(v128.shuffle<i32>(x, x, 2, 3, 0, 1)));
  }
}

/** combineRowsSingle into outA and outB with coefficientsA and coefficientsB at once, reading each row once. */
export function combineRowsPairSingle(outA: usize, outB: usize, rows: usize, width: i32, coefficientsA: usize, coefficientsB: usize, count: i32): void {
  memory.fill(outA, 0, <usize>width << 2);
  memory.fill(outB, 0, <usize>width << 2);
  const stride = <usize>width << 2;
  const quads = width & ~3;
  let j = 0;
  for (; j + 2 <= count; j += 2) {
    const row0 = rows + <usize>j * stride;
    const row1 = row0 + stride;
    const a0 = singleSplat(coefficientsA, j);
    const a1 = singleSplat(coefficientsA, j + 1);
    const b0 = singleSplat(coefficientsB, j);
    const b1 = singleSplat(coefficientsB, j + 1);
    for (let p = 0; p < quads; p += 4) {
      const offset = <usize>p << 2;
      const x0 = v128.load(row0 + offset);
      const x1 = v128.load(row1 + offset);
      v128.store(outA + offset, f32x4.add(f32x4.add(v128.load(outA + offset), f32x4.mul(a0, x0)), f32x4.mul(a1, x1)));
      v128.store(outB + offset, f32x4.add(f32x4.add(v128.load(outB + offset), f32x4.mul(b0, x0)), f32x4.mul(b1, x1)));
    }
    for (let p = quads; p < width; p++) {
      const offset = <usize>p << 2;
      const x0 = load<f32>(row0 + offset);
      const x1 = load<f32>(row1 + offset);
      store<f32>(outA + offset, load<f32>(outA + offset) + f32x4.extract_lane(a0, 0) * x0 + f32x4.extract_lane(a1, 0) * x1);
      store<f32>(outB + offset, load<f32>(outB + offset) + f32x4.extract_lane(b0, 0) * x0 + f32x4.extract_lane(b1, 0) * x1);
    }
  }
  for (; j < count; j++) {
    const row = rows + <usize>j * stride;
    const a = singleSplat(coefficientsA, j);
    const b = singleSplat(coefficientsB, j);
    for (let p = 0; p < quads; p += 4) {
      const offset = <usize>p << 2;
      const x = v128.load(row + offset);
      v128.store(outA + offset, f32x4.add(v128.load(outA + offset), f32x4.mul(a, x)));
      v128.store(outB + offset, f32x4.add(v128.load(outB + offset), f32x4.mul(b, x)));
    }
    for (let p = quads; p < width; p++) {
      const offset = <usize>p << 2;
      const x = load<f32>(row + offset);
      store<f32>(outA + offset, load<f32>(outA + offset) + f32x4.extract_lane(a, 0) * x);
      store<f32>(outB + offset, load<f32>(outB + offset) + f32x4.extract_lane(b, 0) * x);
    }
  }
  widenInPlace(outA, width);
  widenInPlace(outB, width);
}
