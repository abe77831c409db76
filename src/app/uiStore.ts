/**
 * Presentation state of the page (zustand), separate from the run state in store.ts: embed mode,
 * which sliders and plots show, presentation mode, theme, the chosen preset, the URL corrections
 * notice and the shortcuts dialog. Everything here except the notice and the dialog lives in the URL.
 */
import { create } from 'zustand';
import type { Correction } from '../core/urlCodec';
import type { TheorySource } from '../pipeline/protocol';

export type ThemeChoice = 'auto' | 'light' | 'dark';
export const themeChoices: readonly ThemeChoice[] = ['auto', 'light', 'dark'];

/** The three prominent sliders, by their `controls=` name. */
export type SliderId = 'alpha' | 'batch' | 'step';
export const sliderIds: readonly SliderId[] = ['alpha', 'batch', 'step'];

/** Options a URL can set (beside the parameters). */
export interface UiOptions {
  /** Minimal chrome for an iframe: no header, explanations or advanced settings; plots fill the frame. */
  embed: boolean;
  /** Sliders shown, in this order (`controls=`). */
  controls: readonly SliderId[];
  /** Plot ids shown (`plots=`); null shows every plot of the model. */
  plots: readonly string[] | null;
  /** Presentation mode: large type, thick lines, advanced controls hidden. */
  present: boolean;
  /** Colour theme; auto follows prefers-color-scheme. */
  theme: ThemeChoice;
  /** Preset chosen last (its caption is shown); null when none. */
  presetId: string | null;
  /** Theories the user hid from the plots (`hide=`). */
  hiddenTheories: readonly TheorySource[];
  /** Draw the one-pass overlay: SGD on fresh samples at the same batch size (`online=1`). */
  showOnline: boolean;
  /** Draw the theories' Monte-Carlo bands (`bands=0` hides them). */
  showBands: boolean;
}

export const defaultUiOptions: Readonly<UiOptions> = Object.freeze({
  embed: false,
  controls: sliderIds,
  plots: null,
  present: false,
  theme: 'auto',
  presetId: null,
  hiddenTheories: [],
  showOnline: false,
  showBands: true,
});

export interface UiState extends UiOptions {
  /** Values of the opening URL that were replaced, shown once in a dismissible notice. */
  corrections: readonly Correction[];
  /** The keyboard shortcuts dialog is open. */
  shortcutsOpen: boolean;

  /** Sets several options at once (from a URL). */
  configure(options: Partial<UiOptions>): void;
  setPresent(present: boolean): void;
  setTheme(theme: ThemeChoice): void;
  selectPreset(presetId: string | null): void;
  setCorrections(corrections: readonly Correction[]): void;
  dismissCorrections(): void;
  setShortcutsOpen(open: boolean): void;
  /** Shows a hidden theory, or hides a shown one. */
  toggleTheory(source: TheorySource): void;
  setShowOnline(show: boolean): void;
  setShowBands(show: boolean): void;
}

/** Creates an independent UI store (the app uses `useUiStore`; tests make their own or reset this one). */
export function createUiStore(initial: Partial<UiOptions> = {}) {
  return create<UiState>()((set) => ({
    ...defaultUiOptions,
    ...initial,
    corrections: [],
    shortcutsOpen: false,
    configure: (options) => set(options),
    setPresent: (present) => set({ present }),
    setTheme: (theme) => set({ theme }),
    selectPreset: (presetId) => set({ presetId }),
    setCorrections: (corrections) => set({ corrections }),
    dismissCorrections: () => set({ corrections: [] }),
    setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
    setShowOnline: (showOnline) => set({ showOnline }),
    setShowBands: (showBands) => set({ showBands }),
    toggleTheory: (source) =>
      set((state) => ({
        hiddenTheories: state.hiddenTheories.includes(source) ? state.hiddenTheories.filter((hidden) => hidden !== source) : [...state.hiddenTheories, source],
      })),
  }));
}

export type UiStore = ReturnType<typeof createUiStore>;

/** The app's UI store. */
export const useUiStore: UiStore = createUiStore();
