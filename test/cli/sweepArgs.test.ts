import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, type ParsedArguments, type RunRequest } from '../../src/cli/args';
import { helpText } from '../../src/cli/help';
import { type SweepPlan } from '../../src/core/sweep';

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
