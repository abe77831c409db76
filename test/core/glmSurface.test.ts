/**
 * The command line, links and simulators around the added models and the one-pass limit: the new flags
 * and values parse and validate, links repair what a model cannot run, the exact-Gram planted start, the
 * one-pass simulator's contract, and `theory --algo online` end to end.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs, type ParsedArguments, type RunRequest } from '../../src/cli/args';
import { helpText } from '../../src/cli/help';
import { models } from '../../src/core/models';
import { defaultParams, modelIds, validateParams, type Params } from '../../src/core/params';
import { seriesNames } from '../../src/core/series';
import { createDataset } from '../../src/core/sim/dataset';
import { runSeed, simulationGrid } from '../../src/core/sim/simulate';
import { decodeParamsQuery, encodeParamsQuery, modelFit } from '../../src/core/urlCodec';
import { paramRow } from '../../src/core/paramTable';

function expectRun(parsed: ParsedArguments): RunRequest {
  if (!parsed.ok || parsed.command === 'help') throw new Error(`expected a run, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function expectProblems(parsed: ParsedArguments): string {
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
    expect(expectProblems(parseArgs(['theory', '--horizon', '200']))).toMatch(/lower the theory samples N/);
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
    expect(expectProblems(parseArgs(['theory', '--model', 'phase-retrieval']))).toMatch(/--init-overlap \(default\): .*m = 0 never moves/);
    expect(expectProblems(parseArgs(['theory', '--model', 'phase-retrieval', '--init-overlap', '0.1']))).toMatch(/--init-scale \(default\): .*σ₀ > 0/);
    expect(expectProblems(parseArgs(['theory', '--model', 'poisson']))).toMatch(/--step \(default\): Poisson: .* lower the step size h/);
    expect(expectProblems(parseArgs(['theory', '--init-overlap', '-1']))).toMatch(/--init-overlap "-1": initOverlap must be a number from 0 to 5/);
    expect(expectProblems(parseArgs(['linear-exact', '--init-overlap', '0.3']))).toMatch(/initOverlap must be 0/);
  });

  it('--help lists every model with its label law and loss, and the online algorithm', () => {
    const text = helpText();
    for (const id of modelIds) {
      expect(text).toContain(id);
      expect(text).toContain(models[id].summary);
    }
    expect(text).toMatch(/online/);
    expect(text).toContain('--init-overlap');
  });
});

describe('links', () => {
  it('carry init-overlap and the new models, and repair what a model cannot run', () => {
    const params: Params = { ...defaultParams, model: 'phase-retrieval', initOverlap: 0.25, initScale: 0.4, labelNoise: 0.1 };
    expect(decodeParamsQuery(encodeParamsQuery(params))).toEqual({ params, corrections: [] });
    const flat = decodeParamsQuery('model=phase-retrieval');
    expect(validateParams(flat.params).ok).toBe(true);
    expect(flat.params.initOverlap).toBeGreaterThan(0);
    expect(flat.params.initScale).toBeGreaterThan(0);
    expect(flat.corrections.map((correction) => correction.name).sort()).toEqual(['init-overlap', 'init-scale']);
    const poisson = decodeParamsQuery('model=poisson&batch-fraction=1&step=0.1&horizon=4');
    expect(validateParams(poisson.params).ok).toBe(true);
    expect(poisson.params.step).toBe(0.05);
    expect(poisson.corrections.map((correction) => correction.name)).toEqual(['step']);
    // At the defaults (b = 0.1) the step halves to 0.0125, and the horizon then shrinks to fit the work limits.
    expect(validateParams(decodeParamsQuery('model=poisson').params).ok).toBe(true);
  });
});

describe('simulators', () => {
  it('start from θ(0) = σ₀ g + ε θ* with g ⊥ θ* and |g|² = d: q(0) = σ₀² + ε² and m(0) = ε exactly', () => {
    const params: Params = { ...defaultParams, model: 'phase-retrieval', dim: 300, alpha: 1, initScale: 0.5, initOverlap: 0.2 };
    for (const seedIndex of [0, 1]) {
      const data = createDataset(params, seedIndex);
      const q = data.initialWeights.reduce((sum, x) => sum + x * x, 0) / data.d;
      const m = data.initialWeights.reduce((sum, x, j) => sum + x * data.teacher[j], 0) / data.d;
      expect(q).toBeCloseTo(0.25 + 0.04, 12);
      expect(m).toBeCloseTo(0.2, 12);
    }
    // The DMFT starts from the same point.
    for (const algorithm of ['gd', 'online'] as const) {
      const run = runSeed({ ...params, batchFraction: 1, step: 0.05, horizon: 0.1 }, algorithm, 0);
      expect(run.table.q[0]).toBeCloseTo(0.29, 12);
      expect(run.table.m[0]).toBeCloseTo(0.2, 12);
    }
  });

  it('one-pass SGD: rows on t = k h, deterministic per seed, fresh samples per seed index', () => {
    const params: Params = { ...defaultParams, dim: 100, horizon: 1, seeds: 2 };
    const run = runSeed(params, 'online', 0);
    const { dt, steps } = simulationGrid(params, 'online');
    expect(dt).toBe(params.step);
    expect(run.table.t).toEqual(Array.from({ length: steps + 1 }, (_, k) => k * dt));
    expect(Object.keys(run.table).sort()).toEqual([...seriesNames].sort());
    expect(runSeed(params, 'online', 0)).toEqual(run);
    expect(runSeed(params, 'online', 1).table.q).not.toEqual(run.table.q);
    expect(run.table.trainError.every((value) => value >= 0 && value <= 1)).toBe(true);
  });
});

describe('theory --algo online end to end', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  it('prints the series schema and says which temperature it used', () => {
    const result = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'theory', '--algo', 'online', '--horizon', '1'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['params', 'about', ...seriesNames, 'diverged']);
    expect((parsed.params as Params).theoryAlgorithm).toBe('online');
    expect((parsed.about as { temperature: number }).temperature).toBeCloseTo(0.1 / (0.1 * 2), 12);
    expect(parsed.trainLoss).toEqual(parsed.testLoss);
  });
});
