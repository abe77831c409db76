/**
 * The whole figure lives in the URL query (TensorFlow Playground style), so a link reproduces it:
 *
 * - every parameter under its CLI flag name (`alpha`, `batch-fraction`, `step`, …, `seed`), decoded
 *   and corrected by src/core/urlCodec.ts;
 * - `preset=<id>` loads a preset (src/core/presets.ts); explicit parameter keys override it;
 * - `embed=1` minimal chrome for an iframe; `controls=alpha,batch,step` (any subset, `none` or empty
 *   for no sliders); `plots=trainLoss,testLoss,error,overlap,norm,correlation,response,distribution,sweep,committee` (any subset; the two-time, distribution and sweep views only when named; the sweep's settings: src/app/sweep/sweepSettings.ts);
 * - `present=1` presentation mode; `theme=light|dark` (absent: follow the system);
 * - `hide=sgf-theory,sgd-theory` theories hidden from the plots (any subset); `online=1` the one-pass overlay
 *   (a preset may turn it on; an explicit `online=` overrides it);
 * - `bands=0` hides the theories' Monte-Carlo bands (shown by default);
 * - `pin=name:value,…` once per pinned run (at most three), the parameters it differs in (src/app/pins/pinQuery.ts).
 *
 * Reading never throws: a bad value is replaced and reported as a Correction. Writing keeps keys it
 * does not know (e.g. a blog's tracking keys) and is debounced, through history.replaceState.
 */
import { defaultParams, type Params } from '../core/params';
import { flagRows, paramRows } from '../core/paramTable';
import { shortenText } from '../core/paramText';
import { findPreset, presets } from '../core/presets';
import { decodeParamsQuery, encodeParamsQuery, type Correction } from '../core/urlCodec';
import { encodePin, pinKey, readPins } from './pins/pinQuery';
import type { PinStore } from './pins/pinStore';
import { committeePanelId, panels } from './plots/panels';
import { twoTimePanels } from './plots/twoTimePanels';
import { distributionPanels } from './plots/distributionPanel';
import type { TheorySource } from '../pipeline/protocol';
import type { AppStore } from './store';
import { sweepPanelId } from './sweep/sweepSettings';
import { defaultUiOptions, sliderIds, themeChoices, type SliderId, type ThemeChoice, type UiOptions, type UiStore } from './uiStore';

/** Query keys of the UI options (parameter keys are the flags of paramTable.ts). */
export const uiKeys = ['preset', 'embed', 'controls', 'plots', 'present', 'theme', 'hide', 'online', 'bands', pinKey] as const;

/** Names of the theories in `hide=`. */
const theoryNames: Record<string, TheorySource> = { 'sgf-theory': 'theory', 'sgd-theory': 'sgdTheory' };
const theoryNameOf = (source: TheorySource): string => Object.keys(theoryNames).find((name) => theoryNames[name] === source)!;

/** Names accepted in `controls=` for each slider: its id, its parameter's flag and symbol (`batch`, `batch-fraction`, `b`). */
const sliderAliases: Record<string, SliderId> = Object.fromEntries(
  paramRows.flatMap(({ ui, flag, symbol }) => (ui.place === 'slider' ? [ui.id, flag ?? ui.id, symbol].map((name) => [name, ui.id as SliderId]) : [])),
);

export interface UrlState {
  params: Params;
  options: UiOptions;
  /** Parameters of the pinned runs (`pin=`), to be recomputed. */
  pins: Params[];
  corrections: Correction[];
}

