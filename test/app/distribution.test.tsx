/**
 * The distribution view and the theory bands in the app (issue 12 items 1 and 3): histogram messages built as the
 * workers build them from real (small) solves and seeds, the run results' fractions and seed means, the panel drawing
 * only the current run (the previous run's faded and marked stale), its scrubber and exports, its link; the theory band
 * drawn around a line of its own run only, and hidden by its legend toggle.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { solveDmft } from '../../src/core/dmft/solver';
import { binIndex, histogramRowLength, SampleHistogramRecorder } from '../../src/core/dmft/sampleHistogram';
import { bandRows } from '../../src/core/dmft/replicas';
import { defaultParams, sampleCount, type Params } from '../../src/core/params';
import { seedRows, simulationGrid } from '../../src/core/sim/simulate';
import { drain } from '../../src/core/slices';
import type { BandMessage, HistogramMessage } from '../../src/pipeline/protocol';
import { RunResults, type RunSnapshot } from '../../src/app/runResults';
import { packBand } from '../../src/pipeline/protocol';
import { DistributionPanel } from '../../src/app/plots/DistributionPanel';
import { distributionPanels, sliceAt } from '../../src/app/plots/distributionPanel';
import { distributionDataFile } from '../../src/app/distributionExport';
import { PlotPanel } from '../../src/app/plots/PlotPanel';
import { panels } from '../../src/app/plots/panels';
import { shownPanels } from '../../src/app/plots/PlotGrid';
import { buildQuery, readUrlState } from '../../src/app/urlState';
import { useUiStore } from '../../src/app/uiStore';
import { endMessage, rowsMessage } from './streamFixtures';

afterEach(() => {
  cleanup();
  useUiStore.setState({ showBands: true });
});

const small: Params = { ...defaultParams, horizon: 2, samples: 2000, responseSamples: 200, dim: 60, seeds: 2 };
const spec = distributionPanels[0];

function theoryHistogram(runId: number, params: Params): HistogramMessage {
  const { times, counts, total, fieldCounts } = solveDmft(params).sampleHistograms;
  return { runId, source: 'theory', seedIndex: 0, type: 'histogram', times, counts, total, fieldCounts };
}

function seedHistogram(runId: number, algorithm: 'sgf' | 'sgd', seedIndex: number, params: Params): HistogramMessage {
  const { dt, steps } = simulationGrid(params, algorithm);
  const recorder = new SampleHistogramRecorder(true, steps, dt, sampleCount(params), false);
  drain(seedRows(params, algorithm, seedIndex, { onFields: (k, fields, labels) => recorder.record(k, fields, null, labels) }));
  const { times, counts, total } = recorder.result();
  return { runId, source: algorithm, seedIndex, type: 'histogram', times, counts, total, fieldCounts: null };
}

/** A run of `small` (or `params`) with the theory's and both simulations' histograms (two seeds each). */
function runWithHistograms(runId: number, params: Params = small): RunSnapshot {
  const results = new RunResults(runId, params);
  results.receive(theoryHistogram(runId, params));
  for (const algorithm of ['sgf', 'sgd'] as const) for (const seedIndex of [0, 1]) results.receive(seedHistogram(runId, algorithm, seedIndex, params));
  return results.snapshot();
}

function drawnRuns(container: HTMLElement, stale: boolean): Record<string, string> {
  const runs: Record<string, string> = {};
  for (const element of container.querySelectorAll(`figure[data-panel="distribution"] [data-series][data-stale="${stale}"]`)) runs[element.getAttribute('data-series')!] = element.getAttribute('data-run')!;
  return runs;
}

