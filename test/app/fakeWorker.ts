/** A comlink-exposed api on the far end of a MessageChannel, standing in for a module worker in jsdom tests. */
import * as Comlink from 'comlink';

export class FakeWorker {
  /** Every fake worker created (tests reset it). */
  static created: FakeWorker[] = [];
  terminated = false;
  private readonly channel = new MessageChannel();
  private readonly errorListeners: ((event: ErrorEvent) => void)[] = [];

  constructor(api: object) {
    Comlink.expose(api, this.channel.port2 as unknown as Comlink.Endpoint);
    FakeWorker.created.push(this);
  }
  postMessage(message: unknown, transfer?: Transferable[]): void {
    if (!this.terminated) this.channel.port1.postMessage(message, transfer ?? []);
  }
  addEventListener(type: string, listener: EventListener): void {
    if (type === 'message') this.channel.port1.addEventListener('message', listener);
    if (type === 'error') this.errorListeners.push(listener as unknown as (event: ErrorEvent) => void);
  }
  removeEventListener(type: string, listener: EventListener): void {
    if (type === 'message') this.channel.port1.removeEventListener('message', listener);
  }
  start(): void {
    this.channel.port1.start();
  }
  terminate(): void {
    this.terminated = true;
    this.channel.port1.close();
    this.channel.port2.close();
  }
  /** Fires the worker's `error` event, as a worker that failed to load or threw outside a call. */
  fireError(message: string): void {
    for (const listener of this.errorListeners) listener({ message, preventDefault() {} } as ErrorEvent);
  }
}
