import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../src/core/params';
import { driftSquare, solveOnline } from '../../../src/core/theory/online';
import { rowAt } from '../../agreement/agreement';

/** Logistic β = 1, h = 0.1, λ = 0.01, σ₀ = 0, and α b = 2/9, so τ = h/(bα) = 0.45 (theory.md §11.4(b)). */
const logisticCase: Params = { ...defaultParams, model: 'logistic', alpha: 2, batchFraction: 1 / 9, step: 0.1, ridge: 0.01, beta: 1, initScale: 0 };

describe('the one-pass map (theory.md §11.2)', () => {
  it('reproduces the reference values of §11.4(b)', () => {
    const result = solveOnline({ ...logisticCase, horizon: 10 });
    expect(result.temperature).toBeCloseTo(0.45, 12);
    const table = result.table;
    const at = (t: number) => rowAt(table, t);
    // t, test loss, test error, q, m: the values printed there, to their 4 decimals.
    for (const [t, loss, error, q, m] of [
      [2, 0.6552, 0.3883, 0.2459, 0.3282],
      [6, 0.6311, 0.3584, 0.6508, 0.6672],
      [10, 0.6254, 0.3507, 0.8946, 0.821],
    ]) {
      expect(Math.abs(table.testLoss[at(t)] - loss), `test loss at ${t}`).toBeLessThan(5e-5);
      expect(Math.abs(table.testError[at(t)] - error), `test error at ${t}`).toBeLessThan(5e-5);
      expect(Math.abs(table.q[at(t)] - q), `q at ${t}`).toBeLessThan(5e-5);
      expect(Math.abs(table.m[at(t)] - m), `m at ${t}`).toBeLessThan(5e-5);
      // Fresh data: the train columns are the test ones.
      expect(table.trainLoss[at(t)]).toBe(table.testLoss[at(t)]);
      expect(table.trainError[at(t)]).toBe(table.testError[at(t)]);
    }
  });

  it('the squared drift P Σ⁺ Pᵀ equals (J, J*) Σ (J, J*)ᵀ, also on a singular Σ', () => {
    for (const [q, m, J, Jstar] of [[0.7, 0.4, 0.3, -0.2], [0.25, 0.5, 0.1, 0.6], [0, 0, 0.4, -0.3]]) {
      // P = (J, J*) Σ with Σ = [[q, m], [m, 1]]; on a singular Σ only the part of (J, J*) in its range is seen.
      const P = [J * q + Jstar * m, J * m + Jstar];
      const direct = J * J * q + 2 * J * Jstar * m + Jstar * Jstar;
      expect(driftSquare(P[0], P[1], q, m)).toBeCloseTo(direct, 12);
    }
  });
});
