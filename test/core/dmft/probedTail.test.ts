/**
 * The probed far part of the pathwise response (src/core/dmft/probedTail.ts): unbiased against the full
 * O(K³) adjoint sweep, and, on a grid long enough to use it by default, in agreement with finite-d SGF.
 */
import { describe, expect, it } from 'vitest';
import { solveDmft } from '../../../src/core/dmft/solver';
import { pathwiseWindow } from '../../../src/core/dmft/probedTail';
import { defaultParams, timeSteps, type Params } from '../../../src/core/params';
import { estimateResources, resourceProblems } from '../../../src/core/resources';
import { type SeriesName } from '../../../src/core/series';
import { simulate } from '../../../src/core/sim/simulate';
import { compare, estimate, report, theoryEstimate, theoryReplicas } from '../../agreement/agreement';

const zLimit = 4;
const names: Exclude<SeriesName, 't'>[] = ['trainLoss', 'trainError', 'q', 'm'];

describe('probed pathwise tail', () => {
  it('is unbiased: paired against the full adjoint sweep (same sample process), the mean difference is within 4 standard errors', () => {
    // A short window, so that most of each sweep is probed and a bias would show.
    const params: Params = { ...defaultParams, horizon: 6, samples: 4000, responseSamples: 1000 };
    const window = 8;
    const pairs = 16;
    const differences: Record<string, number[]> = {};
    for (let index = 0; index < pairs; index++) {
      const seeded = { ...params, seed: 10 + index };
      const full = solveDmft(seeded, { pathwiseWindow: Infinity });
      const probed = solveDmft(seeded, { pathwiseWindow: window });
      expect(full.probedFromLag).toBeNull();
      expect(probed.probedFromLag).toBe(window);
      const last = full.table.t.length - 1;
      for (const name of names) (differences[name] ??= []).push(probed.table[name][last] - full.table[name][last]);
    }
    for (const name of names) {
      const difference = estimate(differences[name]);
      console.log(`${name}: probed − full ${difference.mean.toExponential(2)} ± ${difference.standardError.toExponential(1)}`);
      expect(difference.standardError, `${name}: the probe changes the solve`).toBeGreaterThan(0);
      expect(Math.abs(difference.mean), name).toBeLessThanOrEqual(zLimit * difference.standardError);
    }
  });

  it('lets the continuous SGF (Δt = h/10, K = 600) run at the default N: the response work grows like K², not K³', () => {
    const continuous: Params = { ...defaultParams, dt: 0.01, horizon: 6 };
    expect(timeSteps(continuous)).toBe(600);
    expect(resourceProblems(continuous)).toEqual([]);
    const work = (dt: number) => estimateResources({ ...defaultParams, dt }).theoryWork;
    expect(work(0.025) / work(0.05)).toBeLessThan(4.5); // K = 400 against 200
  });

  it('SGF on a fine grid (Δt = h/4, K = 200, probed by default) agrees with finite-d SGF at the same Δt', () => {
    const params: Params = { ...defaultParams, horizon: 5, dt: 0.025, samples: 10_000, responseSamples: 1000, dim: 400, seeds: 16 };
    expect(timeSteps(params)).toBeGreaterThan(2 * pathwiseWindow);
    expect(solveDmft({ ...params, samples: 500, responseSamples: 100 }).probedFromLag).toBe(pathwiseWindow);
    expect(solveDmft({ ...params, horizon: 2, samples: 500, responseSamples: 100 }).probedFromLag).toBeNull(); // K = 80: the full sweeps cost less
    const theory = theoryReplicas(params, 16);
    const rows = compare((name, t) => theoryEstimate(theory, name, t), simulate(params, 'sgf'), names, [2.5, 5]);
    console.log(report('fine-grid SGF', rows));
    for (const row of rows) expect(row.z, `${row.name} at t=${row.t}`).toBeLessThanOrEqual(zLimit);
  });
});
