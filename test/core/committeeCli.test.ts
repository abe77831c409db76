/**
 * The command line's contract for the committee machine (issue 11): its flags in --help, exit 2 with a message on
 * bad values, and theory / simulate printing the committee's series (t, losses, summaries, q_a_b, M_a_b, and for
 * simulate their standard errors) in the one JSON/CSV schema.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { helpText } from '../../src/cli/help';
import { committeeSeriesNames } from '../../src/core/committee/series';

const root = fileURLToPath(new URL('../..', import.meta.url));
const committee = ['--model', 'committee', '--init-scale', '0.5'];

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function problems(...args: string[]): string[] {
  const parsed = parseArgs(args);
  return parsed.ok ? [] : parsed.problems;
}

describe('committee command line', () => {
  it('--help lists --hidden, --teacher-hidden, --activation and --init-overlap', () => {
    const text = helpText();
    for (const flag of ['--hidden', '--teacher-hidden', '--activation', '--init-overlap']) expect(text).toContain(flag);
    expect(text).toContain('committee');
  });

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

  it('theory prints the committee series as CSV, simulate as JSON with standard errors', () => {
    const names = committeeSeriesNames(3, 1);
    const theory = cli('theory', ...committee, '--hidden', '3', '--teacher-hidden', '1', '--horizon', '0.3', '--samples', '600', '--response-samples', '100', '--format', 'csv');
    expect(theory.status).toBe(0);
    const lines = theory.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(names.join(','));
    expect(lines).toHaveLength(1 + 4);
    expect(Number(lines[1].split(',')[names.indexOf('q_1_1')])).toBeCloseTo(0.25, 12); // q(0) = σ₀² I
    const simulation = cli('simulate', ...committee, '--algo', 'sgd', '--horizon', '0.2', '--dim', '60', '--seeds', '2');
    expect(simulation.status).toBe(0);
    const parsed = JSON.parse(simulation.stdout) as Record<string, unknown>;
    const seriesNames = committeeSeriesNames(2, 2);
    expect(Object.keys(parsed)).toEqual(['params', 'about', ...seriesNames, ...seriesNames.slice(1).map((name) => `${name}Se`), 'diverged']);
    expect((parsed.params as Record<string, unknown>).hidden).toBe(2);
  });
});

describe('committee links', () => {
  it('a link asking for ReLU keeps the committee and its other values, with ReLU corrected to the default activation', async () => {
    const { decodeParamsQuery } = await import('../../src/core/urlCodec');
    const decoded = decodeParamsQuery('model=committee&hidden=3&init-scale=0.4&activation=relu&horizon=4');
    expect(decoded.params).toMatchObject({ model: 'committee', hidden: 3, initScale: 0.4, activation: 'erf', horizon: 4 });
    expect(decoded.corrections).toEqual([expect.objectContaining({ name: 'activation', given: 'relu', used: 'erf', reason: expect.stringMatching(/ReLU is not available yet/) })]);
  });
});
