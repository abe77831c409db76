/**
 * The sweep's plan (src/core/sweep.ts): every value validated, and its readings (each point is the run at that value,
 * read at the grid time nearest --at). Running it is sweepRun.test.ts, its JSON/CSV schema sweepReport.test.ts, the
 * `sweep` command test/cli/sweepArgs.test.ts and test/cli/main.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/core/params';
import { maxSweepValues, planSweep, readAt, sweepKeys, type SweepPlan } from '../../src/core/sweep';
import { emptyTable, seriesNames } from '../../src/core/series';

const observables = seriesNames.filter((name) => name !== 't');

function expectPlan(base: Record<string, unknown>, key: SweepPlan['key'], values: unknown[], at: number | null = null): SweepPlan {
  const planning = planSweep(base, key, values, at);
  if (!planning.ok) throw new Error(JSON.stringify(planning.problems));
  return planning.plan;
}

function planProblems(base: Record<string, unknown>, key: SweepPlan['key'], values: unknown[], at: number | null = null): string[] {
  const planning = planSweep(base, key, values, at);
  if (planning.ok) throw new Error(`expected problems, got a plan of ${planning.plan.points.length} points`);
  return planning.problems.map((problem) => `${problem.valueIndex}:${problem.name}:${problem.message}`);
}

describe('planSweep', () => {
  it('sets the key to each value over the base parameters, validated', () => {
    const plan = expectPlan({ ...defaultParams, ridge: 0.1 }, 'alpha', [0.5, 1, 4], 3);
    expect(plan.values).toEqual([0.5, 1, 4]);
    expect(plan.at).toBe(3);
    expect(plan.points).toEqual([0.5, 1, 4].map((alpha) => ({ ...defaultParams, ridge: 0.1, alpha })));
    expect(expectPlan(defaultParams, 'beta', [Infinity]).points[0].beta).toBe(Infinity);
    expect(sweepKeys).toEqual(expect.arrayContaining(['alpha', 'batchFraction', 'step', 'ridge', 'beta', 'labelNoise', 'horizon', 'dt']));
  });

  it('refuses a bad value, naming its index; a reading time past a horizon; too many or no values', () => {
    expect(planProblems(defaultParams, 'alpha', [1, 20, 'abc'])).toEqual(['1:alpha:alpha must be a number from 0.1 to 10', '2:alpha:alpha must be a number from 0.1 to 10']);
    expect(planProblems({ ...defaultParams, dt: 0.1 }, 'step', [0.2, 0.05])).toEqual(['1:dt:dt must not exceed the step size h = 0.05']);
    expect(planProblems(defaultParams, 'horizon', [5, 2], 3)).toEqual(['1:at:the reading time 3 exceeds the horizon T = 2']);
    expect(planProblems(defaultParams, 'alpha', [])).toEqual(['null:values:a sweep needs at least one value']);
    expect(planProblems(defaultParams, 'alpha', Array.from({ length: maxSweepValues + 1 }, () => 1))[0]).toMatch(/at most 100 values/);
    expect(planProblems(defaultParams, 'alpha', [1], -1)).toEqual(['null:at:the reading time must be a number ≥ 0']);
    expect(planProblems(defaultParams, 'alpha', [1], NaN)).toHaveLength(1);
    expect(planProblems(defaultParams, 'dt', [0.05, null])).toEqual(['1:dt:a swept dt must be a number']);
  });
});

describe('readAt', () => {
  const table = emptyTable();
  for (let k = 0; k <= 4; k++) {
    table.t.push(k * 0.5);
    for (const name of observables) table[name].push(10 * k + observables.indexOf(name));
  }

  it('reads the row nearest the time on the grid t_k = kΔt', () => {
    expect(readAt(table, 0.5, 1)).toEqual({ t: 1, values: Object.fromEntries(observables.map((name, index) => [name, 20 + index])) });
    expect(readAt(table, 0.5, 1.2).t).toBe(1);
    expect(readAt(table, 0.5, 1.3).t).toBe(1.5);
    expect(readAt(table, 0.5, 0).values.q).toBe(observables.indexOf('q'));
  });

  it('gives NaN values (at the grid time asked) when the table stops before it, as a diverged run does', () => {
    const reading = readAt({ ...table, ...Object.fromEntries(seriesNames.map((name) => [name, table[name].slice(0, 3)])) }, 0.5, 2);
    expect(reading.t).toBe(2);
    expect(Object.values(reading.values).every(Number.isNaN)).toBe(true);
  });
});
