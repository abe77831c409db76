/**
 * The DMFT against finite-d simulations (theory.md §7) and the linear model's DMFT against its
 * exact theory (§8). Every check is |difference| ≤ zLimit × combined standard error, where the
 * theory's error is the spread of independent Monte-Carlo replicas and the simulation's the spread
 * over seeds (each seed a fresh dataset, so it includes the finite-d fluctuation ~1/√d).
 * Sixteen seeds and sixteen theory replicas, so that each standard error is itself estimated with 15
 * degrees of freedom (with 4 an unlucky draw underestimates it severalfold: Student's t with 3 degrees
 * of freedom exceeds 4 with probability 3%); the finite-d bias is O(1/d) ≈ 0.25% at d = 400, below the
 * standard errors here.
 */
import { describe, expect, it } from 'vitest';
import { solveDmft } from '../../src/core/dmft/solver';
import { defaultParams, type Params } from '../../src/core/params';
import { type SeriesName } from '../../src/core/series';
import { simulate } from '../../src/core/sim/simulate';
import { solveLinearExact } from '../../src/core/theory/linearExact';
import { compare, estimate, report, rowAt, theoryEstimate, theoryReplicas, zScore, type Estimate } from './agreement';

/** Four standard errors: a false alarm has probability ~1e-4 per comparison for Gaussian errors. */
const zLimit = 4;
const simulationSize = { dim: 400, seeds: 16 };
const replicas = 16;

function expectAgreement(title: string, rows: ReturnType<typeof compare>): void {
  console.log(report(title, rows));
  for (const row of rows) expect(row.z, `${title}: ${row.name} at t=${row.t}`).toBeLessThanOrEqual(zLimit);
}

describe('DMFT reproduces finite-d simulations (theory.md §7)', () => {
  it('logistic SGF, α=2, b=0.1, h=0.1, λ=0.01, β=1', () => {
    const params: Params = { ...defaultParams, model: 'logistic', alpha: 2, batchFraction: 0.1, step: 0.1, ridge: 0.01, beta: 1, horizon: 6, samples: 10_000, responseSamples: 1000, ...simulationSize };
    const theory = theoryReplicas(params, replicas);
    const simulation = simulate(params, 'sgf');
    const names: Exclude<SeriesName, 't'>[] = ['trainLoss', 'trainError', 'q', 'm'];
    expectAgreement('logistic SGF', compare((name, t) => theoryEstimate(theory, name, t), simulation, names, [1, 3, 6]));
  });

  it('logistic gradient descent (κ = 0), α=0.5, λ=0', () => {
    const params: Params = { ...defaultParams, model: 'logistic', alpha: 0.5, batchFraction: 1, step: 0.1, ridge: 0, beta: 1, horizon: 6, samples: 10_000, responseSamples: 1000, ...simulationSize };
    const theory = theoryReplicas(params, replicas);
    expect(solveDmft({ ...params, horizon: 0.2 }).estimator).toBe('pathwise');
    const simulation = simulate(params, 'gd');
    expectAgreement('logistic GD', compare((name, t) => theoryEstimate(theory, name, t), simulation, ['trainLoss', 'q', 'm'], [1, 3, 6]));
  });

  it('logistic SGF with the sign teacher (β = ∞, Stein teacher response)', () => {
    const params: Params = { ...defaultParams, model: 'logistic', beta: Infinity, horizon: 4, samples: 10_000, responseSamples: 1000, ...simulationSize };
    const theory = theoryReplicas(params, replicas);
    const simulation = simulate(params, 'sgf');
    expectAgreement('sign teacher SGF', compare((name, t) => theoryEstimate(theory, name, t), simulation, ['trainLoss', 'testError', 'q', 'm'], [2, 4]));
  });

  it('linear SGF and minibatch SGD, α=2, b=0.1, h=0.1, λ=0.01, σ_ε=0.5', () => {
    const params: Params = { ...defaultParams, model: 'linear', alpha: 2, batchFraction: 0.1, step: 0.1, ridge: 0.01, labelNoise: 0.5, horizon: 6, samples: 10_000, ...simulationSize };
    const theory = theoryReplicas(params, replicas);
    const names: Exclude<SeriesName, 't'>[] = ['trainLoss', 'testLoss', 'q', 'm'];
    expectAgreement('linear SGF', compare((name, t) => theoryEstimate(theory, name, t), simulate(params, 'sgf'), names, [1, 3, 6]));
    // Minibatch SGD at step h follows the Δt = h theory (theory.md §8).
    expectAgreement('linear SGD', compare((name, t) => theoryEstimate(theory, name, t), simulate(params, 'sgd'), names, [1, 3, 6]));
  });
});

