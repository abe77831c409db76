/**
 * Turns store changes into worker jobs. On a new run id it terminates the running jobs
 * (terminate-to-cancel), waits until the parameters stop moving (debounce), then starts the
 * DMFT worker and feeds a small pool of simulation workers with every (algorithm, seed) job;
 * one more simulation worker joins once the theory is done, so that core does not sit idle.
 * Results flow back only through `store.receive`, tagged with the run id that asked for them.
 */
import * as Comlink from 'comlink';
import type { Params } from '../core/params';
import type { DmftWorkerApi } from '../../workers/dmft.worker';
import type { SimWorkerApi } from '../../workers/sim.worker';
import { simulatedAlgorithms, type JobSource, type SimulatedAlgorithm, type StreamListener } from './protocol';
import type { AppStore, State } from './store';
import { CancelledError, WorkerBridge } from './workerBridge';

export interface RunManagerOptions {
  /** Creates a DMFT worker. */
  createDmftWorker: () => Worker;
  /** Creates a simulation worker. */
  createSimWorker: () => Worker;
  /** Simulation workers running beside the theory (one more joins when the theory is done). */
  simPoolSize: number;
  /** Quiet time after a change before a run starts, unless nothing changed for that long before it. */
  debounceMs: number;
}

interface SimulationJob {
  algorithm: SimulatedAlgorithm;
  seedIndex: number;
}

/** Simulation workers for a machine with `cores` logical cores: one core is left to the theory. */
export function simPoolSizeFor(cores: number | undefined): number {
  return Math.max(1, Math.min(8, (cores ?? 2) - 1));
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
  private readonly theoryBridge: WorkerBridge<DmftWorkerApi>;
  private readonly simBridges: WorkerBridge<SimWorkerApi>[];
  private queue: SimulationJob[] = [];
  private activeRunId: number | null = null;
  private pendingLaunch: ReturnType<typeof setTimeout> | null = null;
  private lastChangeAt = -Infinity;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly options: RunManagerOptions,
  ) {
    this.theoryBridge = new WorkerBridge<DmftWorkerApi>(options.createDmftWorker);
    this.simBridges = Array.from({ length: options.simPoolSize + 1 }, () => new WorkerBridge<SimWorkerApi>(options.createSimWorker));
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
    return [this.theoryBridge, ...this.simBridges] as WorkerBridge<unknown>[];
  }

  private onChange(state: State, previous: State): void {
    if (state.runId === previous.runId && state.playing === previous.playing) return;
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
    for (const bridge of this.allBridges()) {
      if (!bridge.busy) continue;
      bridge.terminate();
      bridge.warm(); // the replacement loads while the parameters settle
    }
  }

  private launch(): void {
    this.pendingLaunch = null;
    const { runId, params } = this.store.getState();
    this.activeRunId = runId;
    const listener = (): StreamListener => Comlink.proxy((message) => this.store.getState().receive(message));

    this.queue = simulationJobs(params);
    const [joinsAfterTheory, ...startAtOnce] = this.simBridges;
    this.theoryBridge
      .run((remote) => remote.solve(params, runId, listener()))
      .catch((error: unknown) => this.report(runId, 'theory', error))
      .finally(() => void this.drain(joinsAfterTheory, runId, params, listener));
    for (const bridge of startAtOnce) void this.drain(bridge, runId, params, listener);
  }

  private async drain(bridge: WorkerBridge<SimWorkerApi>, runId: number, params: Params, listener: () => StreamListener): Promise<void> {
    while (this.activeRunId === runId && this.queue.length > 0) {
      const job = this.queue.shift()!;
      try {
        await bridge.run((remote) => remote.simulate(params, runId, job.algorithm, job.seedIndex, listener()));
      } catch (error) {
        if (error instanceof CancelledError) return;
        this.report(runId, job.algorithm, error);
      }
    }
  }

  private report(runId: number, source: JobSource, error: unknown): void {
    if (error instanceof CancelledError) return;
    this.store.getState().fail(runId, source, describe(error));
  }
}