describe('distribution data path', () => {
  it('theory fractions sum to one; the simulations are the seed mean with its standard error', () => {
    const results = new RunResults(2, small);
    const first = seedHistogram(2, 'sgf', 0, small);
    const second = seedHistogram(2, 'sgf', 1, small);
    const copies = [Float64Array.from(first.counts), Float64Array.from(second.counts)];
    results.receive(theoryHistogram(2, small));
    results.receive(first);
    results.receive(second);
    results.receive(second); // a repeat counts once
    const { theory, sgf } = results.snapshot().distributions;
    expect(theory!.runId).toBe(2);
    for (let i = 0; i < theory!.times.length; i++) {
      expect(theory!.fractions.subarray(i * histogramRowLength, (i + 1) * histogramRowLength).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(sgf!.seeds).toBe(2);
    const n = sampleCount(small);
    const at = 10 * histogramRowLength + binIndex(0.5);
    expect(sgf!.fractions[at]).toBeCloseTo((copies[0][at] + copies[1][at]) / (2 * n), 14);
    expect(sgf!.standardErrors![at]).toBeCloseTo(Math.abs(copies[0][at] - copies[1][at]) / (2 * n), 14);
    // The fraction of negative margins at the last time is the seed mean of the train error.
    const slice = sliceAt(sgf!, small.horizon)!;
    expect(slice.at).toBeCloseTo(small.horizon, 12);
  });
});

describe('distribution panel', () => {
  it('draws the theory, its test samples and both simulations of the current run, with a readout', () => {
    const { container } = render(<DistributionPanel spec={spec} current={runWithHistograms(5)} />);
    expect(screen.getByRole('img', { name: /distribution of the training samples' margin y·r/ }).tagName.toLowerCase()).toBe('svg');
    expect(drawnRuns(container, false)).toEqual({ test: '5', theory: '5', sgf: '5', sgd: '5' });
    expect(drawnRuns(container, true)).toEqual({});
    expect(container.querySelector('[data-series="theory"]')!.getAttribute('d')).toMatch(/^M/);
    expect(container.querySelector('[data-series="sgf"][data-band="standard-error"]')).not.toBeNull();
    expect(container.querySelector('[data-series="theory"]')!.getAttribute('data-time')).toBe('2');
    expect(container.querySelector('.two-time-readout')!.textContent).toMatch(/^Fraction of training samples with y·r < 0: DMFT of the SGF [\d.]+ \(t = 2\); SGF simulation/);
  });

  it('for a regression model draws the residuals r − y', () => {
    const linear: Params = { ...small, model: 'linear' };
    const results = new RunResults(2, linear);
    results.receive(theoryHistogram(2, linear));
    const { container } = render(<DistributionPanel spec={spec} current={results.snapshot()} />);
    expect(screen.getByRole('img', { name: /training samples' residual r − y/ })).toBeTruthy();
    expect(container.querySelector('[data-series="theory"]')!.getAttribute('data-run')).toBe('2');
    expect(container.textContent).toContain('r − y < 0');
  });

  it('on a parameter change draws the previous run only faded and stale, and the new run once it arrives', () => {
    const old = runWithHistograms(5);
    const fresh = new RunResults(6, { ...small, alpha: 2.5 }).snapshot();
    const { container, rerender } = render(<DistributionPanel spec={spec} current={fresh} previous={old} />);
    expect(drawnRuns(container, false)).toEqual({});
    expect(drawnRuns(container, true)).toEqual({ test: '5', theory: '5', sgf: '5', sgd: '5' });
    expect(container.textContent).toContain('faded: the previous parameters');
    rerender(<DistributionPanel spec={spec} current={runWithHistograms(6, { ...small, alpha: 2.5 })} previous={old} />);
    expect(drawnRuns(container, false)).toEqual({ test: '6', theory: '6', sgf: '6', sgd: '6' });
    expect(drawnRuns(container, true)).toEqual({});
  });

  it('the time scrubber and the export buttons are keyboard controls; the scrubber moves every drawn time', () => {
    const { container } = render(<DistributionPanel spec={spec} current={runWithHistograms(3)} />);
    const scrubber = screen.getByRole('slider', { name: 'time t of the distribution' });
    scrubber.focus();
    expect(document.activeElement).toBe(scrubber);
    fireEvent.change(scrubber, { target: { value: '0.5' } });
    for (const source of ['theory', 'sgf', 'sgd', 'test']) expect(container.querySelector(`[data-series="${source}"]:not([data-band])`)!.getAttribute('data-time'), source).toBe('1');
    for (const format of ['csv', 'json']) {
      const button = container.querySelector<HTMLButtonElement>(`[data-export="distribution-${format}"]`)!;
      expect(button.disabled).toBe(false);
      expect(button.tabIndex).toBe(0);
    }
  });

  it('exports the documented JSON and CSV layouts, the fractions as drawn', () => {
    const snapshot = runWithHistograms(4);
    const json = JSON.parse(distributionDataFile(snapshot, 'json')!.text);
    expect(json.quantity).toBe('margin');
    expect(Object.keys(json.sources)).toEqual(['theory', 'sgf', 'sgd']);
    expect(json.binEdges).toHaveLength(histogramRowLength - 1);
    const sgf = snapshot.distributions.sgf!;
    expect(json.sources.sgf.fractions[7][40]).toBe(sgf.fractions[7 * histogramRowLength + 40]);
    expect(json.sources.sgf.standardErrors[7][40]).toBe(sgf.standardErrors![7 * histogramRowLength + 40]);
    expect(json.sources.theory.testFractions[7]).toHaveLength(histogramRowLength);
    expect(json.params.seed).toBe(small.seed);
    const csv = distributionDataFile(snapshot, 'csv')!.text.trim().split('\n');
    expect(csv[0]).toBe('source,t,bin_low,bin_high,fraction,standard_error,test_fraction');
    const rows = (['theory', 'sgf', 'sgd'] as const).reduce((sum, source) => sum + snapshot.distributions[source]!.times.length * histogramRowLength, 0);
    expect(csv).toHaveLength(1 + rows);
    expect(csv[1].startsWith('theory,0,,-8,')).toBe(true); // the underflow bin
    expect(distributionDataFile(new RunResults(9, small).snapshot(), 'json')).toBeNull();
  });

  it('plots=distribution embeds only this view and survives the share link, with bands=0', () => {
    const state = readUrlState('?embed=1&plots=distribution&bands=0');
    expect(state.corrections).toEqual([]);
    const chosen = shownPanels(state.options.plots, true, 'logistic');
    expect(chosen.shown).toEqual([]);
    expect(chosen.distribution.map((entry) => entry.id)).toEqual(['distribution']);
    const query = buildQuery(state.params, state.options);
    expect(query).toContain('plots=distribution');
    expect(query).toContain('bands=0');
    expect(readUrlState(`?${query}`).options).toMatchObject({ plots: ['distribution'], showBands: false });
    expect(buildQuery(defaultParams, { ...state.options, showBands: true })).not.toContain('bands=');
    expect(shownPanels(null, true, 'logistic').distribution).toEqual([]);
  });
});

describe('theory band', () => {
  const trainLoss = panels.find((panel) => panel.id === 'trainLoss')!;

  function bandMessage(runId: number, params: Params): BandMessage {
    const band = drain(bandRows([params], { replicas: 3 }))![0];
    return { runId, source: 'theory', seedIndex: 0, type: 'band', t: band.t, standardErrors: packBand(band.standardError, band.t.length), replicas: band.replicas, plannedReplicas: band.plannedReplicas, replicaSamples: band.replicaSamples };
  }

  it('is drawn around the theory line of its own run, says what it is, and its legend button hides it', () => {
    const params = { ...small, horizon: 1 };
    const results = new RunResults(8, params);
    results.receive(rowsMessage(8, 'theory', 11));
    const before = render(<PlotPanel spec={trainLoss} current={results.snapshot()} previous={null} />);
    expect(before.container.querySelector('[data-band="theory-monte-carlo"]')).toBeNull();
    expect(screen.getByRole('button', { name: /band: theory ±1 s\.e\. \(Monte Carlo, computing\)/ })).toBeTruthy();
    before.unmount();

    const message = bandMessage(8, params);
    const se = Array.from(message.standardErrors);
    results.receive(message);
    const snapshot = results.snapshot();
    expect(snapshot.bands.theory!.standardError.q[5]).toBe(se[5 * 7 + 4]); // row 5; q is the fifth value column (after the losses and errors)
    const { container } = render(<PlotPanel spec={trainLoss} current={snapshot} previous={null} />);
    const band = container.querySelector('[data-band="theory-monte-carlo"]')!;
    expect(band.getAttribute('data-band-of')).toBe('theory');
    expect(band.getAttribute('data-series')).toBeNull(); // [data-series="theory"] is the line alone
    expect(band.getAttribute('data-run')).toBe('8');
    expect(band.getAttribute('d')).toMatch(/^M/);
    const toggle = screen.getByRole('button', { name: /band: theory ±1 s\.e\. \(Monte Carlo\)/, pressed: true });
    expect(toggle.getAttribute('title')).toMatch(/spread \(standard deviation\) of 3 independent solves at other seeds with the same N, 2000 trajectories each/);
    fireEvent.click(toggle);
    expect(useUiStore.getState().showBands).toBe(false);
    expect(container.querySelector('[data-band="theory-monte-carlo"]')).toBeNull();
  });

  it('in presentation mode has no legend entry of its own: the theory swatch shows it and its tooltip says what it is', () => {
    const params = { ...small, horizon: 1 };
    const results = new RunResults(8, params);
    results.receive(rowsMessage(8, 'theory', 11));
    results.receive(bandMessage(8, params));
    useUiStore.setState({ present: true });
    try {
      const { container } = render(<PlotPanel spec={trainLoss} current={results.snapshot()} previous={null} />);
      expect(container.querySelector('[data-band="theory-monte-carlo"]')).not.toBeNull();
      expect(screen.queryByRole('button', { name: /band: theory/ })).toBeNull();
      expect(screen.getByRole('button', { name: /DMFT of the SGF/ }).getAttribute('title')).toMatch(/band: theory ±1 s\.e\. \(Monte Carlo\): The line is the solve at this seed/);
    } finally {
      useUiStore.setState({ present: false });
    }
  });

  it('a band of another run is never drawn: the faded previous line has none, the new line none until its own', () => {
    const params = { ...small, horizon: 1 };
    const old = new RunResults(8, params);
    old.receive(rowsMessage(8, 'theory', 11));
    old.receive(endMessage(8, 'theory'));
    old.receive(bandMessage(8, params));
    const fresh = new RunResults(9, { ...params, alpha: 2.5 });
    const { container, rerender } = render(<PlotPanel spec={trainLoss} current={fresh.snapshot()} previous={old.snapshot()} />);
    expect(container.querySelector('[data-series="theory"][data-stale="true"]')).not.toBeNull();
    expect(container.querySelector('[data-band="theory-monte-carlo"]')).toBeNull();
    fresh.receive(rowsMessage(9, 'theory', 11));
    rerender(<PlotPanel spec={trainLoss} current={fresh.snapshot()} previous={old.snapshot()} />);
    expect(container.querySelector('[data-series="theory"][data-run="9"]')).not.toBeNull();
    expect(container.querySelector('[data-band="theory-monte-carlo"]')).toBeNull();
  });
});
