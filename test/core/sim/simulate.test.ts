import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../src/core/params';
import { seriesNames, type ObservableRow } from '../../../src/core/series';
import { createDataset } from '../../../src/core/sim/dataset';
import { runSeed, simulationGrid, simulate, summarizeRuns } from '../../../src/core/sim/simulate';
import { type Algorithm, type SeedRun } from '../../../src/core/sim/types';

describe('simulators', () => {
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

/** Small and fast unless a test needs more. */
function smallParams(overrides: Partial<Params> = {}): Params {
  return { ...defaultParams, dim: 60, alpha: 2, horizon: 2, step: 0.1, seeds: 2, ...overrides };
}

describe('runSeed', () => {
  const algorithms: Algorithm[] = ['sgf', 'sgd', 'gd'];

  it('is bit-identical for the same seed, different for another seed index', () => {
    for (const model of ['logistic', 'linear'] as const) {
      for (const algorithm of algorithms) {
        const params = smallParams({ model, initScale: 0.3 });
        const first = runSeed(params, algorithm, 1);
        expect(runSeed(params, algorithm, 1)).toEqual(first);
        expect(runSeed(params, algorithm, 2).table.q).not.toEqual(first.table.q);
      }
    }
  });

  it('rows carry exactly the series names, on the grid t = k·dt', () => {
    const params = smallParams({ dt: 0.05, horizon: 1 });
    for (const algorithm of algorithms) {
      const rows: ObservableRow[] = [];
      const indices: number[] = [];
      const run = runSeed(params, algorithm, 0, {
        onRow: (row, k) => {
          rows.push(row);
          indices.push(k);
        },
      });
      const { dt, steps } = simulationGrid(params, algorithm);
      expect(dt).toBe(algorithm === 'sgf' ? 0.05 : 0.1);
      expect(steps).toBe(algorithm === 'sgf' ? 20 : 10);
      expect(Object.keys(run.table).sort()).toEqual([...seriesNames].sort());
      expect(run.table.t.length).toBe(steps + 1);
      expect(rows.length).toBe(steps + 1);
      expect(indices).toEqual(Array.from({ length: steps + 1 }, (_, k) => k));
      rows.forEach((row, k) => {
        expect(Object.keys(row).sort()).toEqual([...seriesNames].sort());
        expect(row.t).toBe(k * dt);
        for (const name of seriesNames) expect(row[name]).toBe(run.table[name][k]);
      });
      expect(run.diverged).toBeNull();
    }
  });

  it('computes the observables of theory.md §3 from θ', () => {
    const params = smallParams({ model: 'logistic', beta: Infinity, initScale: 1 });
    const run = runSeed(params, 'gd', 0);
    const data = createDataset(params, 0);
    // Row 0 is θ(0): check it by hand.
    const theta = data.initialWeights;
    const q = theta.reduce((s, x) => s + x * x, 0) / data.d;
    const m = theta.reduce((s, x, j) => s + x * data.teacher[j], 0) / data.d;
    let loss = 0;
    let errors = 0;
    for (let i = 0; i < data.n; i++) {
      let r = 0;
      for (let j = 0; j < data.d; j++) r += data.features[i * data.d + j] * theta[j];
      loss += Math.log1p(Math.exp(-data.labels[i] * r));
      errors += r * data.labels[i] > 0 ? 0 : 1;
    }
    expect(run.table.q[0]).toBeCloseTo(q, 12);
    expect(run.table.m[0]).toBeCloseTo(m, 12);
    expect(run.table.cosine[0]).toBeCloseTo(m / Math.sqrt(q), 12);
    expect(run.table.trainLoss[0]).toBeCloseTo(loss / data.n, 12);
    expect(run.table.trainError[0]).toBe(errors / data.n);
    expect(run.table.testError[0]).toBeCloseTo(Math.acos(m / Math.sqrt(q)) / Math.PI, 10);
    // θ(0) = 0: cosine 0 by convention; the regression model has no error columns.
    const linear = runSeed(smallParams({ model: 'linear' }), 'sgd', 0);
    expect(linear.table.cosine[0]).toBe(0);
    expect(linear.table.trainError.every(Number.isNaN)).toBe(true);
    expect(linear.table.testError.every(Number.isNaN)).toBe(true);
    expect(linear.table.testLoss[0]).toBeCloseTo(0.5 * (1 + 0.25), 12);
  });

  it('GD equals SGF with b = 1 (κ = 0) and SGD with b = 1, bit for bit', () => {
    for (const model of ['logistic', 'linear'] as const) {
      const params = smallParams({ model, batchFraction: 1, initScale: 0.4, ridge: 0.05, dim: 41, alpha: 1.3 });
      const gd = runSeed(params, 'gd', 0).table;
      expect(runSeed(params, 'sgf', 0).table).toEqual(gd);
      expect(runSeed({ ...params, sampling: 'uniform' }, 'sgd', 0).table).toEqual(gd);
      expect(runSeed({ ...params, sampling: 'epoch' }, 'sgd', 0).table).toEqual(gd);
      // and the noise does move SGF and SGD away from GD when b < 1
      expect(runSeed({ ...params, batchFraction: 0.3 }, 'sgf', 0).table.q).not.toEqual(gd.q);
      expect(runSeed({ ...params, batchFraction: 0.3 }, 'sgd', 0).table.q).not.toEqual(gd.q);
    }
  });

  it('polls shouldStop once per step and keeps the rows so far', () => {
    let polls = 0;
    const run = runSeed(smallParams(), 'sgf', 0, { shouldStop: () => ++polls >= 5 });
    expect(polls).toBe(5);
    expect(run.table.t.length).toBe(5);
    expect(run.diverged).toBeNull();
  });

  it('detects divergence: keeps the finite prefix, reports the time of the first invalid row', () => {
    const params = smallParams({ model: 'linear', step: 5, alpha: 0.5, batchFraction: 1, horizon: 200, dim: 100 });
    for (const algorithm of algorithms) {
      const streamed: ObservableRow[] = [];
      const run = runSeed(params, algorithm, 0, { onRow: (row) => streamed.push(row) });
      expect(run.diverged).not.toBeNull();
      const kept = run.table.t.length;
      expect(kept).toBeGreaterThan(1); // θ(0) = 0 is fine; it is the growth that fails
      expect(kept).toBeLessThan(simulationGrid(params, algorithm).steps + 1);
      expect(run.diverged!.at).toBe(kept * params.step); // the row right after the kept prefix
      expect(streamed.length).toBe(kept);
      for (const name of ['t', 'trainLoss', 'testLoss', 'q', 'm', 'cosine'] as const) {
        expect(run.table[name].every(Number.isFinite)).toBe(true);
      }
      // the same prefix as an undisturbed run up to the divergence: nothing is rewritten
      const shorter = runSeed({ ...params, horizon: (kept - 1) * params.step }, algorithm, 0);
      expect(shorter.diverged).toBeNull();
      expect(shorter.table).toEqual(run.table);
    }
    const summary = simulate(params, 'gd');
    expect(summary.diverged).not.toBeNull();
    expect(Object.values(summary.table).every((column) => column.every(Number.isFinite) || column.every(Number.isNaN))).toBe(true);
  });
});

describe('summaries over seeds', () => {
  function fakeRun(seedIndex: number, values: number[], at: number | null = null): SeedRun {
    const column = (offset: number): number[] => values.map((v) => v + offset);
    return {
      algorithm: 'sgd',
      seedIndex,
      table: {
        t: values.map((_, k) => k * 0.5),
        trainLoss: column(0),
        trainError: values.map(() => Number.NaN),
        testLoss: column(1),
        testError: values.map(() => Number.NaN),
        q: column(2),
        m: column(3),
        cosine: column(4),
      },
      diverged: at === null ? null : { at },
    };
  }

  it('takes mean and standard error of the mean on the common prefix, and the earliest divergence', () => {
    const params = smallParams();
    const summary = summarizeRuns(params, 'sgd', [fakeRun(0, [1, 2, 3]), fakeRun(1, [3, 4], 1), fakeRun(2, [2, 6, 9, 9])]);
    expect(summary.seeds).toBe(3);
    expect(summary.table.t).toEqual([0, 0.5]);
    expect(summary.table.trainLoss).toEqual([2, 4]);
    expect(summary.table.q).toEqual([4, 6]);
    // sample sd of (1, 3, 2) is 1; of (2, 4, 6) is 2; divided by √3
    expect(summary.standardErrors.trainLossSe[0]).toBeCloseTo(1 / Math.sqrt(3), 14);
    expect(summary.standardErrors.mSe[1]).toBeCloseTo(2 / Math.sqrt(3), 14);
    expect(Object.keys(summary.standardErrors).sort()).toEqual(
      seriesNames
        .filter((name) => name !== 't')
        .map((name) => `${name}Se`)
        .sort(),
    );
    expect(summary.table.trainError.every(Number.isNaN)).toBe(true);
    expect(summary.diverged).toEqual({ at: 1 });

    const single = summarizeRuns(params, 'sgd', [fakeRun(0, [1, 2])]);
    expect(single.standardErrors.qSe).toEqual([0, 0]);
    expect(single.table.q).toEqual([3, 4]);
  });

  it('simulate runs every seed, reports each, and summarizes them', () => {
    const params = smallParams({ seeds: 3 });
    const seen: number[] = [];
    const summary = simulate(params, 'sgd', { onSeed: (run) => seen.push(run.seedIndex) });
    expect(seen).toEqual([0, 1, 2]);
    expect(summary.seeds).toBe(3);
    const runs = [0, 1, 2].map((seedIndex) => runSeed(params, 'sgd', seedIndex));
    expect(summary).toEqual(summarizeRuns(params, 'sgd', runs));
  });
});
