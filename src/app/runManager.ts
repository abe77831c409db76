/**
 * Turns store changes into worker jobs. On a new run id it stops the running jobs (each worker is asked
 * to end its call and kept, with its optimized code, if it does so within `stopGraceMs`; otherwise it is
 * terminated), waits until the parameters stop moving (debounce), then starts the DMFT workers and feeds a
 * small pool of simulation workers with every (algorithm, seed) job. The theory takes the cores first: its
 * DMFTs run on `theoryThreads` threads (theoryAssignments: on two or more, the SGF's and SGD's at once, each in
 * a DMFT worker with its block workers), the simulations start on the cores they leave, and each DMFT worker's
 * cores join the pool once its DMFTs have ended; once the theories and every seed are done, the DMFT workers
 * compute the one-pass overlay if the page does not show it (onlineOverlayShown), then the theories' Monte-Carlo
 * bands (core/dmft/replicas.ts), so they delay neither. Results flow back only through `store.receive`,
 * tagged with the run id that asked for them. Simulation workers run at once only as many as
 * `simulationMemoryBudget` allows (each holds a dataset of n×d entries, counted at 8 bytes each:
 * core/resources.ts), so the largest allowed run stays within a tab's memory. A stopped or terminated
 * worker does not free its memory at once (garbage collection; Chromium lets a busy worker's script run
 * on for up to 2 s after terminate), so its memory is counted until `zombieLifetimeMs` has passed, and a
 * launch that would take the total past `workerMemoryBudget` waits for it: rapid changes of a large run
 * cannot pile up datasets. A failed job reports an error for its own series; the other series go on; the
 * next run uses fresh workers.
 */
import * as Comlink from 'comlink';
import type { Params } from '../core/params';
import { estimateResources, type ResourceEstimate } from '../core/resources';
import type { DmftWorkerApi } from '../../workers/dmft.worker';
import type { SimWorkerApi } from '../../workers/sim.worker';
import { packedRowCount, simulatedAlgorithms, solvedTheories, theorySources, type JobSource, type SimulatedAlgorithm, type StreamListener, type TheorySource } from '../pipeline/protocol';
import type { AppStore, State } from './store';
import { CancelledError, WorkerBridge } from '../pipeline/workerBridge';

export interface RunManagerOptions {
  /** Creates a DMFT worker (with the given unique name: see WorkerBridge). */
  createDmftWorker: (name: string) => Worker;
  /** Creates a simulation worker (with the given unique name: see WorkerBridge). */
  createSimWorker: (name: string) => Worker;
  /** Simulation workers running beside a one-thread theory (one more joins once the theory's DMFTs have ended). */
  simPoolSize: number;
  /** Threads of the theories' DMFTs (theoryThreadsFor; default 1; shared by theoryAssignments); that many fewer simulation workers start beside them. */
  theoryThreads?: number;
  /**
   * Whether the page shows the one-pass overlay (default: yes). While it does not, a run solves the overlay after its
   * simulations, before the bands: its ~0.07–0.1 s of CPU no longer competes with them. Measured, 12 slider presses a
   * build, alternating: the CPU of all threads from press to complete run 3.60 → 3.38 s (medians), the complete run
   * itself 1.84 → 1.85 s and 1.87 → 1.80 s, within its noise.
   */
  onlineOverlayShown?: () => boolean;
  /** Quiet time after a change before a run starts, unless nothing changed for that long before it. */
  debounceMs: number;
  /** How long a worker stopped or terminated while busy is assumed to hold its memory (default `zombieLifetimeMs`). */
  zombieLifetimeMs?: number;
  /** How long a stopped worker may take to end its call before it is terminated (default `stopGraceMs`). */
  stopGraceMs?: number;
}

/** Memory one run's workers plus the workers of cancelled runs still dying may hold: 1.5 GiB. */
export const workerMemoryBudget = 1.5 * 1024 ** 3;

/** Chromium terminates a busy worker's script forcibly only 2 s after terminate(); a margin on top. */
export const zombieLifetimeMs = 2500;

/**
 * A worker asked to stop ends its call at its solver's next step, within one ~10 ms slice (src/core/slices.ts)
 * unless a single step is long (a large dataset being drawn): past this it is terminated instead.
 */
export const stopGraceMs = 60;

