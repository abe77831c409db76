import { describe, expect, it } from 'vitest';
import { resolveEstimator, solveDmft, steinMinimumSamples } from '../../../src/core/dmft/solver';
import { defaultParams, type Params } from '../../../src/core/params';
import { seriesNames, type ObservableRow } from '../../../src/core/series';

const small: Params = { ...defaultParams, horizon: 2, samples: 2000, responseSamples: 200 };

describe('DMFT solver', () => {
  it('is deterministic for a seed, bit for bit, and differs for another seed', () => {
    const first = solveDmft(small);
    const second = solveDmft(small);
    for (const name of seriesNames) expect(second.table[name]).toEqual(first.table[name]);
    expect(Array.from(second.correlation)).toEqual(Array.from(first.correlation));
    const other = solveDmft({ ...small, seed: small.seed + 1 });
    expect(other.table.trainLoss).not.toEqual(first.table.trainLoss);
  });

  it('streams every row as it is computed, in order, with the series names', () => {
    const rows: ObservableRow[] = [];
    const indices: number[] = [];
    const result = solveDmft(small, {
      onRow: (row, k) => {
        rows.push(row);
        indices.push(k);
      },
    });
    expect(indices).toEqual(Array.from({ length: result.steps + 1 }, (_, k) => k));
    expect(rows.map((row) => row.q)).toEqual(result.table.q);
    expect(result.table.t.length).toBe(result.steps + 1);
    expect(Object.keys(result.table).sort()).toEqual([...seriesNames].sort());
    expect(result.table.t[result.steps]).toBeCloseTo(small.horizon, 12);
  });

  it('starts where the initial condition says: q(0) = σ₀², m(0) = 0, test error ½ at θ = 0', () => {
    const result = solveDmft(small);
    expect(result.table.q[0]).toBe(0);
    expect(result.table.m[0]).toBe(0);
    expect(result.table.testError[0]).toBe(0.5);
    expect(result.table.trainLoss[0]).toBeCloseTo(Math.log(2), 12);
    const warm = solveDmft({ ...small, initScale: 0.5 });
    expect(warm.table.q[0]).toBeCloseTo(0.25, 12);
  });

  it("samples fields with C's variances: gradient descent's nearly degenerate factor stays accurate (ε_piv)", () => {
    // Seed 32 of the T = 40 gradient-descent check: with ε_piv = 10⁻¹² its pivots fell to −0.44 C_kk, so the
    // sampled ω_k had 1.44 times the variance C says, and the solve drifted (train error 0.131 against 0.040).
    const gradientDescent: Params = { ...defaultParams, model: 'logistic', alpha: 1.5, batchFraction: 1, step: 0.2, ridge: 0.01, horizon: 40, samples: 10_000, responseSamples: 1000, seed: 32 };
    const result = solveDmft(gradientDescent);
    expect(result.table.t.length).toBe(result.steps + 1);
    expect(result.fieldVarianceExcess).toBeLessThanOrEqual(1e-9);
    expect(solveDmft(small).fieldVarianceExcess).toBeLessThanOrEqual(1e-9);
  });

  it('stops early when asked and keeps the rows so far', () => {
    let calls = 0;
    const result = solveDmft(small, { shouldStop: () => ++calls > 5 });
    expect(result.table.t.length).toBe(5);
  });

  it('chooses the estimator as documented', () => {
    expect(resolveEstimator({ ...defaultParams, model: 'linear' })).toBe('exact');
    expect(resolveEstimator({ ...defaultParams, batchFraction: 1 })).toBe('pathwise');
    expect(resolveEstimator({ ...defaultParams, samples: 20_000 })).toBe('pathwise');
    expect(resolveEstimator({ ...defaultParams, samples: steinMinimumSamples - 1 })).toBe('pathwise');
    expect(resolveEstimator({ ...defaultParams, samples: steinMinimumSamples })).toBe('stein');
    expect(steinMinimumSamples).toBe(200_000);
    expect(resolveEstimator({ ...defaultParams, estimator: 'stein' })).toBe('stein');
  });

  it('detects divergence, truncates there and keeps only finite rows', () => {
    // Gradient descent on the square loss is unstable once h·(largest eigenvalue + λ) > 2.
    const params: Params = { ...defaultParams, model: 'linear', alpha: 0.5, batchFraction: 1, step: 2, horizon: 200, samples: 500, responseSamples: 100 };
    const rows: ObservableRow[] = [];
    const result = solveDmft(params, { onRow: (row) => rows.push(row) });
    expect(result.diverged).not.toBeNull();
    const kept = result.table.t.length;
    expect(kept).toBeGreaterThan(1);
    expect(kept).toBeLessThan(result.steps + 1);
    expect(result.diverged!.at).toBeCloseTo(kept * result.dt, 9);
    expect(rows.length).toBe(kept);
    for (const name of ['t', 'trainLoss', 'testLoss', 'q', 'm', 'cosine'] as const) {
      for (const value of result.table[name]) expect(Number.isFinite(value)).toBe(true);
    }
    // The valid prefix is the same as that of an undisturbed shorter solve.
    const prefix = solveDmft({ ...params, horizon: (kept - 1) * params.step });
    expect(prefix.diverged).toBeNull();
    expect(result.table.q.slice(0, kept)).toEqual(prefix.table.q);
  });

  it('detects divergence of the SGF when the noise is too hot (G = κ²/2α > 1, theory.md §8)', () => {
    const params: Params = { ...defaultParams, model: 'linear', ridge: 0, step: 0.5, batchFraction: 0.02, horizon: 200, samples: 1000 };
    const result = solveDmft(params);
    expect(result.diverged).not.toBeNull();
    for (const value of result.table.q) expect(Number.isFinite(value)).toBe(true);
  });
});
