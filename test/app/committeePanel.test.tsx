/**
 * The committee panel and its data path (issue 11 item 4): seeds averaged with their standard error, the matrices
 * drawn as heatmaps at the scrubbed time, stale sources marked, the export in the CLI's committee schema.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { committeeSeriesNames } from '../../src/core/committee/series';
import { defaultParams, type Params } from '../../src/core/params';
import type { CommitteeMessage } from '../../src/pipeline/protocol';
import { RunResults } from '../../src/app/runResults';
import { CommitteePanel } from '../../src/app/committee/CommitteePanel';
import { committeeDataFile } from '../../src/app/committee/committeeExport';
import { groupSeries } from '../../src/app/committee/committeeView';
import { rowsMessage } from './streamFixtures';

afterEach(cleanup);

const params: Params = { ...defaultParams, horizon: 0.3, seeds: 2 };

/** A message for p = 2, p* = 1 on the grid 0, 0.1, 0.2, 0.3 whose entries are `scale`·(entry index + 1)·(1 + t). */
function message(runId: number, source: CommitteeMessage['source'], seedIndex: number, scale: number, rows = 4): CommitteeMessage {
  const width = 2 * 2 + 2 * 1;
  const times = Float64Array.from({ length: rows }, (_, i) => 0.1 * i);
  const matrices = Float64Array.from({ length: rows * width }, (_, i) => scale * ((i % width) + 1) * (1 + times[Math.floor(i / width)]));
  return { type: 'committee', runId, source, seedIndex, hidden: 2, teacherHidden: 1, times, matrices };
}

describe('committee results', () => {
  it('a theory is kept as sent; seeds are averaged with the standard error of their mean, a repeat counted once', () => {
    const results = new RunResults(4, params);
    results.receive(message(4, 'theory', 0, 1));
    results.receive(message(4, 'sgf', 0, 1));
    results.receive(message(4, 'sgf', 1, 3));
    results.receive(message(4, 'sgf', 1, 3));
    const snapshot = results.snapshot().committee;
    expect(snapshot.theory!.values[0]).toBe(1);
    expect(snapshot.sgf!.seeds).toBe(2);
    expect(snapshot.sgf!.values[0]).toBeCloseTo(2, 14); // (1 + 3)/2
    expect(snapshot.sgf!.standardErrors![0]).toBeCloseTo(1, 14); // |1 − 3|/2
    expect(snapshot.sgd).toBeNull();
  });

  it('a shorter (diverged) seed truncates the mean to the rows every seed has', () => {
    const results = new RunResults(1, params);
    results.receive(message(1, 'sgd', 0, 1, 4));
    results.receive(message(1, 'sgd', 1, 1, 2));
    expect(results.snapshot().committee.sgd!.times).toHaveLength(2);
  });

  it('the summaries are computed from the matrices: tr q / p, mean off-diagonal, mean and rms of M', () => {
    const results = new RunResults(1, params);
    results.receive(message(1, 'theory', 0, 1));
    const series = groupSeries(results.snapshot().committee.theory!, 'summaries');
    const at = (name: string) => series.find((entry) => entry.name === name)!.values[0];
    // t = 0: q = [[1, 2], [3, 4]], M = [[5], [6]].
    expect(at('qDiag')).toBeCloseTo(2.5, 14);
    expect(at('qOff')).toBeCloseTo(2.5, 14);
    expect(at('mMean')).toBeCloseTo(5.5, 14);
    expect(at('mRms')).toBeCloseTo(Math.sqrt((25 + 36) / 2), 14);
  });
});

describe('committee panel', () => {
  it('draws one heatmap per source with p² + p·p* cells, the scrubbed time in its readout, and the previous run only as stale', () => {
    const previous = new RunResults(1, params);
    previous.receive(message(1, 'theory', 0, 1));
    previous.receive(message(1, 'sgf', 0, 1));
    const current = new RunResults(2, params);
    current.receive(message(2, 'theory', 0, 2));
    const { container } = render(<CommitteePanel current={current.snapshot()} previous={previous.snapshot()} />);
    const maps = container.querySelectorAll('.committee-heatmap');
    expect(Array.from(maps, (map) => map.getAttribute('data-source'))).toEqual(['theory', 'sgf']);
    expect(maps[0].getAttribute('data-stale')).toBeNull();
    expect(maps[1].getAttribute('data-stale')).toBe('true');
    expect(maps[0].querySelectorAll('rect')).toHaveLength(6);
    // At the last time (t = 0.3) the theory's q[1,1] is 2·1·1.3.
    expect(maps[0].querySelector('rect title')!.textContent).toContain('= 2.6');
    fireEvent.change(screen.getByLabelText('time of the matrices'), { target: { value: '0' } });
    expect(container.querySelector('.committee-heatmap rect title')!.textContent).toContain('q[1,1](t = 0) = 2');
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('t = 0');
  });

  it("exports each source in the CLI's committee schema, simulations with their standard errors", () => {
    const results = new RunResults(3, params);
    results.receive(rowsMessage(3, 'theory', 4));
    results.receive(message(3, 'theory', 0, 1));
    results.receive(rowsMessage(3, 'sgf', 4, { seedIndex: 0 }));
    results.receive(rowsMessage(3, 'sgf', 4, { seedIndex: 1, offset: 0.1 }));
    results.receive(message(3, 'sgf', 0, 1));
    results.receive(message(3, 'sgf', 1, 3));
    const csv = committeeDataFile(results.snapshot(), 'csv')!.text;
    const blocks = csv.split('# ').filter(Boolean);
    const names = committeeSeriesNames(2, 1);
    expect(blocks[0].split('\n')[1]).toBe(names.join(','));
    expect(blocks[1].split('\n')[1]).toBe([...names, ...names.slice(1).map((name) => `${name}Se`)].join(','));
    const json = JSON.parse(committeeDataFile(results.snapshot(), 'json')!.text);
    expect(json.theory.q_1_1).toEqual([1, 1.1, 1.2, 1.3]);
    expect(json.sgf.M_2_1Se[0]).toBeCloseTo(6, 12); // entries 6 and 18: s.e. of their mean is 6
    expect(json.sgf.trainLoss[0]).toBeCloseTo(0.75, 12); // the seed mean of the line series (0.7 and 0.8)
  });
});
