/**
 * The DMFT's two-time correlation C(t, t′) off the diagonal (the diagonal is q, checked in theoryVsSimulation)
 * against θ(t)·θ(t′)/d of finite-d SGF simulations, on the two-time grid the app draws (core/sim/twoTime.ts).
 * As in theoryVsSimulation.test.ts: |difference| ≤ zLimit × combined standard error, the theory's from 16
 * Monte-Carlo replicas, the simulation's from 16 seeds (each a fresh dataset, so it includes the ~1/√d fluctuation).
 */
import { describe, expect, it } from 'vitest';
import { solveDmft } from '../../src/core/dmft/solver';
import { sgdTheoryParams } from '../../src/core/dmft/twoTheories';
import { defaultParams, type Params } from '../../src/core/params';
import { seedRows, simulationGrid } from '../../src/core/sim/simulate';
import { sampleMatrix, simulationTwoTimeIndices, ThetaHistory, twoTimeIndices, type TwoTimeMatrix } from '../../src/core/sim/twoTime';
import { estimate, zScore } from './agreement';

const zLimit = 4;
const replicas = 16;
const seeds = 16;

function seedCorrelation(params: Params, algorithm: 'sgf' | 'sgd', seedIndex: number): TwoTimeMatrix {
  const { dt, steps } = simulationGrid(params, algorithm);
  const history = new ThetaHistory(simulationTwoTimeIndices(steps, params.dim), dt);
  const rows = seedRows(params, algorithm, seedIndex, { onWeights: (k, weights) => history.record(k, weights) });
  while (!rows.next().done);
  return history.correlation();
}

function theoryCorrelation(params: Params): TwoTimeMatrix {
  const result = solveDmft(params);
  return sampleMatrix(result.correlation, result.steps, twoTimeIndices(result.steps), result.dt);
}

/** Theory replicas and simulation seeds of C on one grid, compared at (t, t′) pairs; returns the report lines. */
function expectAgreement(title: string, theoryParams: Params, params: Params, algorithm: 'sgf' | 'sgd', pairs: [number, number][]): void {
  const theory = Array.from({ length: replicas }, (_, index) => theoryCorrelation({ ...theoryParams, seed: theoryParams.seed + 1000 * (index + 1) }));
  const simulation = Array.from({ length: seeds }, (_, seedIndex) => seedCorrelation(params, algorithm, seedIndex));
  const times = theory[0].times;
  expect(simulation[0].times).toEqual(times); // each simulation runs on its theory's grid (Δt for SGF, h for SGD)
  const n = times.length;
  const at = (t: number): number => times.findIndex((time) => Math.abs(time - t) < 1e-9);
  const lines: string[] = [];
  const zs: [string, number][] = [];
  for (const [t, tPrime] of pairs) {
    const cell = at(t) * n + at(tPrime);
    const theoryValue = estimate(theory.map((matrix) => matrix.values[cell]));
    const simulationValue = estimate(simulation.map((matrix) => matrix.values[cell]));
    const z = zScore(theoryValue, simulationValue);
    lines.push(`  C(${t}, ${tPrime})  theory ${theoryValue.mean.toFixed(4)}±${theoryValue.standardError.toFixed(4)}  sim ${simulationValue.mean.toFixed(4)}±${simulationValue.standardError.toFixed(4)}  z=${z.toFixed(2)}`);
    zs.push([`C(${t}, ${tPrime})`, z]);
  }
  console.log([title, ...lines].join('\n'));
  for (const [name, z] of zs) expect(z, `${title}: ${name}`).toBeLessThanOrEqual(zLimit);
}

const params: Params = { ...defaultParams, horizon: 4, samples: 10_000, responseSamples: 1000, dim: 400, seeds };
const pairs: [number, number][] = [[2, 1], [4, 1], [4, 2], [4, 3]];

describe('two-time correlation: DMFT against simulation', () => {
  it('logistic SGF, α=2, b=0.1, h=0.1, λ=0.01, β=1: C(t, t′) at four pairs (t, t′)', () => {
    expectAgreement('two-time correlation, logistic SGF', params, params, 'sgf', pairs);
  });

  it('logistic minibatch SGD against the DMFT of SGD (theory.md §9), same parameters', () => {
    expectAgreement('two-time correlation, logistic SGD', sgdTheoryParams(params), params, 'sgd', pairs);
  });
});
