/** Minibatch memberships of the SGD theory's sample process (src/core/dmft/minibatchKicks.ts, theory.md §9). */
import { describe, expect, it } from 'vitest';
import { createMinibatchKicks } from '../../../src/core/dmft/minibatchKicks';
import { createRandom, streams } from '../../../src/core/random';

function memberships(sampling: 'uniform' | 'epoch', batchFraction: number, count: number, steps: number): Uint8Array[] {
  const kicks = createMinibatchKicks(sampling, batchFraction, count, createRandom(7, streams.theory, 9));
  return Array.from({ length: steps }, (_, k) => {
    const row = new Uint8Array(count);
    kicks.draw(k, row);
    return row;
  });
}

describe('minibatch kicks', () => {
  it('epochs: every sample once per epoch, for integer and non-integer 1/b, with marginal rate b', () => {
    for (const batchFraction of [0.1, 0.3]) {
      const count = 20_000;
      const epochs = 6;
      const steps = Math.floor(epochs / batchFraction);
      const rows = memberships('epoch', batchFraction, count, steps);
      for (let p = 0; p < count; p += 97) {
        const uses = rows.flatMap((row, k) => (row[p] ? [k] : []));
        // Use j falls in epoch j: steps ⌊j/b⌋ … ⌊(j+1)/b⌋ (the step straddling a boundary belongs to both).
        uses.forEach((k, j) => {
          expect(k).toBeGreaterThanOrEqual(Math.floor(j / batchFraction));
          expect(k).toBeLessThanOrEqual(Math.floor((j + 1) / batchFraction));
        });
        expect(uses.length).toBeGreaterThanOrEqual(epochs - 1);
      }
      const rate = rows.slice(0, steps - 1).map((row) => row.reduce((a, b) => a + b, 0) / count);
      const standardError = Math.sqrt((batchFraction * (1 - batchFraction)) / count);
      for (const value of rate) expect(Math.abs(value - batchFraction)).toBeLessThan(5 * standardError);
    }
  });

  it('uniform: independent Bernoulli(b) draws', () => {
    const count = 20_000;
    const rows = memberships('uniform', 0.2, count, 20);
    const standardError = Math.sqrt((0.2 * 0.8) / count);
    for (const row of rows) expect(Math.abs(row.reduce((a, b) => a + b, 0) / count - 0.2)).toBeLessThan(5 * standardError);
    // Consecutive steps uncorrelated: P(s_k = s_{k+1} = 1) ≈ b².
    let both = 0;
    for (let p = 0; p < count; p++) both += rows[0][p] & rows[1][p];
    expect(Math.abs(both / count - 0.04)).toBeLessThan(5 * Math.sqrt((0.04 * 0.96) / count));
  });
});
