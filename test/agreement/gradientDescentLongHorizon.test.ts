/**
 * Gradient descent (κ = 0) at long horizons, each DMFT solve on its own against finite-d GD (issue 10).
 * Before the fix some seeds drifted away from the simulation after t ≈ 8 (q(20) up to 7.6 against 5.33,
 * the train error +20–200%), so a check of the mean over solves could hide them: every solve is checked.
 * Tolerance per solve: zLimit × √(σ² + s²), σ the Monte-Carlo spread of one solve, measured robustly
 * (1.4826 × median absolute deviation over the solves, so a minority of failing solves cannot widen
 * it), s the simulation's standard error over its seeds.
 */
import { describe, expect, it } from 'vitest';
import { solveDmft } from '../../src/core/dmft/solver';
import { defaultParams, type Params } from '../../src/core/params';
import { type SeriesName, type SeriesTable } from '../../src/core/series';
import { simulate } from '../../src/core/sim/simulate';
import { rowAt, simulationEstimate } from './agreement';

const zLimit = 4;
const solves = 12;
// d = 2000: the finite-d bias of q(20), ~27/d here (d = 300, 1000, 3000 gave 5.37, 5.335, 5.29), stays below its standard error.
const simulationSize = { dim: 2000, seeds: 16 };
const names: Exclude<SeriesName, 't'>[] = ['trainLoss', 'trainError', 'q', 'm'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Standard deviation of a normal sample estimated from its median absolute deviation. */
function robustSpread(values: number[]): number {
  const centre = median(values);
  return 1.4826 * median(values.map((value) => Math.abs(value - centre)));
}

function expectEverySolveAgrees(title: string, params: Params, times: number[]): void {
  const simulation = simulate(params, 'gd');
  const tables: SeriesTable[] = Array.from({ length: solves }, (_, index) => solveDmft({ ...params, seed: 1 + index }).table);
  const lines: string[] = [title];
  const failures: string[] = [];
  for (const name of names) {
    for (const t of times) {
      const target = simulationEstimate(simulation, name, t);
      const values = tables.map((table) => table[name][rowAt(table, t)]);
      const tolerance = zLimit * Math.hypot(robustSpread(values), target.standardError);
      const worst = Math.max(...values.map((value) => Math.abs(value - target.mean)));
      lines.push(
        `  ${name.padEnd(10)} t=${t.toFixed(0).padStart(3)}  sim ${target.mean.toFixed(4)}±${target.standardError.toFixed(4)}  ` +
          `solves ${values.map((value) => value.toFixed(4)).join(' ')}  worst |Δ| ${worst.toFixed(4)} ≤ ${tolerance.toFixed(4)}`,
      );
      values.forEach((value, index) => {
        if (!(Math.abs(value - target.mean) <= tolerance)) failures.push(`${name} at t=${t}, seed ${index + 1}: ${value.toFixed(4)}`);
      });
    }
  }
  console.log(lines.join('\n'));
  expect(failures, title).toEqual([]);
}

const longHorizonGd: Params = {
  ...defaultParams,
  model: 'logistic',
  alpha: 1.5,
  batchFraction: 1,
  step: 0.2,
  ridge: 0.01,
  horizon: 20,
  samples: 10_000,
  responseSamples: 1000,
  ...simulationSize,
};

describe('gradient descent at long horizons: every solve agrees with finite-d GD (issue 10)', () => {
  it('logistic, α = 1.5, h = 0.2, λ = 0.01, T = 20', () => {
    expectEverySolveAgrees('logistic GD, T = 20', longHorizonGd, [10, 20]);
  });

  it('sign teacher (β = ∞, Stein teacher response)', () => {
    expectEverySolveAgrees('sign-teacher GD, T = 20', { ...longHorizonGd, beta: Infinity }, [10, 20]);
  });

  it('longer horizon, T = 40 (K = 200)', () => {
    // N = 4·10⁴: the particle closure's O(1/N) bias of q(40) against the simulation (+0.07 at N = 10⁴, +0.01 ± 0.02
    // at 4·10⁴, 16 solves each) is not in the tolerance, and at N = 10⁴ it is a good part of one solve's spread (0.17).
    // The drift this test found at N = 10⁴ (ε_piv = 10⁻¹²: seeds 21, 29, 32, 36 and 78 of 80) is checked in solver.test.ts.
    expectEverySolveAgrees('logistic GD, T = 40', { ...longHorizonGd, horizon: 40, samples: 40_000 }, [20, 40]);
  });
});
