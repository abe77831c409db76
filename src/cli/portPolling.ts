/**
 * Polling a worker_threads MessagePort for the next message, so that a thread of the parallel theory stays
 * awake between the steps' messages (threadPool.ts, blockThread.ts).
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/**
 * How long a thread polls its port for the next message before it sleeps in the event loop. A step's
 * exchange takes well under this; on the development machine a step's message reached a sleeping thread
 * 0.25–0.8 ms after it was sent, and the two-thread solve waited 24–190 ms for its partials (0–30 ms polled).
 */
export const exchangeSpinMs = 2;

/** The next message on `port` if one comes within exchangeSpinMs (polled, so the thread stays awake), else undefined. */
export function pollPort(port: MessagePort): unknown {
  const until = performance.now() + exchangeSpinMs;
  do {
    const received = receiveMessageOnPort(port);
    if (received) return received.message;
  } while (performance.now() < until);
  return undefined;
}
