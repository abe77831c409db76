/**
 * Recomputes pins read from a link, one pin at a time, with a DMFT worker and a simulation worker of its own
 * (created on first use, so a page without such pins starts none): the pin's theories through the DMFT
 * worker's `solve`, and its SGD seeds through `simulate` (the SGF simulation is not drawn for pins). Rows
 * go only to the pin store, tagged with the pin's own (negative) run id. An unpinned pin's jobs are stopped.
 * A pin starts only while the current run is finished or paused: the current run keeps the cores, and the
 * memory of a pin's jobs never adds to a current run's launch (the run manager budgets only its own).
 */
import * as Comlink from 'comlink';
import type { DmftWorkerApi } from '../../../workers/dmft.worker';
import type { SimWorkerApi } from '../../../workers/sim.worker';
import { jobSources, theorySources, type JobSource, type StreamListener } from '../../pipeline/protocol';
import { stopGraceMs } from '../runManager';
import type { AppStore } from '../store';
import { CancelledError, WorkerBridge } from '../../pipeline/workerBridge';
import type { Pin, PinStore } from './pinStore';

export interface PinComputerOptions {
  createDmftWorker: (name: string) => Worker;
  createSimWorker: (name: string) => Worker;
  /** The app's store: pins wait while its current run computes (without it they start at once). */
  appStore?: AppStore;
}

/** The current run of `appStore` is not computing: paused, or every job ended. */
function currentRunIdle(appStore: AppStore): boolean {
  const { playing, current } = appStore.getState();
  return !playing || jobSources.every((source) => ['done', 'failed'].includes(current.status[source].state));
}

export class PinComputer {
  private readonly theoryBridge: WorkerBridge<DmftWorkerApi>;
  private readonly simBridge: WorkerBridge<SimWorkerApi>;
  /** Pins whose computation was started (finished or not): each is computed once. */
  private readonly started = new Set<number>();
  private activePinId: number | null = null;
  private unsubscribe: (() => void) | null = null;
  private unsubscribeApp: (() => void) | null = null;

  constructor(
    private readonly store: PinStore,
    private readonly options: PinComputerOptions,
  ) {
    this.theoryBridge = new WorkerBridge<DmftWorkerApi>(options.createDmftWorker, 'pin-dmft', (remote) => remote.stop());
    this.simBridge = new WorkerBridge<SimWorkerApi>(options.createSimWorker, 'pin-simulation', (remote) => remote.stop());
  }

  start(): void {
    this.unsubscribe = this.store.subscribe((state, previous) => {
      if (state.pins !== previous.pins) this.onPinsChanged();
    });
    this.unsubscribeApp =
      this.options.appStore?.subscribe((state, previous) => {
        if (state.current.status !== previous.current.status || state.playing !== previous.playing) this.onPinsChanged();
      }) ?? null;
    this.onPinsChanged();
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribeApp?.();
    this.activePinId = null;
    this.theoryBridge.terminate();
    this.simBridge.terminate();
  }

  private onPinsChanged(): void {
    const pins = this.store.getState().pins;
    if (this.activePinId !== null && !pins.some((pin) => pin.id === this.activePinId)) {
      this.activePinId = null;
      for (const bridge of [this.theoryBridge, this.simBridge] as WorkerBridge<unknown>[]) if (bridge.busy) bridge.stop(stopGraceMs);
    }
    if (this.activePinId !== null || (this.options.appStore && !currentRunIdle(this.options.appStore))) return;
    const next = pins.find((pin) => pin.recomputed && !this.started.has(pin.id));
    if (next) void this.compute(next);
  }

  private async compute(pin: Pin): Promise<void> {
    this.activePinId = pin.id;
    this.started.add(pin.id);
    const { params, runId } = pin.snapshot;
    const listener = (): StreamListener => Comlink.proxy((message) => this.store.getState().receive(message));
    const theory = this.theoryBridge
      .run((remote) => remote.solve(params, runId, listener()))
      .catch((error: unknown) => theorySources.forEach((source) => this.report(runId, source, error)));
    const simulations = (async () => {
      for (let seedIndex = 0; seedIndex < params.seeds && this.activePinId === pin.id; seedIndex++) {
        try {
          await this.simBridge.run((remote) => remote.simulate(params, runId, 'sgd', seedIndex, listener()));
        } catch (error) {
          this.report(runId, 'sgd', error);
          return;
        }
      }
    })();
    await Promise.all([theory, simulations]);
    if (this.activePinId !== pin.id) return;
    this.activePinId = null;
    this.onPinsChanged();
  }

  private report(runId: number, source: JobSource, error: unknown): void {
    if (error instanceof CancelledError) return;
    this.store.getState().fail(runId, source, error instanceof Error ? error.message : String(error));
  }
}
