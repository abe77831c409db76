import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, type ParsedArguments, type RunRequest } from '../../src/cli/args';
import { paramFlags } from '../../src/cli/flags';
import { columnNames, formatCsv, formatJson, reportFromDmft, reportFromSimulation, type ResultReport } from '../../src/core/report';
import { helpText } from '../../src/cli/help';
import type { DmftResult } from '../../src/core/dmft/types';
import { defaultParams, ranges, type Params } from '../../src/core/params';
import type { SimulationSummary } from '../../src/core/sim/types';

const seriesKeys = ['t', 'trainLoss', 'trainError', 'testLoss', 'testError', 'q', 'm', 'cosine'];
const seKeys = ['trainLossSe', 'trainErrorSe', 'testLossSe', 'testErrorSe', 'qSe', 'mSe', 'cosineSe'];

function expectRun(parsed: ParsedArguments): RunRequest {
  if (!parsed.ok || parsed.command === 'help') throw new Error(`expected a run, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function expectProblems(parsed: ParsedArguments): string[] {
  if (parsed.ok) throw new Error(`expected problems, got ${JSON.stringify(parsed)}`);
  expect(parsed.problems.length).toBeGreaterThan(0);
  return parsed.problems;
}

describe('parseArgs: good input', () => {
  it('a bare command runs with the defaults, JSON output', () => {
    const run = expectRun(parseArgs(['theory']));
    expect(run.command).toBe('theory');
    expect(run.params).toEqual(defaultParams);
    expect(run.format).toBe('json');
    expect(run.continuous).toBe(false);
  });

  it('maps every flag onto Params, in both --flag value and --flag=value forms', () => {
    const run = expectRun(
      parseArgs([
        'simulate',
        '--model', 'linear',
        '--alpha=0.7',
        '--batch-fraction', '0.2',
        '--step=0.2',
        '--ridge', '0',
        '--horizon', '4',
        '--beta=3',
        '--label-noise', '0.25',
        '--init-scale', '0.1',
        '--dt', '0.1',
        '--samples', '5000',
        '--response-samples=500',
        '--estimator', 'pathwise',
        '--sampling=epoch',
        '--dim', '200',
        '--seeds', '3',
        '--seed', '42',
        '--algo', 'sgd',
        '--format=csv',
      ]),
    );
    expect(run.params).toEqual({
      model: 'linear', alpha: 0.7, batchFraction: 0.2, step: 0.2, ridge: 0, horizon: 4, beta: 3, labelNoise: 0.25,
      initScale: 0.1, dt: 0.1, samples: 5000, responseSamples: 500, estimator: 'pathwise', sampling: 'epoch',
      dim: 200, seeds: 3, seed: 42, initOverlap: 0, theoryAlgorithm: 'sgf', hidden: 2, teacherHidden: 2, activation: 'erf',
    } satisfies Params);
    expect(run.algorithm).toBe('sgd');
    expect(run.format).toBe('csv');
  });

  it('theory --algo selects the dynamics the DMFT describes (params.theoryAlgorithm); simulate --algo the simulated one', () => {
    expect(expectRun(parseArgs(['theory'])).params.theoryAlgorithm).toBe('sgf');
    for (const name of ['sgf', 'sgd', 'gd'] as const) expect(expectRun(parseArgs(['theory', '--algo', name])).params.theoryAlgorithm).toBe(name);
    const simulation = expectRun(parseArgs(['simulate', '--algo', 'sgd', '--sampling', 'epoch']));
    expect(simulation.algorithm).toBe('sgd');
    expect(simulation.params.theoryAlgorithm).toBe('sgf');
  });

  it('--beta inf / Infinity is the sign teacher; --dt step means Δt = h; flags may precede the command', () => {
    for (const spelling of ['inf', 'Infinity', 'INF', '+inf']) {
      expect(expectRun(parseArgs(['theory', '--beta', spelling])).params.beta).toBe(Infinity);
    }
    expect(expectRun(parseArgs(['theory', '--beta=inf'])).params.beta).toBe(Infinity);
    expect(expectRun(parseArgs(['theory', '--dt', 'step'])).params.dt).toBeNull();
    expect(expectRun(parseArgs(['--alpha', '3', 'theory'])).params.alpha).toBe(3);
    expect(expectRun(parseArgs(['theory', '--ridge', '1e-3'])).params.ridge).toBe(0.001);
  });

  it('simulate defaults to sgf; linear-exact defaults to the linear model and takes --continuous', () => {
    expect(expectRun(parseArgs(['simulate'])).algorithm).toBe('sgf');
    const exact = expectRun(parseArgs(['linear-exact', '--continuous']));
    expect(exact.params.model).toBe('linear');
    expect(exact.continuous).toBe(true);
  });

  it('--help, -h and no arguments ask for help', () => {
    for (const argv of [[], ['--help'], ['-h'], ['help'], ['theory', '--help'], ['theory', '--alpha', 'abc', '--help']]) {
      expect(parseArgs(argv)).toEqual({ ok: true, command: 'help' });
    }
  });
});

describe('parseArgs: bad input gives readable problems', () => {
  it('unknown flag, with a suggestion', () => {
    const problems = expectProblems(parseArgs(['theory', '--alhpa', '2']));
    expect(problems.join('\n')).toMatch(/unknown flag --alhpa.*did you mean --alpha/);
    expect(expectProblems(parseArgs(['theory', '--dimension=3'])).join('\n')).toMatch(/unknown flag --dimension/);
    expect(expectProblems(parseArgs(['theory', '-alpha', '2'])).join('\n')).toMatch(/flags start with --/);
  });

  it('--alpha abc and --alpha 1e9 carry the validator message', () => {
    expect(expectProblems(parseArgs(['theory', '--alpha', 'abc']))).toEqual(['--alpha "abc": alpha must be a number from 0.1 to 10']);
    expect(expectProblems(parseArgs(['theory', '--alpha', '1e9']))).toEqual(['--alpha "1e9": alpha must be a number from 0.1 to 10']);
    for (const text of ['', '0x10', '1_0', '2abc', ' ', 'NaN']) {
      expect(expectProblems(parseArgs(['theory', `--alpha=${text}`])).join('\n')).toMatch(/--alpha/);
    }
    expect(expectProblems(parseArgs(['theory', '--seeds', '2.5'])).join('\n')).toMatch(/--seeds "2.5": seeds must be an integer/);
    expect(expectProblems(parseArgs(['theory', '--ridge', '-inf'])).join('\n')).toMatch(/--ridge/);
    expect(expectProblems(parseArgs(['theory', '--model', 'tobit'])).join('\n')).toMatch(/model must be one of logistic, linear, probit, squared-hinge, poisson, phase-retrieval/);
  });

  it('missing value: at the end, before another flag, or empty after =', () => {
    expect(expectProblems(parseArgs(['theory', '--alpha']))).toEqual(['missing value for --alpha']);
    expect(expectProblems(parseArgs(['theory', '--alpha', '--ridge', '0']))).toEqual(['missing value for --alpha']);
    expect(expectProblems(parseArgs(['theory', '--alpha=']))).toEqual(['missing value for --alpha']);
  });

  it('unknown or missing command, stray arguments, repeated flags, flags of another command', () => {
    expect(expectProblems(parseArgs(['train'])).join('\n')).toMatch(/unknown command "train"/);
    expect(expectProblems(parseArgs(['--alpha', '2'])).join('\n')).toMatch(/missing command/);
    expect(expectProblems(parseArgs(['theory', 'extra'])).join('\n')).toMatch(/unexpected argument "extra"/);
    expect(expectProblems(parseArgs(['theory', '--alpha', '2', '--alpha=3'])).join('\n')).toMatch(/--alpha is given more than once/);
    expect(expectProblems(parseArgs(['linear-exact', '--algo', 'sgd'])).join('\n')).toMatch(/--algo applies only to theory, simulate and sweep --simulate/);
    expect(expectProblems(parseArgs(['theory', '--algo', 'adam'])).join('\n')).toMatch(/theory's algorithm must be one of sgf, sgd, gd, online/);
    expect(expectProblems(parseArgs(['theory', '--algo', 'sgd', '--dt', '0.05'])).join('\n')).toMatch(/dt applies to the SGF only/);
    expect(expectProblems(parseArgs(['simulate', '--algo', 'adam'])).join('\n')).toMatch(/must be one of sgf, sgd, gd, online/);
    expect(expectProblems(parseArgs(['theory', '--format', 'xml'])).join('\n')).toMatch(/must be one of json, csv/);
    expect(expectProblems(parseArgs(['theory', '--continuous'])).join('\n')).toMatch(/only to linear-exact/);
    expect(expectProblems(parseArgs(['linear-exact', '--continuous=yes'])).join('\n')).toMatch(/takes no value/);
  });

  it('cross-field problems name the flag to change; linear-exact refuses what §8 does not cover', () => {
    expect(expectProblems(parseArgs(['theory', '--dt', '0.5']))).toEqual(['--dt "0.5": dt must not exceed the step size h = 0.1']);
    // Response samples above N are allowed (the solver uses min(response samples, N)); resource limits are not.
    expect(parseArgs(['theory', '--samples', '500']).ok).toBe(true);
    expect(expectProblems(parseArgs(['theory', '--samples', '1000000', '--horizon', '100'])).join('\n')).toMatch(/lower the theory samples N/);
    expect(expectProblems(parseArgs(['linear-exact', '--init-scale', '1'])).join('\n')).toMatch(/initScale must be 0/);
    expect(expectProblems(parseArgs(['linear-exact', '--model', 'logistic'])).join('\n')).toMatch(/linear only/);
  });

  it('never throws, on any input', () => {
    const flagNames = [...paramFlags.map((flag) => `--${flag.name}`), '--algo', '--format', '--continuous', '--', '-', '--=', '--__proto__'];
    const token = fc.oneof(
      fc.string(),
      fc.constantFrom(...flagNames, 'theory', 'simulate', 'linear-exact', 'inf', 'NaN', '1e999', '-1', 'step', 'constructor'),
      fc.tuple(fc.constantFrom(...flagNames), fc.string()).map(([flag, value]) => `${flag}=${value}`),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (argv) => {
        const parsed = parseArgs(argv);
        if (!parsed.ok) expect(parsed.problems.every((problem) => typeof problem === 'string' && problem.length > 0)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('help text', () => {
  it('documents every flag with its range and default', () => {
    const text = helpText();
    for (const flag of paramFlags) {
      expect(text).toContain(`--${flag.name} <`);
      const range = (ranges as Record<string, { min: number; max: number } | undefined>)[flag.key];
      if (range) expect(text).toContain(`${range.min} … ${range.max}`);
    }
    expect(text).toMatch(/--alpha <number 0\.1 … 10>\n.*Default 2\./);
    expect(text).toMatch(/--beta <number 0\.05 … 1000 or inf>/);
    for (const word of ['--algo', '--format', '--continuous', 'theory', 'simulate', 'linear-exact', 'Exit codes']) expect(text).toContain(word);
  });
});

/** A hand-built two-row result of the linear model (NaN error columns), β = ∞ to test its spelling. */
function smallReport(withErrors: boolean): ResultReport {
  const params: Params = { ...defaultParams, model: 'linear', beta: Infinity };
  const table = {
    t: [0, 0.5],
    trainLoss: [0.625, 0.25],
    trainError: [NaN, NaN],
    testLoss: [0.625, 0.375],
    testError: [NaN, NaN],
    q: [0, 0.5],
    m: [0, 0.25],
    cosine: [0, 0.3535533905932738],
  };
  const standardErrors = withErrors
    ? { trainLossSe: [0, 0.01], trainErrorSe: [NaN, NaN], testLossSe: [0, 0.02], testErrorSe: [NaN, NaN], qSe: [0, 0.03], mSe: [0, 0.04], cosineSe: [0, 0.05] }
    : null;
  return { params, table, standardErrors, diverged: withErrors ? { at: 1 } : null };
}

describe('output formats', () => {
  it('JSON: exactly params, the series in order, diverged; NaN → null, β = ∞ → "Infinity"', () => {
    const text = formatJson(smallReport(false));
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['params', ...seriesKeys, 'diverged']);
    expect((parsed.params as Record<string, unknown>).beta).toBe('Infinity');
    expect((parsed.params as Record<string, unknown>).dt).toBeNull();
    expect(Object.keys(parsed.params as object)).toEqual(Object.keys(defaultParams));
    expect(parsed.trainError).toEqual([null, null]);
    expect(parsed.trainLoss).toEqual([0.625, 0.25]);
    expect(parsed.cosine).toEqual([0, 0.3535533905932738]);
    expect(parsed.diverged).toBeNull();
  });

  it('JSON of a simulation adds <name>Se for every series except t; diverged is {"at": t}', () => {
    const parsed = JSON.parse(formatJson(smallReport(true))) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['params', ...seriesKeys, ...seKeys, 'diverged']);
    expect(parsed.qSe).toEqual([0, 0.03]);
    expect(parsed.testErrorSe).toEqual([null, null]);
    expect(parsed.diverged).toEqual({ at: 1 });
  });

  it('CSV: header of the same names (t first), one row per time, NaN as an empty cell', () => {
    const lines = formatCsv(smallReport(false)).trimEnd().split('\n');
    expect(lines[0]).toBe(seriesKeys.join(','));
    expect(lines.slice(1)).toEqual(['0,0.625,,0.625,,0,0,0', '0.5,0.25,,0.375,,0.5,0.25,0.3535533905932738']);
    const withErrors = formatCsv(smallReport(true)).split('\n');
    expect(withErrors[0]).toBe([...seriesKeys, ...seKeys].join(','));
    expect(withErrors[2]).toBe('0.5,0.25,,0.375,,0.5,0.25,0.3535533905932738,0.01,,0.02,,0.03,0.04,0.05');
  });

  it('reports built from the solver and simulation result objects keep their parts', () => {
    const base = smallReport(true);
    const dmft = { params: base.params, dt: 0.5, steps: 1, estimator: 'pathwise', table: base.table, trainLossSe: [0, 0.1], trainErrorSe: [0, 0.1], diverged: null,
      correlation: new Float64Array(4), response: new Float64Array(4) } as DmftResult;
    const fromDmft = reportFromDmft(dmft);
    expect(fromDmft.standardErrors).toBeNull();
    expect(columnNames(fromDmft)).toEqual(seriesKeys);
    const summary: SimulationSummary = { algorithm: 'sgd', params: base.params, table: base.table, standardErrors: base.standardErrors!, seeds: 2, diverged: { at: 1 } };
    const fromSimulation = reportFromSimulation(summary);
    expect(columnNames(fromSimulation)).toEqual([...seriesKeys, ...seKeys]);
    expect(fromSimulation.diverged).toEqual({ at: 1 });
  });
});

// End to end: the real command line, small sizes. Needs the solver and the simulators in place.
const root = fileURLToPath(new URL('../..', import.meta.url));
const haveSolvers = existsSync(`${root}src/core/dmft/solver.ts`) && existsSync(`${root}src/core/sim/simulate.ts`);

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.trimEnd().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((line) => line.split(',')) };
}

describe('command line end to end', () => {
  it('--help and no command: help on stdout, exit 0', () => {
    for (const args of [['--help'], []]) {
      const { status, stdout } = cli(...args);
      expect(status).toBe(0);
      expect(stdout).toContain('Usage:');
    }
  });

  it('invalid command lines: exit 2, message on stderr, nothing on stdout', () => {
    for (const args of [['theory', '--alpha', 'abc'], ['theory', '--bogus', '1'], ['frobnicate'], ['simulate', '--dim']]) {
      const { status, stdout, stderr } = cli(...args);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/error: /);
    }
  });

  it('linear-exact: JSON with null error columns; a diverging run is still a result (exit 0)', () => {
    const ok = cli('linear-exact', '--horizon', '1', '--beta', 'inf');
    expect(ok.status).toBe(0);
    const parsed = JSON.parse(ok.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['params', ...seriesKeys, 'diverged']);
    expect((parsed.t as number[]).length).toBe(11);
    expect((parsed.trainError as unknown[]).every((value) => value === null)).toBe(true);
    expect((parsed.params as Record<string, unknown>).beta).toBe('Infinity');

    // Gradient descent with Δt·A_max > 2 blows up.
    const blown = cli('linear-exact', '--step', '1', '--batch-fraction', '1', '--ridge', '0', '--horizon', '100');
    expect(blown.status).toBe(0);
    const diverged = JSON.parse(blown.stdout) as { t: number[]; diverged: { at: number } | null };
    expect(diverged.diverged).not.toBeNull();
    expect(diverged.t.length).toBeGreaterThan(1);
    expect(diverged.diverged!.at).toBeGreaterThan(diverged.t[diverged.t.length - 1]);
  });

  it.skipIf(!haveSolvers)('theory: small DMFT run, JSON and CSV', () => {
    const small = ['--horizon', '1', '--samples', '500', '--response-samples', '100'];
    const json = cli('theory', ...small);
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['params', ...seriesKeys, 'diverged']);
    expect((parsed.t as number[]).length).toBe(11);
    expect((parsed.trainLoss as number[])[0]).toBeCloseTo(Math.log(2), 6);

    const csv = cli('theory', ...small, '--model', 'linear', '--format', 'csv');
    expect(csv.status).toBe(0);
    const { header, rows } = parseCsv(csv.stdout);
    expect(header).toEqual(seriesKeys);
    expect(rows).toHaveLength(11);
    expect(rows.every((row) => row.length === header.length && row[2] === '' && row[4] === '')).toBe(true);
  });

  it.skipIf(!haveSolvers)('simulate: small runs with standard errors, JSON and CSV', () => {
    const small = ['--horizon', '1', '--dim', '50', '--seeds', '2'];
    const json = cli('simulate', '--algo', 'sgd', ...small);
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['params', ...seriesKeys, ...seKeys, 'diverged']);
    expect((parsed.params as Record<string, unknown>).dim).toBe(50);

    const csv = cli('simulate', '--algo=sgf', ...small, '--format=csv');
    expect(csv.status).toBe(0);
    const { header, rows } = parseCsv(csv.stdout);
    expect(header).toEqual([...seriesKeys, ...seKeys]);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((row) => row.length === header.length && row.every((cell) => cell === '' || Number.isFinite(Number(cell))))).toBe(true);
  });
});
