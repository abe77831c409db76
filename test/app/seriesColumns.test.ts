/**
 * The line series' columns (src/app/seriesColumns.ts, seedAggregate.ts, runResults.ts): preallocated to the expected
 * rows and filled in place, snapshots as views of them (no copies), and the seed mean kept row by row equal, value
 * for value, to summarizeSeeds of the seeds so far whatever order their batches arrive in.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/core/params';
import { summarizeSeeds, valueNames } from '../../src/core/sim/seedStatistics';
import { SeriesColumns } from '../../src/app/seriesColumns';
import { SeedAggregate } from '../../src/app/seedAggregate';
import { expectedRowsOf, RunResults } from '../../src/app/runResults';
import { rowsMessage } from './streamFixtures';

describe('series columns', () => {
  it('are allocated once for the expected rows, filled in place, and grow only past them', () => {
    const columns = new SeriesColumns(21);
    const buffer = columns.t.buffer;
    expect(columns.t.length).toBe(21);
    columns.add(0, rowsMessage(1, 'theory', 5).rows);
    columns.add(5, rowsMessage(1, 'theory', 16, { firstIndex: 5 }).rows);
    expect(columns.length).toBe(21);
    expect(columns.t.buffer).toBe(buffer);
    const views = columns.views();
    expect(views.t.buffer).toBe(buffer);
    expect(views.values.q.length).toBe(21);
    expect(views.t[20]).toBeCloseTo(2, 12);
    columns.add(21, rowsMessage(1, 'theory', 3, { firstIndex: 21 }).rows);
    expect(columns.length).toBe(24);
    expect(columns.t.buffer).not.toBe(buffer);
    expect(views.t.length).toBe(21); // an earlier view keeps its rows
  });

  it("a run's snapshots are views of its columns: a new version per batch, the same buffers", () => {
    const params = { ...defaultParams, horizon: 2, seeds: 2 };
    const results = new RunResults(3, params);
    results.receive(rowsMessage(3, 'theory', 8));
    const first = results.snapshot().series.theory!;
    results.receive(rowsMessage(3, 'theory', 8, { firstIndex: 8 }));
    const second = results.snapshot().series.theory!;
    expect(second.version).toBe(first.version + 1);
    expect([first.length, second.length]).toEqual([8, 16]);
    expect(second.t.buffer).toBe(first.t.buffer);
    expect(second.values.trainLoss.buffer.byteLength).toBe(expectedRowsOf(params).theory * Float64Array.BYTES_PER_ELEMENT);
    expect(results.snapshot().series.theory).toBe(second); // nothing received: the same snapshot
  });

  it('the seed mean, updated on the rows each batch touched, equals summarizeSeeds of the seeds so far after every batch', () => {
    const aggregate = new SeedAggregate(21);
    const seeds = [0, 1, 2].map(() => new SeriesColumns(21));
    // Interleaved: seed 2 first, seed 0 in two batches around it, seed 1 last and diverging.
    const batches = [
      { seed: 2, firstIndex: 0, count: 21, offset: 0.03 },
      { seed: 0, firstIndex: 0, count: 7, offset: -0.01 },
      { seed: 0, firstIndex: 7, count: 14, offset: -0.01 },
      { seed: 1, firstIndex: 0, count: 12, offset: 0.2 },
    ];
    for (const { seed, firstIndex, count, offset } of batches) {
      const { rows } = rowsMessage(1, 'sgf', count, { firstIndex, seedIndex: seed, offset });
      aggregate.add(seed, firstIndex, rows);
      seeds[seed].add(firstIndex, rows);
      const expected = summarizeSeeds(seeds.map((columns) => (columns.length > 0 ? columns : null)));
      const view = aggregate.view();
      expect(Array.from(view.t)).toEqual(Array.from(expected.t));
      for (const name of valueNames) {
        expect(Array.from(view.mean[name])).toEqual(Array.from(expected.mean[name]));
        expect(Array.from(view.standardError[name])).toEqual(Array.from(expected.standardError[name]));
      }
    }
    aggregate.end(1, { at: 0.5 });
    seeds[1].diverged = { at: 0.5 };
    expect(aggregate.view().length).toBe(summarizeSeeds(seeds).t.length);
    expect(aggregate.view().length).toBe(5);
  });
});
