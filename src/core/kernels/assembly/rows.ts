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