/**
 * Jobs holding more than this are cancelled by terminating their worker, not by a stop request: a stopped
 * worker frees its memory only when it next collects garbage, and two large jobs must not overlap in one tab.
 */
export const reusableWorkerBytes = 128 * 1024 ** 2;

interface SimulationJob {
  algorithm: SimulatedAlgorithm;
  seedIndex: number;
}

/** Simulation workers for a machine with `cores` logical cores: one core is left to the theory. */
export function simPoolSizeFor(cores: number | undefined): number {
  return Math.max(1, Math.min(8, (cores ?? 2) - 1));
}

/** Threads of the theories' DMFTs for a machine with `cores` logical cores: all of them, up to 4 (more gain little at the default N). */
export function theoryThreadsFor(cores: number | undefined): number {
  return Math.max(1, Math.min(4, cores ?? 1));
}

/**
 * Which DMFT worker solves which theories on how many of the theory's `threads`: on two threads or more, the two
 * theories at once, each in its own worker on half of them (the SGF's gets the odd one), since a DMFT split over
 * two threads gains less than two DMFTs side by side (2 cores: the default solve 1.14–1.3× faster on two threads;
 * two solves at once each ~1.1× slower than alone); else one worker solves them one after the other.
 */
export function theoryAssignments(theories: readonly TheorySource[], threads: number): { sources: TheorySource[]; threads: number }[] {
  if (theories.length < 2 || threads < 2) return [{ sources: [...theories], threads }];
  const first = Math.ceil(threads / 2);
  return [
    { sources: [theories[0]], threads: first },
    { sources: theories.slice(1), threads: threads - first },
  ];
}

/** Rows of a theory that draw its first points (a line needs two). */
const firstPointRows = 2;

/** Memory the simulation workers of one run may hold at once: 1 GiB (the theory's own limit is in src/core/resources.ts). */
export const simulationMemoryBudget = 1024 ** 3;

/** Simulation workers that may run at once for `params` within `simulationMemoryBudget` (at least one). */
export function simulationConcurrencyFor(params: Params): number {
  const bytes = estimateResources(params).simulationBytes;
  return Math.max(1, Math.floor(simulationMemoryBudget / Math.max(1, bytes)));
}