function readFlag(search: URLSearchParams, name: string, corrections: Correction[], fallback = false): boolean {
  const value = search.get(name);
  if (value === null) return false;
  const text = value.trim().toLowerCase();
  if (['', '1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  corrections.push({ name, given: shortenText(value), used: fallback ? '1' : '0', reason: 'not 1 or 0' });
  return fallback;
}

/** A comma-separated list of known names; unknown entries are reported and dropped. */
function readList<Id extends string>(search: URLSearchParams, name: string, lookup: (entry: string) => Id | undefined, known: string, corrections: Correction[]): Id[] | null {
  const value = search.get(name);
  if (value === null) return null;
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && entry.toLowerCase() !== 'none');
  const chosen: Id[] = [];
  for (const entry of entries) {
    const id = lookup(entry);
    if (id === undefined) corrections.push({ name, given: shortenText(entry), used: '(left out)', reason: `not one of ${known}` });
    else if (!chosen.includes(id)) chosen.push(id);
  }
  return chosen;
}

const panelIds = [...[...panels, ...twoTimePanels, ...distributionPanels].map((panel) => panel.id), committeePanelId, sweepPanelId];

/** Parameters and UI options of a query string (with or without '?'), with every correction made. */
export function readUrlState(query: string): UrlState {
  const search = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const corrections: Correction[] = [];

  // A preset supplies every parameter the query does not give explicitly.
  let presetId: string | null = null;
  let presetShowsOnline = false;
  let merged = search;
  const presetText = search.get('preset');
  if (presetText !== null && presetText.trim() !== '') {
    const preset = findPreset(presetText.trim());
    if (preset) {
      presetId = preset.id;
      presetShowsOnline = preset.overlays.includes('online');
      merged = new URLSearchParams(encodeParamsQuery(preset.params));
      for (const { flag: name } of flagRows) {
        const given = search.getAll(name);
        if (given.length === 0) continue;
        merged.delete(name);
        for (const value of given) merged.append(name, value);
      }
    } else {
      corrections.push({ name: 'preset', given: shortenText(presetText), used: 'none', reason: `not one of ${presets.map((p) => p.id).join(', ')}` });
    }
  }
  const decoded = decodeParamsQuery(merged);
  corrections.push(...decoded.corrections);

  const embed = readFlag(search, 'embed', corrections);
  const present = readFlag(search, 'present', corrections);
  const controls = readList(search, 'controls', (entry) => sliderAliases[entry.toLowerCase()], sliderIds.join(', '), corrections) ?? [...sliderIds];
  const listed = readList(search, 'plots', (entry) => panelIds.find((id) => id.toLowerCase() === entry.toLowerCase()), panelIds.join(', '), corrections);
  // No known plot at all (`plots=foo`, `plots=`) means the default, every plot, never an empty figure.
  const plots = listed !== null && listed.length === 0 ? null : listed;
  if (listed !== null && listed.length === 0) {
    for (const correction of corrections) if (correction.name === 'plots') correction.used = '(left out; showing every plot)';
  }
  let theme: ThemeChoice = 'auto';
  const themeText = search.get('theme');
  if (themeText !== null) {
    const wanted = themeText.trim().toLowerCase();
    if ((themeChoices as readonly string[]).includes(wanted)) theme = wanted as ThemeChoice;
    else corrections.push({ name: 'theme', given: shortenText(themeText), used: 'auto', reason: `not one of ${themeChoices.join(', ')}` });
  }
  const hiddenTheories = readList(search, 'hide', (entry) => theoryNames[entry.toLowerCase()], Object.keys(theoryNames).join(', '), corrections) ?? [];
  const showOnline = search.has('online') ? readFlag(search, 'online', corrections) : presetShowsOnline;
  const showBands = search.has('bands') ? readFlag(search, 'bands', corrections, true) : true;
  const pinned = readPins(search, decoded.params);
  corrections.push(...pinned.corrections);
  return {
    params: decoded.params,
    options: { embed, controls, plots, present, theme, presetId, hiddenTheories, showOnline, showBands },
    pins: pinned.pins,
    corrections: mergeCorrections(corrections),
  };
}

/**
 * One correction per key: the value given first, the value finally used, and each distinct reason once
 * (the resource limits halve a size step by step, which would otherwise list every step).
 */
export function mergeCorrections(corrections: readonly Correction[]): Correction[] {
  const merged = new Map<string, Correction>();
  for (const correction of corrections) {
    const earlier = merged.get(correction.name);
    if (!earlier) merged.set(correction.name, { ...correction });
    else {
      earlier.used = correction.used;
      if (!earlier.reason.split('; ').includes(correction.reason)) earlier.reason = `${earlier.reason}; ${correction.reason}`;
    }
  }
  return [...merged.values()];
}

/**
 * The query (without '?') for `params` and `options`: UI keys first (only those that differ from
 * the defaults; `preset` only while the parameters are the preset's), then every parameter, then the pins
 * (`pinned`'s parameters), then the keys of `keep` that are neither.
 */
export function buildQuery(params: Params, options: UiOptions, keep?: URLSearchParams, pinned: readonly Params[] = []): string {
  const search = new URLSearchParams();
  // The preset only while the parameters are its own: a link after the sliders moved must not open with its caption.
  const preset = options.presetId ? findPreset(options.presetId) : undefined;
  if (preset && sameParams(params, preset.params)) search.set('preset', preset.id);
  if (options.embed) search.set('embed', '1');
  if (options.controls.join(',') !== defaultUiOptions.controls.join(',')) search.set('controls', options.controls.length > 0 ? options.controls.join(',') : 'none');
  if (options.plots) search.set('plots', options.plots.join(','));
  if (options.present) search.set('present', '1');
  if (options.theme !== 'auto') search.set('theme', options.theme);
  if (options.hiddenTheories.length > 0) search.set('hide', options.hiddenTheories.map(theoryNameOf).join(','));
  const presetShowsOnline = options.presetId ? (findPreset(options.presetId)?.overlays.includes('online') ?? false) : false;
  if (options.showOnline !== presetShowsOnline) search.set('online', options.showOnline ? '1' : '0');
  if (!options.showBands) search.set('bands', '0');
  for (const [name, value] of new URLSearchParams(encodeParamsQuery(params))) search.set(name, value);
  for (const pin of pinned) search.append(pinKey, encodePin(pin, params));
  if (keep) {
    const known = new Set<string>([...uiKeys, ...flagRows.map((row) => row.flag)]);
    for (const [name, value] of keep) if (!known.has(name)) search.append(name, value);
  }
  return search.toString();
}

/** The UI options of a UI state (drops its actions and transient fields). */
export function optionsOf(state: UiOptions): UiOptions {
  const { embed, controls, plots, present, theme, presetId, hiddenTheories, showOnline, showBands } = state;
  return { embed, controls, plots, present, theme, presetId, hiddenTheories, showOnline, showBands };
}

/** An absolute link to this page showing `params` with `options` and the pinned runs of `pinned`. */
export function shareUrl(
  params: Params,
  options: UiOptions,
  location: Pick<Location, 'origin' | 'pathname' | 'search'> = window.location,
  pinned: readonly Params[] = [],
): string {
  return `${location.origin}${location.pathname}?${buildQuery(params, options, new URLSearchParams(location.search), pinned)}`;
}

/** Parameters of the pins of a pin store (none without one). */
export function pinnedParams(pinStore?: PinStore): Params[] {
  return pinStore ? pinStore.getState().pins.map((pin) => pin.snapshot.params) : [];
}

/** Applies the state of `query` to the stores: parameters (a new run), UI options, pins (recomputed) and the corrections notice. */
export function applyUrlState(query: string, appStore: AppStore, uiStore: UiStore, pinStore?: PinStore): UrlState {
  const state = readUrlState(query);
  appStore.getState().setParams(state.params);
  uiStore.getState().configure(state.options);
  if (pinStore && (state.pins.length > 0 || pinStore.getState().pins.length > 0)) pinStore.getState().load(state.pins);
  uiStore.getState().setCorrections(state.corrections);
  return state;
}

export interface UrlSyncOptions {
  /** Quiet time after the last change before the URL is rewritten. */
  debounceMs?: number;
  /** Where to write (defaults to the page's history and location; tests pass their own). */
  history?: Pick<History, 'replaceState' | 'state'>;
  location?: Pick<Location, 'pathname' | 'search' | 'hash'>;
  /** Pins written as `pin=` entries (none without). */
  pinStore?: PinStore;
}

/**
 * Keeps the URL in step with the stores: after parameters or URL-backed options change (and stop
 * changing for `debounceMs`), replaces the current history entry with the new query. Returns a
 * function that stops following (and drops a pending write).
 */
export function startUrlSync(appStore: AppStore, uiStore: UiStore, syncOptions: UrlSyncOptions = {}): () => void {
  const debounceMs = syncOptions.debounceMs ?? 300;
  const history = syncOptions.history ?? window.history;
  const location = syncOptions.location ?? window.location;
  let pending: ReturnType<typeof setTimeout> | null = null;

  const write = (): void => {
    pending = null;
    const query = buildQuery(appStore.getState().current.params, optionsOf(uiStore.getState()), new URLSearchParams(location.search), pinnedParams(syncOptions.pinStore));
    if (`?${query}` === location.search) return;
    history.replaceState(history.state, '', `${location.pathname}?${query}${location.hash}`);
  };
  const schedule = (): void => {
    if (pending !== null) clearTimeout(pending);
    pending = setTimeout(write, debounceMs);
  };
  const stopApp = appStore.subscribe((state, previous) => {
    if (state.current.params !== previous.current.params) schedule();
  });
  const stopUi = uiStore.subscribe((state, previous) => {
    const now = optionsOf(state);
    const before = optionsOf(previous);
    if ((Object.keys(now) as (keyof UiOptions)[]).some((key) => now[key] !== before[key])) schedule();
  });
  const stopPins = syncOptions.pinStore?.subscribe((state, previous) => {
    if (state.pins.length !== previous.pins.length || state.pins.some((pin, index) => pin.snapshot.params !== previous.pins[index].snapshot.params)) schedule();
  });
  return () => {
    stopApp();
    stopUi();
    stopPins?.();
    if (pending !== null) clearTimeout(pending);
  };
}

/**
 * Reads the page's URL into the stores and keeps the URL following them (called once, before the
 * first run). A URL that needed corrections is replaced at once by the corrected one, so the address
 * bar never shows values the figure does not use.
 */
export function connectUrl(appStore: AppStore, uiStore: UiStore, pinStore?: PinStore): () => void {
  const { corrections } = applyUrlState(window.location.search, appStore, uiStore, pinStore);
  if (corrections.length > 0) {
    const query = buildQuery(appStore.getState().current.params, optionsOf(uiStore.getState()), new URLSearchParams(window.location.search), pinnedParams(pinStore));
    window.history.replaceState(window.history.state, '', `${window.location.pathname}?${query}${window.location.hash}`);
  }
  return startUrlSync(appStore, uiStore, { pinStore });
}

/** Whether `params` are exactly a preset's parameters. */
export function sameParams(a: Params, b: Params): boolean {
  return (Object.keys(defaultParams) as (keyof Params)[]).every((key) => Object.is(a[key], b[key]));
}
