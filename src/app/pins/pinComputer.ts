/**
 * Recomputes pins read from a link, one pin at a time, with a DMFT worker and a simulation worker of its own
 * (created on first use, so a page without such pins starts none): the pin's theories through the DMFT
 * worker's `solve`, and its SGD seeds through `simulate` (the SGF simulation is not drawn for pins). Rows
 * go only to the pin store, tagged with the pin's own (negative) run id. An unpinned pin's jobs are stopped.
 */
import * as Comlink from 'comlink';
import type { DmftWorkerApi } from '../../../workers/dmft.worker';
import type { SimWorkerApi } from '../../../workers/sim.worker';
import { theorySources, type JobSource, type StreamListener } from '../protocol';
import { stopGraceMs } from '../runManager';
import { CancelledError, WorkerBridge } from '../workerBridge';
import type { Pin, PinStore } from './pinStore';

export interface PinComputerOptions {
  createDmftWorker: (name: string) => Worker;
  createSimWorker: (name: string) => Worker;
}

export class PinComputer {
  private readonly theoryBridge: WorkerBridge<DmftWorkerApi>;
  private readonly simBridge: WorkerBridge<SimWorkerApi>;
  /** Pins whose computation was started (finished or not): each is computed once. */
  private readonly started = new Set<number>();
  private activePinId: number | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: PinStore,
    options: PinComputerOptions,
  ) {
    this.theoryBridge = new WorkerBridge<DmftWorkerApi>(options.createDmftWorker, 'pin-dmft', (remote) => remote.stop());
    this.simBridge = new WorkerBridge<SimWorkerApi>(options.createSimWorker, 'pin-simulation', (remote) => remote.stop());
  }

  start(): void {
    this.unsubscribe = this.store.subscribe((state, previous) => {
      if (state.pins !== previous.pins) this.onPinsChanged();
    });
    this.onPinsChanged();
  }

  dispose(): void {
    this.unsubscribe?.();
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
    if (this.activePinId !== null) return;
    const next = pins.find((pin) => pin.recomputed && !this.started.has(pin.id));
    if (next) void this.compute(next);
  }

  private async compute(pin: Pin): Promise<void> {
    this.activePinId = pin.id;
    this.started.add(pin.id);
    const { params } = pin;
    const runId = pin.snapshot.runId;
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
