/**
 * The two-time views' data path and panel (issue 12 item 2): a simulated seed's θ history gives C(t, t) = q(t),
 * the DMFT's sampled C has the theory's q on its diagonal and R its causal zeros, the app averages seeds with
 * their standard error, the heatmap PNG decodes to the colour scale's pixels, and the panel draws only the current run.
 */
import { inflateSync } from 'node:zlib';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { solveDmft } from '../../src/core/dmft/solver';
import { defaultParams, type Params } from '../../src/core/params';
import { seedRows, simulationGrid } from '../../src/core/sim/simulate';
import { maxTwoTimePoints, sampleMatrix, simulationTwoTimeIndices, thetaHistoryBudget, ThetaHistory, twoTimeIndices } from '../../src/core/sim/twoTime';
import type { TwoTimeMessage } from '../../src/pipeline/protocol';
import { RunResults } from '../../src/app/runResults';
import { encodePng, heatmapPixels } from '../../src/app/plots/heatmapImage';
import { TwoTimePanel } from '../../src/app/plots/TwoTimePanel';
import { cutAt, simulationMinusTheory, twoTimePanels } from '../../src/app/plots/twoTimePanels';
import { twoTimeDataFile } from '../../src/app/twoTimeExport';
import { rowsMessage } from './streamFixtures';
import { buildQuery, readUrlState } from '../../src/app/urlState';
import { shownPanels } from '../../src/app/plots/PlotGrid';

afterEach(cleanup);

const small: Params = { ...defaultParams, horizon: 2, samples: 2000, responseSamples: 200, dim: 60, seeds: 2 };

/** One simulated seed's two-time message, as the sim worker builds it, and its q column. */
function simulatedSeed(runId: number, algorithm: 'sgf' | 'sgd', seedIndex: number): { message: TwoTimeMessage; q: number[] } {
  const { dt, steps } = simulationGrid(small, algorithm);
  const history = new ThetaHistory(simulationTwoTimeIndices(steps, small.dim), dt);
  const rows = seedRows(small, algorithm, seedIndex, { onWeights: (k, weights) => history.record(k, weights) });
  let next = rows.next();
  while (!next.done) next = rows.next();
  const { times, values } = history.correlation();
  return { message: { runId, source: algorithm, seedIndex, type: 'twoTime', times, correlation: values, response: null }, q: next.value.table.q };
}

describe('two-time data path', () => {
  it('grids hold at most 129 times, both ends included, and fewer where d would exceed the θ history budget', () => {
    expect(twoTimeIndices(1000)).toHaveLength(maxTwoTimePoints);
    expect(twoTimeIndices(1000)[0]).toBe(0);
    expect(twoTimeIndices(1000).at(-1)).toBe(1000);
    expect(twoTimeIndices(20)).toEqual(Array.from({ length: 21 }, (_, k) => k));
    const dim = 20_000;
    expect(simulationTwoTimeIndices(1000, dim).length * dim).toBeLessThanOrEqual(thetaHistoryBudget);
  });

  it("a seed's C(t, t) = θ(t)·θ(t)/d is its q(t), C is symmetric, and the app's mean over seeds has the seeds' standard error", () => {
    const results = new RunResults(3, small);
    const seeds = [simulatedSeed(3, 'sgf', 0), simulatedSeed(3, 'sgf', 1)];
    const { steps } = simulationGrid(small, 'sgf');
    const indices = simulationTwoTimeIndices(steps, small.dim);
    for (const { message, q } of seeds) {
      const n = message.times.length;
      expect(n).toBe(indices.length);
      indices.forEach((k, i) => expect(message.correlation[i * n + i]).toBeCloseTo(q[k], 12));
      expect(message.correlation[1 * n + (n - 1)]).toBe(message.correlation[(n - 1) * n + 1]);
    }
    const copies = seeds.map(({ message }) => Float64Array.from(message.correlation));
    for (const { message } of seeds) results.receive(message);
    const mean = results.snapshot().twoTime.sgf!;
    expect(mean.seeds).toBe(2);
    expect(mean.runId).toBe(3);
    const c = 5 * mean.times.length + 2;
    expect(mean.correlation[c]).toBeCloseTo((copies[0][c] + copies[1][c]) / 2, 14);
    expect(mean.correlationSe![c]).toBeCloseTo(Math.abs(copies[0][c] - copies[1][c]) / 2, 14); // s.e. of a mean of two
    expect(results.snapshot().twoTime.theory).toBeNull();
  });

  it('a diverged seed (a shorter grid) truncates the mean to the grid all seeds cover, and a repeated seed counts once', () => {
    const results = new RunResults(2, small);
    const message = (seedIndex: number, times: number[], correlation: number[]): TwoTimeMessage => ({
      runId: 2, source: 'sgd', seedIndex, type: 'twoTime', times: Float64Array.from(times), correlation: Float64Array.from(correlation), response: null,
    });
    results.receive(message(0, [0, 1, 2], [1, 2, 3, 2, 5, 6, 3, 6, 9]));
    expect(results.snapshot().twoTime.sgd!.times).toEqual(Float64Array.from([0, 1, 2]));
    results.receive(message(1, [0, 1], [3, 4, 4, 7]));
    results.receive(message(1, [0, 1], [3, 4, 4, 7]));
    const mean = results.snapshot().twoTime.sgd!;
    expect(mean.seeds).toBe(2);
    expect(mean.times).toEqual(Float64Array.from([0, 1]));
    expect([...mean.correlation]).toEqual([2, 3, 3, 6]);
    expect([...mean.correlationSe!]).toEqual([1, 1, 1, 1]);
  });

  it("the DMFT's C sampled on the grid has the theory's q on its diagonal, and R is causal with R(t⁺, t) near 1", () => {
    const result = solveDmft(small);
    const indices = twoTimeIndices(result.steps);
    const correlation = sampleMatrix(result.correlation, result.steps, indices, result.dt);
    const response = sampleMatrix(result.response, result.steps, indices, result.dt);
    const n = indices.length;
    indices.forEach((k, i) => {
      expect(correlation.values[i * n + i]).toBeCloseTo(result.table.q[k], 12);
      expect(correlation.times[i]).toBeCloseTo(k * result.dt, 12);
    });
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) expect(response.values[i * n + j]).toBe(0); // no response before the kick
    const cut = cutAt({ runId: 1, times: response.times, correlation: correlation.values, correlationSe: null, response: response.values, seeds: 1 }, 'response', 0.5);
    expect(cut!.lags[0]).toBeGreaterThan(0);
    expect(Math.abs(cut!.values[0] - 1)).toBeLessThan(0.1); // one grid step after the kick, θ has barely relaxed
  });
});

