import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, type ParsedArguments, type RunRequest } from '../../src/cli/args';
import { paramFlags } from '../../src/cli/flags';
import { defaultParams, type Params, modelIds, validateParams } from '../../src/core/params';
import { modelFit } from '../../src/core/urlCodec';
import { paramRow } from '../../src/core/paramTable';

function expectRun(parsed: ParsedArguments): RunRequest {
  if (!parsed.ok || parsed.command === 'help') throw new Error(`expected a run, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function expectProblems(parsed: ParsedArguments): string[] {
  if (parsed.ok) throw new Error(`expected problems, got ${JSON.stringify(parsed)}`);
  expect(parsed.problems.length).toBeGreaterThan(0);
  return parsed.problems;
}

// The real command line (through tsx), for the exit status and message of a refusal.
const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
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

const committee = ['--model', 'committee', '--init-scale', '0.5'];

function problems(...args: string[]): string[] {
  const parsed = parseArgs(args);
  return parsed.ok ? [] : parsed.problems;
}

describe('committee command line', () => {
  it('refuses bad values with a message naming the flag', () => {
    expect(problems('theory', ...committee, '--hidden', '0')).toEqual([expect.stringMatching(/^--hidden "0": .*1 to 4/)]);
    expect(problems('theory', ...committee, '--teacher-hidden', '5')).toEqual([expect.stringMatching(/^--teacher-hidden "5": /)]);
    expect(problems('theory', ...committee, '--activation', 'sigmoid')).toEqual([expect.stringMatching(/^--activation "sigmoid": .*erf.*tanh/)]);
    expect(problems('theory', '--model', 'committee')[0]).toMatch(/σ₀ > 0/); // Θ = 0 is a saddle
    expect(problems('theory', ...committee, '--activation', 'relu')[0]).toMatch(/ReLU is not available yet/);
    expect(problems('theory', ...committee, '--algo', 'online')[0]).toMatch(/one-pass limit of the committee machine is not implemented/);
    expect(problems('sweep', ...committee, '--param', 'alpha', '--values', '1,2')[0]).toMatch(/committee machine is not swept yet/);
    expect(problems('theory', ...committee, '--hidden', '3', '--teacher-hidden', '1', '--activation', 'tanh')).toEqual([]);
    const { status, stdout, stderr } = cli('theory', ...committee, '--hidden', '0');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: --hidden "0"/);
  });
});

/** The problems as one text, for matching a message anywhere in it. */
function problemText(parsed: ParsedArguments): string {
  if (parsed.ok) throw new Error(`expected problems, got ${JSON.stringify(parsed)}`);
  return parsed.problems.join('\n');
}

describe('command line', () => {
  it('theory --algo sgf|online sets theoryAlgorithm; simulate --algo online; --init-overlap', () => {
    expect(expectRun(parseArgs(['theory'])).params.theoryAlgorithm).toBe('sgf');
    expect(expectRun(parseArgs(['theory', '--algo', 'online'])).params.theoryAlgorithm).toBe('online');
    expect(expectRun(parseArgs(['--algo=online', 'theory'])).params.theoryAlgorithm).toBe('online');
    expect(expectRun(parseArgs(['simulate', '--algo', 'online'])).algorithm).toBe('online');
    // The one-pass map has no Monte Carlo: the DMFT's work limit does not refuse it (2000 steps at N = 2·10⁴ would).
    expect(problemText(parseArgs(['theory', '--horizon', '200']))).toMatch(/lower the theory samples N/);
    expect(expectRun(parseArgs(['theory', '--algo', 'online', '--horizon', '200'])).params.horizon).toBe(200);
    const planted = expectRun(parseArgs(['simulate', '--model', 'phase-retrieval', '--init-overlap', '0.2', '--init-scale', '0.5']));
    expect(planted.params).toMatchObject({ model: 'phase-retrieval', initOverlap: 0.2, initScale: 0.5 });
    for (const id of modelIds) {
      // What each model needs of the start (a planted overlap, σ₀ > 0), as the URL codec's modelFit repairs it.
      const patch = modelFit({ ...defaultParams, model: id }).flatMap(({ key, value }) => (key === 'step' ? [] : [`--${paramRow(key).flag}`, String(value)]));
      const extra = id === 'poisson' ? ['--batch-fraction', '1', '--step', '0.05'] : [];
      expect(expectRun(parseArgs(['theory', '--model', id, ...patch, ...extra])).params.model).toBe(id);
    }
  });

  it('refusals name the flag and say why', () => {
    expect(problemText(parseArgs(['theory', '--model', 'phase-retrieval']))).toMatch(/--init-overlap \(default\): .*m = 0 never moves/);
    expect(problemText(parseArgs(['theory', '--model', 'phase-retrieval', '--init-overlap', '0.1']))).toMatch(/--init-scale \(default\): .*σ₀ > 0/);
    expect(problemText(parseArgs(['theory', '--model', 'poisson']))).toMatch(/--step \(default\): Poisson: .* lower the step size h/);
    expect(problemText(parseArgs(['theory', '--init-overlap', '-1']))).toMatch(/--init-overlap "-1": initOverlap must be a number from 0 to 5/);
    expect(problemText(parseArgs(['linear-exact', '--init-overlap', '0.3']))).toMatch(/initOverlap must be 0/);
  });
});

describe('CLI parser: odd argv', () => {
  it('refuses prototype-named flags and survives huge values', () => {
    const parsed = parseArgs(['theory', '--__proto__', '1', '--constructor=2', '--toString', '--hasOwnProperty', 'x', '--valueOf=']);
    expect(parsed.ok).toBe(false);
    const long = parseArgs(['theory', '--alpha', '9'.repeat(200_000)]);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.problems[0].length).toBeLessThan(200);
  });

  it('never throws on full-Unicode tokens, lone surrogates and NUL included (property)', () => {
    const flags = paramFlags.map((flag) => `--${flag.name}`);
    const token = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(...flags, 'theory', 'simulate', 'linear-exact', '\u0000', '\uD800', '--\uDFFF', '--alpha=\uD800'),
      fc.tuple(fc.constantFrom(...flags), fc.string({ unit: 'binary', maxLength: 20 })).map(([flag, value]) => `${flag}=${value}`),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 10 }), (argv) => {
        const parsed = parseArgs(argv);
        if (!parsed.ok) expect(parsed.problems.every((problem) => typeof problem === 'string' && problem.length > 0)).toBe(true);
        else if (parsed.command !== 'help') expect(validateParams(parsed.params).ok).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('survives argv entries that are not strings (a caller bypassing the types)', () => {
    expect(() => parseArgs([42, null, undefined, {}, Symbol.iterator.toString()] as unknown as string[])).not.toThrow();
  });
});
