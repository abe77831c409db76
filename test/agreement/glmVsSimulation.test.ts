/**
 * The DMFT of each added GLM against finite-d simulations, as in theoryVsSimulation.test.ts: every check is
 * |difference| ≤ zLimit × combined standard error, the theory's error the spread of 16 independent
 * Monte-Carlo replicas and the simulation's the spread over 16 seeds (fresh datasets, so it includes the
 * finite-d fluctuation). Small d and N and short horizons keep the cost to a few seconds per model.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../src/core/params';
import { type SeriesName } from '../../src/core/series';
import { simulate } from '../../src/core/sim/simulate';
import { compare, report, theoryEstimate, theoryReplicas } from './agreement';

const zLimit = 4;
const replicas = 16;
const simulationSize = { dim: 400, seeds: 16 };
const theorySize = { samples: 10_000, responseSamples: 1000 };

function expectAgreement(title: string, params: Params, algorithm: 'sgf' | 'gd', names: Exclude<SeriesName, 't'>[], times: number[]): void {
  const theory = theoryReplicas(params, replicas);
  const rows = compare((name, t) => theoryEstimate(theory, name, t), simulate(params, algorithm), names, times);
  console.log(report(title, rows));
  for (const row of rows) expect(row.z, `${title}: ${row.name} at t=${row.t}`).toBeLessThanOrEqual(zLimit);
}

describe('DMFT of the added GLMs against finite-d simulations', () => {
  it('probit SGF, α=2, b=0.1, h=0.1, λ=0.01, β=1', () => {
    const params: Params = { ...defaultParams, model: 'probit', horizon: 4, ...theorySize, ...simulationSize };
    expectAgreement('probit SGF', params, 'sgf', ['trainLoss', 'trainError', 'testLoss', 'q', 'm'], [1, 2, 4]);
  });

  it('squared-hinge SGF, α=2, b=0.1, h=0.1, λ=0.01, β=2', () => {
    const params: Params = { ...defaultParams, model: 'squared-hinge', beta: 2, horizon: 4, ...theorySize, ...simulationSize };
    expectAgreement('squared hinge SGF', params, 'sgf', ['trainLoss', 'trainError', 'testLoss', 'q', 'm'], [1, 2, 4]);
  });

  it('Poisson gradient descent (h = 0.05) and SGF (b = 0.5, h = 0.01), α=2, λ=0.01', () => {
    const gd: Params = { ...defaultParams, model: 'poisson', batchFraction: 1, step: 0.05, horizon: 3, ...theorySize, ...simulationSize };
    expectAgreement('Poisson GD', gd, 'gd', ['trainLoss', 'testLoss', 'q', 'm'], [1, 3]);
    // The step bound (models/poisson.ts) allows SGF only at small steps: 100 of them.
    const sgf: Params = { ...gd, batchFraction: 0.5, step: 0.01, horizon: 1 };
    expectAgreement('Poisson SGF', sgf, 'sgf', ['trainLoss', 'testLoss', 'q', 'm'], [0.5, 1]);
  });

  it('phase retrieval GD and SGF from a planted overlap, α=4, h=0.1, λ=0, σ_ε=0.1, σ₀=0.5, m(0)=0.3', () => {
    const params: Params = {
      ...defaultParams,
      model: 'phase-retrieval',
      alpha: 4,
      batchFraction: 1,
      ridge: 0,
      labelNoise: 0.1,
      initScale: 0.5,
      initOverlap: 0.3,
      horizon: 4,
      // Larger than the other models' sizes: both finite sizes bias this model the same way (the theory lags: at
      // N = 10⁴ q(1) = 0.7541 ± 0.0024 against 0.7574 ± 0.0008 at 8·10⁴; the simulation leads: 0.769 ± 0.005 at
      // d = 400 against 0.760 ± 0.004 at d = 1600), so at the common sizes every row sat 2.5–4 s.e. apart in the
      // same direction and one of them crossed the limit (trainLoss at t = 2, z = 4.10). The cause is the sizes.
      samples: 40_000,
      responseSamples: 4000,
      dim: 1600,
      seeds: 16,
    };
    expectAgreement('phase retrieval GD', params, 'gd', ['trainLoss', 'testLoss', 'q', 'm'], [1, 2, 4]);
    // And the SGF at b = 0.5, h = 0.05 (κ² = 0.05): the noise at a step the cubic force still tolerates.
    const sgf: Params = { ...params, batchFraction: 0.5, step: 0.05, horizon: 3 };
    expectAgreement('phase retrieval SGF', sgf, 'sgf', ['trainLoss', 'testLoss', 'q', 'm'], [1, 3]);
  });
});
