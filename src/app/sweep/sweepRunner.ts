/**
 * Computes the sweep of the sweep store on workers of its own, through the run pipeline's WorkerBridge (stop
 * requests, the lifeline, fresh workers after a failure) and the DMFT and simulation workers' `sweepSolve` and
 * `sweepSimulate`. Each point's theory and simulation are separate jobs in one queue, drained by a few lanes in
 * parallel (each lane a DMFT and a simulation worker, created on first use), so points stream in one by one.
 * It computes only while the sweep panel is shown, and starts only while the current run is finished or
 * paused (the live figure keeps the cores first). A parameter change plans a new sweep; a new sweep id stops
 * the jobs of the old one at once, and results are tagged with their sweep's id, so none is drawn as current.
 */
import type { DmftWorkerApi } from '../../../workers/dmft.worker';
import type { SimWorkerApi } from '../../../workers/sim.worker';
import { estimateResources } from '../../core/resources';
import type { SweepPlan } from '../../core/sweep';
import { jobSources, type SimulatedAlgorithm } from '../../pipeline/protocol';
import { reusableWorkerBytes, stopGraceMs, workerMemoryBudget } from '../runManager';
import type { AppStore } from '../store';
import type { UiStore } from '../uiStore';
import { CancelledError, WorkerBridge } from '../../pipeline/workerBridge';
import { sweepPanelId } from './sweepSettings';
import { sweepComplete, type SweepStore } from './sweepStore';

export interface SweepRunnerOptions {
  createDmftWorker: (name: string) => Worker;
  createSimWorker: (name: string) => Worker;
  /** Lanes computing points at once (before the memory limit). */
  lanes: number;
}

/** Lanes for a machine with `cores` logical cores: one per core, at most four. */
export function sweepLanesFor(cores: number | undefined): number {
  return Math.max(1, Math.min(4, cores ?? 2));
}

interface Lane {
  theory: WorkerBridge<DmftWorkerApi>;
  simulation: WorkerBridge<SimWorkerApi>;
}

interface SweepJob {
  kind: 'theory' | 'simulation';
  index: number;
}

/** Lanes whose jobs fit in `workerMemoryBudget` together (at least one): a point's solve or simulation each holds its estimate. */
export function sweepConcurrency(plan: SweepPlan, lanes: number): number {
  const largest = Math.max(1, ...plan.points.map((point) => {
    const estimate = estimateResources(point);
    return Math.max(estimate.theoryBytes, estimate.simulationBytes);
  }));
  return Math.max(1, Math.min(lanes, Math.floor(workerMemoryBudget / largest)));
}

/** Theory and simulation of each value in turn, so both appear point by point. */
export function sweepJobs(plan: SweepPlan, algorithm: SimulatedAlgorithm | null): SweepJob[] {
  return plan.points.flatMap((_, index): SweepJob[] => (algorithm ? [{ kind: 'theory', index }, { kind: 'simulation', index }] : [{ kind: 'theory', index }]));
}

export class SweepRunner {
  private readonly lanes: Lane[];
  private activeId: number | null = null;
  /** Points of the active sweep: whether cancelling it may stop (and keep) its workers. */
  private activeBytes = 0;
  private queue: SweepJob[] = [];
  private unsubscribers: (() => void)[] = [];

  constructor(
    private readonly sweepStore: SweepStore,
    private readonly appStore: AppStore,
    private readonly uiStore: UiStore,
    options: SweepRunnerOptions,
  ) {
    this.lanes = Array.from({ length: Math.max(1, options.lanes) }, () => ({
      theory: new WorkerBridge<DmftWorkerApi>(options.createDmftWorker, 'sweep-dmft', (remote) => remote.stop()),
      simulation: new WorkerBridge<SimWorkerApi>(options.createSimWorker, 'sweep-simulation', (remote) => remote.stop()),
    }));
  }

  start(): void {
    this.unsubscribers = [
      this.appStore.subscribe((state, previous) => {
        if (state.current.params !== previous.current.params || state.current.status !== previous.current.status || state.playing !== previous.playing) this.sync();
      }),
      this.uiStore.subscribe((state, previous) => {
        if (state.plots !== previous.plots) this.sync();
      }),
      this.sweepStore.subscribe((state, previous) => {
        if (state.current.id !== previous.current.id) this.sync();
      }),
    ];
    this.sync();
  }

  dispose(): void {
    this.unsubscribers.forEach((unsubscribe) => unsubscribe());
    this.cancel();
    for (const lane of this.lanes) {
      lane.theory.terminate();
      lane.simulation.terminate();
    }
  }

  private shown(): boolean {
    return this.uiStore.getState().plots?.includes(sweepPanelId) ?? false;
  }

  /** The current run of the app is not computing: paused, or every job ended. */
  private appIdle(): boolean {
    const { playing, current } = this.appStore.getState();
    return !playing || jobSources.every((source) => ['done', 'failed'].includes(current.status[source].state));
  }

  private sync(): void {
    if (!this.shown()) {
      this.cancel();
      return;
    }
    const params = this.appStore.getState().current.params;
    if (this.sweepStore.getState().current.base !== params) this.sweepStore.getState().plan(params); // re-enters sync through the store
    const sweep = this.sweepStore.getState().current;
    if (this.activeId !== null && this.activeId !== sweep.id) this.cancel();
    // A sweep interrupted (panel hidden, run started) resumes with the jobs it misses; one with a failed job is not retried.
    if (this.activeId === null && sweep.plan && sweep.base === params && sweep.failures.length === 0 && !sweepComplete(sweep) && this.appIdle()) this.launch();
  }

  private cancel(): void {
    if (this.activeId === null) return;
    this.activeId = null;
    this.queue = [];
    const terminate = this.activeBytes > reusableWorkerBytes; // a stopped worker frees a large job's memory only at its next collection
    for (const bridge of this.lanes.flatMap((lane) => [lane.theory, lane.simulation]) as WorkerBridge<unknown>[]) {
      if (!bridge.busy) continue;
      if (terminate) bridge.terminate();
      else bridge.stop(stopGraceMs);
    }
  }

  private launch(): void {
    const sweep = this.sweepStore.getState().current;
    const plan = sweep.plan!;
    this.activeId = sweep.id;
    this.activeBytes = Math.max(...plan.points.map((point) => estimateResources(point).theoryBytes + estimateResources(point).simulationBytes));
    this.queue = sweepJobs(plan, sweep.settings.algorithm).filter((job) => (job.kind === 'theory' ? sweep.theory : sweep.simulation)[job.index] === null);
    const lanes = this.lanes.slice(0, sweepConcurrency(plan, this.lanes.length));
    for (const lane of lanes) void this.drain(lane, sweep.id, plan, sweep.settings.algorithm);
  }

  private async drain(lane: Lane, id: number, plan: SweepPlan, algorithm: SimulatedAlgorithm | null): Promise<void> {
    const store = this.sweepStore.getState();
    while (this.activeId === id && this.queue.length > 0) {
      const job = this.queue.shift()!;
      const params = plan.points[job.index];
      try {
        if (job.kind === 'theory') {
          const run = await lane.theory.run((remote) => remote.sweepSolve(params));
          if (run) store.receiveTheory(id, job.index, run);
        } else {
          const run = await lane.simulation.run((remote) => remote.sweepSimulate(params, algorithm!));
          if (run) store.receiveSimulation(id, job.index, run);
        }
      } catch (error) {
        if (error instanceof CancelledError) return;
        store.fail(id, `${job.kind} at ${plan.key} = ${plan.values[job.index]}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
