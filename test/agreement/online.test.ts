/**
 * The one-pass limit (theory.md §11): the deterministic map of theory/online.ts (its reference values of
 * §11.4(b): test/core/theory/online.test.ts) against finite-d one-pass SGD (sim/online.ts) for every model, and the multi-pass DMFT
 * approaching it as α → ∞ at fixed τ = κ²/α (§11.4(a)). The map has no Monte-Carlo error: a comparison's
 * standard error is the simulation's over 16 seeds (fresh teachers and samples), and the limit is 4 of them.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams, noiseStrength, type ModelId, type Params } from '../../src/core/params';
import { type SeriesName } from '../../src/core/series';
import { simulate } from '../../src/core/sim/simulate';
import { onlineTemperature, solveOnline } from '../../src/core/theory/online';
import { compare, estimate, report, rowAt, theoryReplicas, zScore, type Estimate } from './agreement';

const zLimit = 4;

/** Logistic β = 1, h = 0.1, λ = 0.01, σ₀ = 0, and α b = 2/9, so τ = h/(bα) = 0.45 (theory.md §11.4(b)). */
const logisticCase: Params = { ...defaultParams, model: 'logistic', alpha: 2, batchFraction: 1 / 9, step: 0.1, ridge: 0.01, beta: 1, initScale: 0 };

function mapEstimate(params: Params): (name: SeriesName, t: number) => Estimate {
  const table = solveOnline(params).table;
  return (name, t) => ({ mean: table[name][rowAt(table, t)], standardError: 0 });
}

function expectAgreement(title: string, rows: ReturnType<typeof compare>): void {
  console.log(report(title, rows));
  for (const row of rows) expect(row.z, `${title}: ${row.name} at t=${row.t}`).toBeLessThanOrEqual(zLimit);
}

describe('the one-pass map against finite-d one-pass SGD (fresh samples every step)', () => {
  it('logistic β = 1, h = 0.1, τ = 0.45 (§11.4(b)), d = 900 (B = 200, τ exact)', () => {
    const params: Params = { ...logisticCase, horizon: 6, dim: 900, seeds: 16 };
    const simulation = simulate(params, 'online');
    expectAgreement('online logistic', compare(mapEstimate(params), simulation, ['trainLoss', 'trainError', 'testLoss', 'testError', 'q', 'm'], [2, 6]));
  });

  // Every model of the registry, at steps its stability allows (Poisson's bound, phase retrieval's cubic force).
  const cases: { model: ModelId; patch: Partial<Params> }[] = [
    { model: 'linear', patch: { labelNoise: 0.5 } },
    { model: 'probit', patch: {} },
    { model: 'squared-hinge', patch: { beta: 2 } },
    { model: 'poisson', patch: { batchFraction: 1, alpha: 2, step: 0.05, dim: 250 } },
    { model: 'phase-retrieval', patch: { alpha: 4, batchFraction: 1 / 8, step: 0.05, ridge: 0, labelNoise: 0.1, initScale: 0.5, initOverlap: 0.3 } },
  ];
  for (const { model, patch } of cases) {
    it(`${model}, T = 2, d = ${patch.dim ?? 500}`, () => {
      const params: Params = { ...logisticCase, model, dim: 500, ...patch, horizon: 2, seeds: 16 };
      const names: Exclude<SeriesName, 't'>[] = ['trainLoss', 'testLoss', 'q', 'm'];
      const simulation = simulate(params, 'online');
      expectAgreement(`online ${model} (τ = ${onlineTemperature(params).toFixed(3)})`, compare(mapEstimate(params), simulation, names, [1, 2]));
    });
  }
});

describe('the multi-pass DMFT approaches the one-pass map as α → ∞ at fixed κ²/α (theory.md §11.4(a))', () => {
  it('logistic β = 1, h = 0.1, λ = 0.01, κ²/α = 0.45: the gap in q and in the test loss shrinks like 1/α', () => {
    const temperature = 0.45;
    const horizon = 6;
    const limit = solveOnline({ ...logisticCase, horizon }, { temperature }).table;
    const end = rowAt(limit, horizon);
    const gaps: Record<'q' | 'testLoss', Estimate[]> = { q: [], testLoss: [] };
    const alphas = [2.5, 5, 10]; // α ≤ 10 is the validator's range
    for (const alpha of alphas) {
      const batchFraction = 0.1 / (0.1 + temperature * alpha); // κ²/α = h(1 − b)/(bα) = τ
      const params: Params = { ...logisticCase, alpha, batchFraction, horizon, samples: 10_000, responseSamples: 1000 };
      expect(noiseStrength(params) / alpha).toBeCloseTo(temperature, 12);
      const tables = theoryReplicas(params, 6);
      for (const name of ['q', 'testLoss'] as const) gaps[name].push(estimate(tables.map((table) => table[name][rowAt(table, horizon)] - limit[name][end])));
    }
    const lines: string[] = [];
    for (const name of ['q', 'testLoss'] as const) {
      const [a, b, c] = gaps[name];
      lines.push(`  ${name}: α·gap = ${alphas.map((alpha, i) => (alpha * gaps[name][i].mean).toFixed(3)).join(', ')} (gap s.e. ${gaps[name].map((g) => g.standardError.toExponential(1)).join(', ')})`);
      // Positive (data reuse overfits: q and the test loss above the fresh-data values) and shrinking, each step significant.
      expect(c.mean / c.standardError, `${name} gap at α = 10`).toBeGreaterThan(zLimit);
      expect(zScore({ mean: a.mean - b.mean, standardError: 0 }, { mean: 0, standardError: Math.hypot(a.standardError, b.standardError) }), `${name}: α 2.5 → 5`).toBeGreaterThan(zLimit);
      expect(zScore({ mean: b.mean - c.mean, standardError: 0 }, { mean: 0, standardError: Math.hypot(b.standardError, c.standardError) }), `${name}: α 5 → 10`).toBeGreaterThan(zLimit);
      // The 1/α law: the local slope d log(gap)/d log α between α = 5 and 10 is −1 up to the next order,
      // |c'/(cα)| ≲ 0.1 in §11.4(a)'s table (α·gap of q(10): 3.2, 3.3, 3.2, 3.0 at α = 2, 5, 10, 20); ±0.3 allows
      // three times that, plus 4 standard errors of the slope.
      const slope = Math.log(c.mean / b.mean) / Math.log(2);
      const slopeError = Math.hypot(c.standardError / c.mean, b.standardError / b.mean) / Math.log(2);
      lines.push(`  ${name}: slope (α 5 → 10) ${slope.toFixed(3)} ± ${slopeError.toFixed(3)}`);
      expect(Math.abs(slope + 1), `${name}: slope ${slope}`).toBeLessThanOrEqual(0.3 + zLimit * slopeError);
    }
    console.log(['DMFT → one-pass map', ...lines].join('\n'));
  });
});
