/**
 * The sweep settings in the page's URL (sweepSettings.ts's `sweep-*` keys), beside what urlState.ts writes:
 * read once at start (their corrections join the page's notice), then rewritten after the settings stop
 * changing. Both writers keep the keys they do not own, so neither drops the other's.
 */
import type { UiStore } from '../uiStore';
import { readSweepSettings, writeSweepSettings } from './sweepSettings';
import type { SweepStore } from './sweepStore';

export function connectSweepUrl(sweepStore: SweepStore, uiStore: UiStore, debounceMs = 300): () => void {
  const { settings, corrections } = readSweepSettings(new URLSearchParams(window.location.search));
  sweepStore.getState().setSettings(settings);
  if (corrections.length > 0) uiStore.getState().setCorrections([...uiStore.getState().corrections, ...corrections]);
  let pending: ReturnType<typeof setTimeout> | null = null;
  const write = (): void => {
    pending = null;
    const search = new URLSearchParams(window.location.search);
    writeSweepSettings(sweepStore.getState().settings, search);
    const query = search.toString();
    if (`?${query}` !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}?${query}${window.location.hash}`);
  };
  if (corrections.length > 0) write();
  const stop = sweepStore.subscribe((state, previous) => {
    if (state.settings === previous.settings) return;
    if (pending !== null) clearTimeout(pending);
    pending = setTimeout(write, debounceMs);
  });
  return () => {
    stop();
    if (pending !== null) clearTimeout(pending);
  };
}