/** Jobs of one run, SGF and SGD interleaved so both curves appear early. */
export function simulationJobs(params: Pick<Params, 'seeds'>): SimulationJob[] {
  const jobs: SimulationJob[] = [];
  for (let seedIndex = 0; seedIndex < params.seeds; seedIndex++) {
    for (const algorithm of simulatedAlgorithms) jobs.push({ algorithm, seedIndex });
  }
  return jobs;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class RunManager {
  /** The DMFT workers: the first solves what theoryAssignments gives it, the second (on two cores or more) the SGD theory beside it. */
  private readonly theoryBridges: WorkerBridge<DmftWorkerApi>[];
  private readonly simBridges: WorkerBridge<SimWorkerApi>[];
  private queue: SimulationJob[] = [];
  /** Cancellation token: the launched run's id while its jobs may still start, null once cancelled (the run's id itself is the store's `current.runId`). */
  private activeRunId: number | null = null;
  private pendingLaunch: ReturnType<typeof setTimeout> | null = null;
  private lastChangeAt = -Infinity;
  private unsubscribe: (() => void) | null = null;
  /** What the launched (or last) run's workers hold (its parameters are the store's; this is derived at launch). */
  private launchedEstimate: ResourceEstimate | null = null;
  /** Memory of workers terminated while busy, until they are surely gone. */
  private zombies: { bytes: number; until: number }[] = [];

  constructor(
    private readonly store: AppStore,
    private readonly options: RunManagerOptions,
  ) {
    this.theoryBridges = theoryAssignments(theorySources, options.theoryThreads ?? 1).map(
      () => new WorkerBridge<DmftWorkerApi>(options.createDmftWorker, 'dmft', (remote) => remote.stop()),
    );
    this.simBridges = Array.from(
      { length: options.simPoolSize + 1 },
      () => new WorkerBridge<SimWorkerApi>(options.createSimWorker, 'simulation', (remote) => remote.stop()),
    );
  }

  /** Starts the workers, runs the current parameters if playing, and follows the store. */
  start(): void {
    this.allBridges().forEach((bridge) => bridge.warm());
    this.unsubscribe = this.store.subscribe((state, previous) => this.onChange(state, previous));
    if (this.store.getState().playing) this.launch();
  }

  /** Stops following the store and kills every worker. */
  dispose(): void {
    this.unsubscribe?.();
    this.cancel();
    this.allBridges().forEach((bridge) => bridge.terminate());
  }

  private allBridges(): WorkerBridge<unknown>[] {
    return [...this.theoryBridges, ...this.simBridges] as WorkerBridge<unknown>[];
  }

  private onChange(state: State, previous: State): void {
    if (state.current.runId === previous.current.runId && state.playing === previous.playing) return;
    this.cancel();
    if (!state.playing) return;
    const now = performance.now();
    const quiet = now - this.lastChangeAt >= this.options.debounceMs;
    this.lastChangeAt = now;
    // A single change (a click, a key press) starts at once; a drag starts once it pauses.
    if (quiet) this.launch();
    else this.pendingLaunch = setTimeout(() => this.launch(), this.options.debounceMs);
  }

  private cancel(): void {
    if (this.pendingLaunch !== null) clearTimeout(this.pendingLaunch);
    this.pendingLaunch = null;
    this.activeRunId = null;
    this.queue = [];
    const estimate = this.launchedEstimate;
    for (const bridge of this.allBridges()) {
      if (!bridge.busy) continue;
      const bytes = estimate ? (this.isTheoryBridge(bridge) ? estimate.theoryBytes : estimate.simulationBytes) : 0;
      if (estimate) this.zombies.push({ bytes, until: performance.now() + (this.options.zombieLifetimeMs ?? zombieLifetimeMs) });
      if (bytes > reusableWorkerBytes) {
        // A large job's memory is surely freed only with its worker: terminate it, and load a fresh one meanwhile.
        bridge.terminate();
        bridge.warm();
      } else {
        // Kept if it ends the call promptly (its code stays optimized for the next run), else terminated.
        bridge.stop(this.options.stopGraceMs ?? stopGraceMs);
      }
    }
  }

  /** Milliseconds until enough dying workers are gone for a run needing `bytes` to fit the budget (0: now). */
  private waitForMemory(bytes: number): number {
    const now = performance.now();
    this.zombies = this.zombies.filter((zombie) => zombie.until > now).sort((a, b) => a.until - b.until);
    let held = this.zombies.reduce((sum, zombie) => sum + zombie.bytes, 0);
    for (const zombie of this.zombies) {
      if (held + bytes <= workerMemoryBudget) break;
      held -= zombie.bytes;
      if (held + bytes <= workerMemoryBudget || held === 0) return Math.ceil(zombie.until - now);
    }
    return 0;
  }

  private launch(): void {
    this.pendingLaunch = null;
    const { runId, params } = this.store.getState().current;
    const estimate = estimateResources(params);
    const wait = this.waitForMemory(estimate.theoryBytes + simulationConcurrencyFor(params) * estimate.simulationBytes);
    if (wait > 0) {
      this.pendingLaunch = setTimeout(() => this.launch(), wait);
      return;
    }
    this.activeRunId = runId;
    this.launchedEstimate = estimate;
    const listener = (): StreamListener => Comlink.proxy((message) => this.store.getState().receive(message));

    this.queue = simulationJobs(params);
    const threads = this.options.theoryThreads ?? 1;
    const onlineNow = this.options.onlineOverlayShown?.() ?? true;
    const pool = this.simBridges.slice(0, simulationConcurrencyFor(params));
    const drains: Promise<void>[] = [];
    let draining = 0;
    const startDrains = (count: number): void => {
      if (this.activeRunId !== runId) return;
      for (const bridge of pool.slice(draining, draining + count)) drains.push(this.drain(bridge, runId, params, listener));
      draining = Math.min(pool.length, draining + count);
    };
    // A DMFT worker's cores go to the simulations once its last DMFT has ended (not its solve: the one-pass overlay
    // comes after): on two cores or more, never more busy workers than cores. Workers have no priorities, and with
    // more of them the page's thread got ~1/3 of a core: its 10–15 ms renders took 30–70 ms. Against joining at
    // the theory's first rows, 2 cores, 6 default runs × 3: long tasks 0 against 0–5 quiet, 5–10 against 39–47
    // beside a CPU-bound process; the first points 75–94 against 104–124 ms quiet, 118–146 against 167–190 loaded.
    // The SGD theory's worker starts once the SGF theory has drawn its first points (or ended): their start (the
    // workers' setup, the page's first render of the run) then shares two cores among two threads, not three.
    let firstPointsDrawn = (): void => {};
    const firstPoints = new Promise<void>((resolve) => (firstPointsDrawn = resolve));
    const solves = theoryAssignments(solvedTheories(params), threads).map(async ({ sources, threads: assigned }, index) => {
      let released = false;
      const release = (): void => {
        if (!released) startDrains(assigned);
        released = true;
      };
      const theoryListener = (): StreamListener =>
        Comlink.proxy((message) => {
          if (index === 0 && message.type === 'rows' && message.firstIndex + packedRowCount(message.rows) >= firstPointRows) firstPointsDrawn();
          this.store.getState().receive(message);
          if (message.type === 'end' && message.source === sources[sources.length - 1]) release();
        });
      if (index > 0) await firstPoints;
      if (this.activeRunId !== runId) return { index, solved: [] };
      return this.theoryBridges[index]
        .run((remote) => remote.solve(params, runId, theoryListener(), assigned, sources, onlineNow))
        .then(
          () => sources,
          // A worker computes its theories one after the other: its failure fails whichever of them had not ended.
          (error: unknown): readonly TheorySource[] => {
            sources.forEach((source) => this.report(runId, source, error));
            return [];
          },
        )
        .then((solved) => {
          release(); // a theory that sent no rows (it failed, or has none) holds no core either
          if (index === 0) firstPointsDrawn();
          return { index, solved };
        });
    });
    startDrains(Math.max(0, this.simBridges.length - threads));
    void Promise.all(solves).then(async (results) => {
      // The bands after the simulations too: every core is busy with the run's jobs until then.
      await Promise.all(drains);
      const sgfTheory = results.find(({ solved }) => solved.includes('theory'));
      if (!onlineNow && sgfTheory) await this.computeOnline(this.theoryBridges[sgfTheory.index], runId, params, listener);
      await Promise.all(results.map(({ index, solved }) => (solved.length > 0 ? this.computeBands(this.theoryBridges[index], runId, params, solved, listener) : undefined)));
    });
  }

  /** The one-pass overlay that `solve` left out (onlineOverlayShown). Optional: a failure only warns. */
  private async computeOnline(bridge: WorkerBridge<DmftWorkerApi>, runId: number, params: Params, listener: () => StreamListener): Promise<void> {
    if (this.activeRunId !== runId) return;
    try {
      await bridge.run((remote) => remote.online(params, runId, listener()));
    } catch (error) {
      if (!(error instanceof CancelledError)) console.warn('one-pass overlay unavailable:', describe(error));
    }
  }

  /** The Monte-Carlo bands of theories `sources`, after their lines (never before: they must not delay the first points). Optional: a failure only warns. */
  private async computeBands(bridge: WorkerBridge<DmftWorkerApi>, runId: number, params: Params, sources: readonly TheorySource[], listener: () => StreamListener): Promise<void> {
    if (this.activeRunId !== runId) return;
    try {
      await bridge.run((remote) => remote.band(params, runId, listener(), sources));
    } catch (error) {
      if (!(error instanceof CancelledError)) console.warn('theory band unavailable:', describe(error));
    }
  }

  private isTheoryBridge(bridge: WorkerBridge<unknown>): boolean {
    return (this.theoryBridges as WorkerBridge<unknown>[]).includes(bridge);
  }

  private async drain(bridge: WorkerBridge<SimWorkerApi>, runId: number, params: Params, listener: () => StreamListener): Promise<void> {
    while (this.activeRunId === runId && this.queue.length > 0) {
      const job = this.queue.shift()!;
      try {
        await bridge.run((remote) => remote.simulate(params, runId, job.algorithm, job.seedIndex, listener()));
      } catch (error) {
        if (error instanceof CancelledError) return;
        this.report(runId, job.algorithm, error);
        // Its series is marked failed (retry restarts the run): the algorithm's other seeds would not change that.
        if (this.activeRunId === runId) this.queue = this.queue.filter((queued) => queued.algorithm !== job.algorithm);
      }
    }
  }

  private report(runId: number, source: JobSource, error: unknown): void {
    if (error instanceof CancelledError) return;
    this.store.getState().fail(runId, source, describe(error));
  }
}
