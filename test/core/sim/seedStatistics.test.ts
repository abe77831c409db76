import { describe, expect, it } from 'vitest';
import { summarizeSeeds, type SeedColumns } from '../../../src/core/sim/seedStatistics';
import { defaultParams } from '../../../src/core/params';
import { runSeed, summarizeRuns } from '../../../src/core/sim/simulate';
import { SeedAggregate } from '../../../src/app/seedAggregate';
import { packRows } from '../../../src/pipeline/protocol';
import { seriesNames, type ObservableRow } from '../../../src/core/series';

function seed(values: number[], diverged: number | null = null): SeedColumns {
  const column = Float64Array.from(values);
  const t = values.map((_, k) => 0.1 * k);
  return {
    t,
    values: { trainLoss: column, trainError: column.map(() => Number.NaN), testLoss: column, testError: column, q: column, m: column, cosine: column },
    length: values.length,
    diverged: diverged === null ? null : { at: diverged },
  };
}

describe('seed statistics (one rule for the CLI, the app and the exports)', () => {
  it('mean and standard error of the mean per row, over the seeds that reached it', () => {
    const summary = summarizeSeeds([seed([1, 2, 3]), null, seed([3, 4])]);
    expect(Array.from(summary.counts)).toEqual([2, 2, 1]);
    expect(Array.from(summary.mean.q)).toEqual([2, 3, 3]);
    // sample sd √2 over √2 seeds is 1; one seed has no spread; NaN columns stay NaN.
    expect(Array.from(summary.standardError.q)).toEqual([1, 1, 0]);
    expect(Number.isNaN(summary.standardError.trainError[0])).toBe(true);
  });

  it('truncates every row at or after the earliest divergence', () => {
    const summary = summarizeSeeds([seed([1, 2, 3, 4, 5]), seed([1, 2], 0.2), seed([1, 2, 3, 4], 0.35)]);
    expect(summary.diverged).toEqual({ at: 0.2 });
    expect(summary.t.length).toBe(2);
  });

  it('the app aggregate of streamed seeds, in any arrival order, equals cli simulate value for value', () => {
    const params = { ...defaultParams, dim: 60, seeds: 3, horizon: 1 };
    const runs = [0, 1, 2].map((seedIndex) => runSeed(params, 'sgd', seedIndex));
    const cli = summarizeRuns(params, 'sgd', runs);
    const aggregate = new SeedAggregate();
    for (const run of [runs[2], runs[0], runs[1]]) {
      const rows: ObservableRow[] = run.table.t.map((_, k) => Object.fromEntries(seriesNames.map((name) => [name, run.table[name][k]])) as ObservableRow);
      aggregate.add(run.seedIndex, 0, packRows(rows.slice(0, 4)));
      aggregate.add(run.seedIndex, 4, packRows(rows.slice(4)));
      aggregate.end(run.seedIndex, run.diverged);
    }
    const view = aggregate.view();
    expect(Array.from(view.t)).toEqual(cli.table.t);
    expect(Array.from(view.mean.trainLoss)).toEqual(cli.table.trainLoss);
    expect(Array.from(view.standardError.q)).toEqual(cli.standardErrors.qSe);
    expect(Array.from(view.mean.m)).toEqual(cli.table.m);
  });
});
