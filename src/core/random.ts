/**
 * Seeded random streams. The generator is pure-rand's xoroshiro128+; this file adds
 * stream derivation (independent streams per purpose and seed) and the two draws the
 * numerics need: uniform doubles and standard normals (by the ziggurat method, math/ziggurat.ts).
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { createZigguratNormal } from './math/ziggurat';

/** Named purposes, so that e.g. the theory and seed 3's dataset never share a stream. */
export const streams = {
  theory: 1,
  dataset: 2,
  sgf: 3,
  sgd: 4,
  gd: 5,
  online: 6,
} as const;

/** A 32-bit mix (murmur3 finalizer) used to spread seeds over the generator state. */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export interface Random {
  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Fills `out` with standard normals. */
  fillNormal(out: Float64Array): void;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** The generator's state, four int32 words (pure-rand's order): what the WebAssembly normals continue from. */
  state(): number[];
  /** Continues from a state given by state() (of this stream, advanced elsewhere). */
  restore(state: readonly number[]): void;
}

/** A deterministic stream for (seed, purpose, index): same arguments, same numbers, everywhere. */
export function createRandom(seed: number, purpose: number, index = 0): Random {
  const words: number[] = [0, 1, 2, 3].map((lane) =>
    mix32(mix32(mix32(seed >>> 0) ^ Math.imul(purpose + 1, 0x9e3779b9)) ^ Math.imul(index + 1, 0x7f4a7c15) ^ lane),
  );
  if (!words.some((w) => w !== 0)) words[0] = 1; // the all-zero state is a fixed point
  let generator = xoroshiro128plusFromState(words);

  const uniform = (): number => {
    const high = generator.next() >>> 5; // 27 bits
    const low = generator.next() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  };

  const normal = createZigguratNormal(() => generator.next(), uniform);

  return {
    uniform,
    normal,
    fillNormal(out: Float64Array): void {
      for (let i = 0; i < out.length; i++) out[i] = normal();
    },
    int(n: number): number {
      return Math.floor(uniform() * n);
    },
    state: () => [...generator.getState()],
    restore(state) {
      generator = xoroshiro128plusFromState(state);
    },
  };
}
