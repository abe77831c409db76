/**
 * A row of standard normals from a random stream (../../random.ts): pure-rand's xoroshiro128+ in its 32-bit
 * halves, and the ziggurat of ../../math/ziggurat.ts (its tables, its arithmetic, its order of draws), so the
 * row and the stream's state after it are those of `count` calls of Random.normal(), to the bit. The rare
 * draws' e^x and log x are the host's Math.exp and Math.log (imported): the JavaScript backend's own.
 */

@external('env', 'exp') declare function hostExp(x: f64): f64;
@external('env', 'log') declare function hostLog(x: f64): f64;

/** The right edge of the base layer (ziggurat.ts's baseEdge). */
const baseEdge: f64 = 3.442619855899;
const layers = 128;

// The generator's state during a call (read from and written back to `state`).
let s01: u32 = 0;
let s00: u32 = 0;
let s11: u32 = 0;
let s10: u32 = 0;
// The tables: threshold (kn), width (wn), density (fn), 128 f64 each.
let threshold: usize = 0;
let width: usize = 0;
let density: usize = 0;

/** pure-rand's XoroShiro128Plus.next() on the globals: the low 32 bits of s0 + s1, then the state's step. */
@inline
function next(): i32 {
  const out = s00 + s10;
  const a0 = s10 ^ s00;
  const a1 = s11 ^ s01;
  const old00 = s00;
  const old01 = s01;
  s00 = (old00 << 24) ^ (old01 >>> 8) ^ a0 ^ (a0 << 16);
  s01 = (old01 << 24) ^ (old00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
  s10 = (a1 << 5) ^ (a0 >>> 27);
  s11 = (a0 << 5) ^ (a1 >>> 27);
  return <i32>out;
}

/** random.ts's uniform(): 27 high bits, then 26 low bits, over 2⁵³. */
function uniform(): f64 {
  const high = <u32>next() >>> 5;
  const low = <u32>next() >>> 6;
  return (<f64>high * 67108864.0 + <f64>low) / 9007199254740992.0;
}

@inline function tableAt(table: usize, layer: u32): f64 { return load<f64>(table + (<usize>layer << 3)); }

/** ziggurat.ts's rare(first): the wedges and the tail, from the globals' state. */
function rare(first: i32): f64 {
  let bits = first;
  while (true) {
    const layer = <u32>bits >>> 25;
    const value = (bits << 7) >> 7;
    if (layer == 0) {
      let x: f64 = 0;
      let y: f64 = 0;
      do {
        x = -hostLog(1 - uniform()) / baseEdge;
        y = -hostLog(1 - uniform());
      } while (y + y < x * x);
      return value > 0 ? baseEdge + x : -baseEdge - x;
    }
    const x = <f64>value * tableAt(width, layer);
    const lower = tableAt(density, layer);
    if (lower + uniform() * (tableAt(density, layer - 1) - lower) < hostExp(-0.5 * x * x)) return x;
    bits = next();
    const nextLayer = <u32>bits >>> 25;
    const nextValue = (bits << 7) >> 7;
    if (abs<f64>(<f64>nextValue) < tableAt(threshold, nextLayer)) return <f64>nextValue * tableAt(width, nextLayer);
  }
  return 0; // not reached: the loop returns
}

/**
 * out[p] = scale × the next standard normal, p < count: f32 (rounded) when `single`, else f64. `state` holds the four
 * i32 words of random.ts's stream state [s01, s00, s11, s10], read and written back; `tables` the three tables.
 * Returns Σ_p out[p] as stored, summed in order (drawLatentRow's sum).
 */
export function normalRow(out: usize, count: i32, scale: f64, single: i32, state: usize, tables: usize): f64 {
  threshold = tables;
  width = tables + (<usize>layers << 3);
  density = tables + (<usize>layers << 4);
  s01 = load<u32>(state);
  s00 = load<u32>(state, 4);
  s11 = load<u32>(state, 8);
  s10 = load<u32>(state, 12);
  let sum: f64 = 0;
  for (let p = 0; p < count; p++) {
    const bits = next();
    const layer = <u32>bits >>> 25;
    const value = <f64>((bits << 7) >> 7);
    let x = abs<f64>(value) < tableAt(threshold, layer) ? value * tableAt(width, layer) : rare(bits);
    x *= scale;
    if (single) {
      const rounded = <f32>x;
      store<f32>(out + (<usize>p << 2), rounded);
      sum += <f64>rounded;
    } else {
      store<f64>(out + (<usize>p << 3), x);
      sum += x;
    }
  }
  store<u32>(state, s01);
  store<u32>(state, s00, 4);
  store<u32>(state, s11, 8);
  store<u32>(state, s10, 12);
  return sum;
}

/**
 * out[p] = 1 if the next uniform() < probability, else 0 (f64), p < count: minibatchKicks.ts's uniform memberships,
 * the values and the stream's state after them those of `count` calls of Random.uniform(). `state` as in normalRow.
 */
export function bernoulliRow(out: usize, count: i32, probability: f64, state: usize): void {
  s01 = load<u32>(state);
  s00 = load<u32>(state, 4);
  s11 = load<u32>(state, 8);
  s10 = load<u32>(state, 12);
  for (let p = 0; p < count; p++) store<f64>(out + (<usize>p << 3), uniform() < probability ? 1.0 : 0.0);
  store<u32>(state, s01);
  store<u32>(state, s00, 4);
  store<u32>(state, s11, 8);
  store<u32>(state, s10, 12);
}
