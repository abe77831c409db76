/**
 * The exact DMFT of minibatch SGD (theory.md §9) against finite-d minibatch SGD, with uniform batches and
 * with epoch shuffles, in a regime where SGD and its SGF model differ by many standard errors. Tolerances
 * as in theoryVsSimulation.test.ts: |difference| ≤ 4 combined standard errors, the theory's error from 16
 * independent Monte-Carlo replicas, the simulation's from 16 seeds (fresh datasets).
 */
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../src/core/params';
import type { SeriesName } from '../../src/core/series';
import { simulate } from '../../src/core/sim/simulate';
import { solveDmft } from '../../src/core/dmft/solver';
import { compare, report, theoryEstimate, theoryReplicas, zScore } from './agreement';

const zLimit = 4;
const replicas = 16;
const simulationSize = { dim: 400, seeds: 16 };
/** A hot regime of theory.md §9: h = 0.5, b = 0.1 (κ² = 4.5), where SGD is not its SGF. */
const hot: Params = {
  ...defaultParams,
  model: 'logistic',
  alpha: 2,
  batchFraction: 0.1,
  step: 0.5,
  ridge: 0.01,
  horizon: 10,
  samples: 10_000,
  responseSamples: 1000,
  ...simulationSize,
};

function expectAgreement(title: string, rows: ReturnType<typeof compare>): void {
  console.log(report(title, rows));
  for (const row of rows) expect(row.z, `${title}: ${row.name} at t=${row.t}`).toBeLessThanOrEqual(zLimit);
}

describe('the DMFT of minibatch SGD reproduces finite-d SGD (theory.md §9)', () => {
  it('uniform batches, logistic: SGD theory within error of SGD; the SGF theory misses its early train error', () => {
    const params: Params = { ...hot, sampling: 'uniform' };
    const sgdTheory = theoryReplicas({ ...params, theoryAlgorithm: 'sgd' }, replicas);
    const simulation = simulate(params, 'sgd');
    const names: Exclude<SeriesName, 't'>[] = ['trainLoss', 'trainError', 'q', 'm'];
    expectAgreement('SGD theory (uniform) vs SGD', compare((name, t) => theoryEstimate(sgdTheory, name, t), simulation, names, [0.5, 2, 5, 10]));

    // The SGF theory of the same parameters: its first steps' train error is many standard errors from SGD's.
    const sgfTheory = theoryReplicas({ ...params, theoryAlgorithm: 'sgf' }, replicas);
    console.log(report('SGF theory vs SGD (expected to differ)', compare((name, t) => theoryEstimate(sgfTheory, name, t), simulation, ['trainError'], [0.5, 1])));
    for (const t of [0.5, 1]) {
      const z = zScore(theoryEstimate(sgfTheory, 'trainError', t), theoryEstimate(sgdTheory, 'trainError', t));
      console.log(`  SGF theory vs SGD theory, trainError t=${t}: z=${z.toFixed(1)}`);
      expect(z, `SGF and SGD theories at t=${t}`).toBeGreaterThan(zLimit);
    }
  });

  it('epoch shuffles, logistic: SGD theory within error of epoch SGD; uniform-batch theory far from it', () => {
    const params: Params = { ...hot, sampling: 'epoch' };
    const epochTheory = theoryReplicas({ ...params, theoryAlgorithm: 'sgd' }, replicas);
    const simulation = simulate(params, 'sgd');
    const names: Exclude<SeriesName, 't'>[] = ['trainLoss', 'trainError', 'q', 'm'];
    expectAgreement('SGD theory (epoch) vs epoch SGD', compare((name, t) => theoryEstimate(epochTheory, name, t), simulation, names, [2, 5, 10]));

    const uniformTheory = theoryReplicas({ ...params, sampling: 'uniform', theoryAlgorithm: 'sgd' }, replicas);
    const [late] = compare((name, t) => theoryEstimate(uniformTheory, name, t), simulation, ['trainLoss'], [10]);
    console.log(report('uniform-batch theory vs epoch SGD (expected to differ)', [late]));
    expect(late.z).toBeGreaterThan(zLimit);
  });

  it('epoch shuffles, linear model at its defaults (pathwise response: the exact one needs independent kicks)', () => {
    const params: Params = { ...defaultParams, model: 'linear', labelNoise: 0.5, horizon: 6, samples: 10_000, responseSamples: 1000, sampling: 'epoch', ...simulationSize };
    const epochTheory = theoryReplicas({ ...params, theoryAlgorithm: 'sgd' }, replicas);
    expect(solveDmft({ ...params, theoryAlgorithm: 'sgd', horizon: 0.2 }).estimator).toBe('pathwise');
    const simulation = simulate(params, 'sgd');
    const names: Exclude<SeriesName, 't'>[] = ['trainLoss', 'testLoss', 'q', 'm'];
    expectAgreement('linear SGD theory (epoch) vs epoch SGD', compare((name, t) => theoryEstimate(epochTheory, name, t), simulation, names, [1, 3, 6]));

    // For the square loss uniform batches give the SGF's theory (only two moments enter); epochs do not.
    const uniformTheory = theoryReplicas({ ...params, sampling: 'uniform', theoryAlgorithm: 'sgd' }, replicas);
    const [early] = compare((name, t) => theoryEstimate(uniformTheory, name, t), simulation, ['trainLoss'], [1]);
    console.log(report('uniform-batch theory vs epoch SGD (expected to differ)', [early]));
    expect(early.z).toBeGreaterThan(zLimit);
  });
});
