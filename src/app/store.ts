/**
 * The app state (zustand): play/pause and a frame-rate snapshot of the current run, which carries the
 * current parameters and run id (`current.params`, `current.runId`: the state keeps no other copy). Streamed
 * rows go into a mutable accumulator outside the state; the state is updated at most once per animation frame.
 */
import { create } from 'zustand';
import { defaultParams, ranges, validateParams, type Params, type Problem } from '../core/params';
import { createFrameScheduler, streamedResultsFullRateCount, streamedResultsIntervalMs } from './frameScheduler';
import type { JobSource, StreamMessage } from '../pipeline/protocol';
import { RunResults, type RunSnapshot } from './runResults';

export interface State {
  /** Whether runs are computed (paused: parameter changes wait for play). */
  playing: boolean;
  /** The current run, refreshed at frame rate: its parameters (the current ones, always valid), its id (results tagged with another are ignored) and its results. */
  current: RunSnapshot;
  /** Results of the run before, drawn as stale until the current run has its own series. */
  previous: RunSnapshot | null;
  /** Problems of the last refused parameter change (nothing ran; the current parameters kept), until a change is accepted. */
  refusal: Problem[] | null;

  /** Applies a parameter change if the result is valid (starting a new run); returns the problems otherwise. */
  setParams(patch: Partial<Params>): Problem[];
  /** Runs the current parameters again under a new run id. */
  restart(): void;
  /** Moves to the next master seed (new datasets and noise) and runs. */
  newSeed(): void;
  /** Play or pause; playing again after an interrupted run restarts it. */
  setPlaying(playing: boolean): void;
  /** Takes one streamed message; messages of other runs are ignored. */
  receive(message: StreamMessage): void;
  /** Records a failed job of run `runId` (ignored for other runs). */
  fail(runId: number, source: JobSource, message: string): void;
  /** Publishes pending streamed rows now instead of at the next frame. */
  flushResults(): void;
  /** Forgets the refusal notice (the refused change stays unapplied). */
  dismissRefusal(): void;
  /**
   * Recovery: the default parameters, playing, a fresh run id even when the parameters already are the defaults,
   * and nothing of the runs before kept (they may be what broke the figure); the run manager starts fresh workers.
   */
  reset(): void;
}

function hasSeries(snapshot: RunSnapshot): boolean {
  return Object.values(snapshot.series).some((series) => series !== null);
}

/** Creates an independent store (the app uses `useAppStore`; tests make their own). */
export function createAppStore(initialParams: Params = { ...defaultParams }) {
  return create<State>()((set, get) => {
    let results = new RunResults(1, initialParams);
    // A new run's first streamedResultsFullRateCount publications go at the next frame (startRun cancels), then at most every streamedResultsIntervalMs.
    const frames = createFrameScheduler(() => set({ current: results.snapshot() }), { minimumIntervalMs: streamedResultsIntervalMs, fullRateCount: streamedResultsFullRateCount });

    const startRun = (params: Params): void => {
      const { current, previous } = get();
      frames.cancel();
      results = new RunResults(current.runId + 1, params);
      set({
        previous: hasSeries(current) ? current : previous,
        current: results.snapshot(),
        refusal: null,
      });
    };

    // What a store starts with, and what reset() returns to (with the defaults and a new run id).
    const initialState = { playing: true, previous: null, refusal: null };

    return {
      ...initialState,
      current: results.snapshot(),

      setParams(patch) {
        const candidate = { ...get().current.params, ...patch };
        // The validator includes the resource limits: a run too large for a tab is refused here, before any worker sees it.
        const validation = validateParams(candidate);
        if (!validation.ok) {
          set({ refusal: validation.problems });
          return validation.problems;
        }
        const changed = (Object.keys(patch) as (keyof Params)[]).some((key) => !Object.is(get().current.params[key], validation.params[key]));
        if (changed) startRun(validation.params);
        else if (get().refusal) set({ refusal: null });
        return [];
      },
      restart() {
        startRun(get().current.params);
      },
      newSeed() {
        const seed = get().current.params.seed >= ranges.seed.max ? 0 : get().current.params.seed + 1;
        startRun({ ...get().current.params, seed });
      },
      setPlaying(playing) {
        if (playing === get().playing) return;
        set({ playing });
        if (playing && !results.finished) startRun(get().current.params);
      },
      receive(message) {
        if (message.runId !== get().current.runId) return;
        results.receive(message);
        frames.request();
      },
      fail(runId, source, message) {
        if (runId !== get().current.runId) return;
        results.fail(source, message);
        frames.request();
      },
      flushResults() {
        frames.flush();
      },
      dismissRefusal() {
        set({ refusal: null });
      },
      reset() {
        startRun({ ...defaultParams });
        set(initialState);
      },
    };
  });
}

export type AppStore = ReturnType<typeof createAppStore>;

/** The app's store. */
export const useAppStore: AppStore = createAppStore();