describe('difference maps', () => {
  it('subtract the theory at the grid time nearest each simulation time, leave unmatched times out, and refuse mixed runs', () => {
    const snapshot = (runId: number, times: number[], correlation: number[]) => ({
      runId, times: Float64Array.from(times), correlation: Float64Array.from(correlation), correlationSe: null, response: null, seeds: 1,
    });
    const theory = snapshot(1, [0, 1, 2], [1, 2, 3, 2, 5, 6, 3, 6, 9]);
    const difference = simulationMinusTheory(snapshot(1, [0, 2, 3], [2, 4, 0, 4, 10, 0, 0, 0, 0]), theory)!;
    expect([...difference.correlation.subarray(0, 2)]).toEqual([1, 1]); // C(0,0) − 1, C(0,2) − 3
    expect([...difference.correlation.subarray(3, 5)]).toEqual([1, 1]); // C(2,0) − 3, C(2,2) − 9
    expect(Number.isNaN(difference.correlation[2])).toBe(true); // t′ = 3 is beyond the theory's grid
    expect(simulationMinusTheory(snapshot(2, [0, 1], [1, 1, 1, 1]), theory)).toBeNull();
  });
});

describe('heatmap image', () => {
  it('is a PNG whose pixels are the matrix on the colour scale, t upwards and t′ to the right', () => {
    const values = Float64Array.from([0, 1, 2, Number.NaN]); // row 0 (t₀): 0, 1; row 1 (t₁): 2, NaN
    const pixels = heatmapPixels(values, 2, 0, 2);
    // Bottom image row is t₀: its left pixel the scale's low end (viridis dark purple), top-left the high end (yellow).
    expect([...pixels.subarray(8, 12)]).toEqual([68, 1, 84, 255]);
    expect([...pixels.subarray(0, 4)]).toEqual([253, 231, 37, 255]);
    expect(pixels[7]).toBe(0); // the missing value is transparent
    const png = encodePng(pixels, 2, 2);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const idat = png.indexOf(0x49, 33); // 'I' of IDAT after the 33-byte signature + IHDR
    const length = new DataView(png.buffer).getUint32(idat - 4);
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + length));
    expect([...raw]).toEqual([0, ...pixels.subarray(0, 8), 0, ...pixels.subarray(8, 16)]);
  });
});