describe('linear model: DMFT against the exact theory (theory.md §8)', () => {
  const cases: { title: string; params: Params; times: number[] }[] = [
    { title: 'α=2, b=0.1, h=0.1, λ=0.01', params: { ...defaultParams, model: 'linear', horizon: 6 }, times: [1, 6] },
    { title: 'gradient descent α=2, λ=0.01', params: { ...defaultParams, model: 'linear', batchFraction: 1, horizon: 6 }, times: [6] },
    { title: 'α=0.7, b=0.2, h=0.2, λ=0 (heavy tails)', params: { ...defaultParams, model: 'linear', alpha: 0.7, batchFraction: 0.2, step: 0.2, ridge: 0, horizon: 4 }, times: [4] },
  ];
  for (const { title, params, times } of cases) {
    it(title, () => {
      const exact = solveLinearExact(params).table;
      const theory = theoryReplicas({ ...params, samples: 10_000 }, replicas);
      const rows = [];
      for (const name of ['trainLoss', 'testLoss', 'q', 'm'] as const) {
        for (const t of times) {
          const exactValue: Estimate = { mean: exact[name][rowAt(exact, t)], standardError: 0 };
          const dmft = theoryEstimate(theory, name, t);
          // m is deterministic given the exact response (no Monte Carlo enters it): compare to rounding.
          if (name === 'm') {
            expect(Math.abs(dmft.mean - exactValue.mean)).toBeLessThan(1e-9);
            continue;
          }
          rows.push({ name, t, theory: dmft, simulation: exactValue, z: zScore(dmft, exactValue) });
        }
      }
      expectAgreement(`linear DMFT vs exact, ${title}`, rows);
    });
  }
});

describe('Monte-Carlo responses agree with the exact square-loss response', () => {
  for (const estimator of ['pathwise', 'stein'] as const) {
    it(`${estimator} estimator, linear SGF α=2, b=0.5`, () => {
      const params: Params = { ...defaultParams, model: 'linear', batchFraction: 0.5, horizon: 3, samples: estimator === 'stein' ? 60_000 : 10_000, responseSamples: 2000 };
      // Same seeds, so the sample-process noise is shared and the difference isolates the response estimate.
      // Sixteen pairs, as for the simulations: with four, the standard error itself is too uncertain (3 degrees of freedom).
      const pairs = Array.from({ length: 16 }, (_, index) => index + 1).map((seed) => {
        const exact = solveDmft({ ...params, seed, estimator: 'exact' });
        const monteCarlo = solveDmft({ ...params, seed, estimator });
        return { exact, monteCarlo };
      });
      const size = pairs[0].exact.steps + 1;
      // Response R_{k,l} at a few (k, l): the mean over seeds of the difference must vanish within its error.
      const rows = [];
      for (const [k, l] of [[10, 5], [20, 0], [30, 15], [30, 29]]) {
        const differences = pairs.map(({ exact, monteCarlo }) => monteCarlo.response[k * size + l] - exact.response[k * size + l]);
        const difference = estimate(differences);
        rows.push({ name: `R[${k},${l}]`, t: k * 0.1, theory: difference, simulation: { mean: 0, standardError: 0 }, z: Math.abs(difference.mean) / Math.max(difference.standardError, 1e-12) });
        // And the response itself is estimated to within a few per cent.
        expect(Math.abs(difference.mean)).toBeLessThan(0.05 * Math.abs(pairs[0].exact.response[k * size + l]) + 4 * difference.standardError);
      }
      expectAgreement(`${estimator} response vs exact`, rows as ReturnType<typeof compare>);
      for (const name of ['q', 'trainLoss'] as const) {
        const relative = estimate(pairs.map(({ exact, monteCarlo }) => monteCarlo.table[name][30] - exact.table[name][30]));
        expect(Math.abs(relative.mean), `${name} at t=3`).toBeLessThanOrEqual(zLimit * relative.standardError + 1e-12);
      }
    });
  }
});
