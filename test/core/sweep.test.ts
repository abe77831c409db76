/**
 * The sweep: its plan (every value validated), its readings (each point is the run at that value, read at
 * the grid time nearest --at), its JSON/CSV schema, and the `sweep` command's contract (keys, CSV header,
 * exit codes) as for `theory` in cli.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, type ParsedArguments, type RunRequest } from '../../src/cli/args';
import { helpText } from '../../src/cli/help';
import { solveDmft } from '../../src/core/dmft/solver';
import { defaultParams, type Params } from '../../src/core/params';
import { simulate } from '../../src/core/sim/simulate';
import { maxSweepValues, planSweep, readAt, sweepKeys, type SweepPlan } from '../../src/core/sweep';
import { formatSweepCsv, formatSweepJson, type SweepReport } from '../../src/core/sweepReport';
import { runSweep } from '../../src/core/sweepRun';
import { emptyTable, seriesNames } from '../../src/core/series';

const observables = seriesNames.filter((name) => name !== 't');
const theoryColumns = ['t', ...observables, 'trainLossSe', 'trainErrorSe', 'divergedAt'];
const capitalized = (name: string): string => name[0].toUpperCase() + name.slice(1);
const simulationColumns = ['simT', ...observables.map((name) => `sim${capitalized(name)}`), ...observables.map((name) => `sim${capitalized(name)}Se`), 'simDivergedAt'];
const small: Partial<Params> = { horizon: 1, samples: 500, responseSamples: 100 };

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

function report(algorithm: SweepReport['algorithm']): SweepReport {
  const values = Object.fromEntries(observables.map((name, index) => [name, index / 8])) as Record<(typeof observables)[number], number>;
  const standardErrors = Object.fromEntries(observables.map((name) => [`${name}Se`, 0.01])) as never;
  const point = (value: number) => ({
    value,
    theory: { t: 2, values: { ...values, trainError: NaN }, trainLossSe: 0.001, trainErrorSe: NaN, divergedAt: NaN },
    simulation: algorithm ? { t: 2, values, standardErrors, divergedAt: NaN } : null,
  });
  return { params: { ...defaultParams, beta: Infinity }, key: 'alpha', at: 2, algorithm, points: [point(0.5), point(4)] };
}

describe('sweep output', () => {
  it('JSON: params without the swept key, param, at, algorithm, then one array per column; NaN → null', () => {
    const parsed = JSON.parse(formatSweepJson(report(null))) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['params', 'param', 'at', 'algorithm', 'alpha', ...theoryColumns]);
    expect(Object.keys(parsed.params as object)).toEqual(Object.keys(defaultParams).filter((key) => key !== 'alpha'));
    expect((parsed.params as Record<string, unknown>).beta).toBe('Infinity');
    expect([parsed.param, parsed.at, parsed.algorithm]).toEqual(['alpha', 2, null]);
    expect(parsed.alpha).toEqual([0.5, 4]);
    expect(parsed.trainError).toEqual([null, null]);
    expect(parsed.q).toEqual([0.5, 0.5]);
    expect(parsed.divergedAt).toEqual([null, null]);
    const withSimulation = JSON.parse(formatSweepJson(report('sgd'))) as Record<string, unknown>;
    expect(Object.keys(withSimulation)).toEqual(['params', 'param', 'at', 'algorithm', 'alpha', ...theoryColumns, ...simulationColumns]);
    expect(withSimulation.algorithm).toBe('sgd');
    expect(withSimulation.simTrainError).toEqual([1 / 8, 1 / 8]);
  });

  it('CSV: a header of the same column names, the swept key first, one line per value; NaN → empty', () => {
    const lines = formatSweepCsv(report(null)).trimEnd().split('\n');
    expect(lines[0]).toBe(['alpha', ...theoryColumns].join(','));
    expect(lines.slice(1)).toEqual(['0.5,2,0,,0.25,0.375,0.5,0.625,0.75,0.001,,', '4,2,0,,0.25,0.375,0.5,0.625,0.75,0.001,,']);
    expect(formatSweepCsv(report('gd')).split('\n')[0]).toBe(['alpha', ...theoryColumns, ...simulationColumns].join(','));
  });
});

function expectSweep(parsed: ParsedArguments): RunRequest & { sweep: SweepPlan } {
  if (!parsed.ok || parsed.command !== 'sweep' || !parsed.sweep) throw new Error(`expected a sweep, got ${JSON.stringify(parsed)}`);
  return parsed as RunRequest & { sweep: SweepPlan };
}

function problemsOf(parsed: ParsedArguments): string {
  if (parsed.ok) throw new Error(`expected problems, got ${JSON.stringify(parsed)}`);
  expect(parsed.problems.length).toBeGreaterThan(0);
  return parsed.problems.join('\n');
}

describe('parseArgs: sweep', () => {
  it('reads --param (flag name or key), --values, --at, --simulate with --algo, and the other flags', () => {
    const run = expectSweep(parseArgs(['sweep', '--param', 'alpha', '--values', '0.5, 1,2,4', '--at', '10', '--ridge', '0', '--format', 'csv']));
    expect(run.sweep.key).toBe('alpha');
    expect(run.sweep.values).toEqual([0.5, 1, 2, 4]);
    expect(run.sweep.at).toBe(10);
    expect(run.sweep.points.map((point) => point.ridge)).toEqual([0, 0, 0, 0]);
    expect(run.params).toEqual(run.sweep.points[0]);
    expect([run.format, run.simulate]).toEqual(['csv', false]);
    const simulated = expectSweep(parseArgs(['sweep', '--param=batchFraction', '--values=0.1,1', '--simulate', '--algo', 'sgd']));
    expect([simulated.sweep.key, simulated.sweep.at, simulated.simulate, simulated.algorithm]).toEqual(['batchFraction', null, true, 'sgd']);
    expect(expectSweep(parseArgs(['sweep', '--param', 'beta', '--values', '1,inf'])).sweep.values).toEqual([1, Infinity]);
  });

  it('bad input: unknown or non-numeric --param, bad or empty values, --at beyond the horizon, misplaced options', () => {
    expect(problemsOf(parseArgs(['sweep', '--param', 'alhpa', '--values', '1']))).toMatch(/--param "alhpa": unknown parameter; a sweep varies one of alpha, batch-fraction/);
    expect(problemsOf(parseArgs(['sweep', '--param', 'model', '--values', '1']))).toMatch(/--param "model": a sweep varies a numeric parameter/);
    expect(parseArgs(['sweep', '--param', 'alpha', '--values', '0.5,20,abc'])).toEqual({
      ok: false,
      problems: ['--values "20": alpha must be a number from 0.1 to 10', '--values "abc": alpha must be a number from 0.1 to 10'],
    });
    expect(problemsOf(parseArgs(['sweep', '--param', 'alpha', '--values', '1,,2']))).toMatch(/value 2 is empty/);
    expect(problemsOf(parseArgs(['sweep', '--values', '1']))).toMatch(/sweep needs --param/);
    expect(problemsOf(parseArgs(['sweep', '--param', 'alpha']))).toMatch(/sweep needs --values/);
    expect(problemsOf(parseArgs(['sweep', '--param', 'alpha', '--values', '1', '--alpha', '2']))).toMatch(/--alpha is the swept parameter/);
    expect(problemsOf(parseArgs(['sweep', '--param', 'alpha', '--values', '1', '--at', '11']))).toMatch(/--at "11": the reading time 11 exceeds the horizon T = 10/);
    expect(problemsOf(parseArgs(['sweep', '--param', 'alpha', '--values', '1', '--at', 'abc']))).toMatch(/--at "abc": the reading time must be a number/);
    expect(problemsOf(parseArgs(['sweep', '--param', 'horizon', '--values', '5,1', '--at', '2']))).toMatch(/exceeds the horizon T = 1 \(at --horizon 1\)$/);
    expect(problemsOf(parseArgs(['sweep', '--param', 'step', '--values', '0.2,0.05', '--dt', '0.1']))).toBe('--dt "0.1": dt must not exceed the step size h = 0.05 (at --step 0.05)');
    // A problem every value shares is said once.
    expect(parseArgs(['sweep', '--param', 'alpha', '--values', '1,2', '--samples', '5'])).toEqual({ ok: false, problems: ['--samples "5": samples must be an integer from 100 to 1000000'] });
    expect(problemsOf(parseArgs(['sweep', '--param', 'alpha', '--values', '1', '--algo', 'sgd']))).toMatch(/--algo applies only to theory, simulate and sweep --simulate/);
    expect(problemsOf(parseArgs(['theory', '--at', '3']))).toMatch(/--at applies only to sweep/);
    expect(problemsOf(parseArgs(['simulate', '--simulate']))).toMatch(/--simulate applies only to sweep/);
    expect(problemsOf(parseArgs(['sweep', '--param', 'alpha', '--values', '1', '--simulate=yes']))).toMatch(/takes no value/);
  });

  it('never throws, on any input', () => {
    const token = fc.oneof(
      fc.string(),
      fc.constantFrom('sweep', 'theory', '--param', '--values', '--at', '--simulate', '--algo', 'alpha', 'dt', 'beta', 'model', '1,2', ',', 'inf', '-1', '1e999', '__proto__'),
      fc.tuple(fc.constantFrom('--param', '--values', '--at', '--alpha', '--horizon'), fc.string()).map(([flag, value]) => `${flag}=${value}`),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 10 }), (argv) => {
        const parsed = parseArgs(['sweep', ...argv]);
        if (!parsed.ok) expect(parsed.problems.every((problem) => typeof problem === 'string' && problem.length > 0)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('--help documents the command and its options', () => {
    const text = helpText();
    for (const word of ['cli -- sweep', '--param <alpha | batch-fraction', '--values <v1,v2,…>', '--at <number ≥ 0>', '--simulate', 'simTrainLossSe', 'divergedAt']) expect(text).toContain(word);
  });
});

// End to end: the real command line (through tsx, as `npm run cli`), small sizes.
const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sweep on the command line', () => {
  const sizes = ['--horizon', '1', '--samples', '500', '--response-samples', '100'];

  it('JSON: one entry per value in every column, the values read at --at; CSV: the header and one row per value', () => {
    const json = cli('sweep', '--param', 'alpha', '--values', '0.5,1,2', '--at', '0.5', ...sizes);
    expect(json.status).toBe(0);
    expect(json.stderr).toBe('');
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['params', 'param', 'at', 'algorithm', 'alpha', ...theoryColumns]);
    expect(parsed.alpha).toEqual([0.5, 1, 2]);
    expect(parsed.t).toEqual([0.5, 0.5, 0.5]);
    expect((parsed.q as number[])[2]).toBe(solveDmft({ ...defaultParams, ...small, alpha: 2 }).table.q[5]);

    const csv = cli('sweep', '--param', 'ridge', '--values', '0,0.1', '--simulate', '--algo', 'gd', '--dim', '40', '--seeds', '2', ...sizes, '--format', 'csv');
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(['ridge', ...theoryColumns, ...simulationColumns].join(','));
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['0', '0.1']);
    // The last time by default; every cell a number or empty.
    expect(lines.slice(1).every((line) => line.split(',')[1] === '1' && line.split(',').every((cell) => cell === '' || Number.isFinite(Number(cell))))).toBe(true);
  });

  it('a bad value or an unknown --param exits 2 with a message on stderr and nothing on stdout', () => {
    for (const args of [['--param', 'alpha', '--values', '0.5,20'], ['--param', 'gamma', '--values', '1'], ['--param', 'alpha'], ['--param', 'alpha', '--values', '1', '--at', '99']]) {
      const { status, stdout, stderr } = cli('sweep', ...args);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^error: /);
    }
  });
});
