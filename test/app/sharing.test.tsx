/**
 * Sharing, teaching and embedding in jsdom: URL ⇄ stores, the corrections notice, embed mode's
 * control selection, presets, keyboard shortcuts and the data exports' schema.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultParams } from '../../src/core/params';
import { findPreset, presets } from '../../src/core/presets';
import { seriesNames } from '../../src/core/series';
import { App } from '../../src/app/App';
import { Explanation } from '../../src/app/Explanation';
import { dataFile, reportFromSeries } from '../../src/app/exportData';
import { RunResults } from '../../src/app/runResults';
import { CorrectionsNotice } from '../../src/app/sharing/CorrectionsNotice';
import { PresetPicker } from '../../src/app/sharing/PresetPicker';
import { shortcutFor } from '../../src/app/sharing/shortcuts';
import { createAppStore, useAppStore } from '../../src/app/store';
import { createUiStore, defaultUiOptions, useUiStore } from '../../src/app/uiStore';
import { applyUrlState, buildQuery, connectUrl, readUrlState, startUrlSync } from '../../src/app/urlState';
import { endMessage, rowsMessage } from './streamFixtures';
import { preloadFormulas } from '../../src/app/controls/Formula';

function resetStores(): void {
  useAppStore.getState().setParams({ ...defaultParams });
  useAppStore.getState().setPlaying(true);
  useUiStore.setState({ ...defaultUiOptions, corrections: [], shortcutsOpen: false });
}

beforeEach(() => {
  resetStores();
  window.history.replaceState(null, '', '/');
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.removeAttribute('data-present');
  document.documentElement.removeAttribute('data-embed');
});

describe('URL → state', () => {
  it('reads every parameter under its CLI flag name', () => {
    const { params, corrections, options } = readUrlState(
      '?model=linear&alpha=3&batch-fraction=0.25&step=0.05&ridge=0.1&horizon=4&label-noise=0.2&init-scale=0.5&dim=300&seeds=3&samples=3000&seed=42',
    );
    expect(corrections).toEqual([]);
    expect(params).toMatchObject({ model: 'linear', alpha: 3, batchFraction: 0.25, step: 0.05, ridge: 0.1, horizon: 4, labelNoise: 0.2, initScale: 0.5 });
    expect(params).toMatchObject({ dim: 300, seeds: 3, samples: 3000, seed: 42 });
    expect(options).toEqual(defaultUiOptions);
  });

  it('loads a preset, and explicit parameter keys override it', () => {
    const preset = findPreset('overparameterized')!;
    expect(readUrlState('?preset=overparameterized').params).toEqual(preset.params);
    const { params, options, corrections } = readUrlState('?preset=overparameterized&alpha=0.8&seed=7');
    expect(corrections).toEqual([]);
    expect(options.presetId).toBe('overparameterized');
    expect(params).toEqual({ ...preset.params, alpha: 0.8, seed: 7 });
  });

  it('reports an unknown preset and uses the defaults', () => {
    const { params, corrections, options } = readUrlState('?preset=nope');
    expect(params).toEqual(defaultParams);
    expect(options.presetId).toBeNull();
    expect(corrections.map((c) => c.name)).toEqual(['preset']);
  });

  it('corrects bad values, one correction each, with the given text kept as text', () => {
    const { params, corrections } = readUrlState(`?alpha=abc&step=1e9&seeds=2.5&dim=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(params.alpha).toBe(defaultParams.alpha);
    expect(params.step).toBe(5);
    expect(params.seeds).toBe(3);
    expect(params.dim).toBe(defaultParams.dim);
    const byName = Object.fromEntries(corrections.map((c) => [c.name, c]));
    expect(byName.alpha).toMatchObject({ given: 'abc', reason: 'not a number' });
    expect(byName.step.reason).toMatch(/outside/);
    expect(byName.dim.given).toBe('<script>alert(1)</script>');
  });

  it('lists a value halved again and again for the resource limits once, with the value finally used', () => {
    const { params, corrections } = readUrlState('?samples=1000000&response-samples=1000000&dim=20000&seeds=64&horizon=200&alpha=abc');
    const names = corrections.map((correction) => correction.name);
    expect(names).toEqual([...new Set(names)]);
    const samples = corrections.find((correction) => correction.name === 'samples')!;
    expect(samples.given).toBe('1000000');
    expect(samples.used).toBe(String(params.samples));
    expect(corrections.find((correction) => correction.name === 'dim')!.used).toBe(String(params.dim));
  });

  it('reads the embed, controls, plots, present and theme keys', () => {
    expect(readUrlState('?embed=1&controls=batch&plots=trainLoss,norm&present=1&theme=dark').options).toEqual({
      embed: true,
      controls: ['batch'],
      plots: ['trainLoss', 'norm'],
      present: true,
      theme: 'dark',
      presetId: null,
      hiddenTheories: [],
      showOnline: false,
      showBands: true,
    });
    expect(readUrlState('?bands=0').options.showBands).toBe(false);
    expect(readUrlState('?bands=1').options.showBands).toBe(true);
    expect(readUrlState('?bands=maybe').options.showBands).toBe(true); // corrected to the default
    expect(readUrlState('?embed&controls=step,alpha').options).toMatchObject({ embed: true, controls: ['step', 'alpha'] });
    expect(readUrlState('?embed=1&controls=').options.controls).toEqual([]);
    expect(readUrlState('?embed=1&controls=none').options.controls).toEqual([]);
    expect(readUrlState('?controls=batch-fraction,h').options.controls).toEqual(['batch', 'step']);
    expect(readUrlState('?hide=sgd-theory').options.hiddenTheories).toEqual(['sgdTheory']);
    expect(readUrlState('?hide=SGF-theory,sgd-theory').options.hiddenTheories).toEqual(['theory', 'sgdTheory']);
    const hidden = readUrlState('?hide=sgd-theory');
    expect(readUrlState(`?${buildQuery(hidden.params, hidden.options)}`).options.hiddenTheories).toEqual(['sgdTheory']);
    expect(readUrlState('?hide=exact').corrections.map((c) => c.name)).toEqual(['hide']);
    // The one-pass overlay: off by default, on with online=1 or a preset that draws it; an explicit online= wins.
    expect(readUrlState('?online=1').options.showOnline).toBe(true);
    expect(readUrlState('?preset=reuse-vs-fresh').options.showOnline).toBe(true);
    expect(readUrlState('?preset=reuse-vs-fresh&online=0').options.showOnline).toBe(false);
    const reuse = readUrlState('?preset=reuse-vs-fresh&online=0');
    expect(readUrlState(`?${buildQuery(reuse.params, reuse.options)}`).options.showOnline).toBe(false);
    expect(buildQuery(reuse.params, { ...reuse.options, showOnline: true })).not.toMatch(/online=/);
    const bad = readUrlState('?controls=alpha,zeta&theme=pink&embed=maybe');
    expect(bad.options).toMatchObject({ controls: ['alpha'], theme: 'auto', embed: false });
    expect(bad.corrections.map((c) => c.name).sort()).toEqual(['controls', 'embed', 'theme']);
  });

  it('applies the URL to the stores: parameters start a run, options and corrections are set', () => {
    const app = createAppStore();
    const ui = createUiStore();
    applyUrlState('?alpha=4&step=0.2&embed=1&controls=alpha&alpha=5', app, ui);
    expect(app.getState().current.params).toMatchObject({ alpha: 4, step: 0.2 });
    expect(app.getState().current.runId).toBe(2);
    expect(ui.getState()).toMatchObject({ embed: true, controls: ['alpha'] });
    expect(ui.getState().corrections.map((c) => c.name)).toEqual(['alpha']); // given twice
  });
});

describe('state → URL', () => {
  it('round-trips parameters and options through the query', () => {
    const params = { ...defaultParams, model: 'linear' as const, alpha: 0.7, beta: Infinity, dt: 0.05, seed: 99 };
    const options = { ...defaultUiOptions, embed: true, controls: ['step' as const], plots: ['testLoss'], theme: 'light' as const, presetId: null };
    const query = buildQuery(params, options);
    expect(query.startsWith('embed=1&controls=step&plots=testLoss&theme=light&model=linear&alpha=0.7')).toBe(true);
    const back = readUrlState(query);
    expect(back.corrections).toEqual([]);
    expect(back.params).toEqual(params);
    expect(back.options).toEqual(options);
    // A preset's own parameters keep its key, first.
    const linear = findPreset('linear')!;
    const withPreset = { ...options, presetId: 'linear' };
    const presetQuery = buildQuery(linear.params, withPreset);
    expect(presetQuery.startsWith('preset=linear&embed=1')).toBe(true);
    expect(readUrlState(presetQuery).options).toEqual(withPreset);
    expect(readUrlState(presetQuery).params).toEqual(linear.params);
    expect(buildQuery(params, { ...defaultUiOptions, controls: [] })).toContain('controls=none');
  });

  it('keeps preset= only while the parameters are the preset\'s', () => {
    const preset = findPreset('hot-noise')!;
    const options = { ...defaultUiOptions, presetId: preset.id };
    expect(new URLSearchParams(buildQuery(preset.params, options)).get('preset')).toBe('hot-noise');
    const moved = new URLSearchParams(buildQuery({ ...preset.params, alpha: 3 }, options));
    expect(moved.get('preset')).toBeNull();
    expect(readUrlState(moved.toString()).options.presetId).toBeNull();
    expect(readUrlState(moved.toString()).params).toEqual({ ...preset.params, alpha: 3 });
  });

  it('writes parameter changes to the URL with replaceState after a quiet time, keeping foreign keys', () => {
    vi.useFakeTimers();
    window.history.replaceState(null, '', '/sub/path/?utm_source=blog&alpha=2');
    const historyLength = window.history.length;
    const app = createAppStore();
    const ui = createUiStore();
    const stop = startUrlSync(app, ui, { debounceMs: 200 });
    app.getState().setParams({ alpha: 3 });
    app.getState().setParams({ alpha: 4 });
    vi.advanceTimersByTime(100);
    expect(window.location.search).toBe('?utm_source=blog&alpha=2'); // debounced
    vi.advanceTimersByTime(150);
    const search = new URLSearchParams(window.location.search);
    expect(window.location.pathname).toBe('/sub/path/');
    expect(search.get('alpha')).toBe('4');
    expect(search.get('batch-fraction')).toBe(String(defaultParams.batchFraction));
    expect(search.get('seed')).toBe(String(defaultParams.seed));
    expect(search.get('utm_source')).toBe('blog');
    expect(window.history.length).toBe(historyLength); // replaced, not pushed

    ui.getState().setPresent(true);
    vi.advanceTimersByTime(250);
    expect(new URLSearchParams(window.location.search).get('present')).toBe('1');
    // A link read back gives the same state.
    expect(readUrlState(window.location.search).params).toEqual(app.getState().current.params);
    stop();
    app.getState().setParams({ alpha: 5 });
    vi.advanceTimersByTime(500);
    expect(new URLSearchParams(window.location.search).get('alpha')).toBe('4');
  });
});

describe('opening a URL', () => {
  it('replaces a URL that needed corrections by the corrected one, keeping foreign keys', () => {
    window.history.replaceState(null, '', '/?alpha=abc&utm=x');
    const app = createAppStore();
    const ui = createUiStore();
    const stop = connectUrl(app, ui);
    const search = new URLSearchParams(window.location.search);
    expect(search.get('alpha')).toBe(String(defaultParams.alpha));
    expect(search.get('utm')).toBe('x');
    expect(ui.getState().corrections.map((c) => c.name)).toEqual(['alpha']);
    stop();
  });

  it('leaves a clean URL as it is', () => {
    window.history.replaceState(null, '', '/?preset=linear');
    const app = createAppStore();
    const stop = connectUrl(app, createUiStore());
    expect(window.location.search).toBe('?preset=linear');
    expect(app.getState().current.params).toEqual(findPreset('linear')!.params);
    stop();
  });
});

describe('corrections notice', () => {
  it('lists each correction and renders markup from the URL as inert text', () => {
    const state = readUrlState(`?alpha=${encodeURIComponent('<script>window.__pwned = 1</script>')}&seeds=1e9&horizon=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    act(() => useUiStore.getState().setCorrections(state.corrections));
    const { container } = render(<CorrectionsNotice />);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    const region = screen.getByRole('region', { name: /could not be used/ });
    expect(region.textContent).toContain('<script>window.__pwned = 1</script>');
    expect(region.textContent).toContain('<img src=x onerror=alert(1)>');
    const items = within(region).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('data-correction'))).toEqual(['alpha', 'horizon', 'seeds']);
    expect(items[2].textContent).toBe("seeds: given “1e9”, using 64 (outside 1 … 64)");
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: /could not be used/ })).toBeNull();
  });
});

describe('embed mode', () => {
  it('shows the figure with only the chosen sliders and no header, explanation or advanced settings', () => {
    act(() => useUiStore.getState().configure({ embed: true, controls: ['batch'] }));
    const { container } = render(<App />);
    expect(screen.getAllByRole('slider').map((slider) => slider.id)).toEqual(['slider-batch-fraction']);
    expect(container.querySelector('h1:not(.visually-hidden)')).toBeNull();
    expect(container.querySelector('.explanation')).toBeNull();
    expect(container.querySelector('details.advanced')).toBeNull();
    expect(container.querySelector('.presets')).toBeNull();
    expect(screen.getByRole('status')).toBeTruthy();
    expect(screen.getAllByRole('img').length).toBeGreaterThan(0);
    expect(document.documentElement.getAttribute('data-embed')).toBe('true');
    const full = screen.getByRole('link', { name: /open full view/i });
    const fullQuery = new URL(full.getAttribute('href')!).searchParams;
    expect(fullQuery.get('embed')).toBeNull();
    expect(fullQuery.get('alpha')).toBe(String(defaultParams.alpha));
  });

  it('shows no sliders for controls=none, and any subset otherwise', () => {
    act(() => useUiStore.getState().configure({ embed: true, controls: [] }));
    const { unmount } = render(<App />);
    expect(screen.queryAllByRole('slider')).toEqual([]);
    unmount();
    act(() => useUiStore.getState().configure({ embed: true, controls: ['alpha', 'step'], plots: ['trainLoss'] }));
    const { container } = render(<App />);
    expect(screen.getAllByRole('slider').map((slider) => slider.id)).toEqual(['slider-alpha', 'slider-step']);
    expect([...container.querySelectorAll('figure.panel')].map((panel) => panel.getAttribute('data-panel'))).toEqual(['trainLoss']);
  });

  it('plots=foo shows every plot (the default) and says why, never an empty figure', () => {
    const state = readUrlState('?embed=1&plots=foo');
    expect(state.options.plots).toBeNull();
    expect(state.corrections).toEqual([{ name: 'plots', given: 'foo', used: '(left out; showing every plot)', reason: expect.stringMatching(/^not one of trainLoss/) }]);
    act(() => {
      useUiStore.getState().configure(state.options);
      useUiStore.getState().setCorrections(state.corrections);
    });
    const { container } = render(<App />);
    expect(container.querySelectorAll('figure.panel')).toHaveLength(5);
    expect(screen.getByRole('region', { name: /could not be used/ }).textContent).toContain('showing every plot');
  });

  it('a plot the model does not have (plots=error for the linear model) shows all of its plots and a note', () => {
    act(() => {
      useAppStore.getState().setParams({ model: 'linear' });
      useUiStore.getState().configure(readUrlState('?embed=1&model=linear&plots=error').options);
    });
    const { container } = render(<App />);
    expect([...container.querySelectorAll('figure.panel')].map((panel) => panel.getAttribute('data-panel'))).toEqual(['trainLoss', 'testLoss', 'overlap', 'norm']);
    expect(screen.getByRole('note').textContent).toBe('The chosen plots (error) are not drawn for the linear model; showing all of its plots.');
  });

  it('the full page has the header, tools, presets, advanced settings and the explanation with the paper reference', async () => {
    const { container } = render(<App />);
    expect(container.querySelector('h1')).not.toBeNull();
    expect(screen.getAllByRole('slider')).toHaveLength(3);
    expect(container.querySelector('details.advanced')).not.toBeNull();
    // The explanation's code loads after the first frame (a lazy chunk).
    expect(await screen.findByRole('heading', { name: 'What am I looking at?' })).toBeTruthy();
    expect(container.textContent).toContain('arXiv:2602.06320');
    for (const name of [/copy link/i, /presentation mode/i, /dark theme/i, /shortcuts/i]) expect(screen.getByRole('button', { name })).toBeTruthy();
    // Every parameter control carries its description as a tooltip.
    for (const slider of screen.getAllByRole('slider')) expect(slider.getAttribute('title')).toMatch(/^[a-z-]+: ./);
    for (const input of container.querySelectorAll('.advanced input[type="number"], .advanced select')) expect(input.getAttribute('title')).toMatch(/: /);
  });

  it('presentation mode hides the advanced settings and marks the page', () => {
    const { container } = render(<App />);
    fireEvent.click(screen.getByRole('button', { name: /presentation mode/i }));
    expect(useUiStore.getState().present).toBe(true);
    expect(container.querySelector('details.advanced')).toBeNull();
    expect(container.querySelector('.app.present')).not.toBeNull();
    expect(document.documentElement.getAttribute('data-present')).toBe('true');
  });

  it('the theme toggle sets data-theme on the root element', () => {
    render(<App />);
    const toggle = screen.getByRole('button', { name: /dark theme/i });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(toggle);
    expect(document.documentElement.getAttribute('data-theme')).toBe('light');
  });
});

describe('"What am I looking at?"', () => {
  it('follows what is drawn: the model, the hollow markers, the exact theory and a grid finer than h', async () => {
    await preloadFormulas(); // KaTeX loads apart from the first frame; loaded, every formula typesets at once
    const { unmount } = render(<Explanation />);
    const text = () => screen.getByRole('region', { name: 'What am I looking at?' }).textContent ?? '';
    // Every formula typesets (a TeX escape lost in a template string shows as a KaTeX error).
    const typesetErrors = () => document.querySelectorAll('.katex-error').length;
    expect(document.querySelectorAll('.explanation .katex').length).toBeGreaterThan(3);
    expect(typesetErrors()).toBe(0);
    expect(text()).toMatch(/Logistic regression is trained/);
    expect(text()).toMatch(/hollow circles \(the train error, the cosine\)/);
    expect(text()).not.toMatch(/Linear regression|exact theory of the linear model|finer than the step/);
    unmount();

    act(() => void useAppStore.getState().setParams({ model: 'linear', step: 0.2, dt: 0.02, horizon: 4 }));
    const { runId } = useAppStore.getState().current;
    act(() => {
      useAppStore.getState().receive(rowsMessage(runId, 'exact', 5));
      useAppStore.getState().flushResults();
    });
    const { unmount: unmount2 } = render(<Explanation />);
    expect(text()).toMatch(/Linear regression is trained/);
    expect(text()).toMatch(/Its labels carry noise/);
    expect(text()).toMatch(/exact theory of the linear model/);
    expect(text()).toMatch(/finer than the step/);
    expect(text()).toMatch(/hollow circles \(the cosine\)/);
    expect(typesetErrors()).toBe(0);
    unmount2();

    // Every model of the registry is named by its own label, with its own teacher parameters.
    act(() => void useAppStore.getState().setParams({ model: 'probit', dt: null, step: 0.1 }));
    render(<Explanation />);
    expect(text()).toMatch(/Probit regression is trained/);
    expect(text()).toMatch(/Its teacher has sharpness/);
    expect(typesetErrors()).toBe(0);
  });
});

describe('presets', () => {
  it('say what they cite in words or with the paper, never "theory.md", which readers do not have', () => {
    for (const preset of presets) expect(preset.caption, preset.id).not.toMatch(/theory\.md/);
    const { container } = render(<App />);
    expect(container.textContent).not.toMatch(/theory\.md/);
  });

  it('apply their parameters and show their caption, marked once the parameters change', () => {
    render(<PresetPicker />);
    const buttons = screen.getAllByRole('button');
    expect(buttons).toHaveLength(presets.length);
    const preset = presets[1];
    fireEvent.click(screen.getByRole('button', { name: preset.title }));
    expect(useAppStore.getState().current.params).toEqual(preset.params);
    expect(useUiStore.getState().presetId).toBe(preset.id);
    expect(screen.getByRole('button', { name: preset.title }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText(preset.caption, { exact: false })).toBeTruthy();
    act(() => void useAppStore.getState().setParams({ seed: 5 }));
    expect(screen.getByText(/changed since this preset was loaded/)).toBeTruthy();
  });
});

describe('keyboard shortcuts', () => {
  const key = (init: Partial<KeyboardEvent> & { key: string }, target: EventTarget = document.body) =>
    shortcutFor({ ctrlKey: false, altKey: false, metaKey: false, defaultPrevented: false, repeat: false, target, ...init });

  it('map space, r and ? to play/pause, restart and help', () => {
    expect(key({ key: ' ' })).toBe('toggle-play');
    expect(key({ key: 'r' })).toBe('restart');
    expect(key({ key: 'R' })).toBe('restart');
    expect(key({ key: '?' })).toBe('help');
    expect(key({ key: 'x' })).toBeNull();
  });

  it('are ignored with a modifier, while typing, and for space on a button', () => {
    const input = document.createElement('input');
    const slider = Object.assign(document.createElement('input'), { type: 'range' });
    const button = document.createElement('button');
    expect(key({ key: 'r', ctrlKey: true })).toBeNull();
    expect(key({ key: 'r', metaKey: true })).toBeNull();
    expect(key({ key: ' ', altKey: true })).toBeNull();
    expect(key({ key: 'r' }, input)).toBeNull();
    expect(key({ key: '?' }, input)).toBeNull();
    expect(key({ key: ' ' }, slider)).toBeNull();
    expect(key({ key: 'ArrowRight' }, slider)).toBeNull();
    expect(key({ key: ' ' }, button)).toBeNull();
    expect(key({ key: 'r' }, button)).toBe('restart');
  });

  it('act on the page: space pauses and plays, r restarts, ? opens the dialog and Esc closes it', () => {
    render(<App />);
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(useAppStore.getState().playing).toBe(false);
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(useAppStore.getState().playing).toBe(true);
    const runId = useAppStore.getState().current.runId;
    fireEvent.keyDown(document.body, { key: 'r' });
    expect(useAppStore.getState().current.runId).toBe(runId + 1);
    fireEvent.keyDown(document.body, { key: 'r', ctrlKey: true });
    expect(useAppStore.getState().current.runId).toBe(runId + 1);

    fireEvent.keyDown(document.body, { key: '?' });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.textContent).toMatch(/play \/ pause/);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    fireEvent.keyDown(document.activeElement!, { key: 'r' }); // the dialog is modal
    expect(useAppStore.getState().current.runId).toBe(runId + 1);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('leave arrow keys on a focused slider alone', () => {
    render(<App />);
    const slider = screen.getByRole('slider', { name: /sample ratio α/ });
    slider.focus();
    const event = new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true });
    slider.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
    slider.dispatchEvent(space);
    expect(space.defaultPrevented).toBe(false);
    expect(useAppStore.getState().playing).toBe(true);
  });
});

describe('data exports', () => {
  function finishedRun() {
    const results = new RunResults(3, { ...defaultParams, horizon: 1, seeds: 2 });
    results.receive(rowsMessage(3, 'theory', 11));
    results.receive(endMessage(3, 'theory'));
    for (const source of ['sgf', 'sgd'] as const) {
      results.receive(rowsMessage(3, source, 11, { seedIndex: 0 }));
      results.receive(rowsMessage(3, source, 11, { seedIndex: 1, offset: 0.02 }));
    }
    return results.snapshot();
  }

  it('write the theory in the CLI schema (CSV header, JSON keys)', () => {
    const snapshot = finishedRun();
    const csv = dataFile(snapshot, 'theory', 'csv')!;
    expect(csv.name).toMatch(/^sgf-dmft-theory-.*\.csv$/);
    expect(csv.text.split('\n')[0]).toBe(seriesNames.join(','));
    expect(csv.text.trim().split('\n')).toHaveLength(12);
    const json = JSON.parse(dataFile(snapshot, 'theory', 'json')!.text);
    expect(Object.keys(json)).toEqual(['params', ...seriesNames, 'diverged']);
    expect(json.params.alpha).toBe(defaultParams.alpha);
    expect(json.t).toHaveLength(11);
    // Grid times as written: 0.3, not 3·0.1 = 0.30000000000000004.
    const times = csv.text.trim().split('\n').slice(1).map((row) => row.split(',')[0]);
    expect(times).toEqual(['0', '0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '1']);
    expect(json.t[3]).toBe(0.3);
  });

  it('write simulations with their standard errors, and NaN as null / empty', () => {
    const snapshot = finishedRun();
    const json = JSON.parse(dataFile(snapshot, 'sgf', 'json')!.text);
    expect(Object.keys(json)).toContain('trainLossSe');
    expect(json.trainLossSe[0]).toBeGreaterThan(0);
    const series = { ...snapshot.series.sgd!, values: { ...snapshot.series.sgd!.values, trainError: new Float64Array(11).fill(Number.NaN) } };
    const report = reportFromSeries(series, snapshot.params);
    expect(report.table.trainError.every(Number.isNaN)).toBe(true);
    const withNaN = { ...snapshot, series: { ...snapshot.series, sgd: series } };
    const text = dataFile(withNaN, 'sgd', 'json')!.text;
    expect(text).not.toContain('NaN');
    expect(JSON.parse(text).trainError.every((value: unknown) => value === null)).toBe(true);
    const csvRows = dataFile(withNaN, 'sgd', 'csv')!.text.trim().split('\n');
    expect(csvRows[0].split(',')).toContain('cosineSe');
    expect(csvRows[1].split(',')[2]).toBe('');
    expect(dataFile(snapshot, 'exact', 'csv')).toBeNull();
  });
});
