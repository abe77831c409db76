/**
 * The committee DMFT against this project's finite-d committee simulations (issue 11), directly: case (i) of
 * theory.md §10.6 (p = p* = 2, SGF and SGD, each against its own theory) and the plateau preset (theory.md §10.5:
 * the plateau and the specialization, SGD against the DMFT of SGD, with the planted labels fixing the units).
 * Tolerances: |z| < 4 with z = (theory − simulation)/√(se_theory² + se_sim²), the theory's s.e. the spread of
 * independent solves, the simulation's the spread of seeds; at d = 1000 the finite-size shift (O(1/d)) is below both.
 * CPU: case (i) 16 solves at N = 10⁴ and 32 seeds; the plateau 6 solves at K = 188 and 6 seeds (~2 min on one core).
 */
import { describe, expect, it } from 'vitest';
import { committeeDefaults, type CommitteeParams } from '../../src/core/committee/config';
import { simulateCommittee } from '../../src/core/committee/simulate';
import { findPreset } from '../../src/core/presets';
import { type Algorithm } from '../../src/core/sim/types';
import { zScore, type Estimate } from './agreement';
import { committeeTheoryEstimate, committeeTheoryReplicas } from './committeeAgreement';

function nearestIndex(times: readonly number[], t: number): number {
  let best = 0;
  times.forEach((time, i) => {
    if (Math.abs(time - t) < Math.abs(times[best] - t)) best = i;
  });
  return best;
}

const zLimit = 4;

/** Largest |z| over names × times of `replicas` independent solves of the theory against `seeds` seeds of `algorithm`. */
function worstZ(params: CommitteeParams, algorithm: Algorithm, replicas: number, names: string[], times: number[], label: string): number {
  const theoryParams: CommitteeParams = { ...params, theoryAlgorithm: algorithm === 'sgd' ? 'sgd' : 'sgf' };
  const solves = committeeTheoryReplicas(theoryParams, replicas);
  const simulation = simulateCommittee(params, algorithm);
  expect(simulation.seeds, 'every seed ran to the horizon').toBe(params.seeds);
  let worst = 0;
  const lines: string[] = [];
  for (const t of times) {
    const row = { i: nearestIndex(simulation.table.t, t) };
    for (const name of names) {
      const theory = committeeTheoryEstimate(solves, name, t);
      const simulated: Estimate = { mean: simulation.table[name][row.i], standardError: simulation.standardErrors[`${name}Se`][row.i] };
      const z = zScore(theory, simulated);
      worst = Math.max(worst, z);
      lines.push(`t=${String(t).padStart(3)} ${name.padEnd(9)} theory ${theory.mean.toPrecision(4)} ± ${theory.standardError.toPrecision(2)}  sim ${simulated.mean.toPrecision(4)} ± ${simulated.standardError.toPrecision(2)}  z ${z.toFixed(2)}`);
    }
  }
  console.log(`${label} (max |z| ${worst.toFixed(2)}):\n  ${lines.join('\n  ')}`);
  return worst;
}

describe('committee DMFT against the finite-d committee simulations', () => {
  const caseOne: CommitteeParams = { ...committeeDefaults, samples: 10_000, responseSamples: 1000, dim: 1000, seeds: 8 };
  const summaries = ['trainLoss', 'testLoss', 'qDiag', 'qOff', 'mMean'];

  it('case (i), p = p* = 2: the SGF theory against SGF', () => {
    expect(worstZ(caseOne, 'sgf', 8, summaries, [2, 6, 10], 'committee case (i), SGF theory vs SGF')).toBeLessThan(zLimit);
  }, 600_000);

  it('case (i), p = p* = 2: the SGD theory against SGD with uniform batches', () => {
    expect(worstZ(caseOne, 'sgd', 8, summaries, [2, 6, 10], 'committee case (i), SGD theory vs SGD')).toBeLessThan(zLimit);
  }, 600_000);

  it('the plateau preset: SGD against the DMFT of SGD through the plateau and the specialization', () => {
    const preset = findPreset('committee-plateau')!.params;
    const params: CommitteeParams = { ...preset, seeds: 6 };
    const names = ['testLoss', 'qDiag', 'M_1_1', 'M_1_2', 'M_2_2'];
    expect(worstZ(params, 'sgd', 6, names, [20, 60, 100, 150], 'committee plateau preset, SGD theory vs SGD')).toBeLessThan(zLimit);
  }, 900_000);
});

describe('the committee noise preset', () => {
  it('its caption holds in the theory: hotter SGD specializes sooner than gradient descent (M11 at t = 80)', () => {
    const hot = findPreset('committee-noise')!.params;
    const gradientDescent: CommitteeParams = { ...hot, batchFraction: 1, theoryAlgorithm: 'gd' };
    const hotSolves = committeeTheoryReplicas({ ...hot, theoryAlgorithm: 'sgd' }, 3);
    const gdSolves = committeeTheoryReplicas(gradientDescent, 3);
    const difference = (name: string, t: number): number => {
      const a = committeeTheoryEstimate(hotSolves, name, t);
      const b = committeeTheoryEstimate(gdSolves, name, t);
      console.log(`committee noise preset: ${name}(${t}) b = 0.05 ${a.mean.toFixed(4)} ± ${a.standardError.toFixed(4)}, gradient descent ${b.mean.toFixed(4)} ± ${b.standardError.toFixed(4)}`);
      return (a.mean - b.mean) / Math.hypot(a.standardError, b.standardError);
    };
    expect(difference('M_1_1', 80)).toBeGreaterThan(zLimit);
  }, 900_000);
});