describe('two-time panel', () => {
  const correlation = twoTimePanels.find((spec) => spec.id === 'correlation')!;
  const response = twoTimePanels.find((spec) => spec.id === 'response')!;

  it('draws the theory and both simulations of the current run, and a new run without its matrices draws none', () => {
    const results = new RunResults(4, small);
    const theory = solveDmft(small);
    const indices = twoTimeIndices(theory.steps);
    const c = sampleMatrix(theory.correlation, theory.steps, indices, theory.dt);
    const r = sampleMatrix(theory.response, theory.steps, indices, theory.dt);
    results.receive({ runId: 4, source: 'theory', seedIndex: 0, type: 'twoTime', times: c.times, correlation: c.values, response: r.values });
    for (const algorithm of ['sgf', 'sgd'] as const) for (const seed of [0, 1]) results.receive(simulatedSeed(4, algorithm, seed).message);
    const { container, rerender } = render(<TwoTimePanel spec={correlation} current={results.snapshot()} />);
    const svg = screen.getByRole('img', { name: /two-time correlation C\(t, t′\)/ });
    expect(svg.closest('figure.panel')?.getAttribute('data-panel')).toBe('correlation');
    for (const source of ['theory', 'sgf', 'sgd']) {
      const image = container.querySelector(`image[data-series="${source}"]`);
      expect(image?.getAttribute('data-run'), source).toBe('4');
      expect(image?.getAttribute('href'), source).toMatch(/^data:image\/png;base64,/);
      expect(container.querySelector(`path[data-series="${source}"][data-cut-at], g[data-series="${source}"][data-cut-at]`), `${source} cut`).not.toBeNull();
    }

    const next = new RunResults(5, { ...small, alpha: 3 });
    next.receive(rowsMessage(5, 'theory', 5));
    rerender(<TwoTimePanel spec={correlation} current={next.snapshot()} />);
    expect(container.querySelectorAll('[data-series]')).toHaveLength(0);
    expect(container.textContent).toContain('computing…');
    // With the run before given, its matrices stand in, marked stale, until the new run's arrive.
    rerender(<TwoTimePanel spec={correlation} current={next.snapshot()} previous={results.snapshot()} />);
    const standIns = [...container.querySelectorAll('[data-series]')];
    expect(standIns.length).toBeGreaterThan(0);
    for (const element of standIns) expect([element.getAttribute('data-run'), element.getAttribute('data-stale')]).toEqual(['4', 'true']);
    expect(container.textContent).toContain('Faded: the previous parameters');
    next.receive(simulatedSeed(5, 'sgf', 0).message);
    rerender(<TwoTimePanel spec={correlation} current={next.snapshot()} previous={results.snapshot()} />);
    expect(container.querySelector('image[data-series="sgf"]')?.getAttribute('data-run')).toBe('5');
    expect(container.querySelector('image[data-series="sgf"]')?.getAttribute('data-stale')).toBe('false');
    expect(container.querySelector('image[data-series="theory"]')?.getAttribute('data-stale')).toBe('true');

    // The difference toggle: the simulations' maps become simulation − theory on a second, diverging scale.
    rerender(<TwoTimePanel spec={correlation} current={results.snapshot()} />);
    fireEvent.click(screen.getByRole('checkbox', { name: /simulation − theory/ }));
    expect(container.querySelector('image[data-series="sgf"]')?.getAttribute('data-difference')).toBe('true');
    expect(container.querySelector('image[data-series="sgd"]')?.getAttribute('data-difference')).toBe('true');
    expect(container.querySelector('image[data-series="theory"]')?.getAttribute('data-difference')).toBe('false');
    expect(container.querySelectorAll('.colour-bar')).toHaveLength(2);
    expect(container.textContent).toContain('SGF simulation (2 seeds) − theory');

    rerender(<TwoTimePanel spec={response} current={results.snapshot()} />);
    expect(screen.getByRole('img', { name: /response R\(t, t′\)/ })).not.toBeNull();
    expect(container.querySelector('image[data-series="theory"]')?.getAttribute('data-run')).toBe('4');
    expect(container.querySelector('image[data-series="sgf"]')).toBeNull();

    // Data export: the documented JSON and CSV layouts hold the drawn matrices.
    const snapshot = results.snapshot();
    const json = JSON.parse(twoTimeDataFile(snapshot, correlation, 'json')!.text);
    expect(Object.keys(json.sources)).toEqual(['theory', 'sgf', 'sgd']);
    const sgf = snapshot.twoTime.sgf!;
    const n = sgf.times.length;
    expect(json.sources.sgf.values[3][2]).toBe(sgf.correlation[3 * n + 2]);
    expect(json.sources.sgf.standardErrors[3][2]).toBe(sgf.correlationSe![3 * n + 2]);
    expect(json.sources.theory.standardErrors).toBeNull();
    expect(json.params.alpha).toBe(small.alpha);
    const csv = twoTimeDataFile(snapshot, response, 'csv')!.text.trim().split('\n');
    expect(csv[0]).toBe('source,t,t_prime,value,standard_error');
    expect(csv).toHaveLength(1 + snapshot.twoTime.theory!.times.length ** 2); // the SGD theory has not arrived
    expect(twoTimeDataFile(new RunResults(6, small).snapshot(), correlation, 'json')).toBeNull();
  });
});

describe('two-time views in links and embeds', () => {
  it('plots=correlation,response picks only the two views and survives the share link; without them the views are not drawn', () => {
    const state = readUrlState('?embed=1&plots=correlation,response&alpha=1.5');
    expect(state.options.plots).toEqual(['correlation', 'response']);
    expect(state.corrections).toEqual([]);
    const chosen = shownPanels(state.options.plots, true, 'logistic');
    expect(chosen.shown).toEqual([]);
    expect(chosen.twoTime.map((spec) => spec.id)).toEqual(['correlation', 'response']);
    expect(chosen.unavailable).toBeNull();
    expect(buildQuery(state.params, state.options)).toContain('plots=correlation%2Cresponse');
    expect(readUrlState(`?${buildQuery(state.params, state.options)}`).options.plots).toEqual(['correlation', 'response']);
    expect(shownPanels(['trainLoss', 'response'], true, 'logistic').twoTime.map((spec) => spec.id)).toEqual(['response']);
    expect(shownPanels(null, true, 'logistic').twoTime).toEqual([]);
  });
});
