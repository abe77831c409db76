/**
 * Pinned runs (zustand): up to `maxPins` runs kept drawn, faded, while the sliders move. A run pinned from the
 * page keeps the snapshot of its finished series; a pin read from a link is recomputed from its parameters
 * (results are deterministic functions of the parameters and seed) by the pin computer (pinComputer.ts), under
 * a negative run id that no current run has. Pins are never the current run: the plots draw them apart.
 */
import { create } from 'zustand';
import { describeDifferences, paramDifferences } from '../../core/paramDifference';
import type { Params } from '../../core/params';
import { createFrameScheduler, streamedResultsIntervalMs } from '../frameScheduler';
import type { JobSource, SourceKind, StreamMessage } from '../../pipeline/protocol';
import { RunResults, type RunSnapshot, type SeriesSnapshot } from '../runResults';

/** Pins at most: more faded curves than this make a plot unreadable. */
export const maxPins = 3;

/** What a pin draws: both theories and SGD's markers (the SGF's band and the overlays would crowd the plot). */
export const pinnedSources: readonly SourceKind[] = ['sgd', 'sgdTheory', 'theory'];
/** The jobs a pin needs (and a recomputed pin runs). */
export const pinnedJobs: readonly JobSource[] = ['theory', 'sgdTheory', 'sgd'];

export interface Pin {
  /** Unique for the page's life (React keys, unpin). */
  id: number;
  /** Its parameters (`snapshot.params`, the pin keeps no other copy) and results: the snapshot taken when pinned, or the recomputation so far. */
  snapshot: RunSnapshot;
  /** Read from a link: computed by the pin computer rather than kept from a run. */
  recomputed: boolean;
}

export interface PinState {
  pins: readonly Pin[];
  /** Pins the run of `snapshot` (which must have its pinned series done); returns why not, or null. */
  pin(snapshot: RunSnapshot): string | null;
  unpin(id: number): void;
  /** Replaces every pin by recomputed runs of `paramsList` (a link's pins; at most `maxPins` are kept). */
  load(paramsList: readonly Params[]): void;
  /** Takes one streamed message of a recomputed pin (others are ignored). */
  receive(message: StreamMessage): void;
  /** Records a failed job of a recomputed pin. */
  fail(runId: number, source: JobSource, message: string): void;
}

/** Whether a snapshot's pinned series are complete (done, or without a job). */
export function pinnedJobsDone(snapshot: RunSnapshot): boolean {
  return pinnedJobs.every((source) => snapshot.status[source].state === 'done');
}

/** Why the run of `snapshot` cannot be pinned now next to `pins`, or null. */
export function pinRefusal(snapshot: RunSnapshot, pins: readonly Pin[]): string | null {
  if (pins.length >= maxPins) return `at most ${maxPins} runs can be pinned; unpin one first`;
  if (pins.some((pin) => paramDifferences(pin.snapshot.params, snapshot.params).length === 0)) return 'this run is pinned already';
  if (!pinnedJobsDone(snapshot)) return 'wait until its theories and SGD have finished';
  return null;
}

export function createPinStore() {
  return create<PinState>()((set, get) => {
    let nextId = 1;
    // Recomputations in progress, by run id, outside the state; published at most once per streamedResultsIntervalMs.
    const computing = new Map<number, { pinId: number; results: RunResults }>();
    const frames = createFrameScheduler(() =>
      set({
        pins: get().pins.map((pin) => {
          const entry = computing.get(pin.snapshot.runId);
          return entry ? { ...pin, snapshot: entry.results.snapshot() } : pin;
        }),
      }),
      { minimumIntervalMs: streamedResultsIntervalMs },
    );
    const forget = (keep: readonly Pin[]): void => {
      for (const [runId, entry] of computing) if (!keep.some((pin) => pin.id === entry.pinId)) computing.delete(runId);
    };
    return {
      pins: [],
      pin(snapshot) {
        const refusal = pinRefusal(snapshot, get().pins);
        if (refusal) return refusal;
        set({ pins: [...get().pins, { id: nextId++, snapshot, recomputed: false }] });
        return null;
      },
      unpin(id) {
        const pins = get().pins.filter((pin) => pin.id !== id);
        forget(pins);
        set({ pins });
      },
      load(paramsList) {
        const pins = paramsList.slice(0, maxPins).map((params): Pin => {
          const id = nextId++;
          const results = new RunResults(-id, params); // negative: never a current run's id
          computing.set(-id, { pinId: id, results });
          return { id, snapshot: results.snapshot(), recomputed: true };
        });
        forget(pins);
        set({ pins });
      },
      receive(message) {
        const entry = computing.get(message.runId);
        if (!entry) return;
        entry.results.receive(message);
        frames.request();
      },
      fail(runId, source, message) {
        const entry = computing.get(runId);
        if (!entry) return;
        entry.results.fail(source, message);
        frames.request();
      },
    };
  });
}

export type PinStore = ReturnType<typeof createPinStore>;

/** The app's pins. */
export const usePinStore: PinStore = createPinStore();

/** The series a pin draws in a plot, bottom first: those it has of `pinnedSources`, but no theory the user hid. */
export function drawnSeriesOf(pin: Pin, hiddenTheories: readonly SourceKind[]): SeriesSnapshot[] {
  return pinnedSources.filter((source) => !hiddenTheories.includes(source)).flatMap((source) => pin.snapshot.series[source] ?? []);
}

/** The label of the pin numbered `number` (1-based): how its parameters differ from `current`'s. */
export function pinLabel(number: number, pin: Pin, current: Params): string {
  return `pin ${number}: ${describeDifferences(pin.snapshot.params, current, 'same parameters as now')}`;
}

/** Why a recomputed pin's drawn series stopped (its first failed job's message), or null. */
export function pinFailure(pin: Pin): string | null {
  return pinnedJobs.map((source) => pin.snapshot.status[source].error).find((error) => error !== null) ?? null;
}

/** A recomputed pin still computing its drawn series. */
export function pinComputing(pin: Pin): boolean {
  return pin.recomputed && !pinnedJobs.every((source) => ['done', 'failed'].includes(pin.snapshot.status[source].state));
}
