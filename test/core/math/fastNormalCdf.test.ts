import { describe, expect, it } from 'vitest';
import { fastNormalCdf, normalCdfCutoff } from '../../../src/core/math/fastNormalCdf';
import { normalCdf } from '../../../src/core/math/gaussian';

describe('fast normal CDF (the sample step’s conditional train error)', () => {
  it('is Φ to an absolute error below 2·10⁻⁸, and to 3·10⁻⁷ of the tail inside the cutoff', () => {
    // Reference values of Φ(−x) (Python’s math.erfc).
    const tails: [number, number][] = [[0, 0.5], [0.3, 0.3820885778110474], [1, 0.15865525393145707], [3, 0.0013498980316300957], [5.9, 1.8175078630994357e-9]];
    for (const [x, tail] of tails) {
      expect(Math.abs(fastNormalCdf(-x) - tail), `Φ(−${x})`).toBeLessThan(Math.min(2e-8, 3e-7 * tail));
      expect(Math.abs(fastNormalCdf(x) - (1 - tail)), `Φ(${x})`).toBeLessThan(2e-8);
    }
    // Against the Math.exp form of the same fit over the whole range: the polynomial exponential costs ~1e-12 of it.
    let worst = 0;
    for (let x = -normalCdfCutoff + 1e-3; x < normalCdfCutoff; x += 0.001237) worst = Math.max(worst, Math.abs(fastNormalCdf(x) - normalCdf(x)) / normalCdf(-Math.abs(x)));
    expect(worst).toBeLessThan(1e-11);
  });

  it('is exactly 0 or 1 from the cutoff on (where Φ differs from them by under 10⁻⁹), monotone across it, and 0 for NaN', () => {
    expect(normalCdf(-normalCdfCutoff)).toBeLessThan(1e-9);
    for (const x of [normalCdfCutoff, 7, 40, Infinity]) {
      expect(fastNormalCdf(x)).toBe(1);
      expect(fastNormalCdf(-x)).toBe(0);
    }
    const below = fastNormalCdf(-normalCdfCutoff + 1e-9);
    expect(below).toBeGreaterThan(0);
    expect(below).toBeLessThan(1e-9);
    expect(fastNormalCdf(normalCdfCutoff - 1e-9)).toBeLessThanOrEqual(1);
    expect(fastNormalCdf(Number.NaN)).toBe(0);
  });
});
