/**
 * Per-trajectory passes of a block's step outside the sample step, each mirroring its JavaScript loop in ../rowsJs.ts
 * operation for operation (elementwise in f64x2 lanes, sums scalar in order of p), so both backends give the same bits.
 * Pointers are byte offsets into the imported memory.
 */

/**
 * Q's control sums (../../dmft/forceControl.ts): weights[p] = rowFactor[p]·g_p² with g = fieldForce, and into
 * sums[0], sums[1], sums[2] (ForceControlSum's order) Σ g², Σ g⁴ and Σ force_p²·g², p = 0..count−1 in order.
 */
export function forceControlSums(fieldForce: usize, force: usize, rowFactor: usize, weights: usize, count: i32, sums: usize): void {
  let square: f64 = 0;
  let squareSquare: f64 = 0;
  let forceSquare: f64 = 0;
  for (let p = 0; p < count; p++) {
    const at = <usize>p << 3;
    const g = load<f64>(fieldForce + at);
    const gSquare = g * g;
    store<f64>(weights + at, load<f64>(rowFactor + at) * gSquare);
    square += gSquare;
    squareSquare += gSquare * gSquare;
    const f = load<f64>(force + at);
    forceSquare += f * f * gSquare;
  }
  store<f64>(sums, square);
  store<f64>(sums + 8, squareSquare);
  store<f64>(sums + 16, forceSquare);
}

/** out[p] += labels[p]·fields[p] + shift for p < count (the error twin's margins, ../../dmft/errorTwin.ts). */
export function addLabelledFields(out: usize, labels: usize, fields: usize, shift: f64, count: i32): void {
  const shifts = f64x2.splat(shift);
  let p = 0;
  for (; p + 2 <= count; p += 2) {
    const at = <usize>p << 3;
    v128.store(out + at, f64x2.add(v128.load(out + at), f64x2.add(f64x2.mul(v128.load(labels + at), v128.load(fields + at)), shifts)));
  }
  if (p < count) {
    const at = <usize>p << 3;
    store<f64>(out + at, load<f64>(out + at) + (load<f64>(labels + at) * load<f64>(fields + at) + shift));
  }
}
