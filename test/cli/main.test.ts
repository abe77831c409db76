/** src/cli/main.ts end to end: the real command line's output, exit status and messages for theory, simulate and sweep. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../src/core/params';
import { committeeSeriesNames } from '../../src/core/committee/series';
import { seriesNames } from '../../src/core/series';
import { solveDmft } from '../../src/core/dmft/solver';

const seriesKeys = ['t', 'trainLoss', 'trainError', 'testLoss', 'testError', 'q', 'm', 'cosine'];
const seKeys = ['trainLossSe', 'trainErrorSe', 'testLossSe', 'testErrorSe', 'qSe', 'mSe', 'cosineSe'];

// The real command line (through tsx, as `npm run cli`), small sizes. Needs the solver and the simulators in place.
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

const committee = ['--model', 'committee', '--init-scale', '0.5'];

describe('committee command line', () => {
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

describe('theory --algo online end to end', () => {
  it('prints the series schema and says which temperature it used', () => {
    const result = cli('theory', '--algo', 'online', '--horizon', '1');
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['params', 'about', ...seriesNames, 'diverged']);
    expect((parsed.params as Params).theoryAlgorithm).toBe('online');
    expect((parsed.about as { temperature: number }).temperature).toBeCloseTo(0.1 / (0.1 * 2), 12);
    expect(parsed.trainLoss).toEqual(parsed.testLoss);
  });
});

const observables = seriesNames.filter((name) => name !== 't');
const theoryColumns = ['t', ...observables, 'trainLossSe', 'trainErrorSe', 'divergedAt'];
const capitalized = (name: string): string => name[0].toUpperCase() + name.slice(1);
const simulationColumns = ['simT', ...observables.map((name) => `sim${capitalized(name)}`), ...observables.map((name) => `sim${capitalized(name)}Se`), 'simDivergedAt'];
const small: Partial<Params> = { horizon: 1, samples: 500, responseSamples: 100 };


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
