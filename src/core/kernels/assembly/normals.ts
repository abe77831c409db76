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

// The generator's state during a call: s0 and s1, the 64-bit words (high half first in `state`). The hot loops keep
// them in locals and hand them over here only around a rare draw (a global is a memory access in each step).
let s0: u64 = 0;
let s1: u64 = 0;
// The tables: threshold (kn), width (wn), density (fn), 128 f64 each.
let threshold: usize = 0;
let width: usize = 0;
let density: usize = 0;

/** pure-rand's XoroShiro128Plus.next() on the globals: the low 32 bits of s0 + s1, then the state's step. */
@inline
function next(): i32 {
  const out = <i32>(s0 + s1);
  const t = s1 ^ s0;
  s0 = rotl<u64>(s0, 24) ^ t ^ (t << 16);
  s1 = rotl<u64>(t, 37);
  return out;
}

/** The state words from `state` ([s0 high, s0 low, s1 high, s1 low], u32 each) into the globals. */
@inline
function loadState(state: usize): void {
  s0 = (<u64>load<u32>(state) << 32) | <u64>load<u32>(state, 4);
  s1 = (<u64>load<u32>(state, 8) << 32) | <u64>load<u32>(state, 12);
}

/** The globals back into `state`. */
@inline
function storeState(state: usize): void {
  store<u32>(state, <u32>(s0 >>> 32));
  store<u32>(state, <u32>s0, 4);
  store<u32>(state, <u32>(s1 >>> 32), 8);
  store<u32>(state, <u32>s1, 12);
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
 * u32 words of random.ts's stream state [s0 high, s0 low, s1 high, s1 low], read and written back; `tables` the three tables.
 * Returns Σ_p out[p] as stored, summed in order (drawLatentRow's sum).
 */
export function normalRow(out: usize, count: i32, scale: f64, single: i32, state: usize, tables: usize): f64 {
  threshold = tables;
  width = tables + (<usize>layers << 3);
  density = tables + (<usize>layers << 4);
  loadState(state);
  let a = s0;
  let b = s1;
  let sum: f64 = 0;
  for (let p = 0; p < count; p++) {
    // next() on the locals
    const bits = <i32>(a + b);
    const t = b ^ a;
    a = rotl<u64>(a, 24) ^ t ^ (t << 16);
    b = rotl<u64>(t, 37);
    const layer = <u32>bits >>> 25;
    const value = <f64>((bits << 7) >> 7);
    let x: f64 = 0;
    if (abs<f64>(value) < tableAt(threshold, layer)) x = value * tableAt(width, layer);
    else {
      s0 = a;
      s1 = b;
      x = rare(bits);
      a = s0;
      b = s1;
    }
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
  s0 = a;
  s1 = b;
  storeState(state);
  return sum;
}

/**
 * out[p] = 1 if the next uniform() < probability, else 0 (f64), p < count: minibatchKicks.ts's uniform memberships,
 * the values and the stream's state after them those of `count` calls of Random.uniform(). `state` as in normalRow.
 */
export function bernoulliRow(out: usize, count: i32, probability: f64, state: usize): void {
  loadState(state);
  let a = s0;
  let b = s1;
  for (let p = 0; p < count; p++) {
    // uniform(): next() twice on the locals, 27 high bits of the first, 26 of the second
    const first = <u32>(a + b) >>> 5;
    let t = b ^ a;
    a = rotl<u64>(a, 24) ^ t ^ (t << 16);
    b = rotl<u64>(t, 37);
    const second = <u32>(a + b) >>> 6;
    t = b ^ a;
    a = rotl<u64>(a, 24) ^ t ^ (t << 16);
    b = rotl<u64>(t, 37);
    const uniform = (<f64>first * 67108864.0 + <f64>second) / 9007199254740992.0;
    store<f64>(out + (<usize>p << 3), uniform < probability ? 1.0 : 0.0);
  }
  s0 = a;
  s1 = b;
  storeState(state);
}
