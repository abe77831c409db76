/**
 * The DMFT of minibatch SGD (theory.md §9: Bernoulli kicks for uniform batches, one kick per epoch for
 * epoch shuffling) against finite-d SGD, in cases where SGD and the SGF part by many standard errors.
 * Tolerances as in theoryVsSimulation.test.ts: zLimit combined standard errors, the theory's from 16
 * independent Monte-Carlo replicas, the simulation's from 16 seeds (each a fresh dataset).
 */
import { describe, expect, it } from 'vitest';
import { resolveEstimator } from '../../src/core/dmft/solver';
import { defaultParams, type Params } from '../../src/core/params';
import { type SeriesName } from '../../src/core/series';
import { simulate } from '../../src/core/sim/simulate';
import { compare, report, theoryEstimate, theoryReplicas } from './agreement';

const zLimit = 4;
const replicas = 16;
const simulationSize = { dim: 400, seeds: 16 };

interface Case {
  title: string;
  params: Params;
  names: Exclude<SeriesName, 't'>[];
  times: number[];
  /** A series and time where the SGF theory misses SGD by more than zLimit (so the case tells them apart). */
  sgfMisses: { name: Exclude<SeriesName, 't'>; t: number };
}

const hot: Params = { ...defaultParams, alpha: 2, batchFraction: 0.1, step: 0.5, ridge: 0.01, samples: 10_000, responseSamples: 1000, ...simulationSize };

const cases: Case[] = [
  {
    title: 'logistic, uniform batches, α=2, b=0.1, h=0.5, λ=0.01',
    params: { ...hot, model: 'logistic', horizon: 8, sampling: 'uniform' },
    names: ['trainLoss', 'trainError', 'q', 'm'],
    times: [0.5, 2, 8],
    sgfMisses: { name: 'trainError', t: 2 },
  },
  {
    title: 'logistic, epoch shuffling, α=2, b=0.1, h=0.5, λ=0.01',
    params: { ...hot, model: 'logistic', horizon: 15, sampling: 'epoch' },
    names: ['trainLoss', 'trainError', 'q', 'm'],
    times: [3, 10, 15],
    sgfMisses: { name: 'trainLoss', t: 10 },
  },
  {
    title: 'sign teacher (β = ∞, Stein teacher response), epoch shuffling, α=2, b=0.1, h=0.5, λ=0.01',
    params: { ...hot, model: 'logistic', beta: Infinity, horizon: 10, sampling: 'epoch' },
    names: ['trainLoss', 'trainError', 'q', 'm'],
    times: [2, 10],
    sgfMisses: { name: 'trainError', t: 10 },
  },
  {
    title: 'linear, epoch shuffling, α=2, b=0.1, h=0.2, λ=0.01, σ_ε=0.5 (pathwise response)',
    params: { ...hot, model: 'linear', labelNoise: 0.5, step: 0.2, horizon: 10, sampling: 'epoch' },
    names: ['trainLoss', 'testLoss', 'q', 'm'],
    times: [3, 10],
    sgfMisses: { name: 'q', t: 3 },
  },
];

describe('DMFT of minibatch SGD reproduces finite-d SGD (theory.md §9)', () => {
  for (const { title, params, names, times, sgfMisses } of cases) {
    it(title, () => {
      const sgdParams: Params = { ...params, theoryAlgorithm: 'sgd' };
      const simulation = simulate(sgdParams, 'sgd');
      const sgd = theoryReplicas(sgdParams, replicas);
      const rows = compare((name, t) => theoryEstimate(sgd, name, t), simulation, names, times);
      console.log(report(`SGD theory vs SGD, ${title}`, rows));
      for (const row of rows) expect(row.z, `${title}: ${row.name} at t=${row.t}`).toBeLessThanOrEqual(zLimit);

      const sgf = theoryReplicas({ ...params, theoryAlgorithm: 'sgf' }, replicas);
      const [miss] = compare((name, t) => theoryEstimate(sgf, name, t), simulation, [sgfMisses.name], [sgfMisses.t]);
      console.log(report('SGF theory vs SGD', [miss]));
      expect(miss.z, 'the SGF theory misses SGD here').toBeGreaterThan(zLimit);
    });
  }

  it('Stein estimator with the SGD kicks (uniform batches and epochs: the moments of s_k/b · f_k), following SGD', () => {
    for (const sampling of ['uniform', 'epoch'] as const) {
      const params: Params = { ...hot, model: 'logistic', horizon: 8, sampling, theoryAlgorithm: 'sgd', estimator: 'stein', samples: 50_000 };
      const rows = compare((name, t) => theoryEstimate(theoryReplicas(params, replicas), name, t), simulate(params, 'sgd'), ['trainLoss', 'trainError', 'q', 'm'], [2, 8]);
      console.log(report(`SGD theory (Stein) vs SGD, logistic ${sampling}`, rows));
      for (const row of rows) expect(row.z, `${sampling}: ${row.name} at t=${row.t}`).toBeLessThanOrEqual(zLimit);
    }
  });

  it('linear model, uniform batches: the exact response, following SGD', () => {
    const params: Params = { ...hot, model: 'linear', labelNoise: 0.5, step: 0.2, horizon: 6, theoryAlgorithm: 'sgd' };
    expect(resolveEstimator(params)).toBe('exact');
    expect(resolveEstimator({ ...params, sampling: 'epoch' })).toBe('pathwise');
    const rows = compare((name, t) => theoryEstimate(theoryReplicas(params, replicas), name, t), simulate(params, 'sgd'), ['trainLoss', 'testLoss', 'q', 'm'], [2, 6]);
    console.log(report('SGD theory (exact response) vs SGD, linear uniform', rows));
    for (const row of rows) expect(row.z, `${row.name} at t=${row.t}`).toBeLessThanOrEqual(zLimit);
  });
});
