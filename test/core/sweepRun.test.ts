import { describe, expect, it } from 'vitest';
import { solveDmft } from '../../src/core/dmft/solver';
import { defaultParams, type Params } from '../../src/core/params';
import { simulate } from '../../src/core/sim/simulate';
import { planSweep, type SweepPlan } from '../../src/core/sweep';
import { formatSweepJson } from '../../src/core/sweepReport';
import { runSweep } from '../../src/core/sweepRun';

const small: Partial<Params> = { horizon: 1, samples: 500, responseSamples: 100 };

function expectPlan(base: Record<string, unknown>, key: SweepPlan['key'], values: unknown[], at: number | null = null): SweepPlan {
  const planning = planSweep(base, key, values, at);
  if (!planning.ok) throw new Error(JSON.stringify(planning.problems));
  return planning.plan;
}

describe('runSweep', () => {
  it('each point is the solve (and the simulation) at its value, read at the row of --at', () => {
    const plan = expectPlan({ ...defaultParams, ...small, dim: 40, seeds: 2 }, 'batchFraction', [0.2, 1], 0.5);
    const points = runSweep(plan, { algorithm: 'sgd' });
    expect(points.map((point) => point.value)).toEqual([0.2, 1]);
    plan.points.forEach((params, index) => {
      const theory = solveDmft(params);
      const simulation = simulate(params, 'sgd');
      const { theory: read, simulation: simulated } = points[index];
      expect(read.t).toBe(0.5);
      expect(read.values.q).toBe(theory.table.q[5]);
      expect(read.values.trainError).toBe(theory.table.trainError[5]);
      expect(read.trainLossSe).toBe(theory.trainLossSe[5]);
      expect(read.trainErrorSe).toBe(theory.trainErrorSe[5]);
      expect(read.divergedAt).toBeNaN();
      expect(simulated!.t).toBe(0.5);
      expect(simulated!.values.m).toBe(simulation.table.m[5]);
      expect(simulated!.standardErrors.cosineSe).toBe(simulation.standardErrors.cosineSe[5]);
    });
  });

  it('a point that diverges has null values and its divergence time; the others are unaffected', () => {
    // Gradient descent on the square loss blows up when h·A_max > 2 (theory.md §8).
    const base = { ...defaultParams, model: 'linear', batchFraction: 1, ridge: 0, horizon: 100, samples: 500 };
    const points = runSweep(expectPlan(base, 'step', [0.5, 1]));
    expect(points[0].theory.t).toBe(100);
    expect(points[0].theory.divergedAt).toBeNaN();
    expect(Number.isFinite(points[0].theory.values.q)).toBe(true);
    expect(points[1].theory.divergedAt).toBeGreaterThan(0);
    expect(points[1].theory.values.q).toBeNaN();
    const json = JSON.parse(formatSweepJson({ params: { ...defaultParams, ...base } as Params, key: 'step', at: null, algorithm: null, points })) as Record<string, unknown[]>;
    expect(json.q[1]).toBeNull();
    expect(json.divergedAt).toEqual([null, points[1].theory.divergedAt]);
  });
});
