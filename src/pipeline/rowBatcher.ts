/**
 * Worker-side batching of streamed rows: the first rows are sent as soon as they exist
 * (so the first points appear at once), then at most every `intervalMs` of work, so the
 * main thread gets a few messages per frame instead of one per row. Each batch's
 * Float64Array is transferred (moved, not copied) to the main thread.
 */
import * as Comlink from 'comlink';
import { rowIsValid, type Divergence, type ObservableRow } from '../core/series';
import { packRows, type JobTag, type StreamListener, type StreamMessage } from './protocol';

export interface RowBatcher {
  /** Queues one row; sends the queue when the interval has elapsed. Invalid rows and all after them are dropped. */
  push(row: ObservableRow): void;
  /** Sends the queued rows, then the end message. */
  end(diverged: Divergence | null): void;
}

/** Milliseconds of work between two batches: about one frame. */
export const defaultBatchIntervalMs = 16;

/**
 * `listener` is the main thread's comlink proxy (a plain function in tests). Since the
 * solvers are synchronous, each call posts its message at once, while the solve goes on.
 */
export function createRowBatcher(
  tag: JobTag,
  listener: StreamListener,
  intervalMs: number = defaultBatchIntervalMs,
  now: () => number = () => performance.now(),
): RowBatcher {
  let queued: ObservableRow[] = [];
  let sentCount = 0;
  let lastSentAt = -Infinity;
  let invalidAt: Divergence | null = null;

  const send = (message: StreamMessage): void => {
    void listener(message.type === 'rows' ? Comlink.transfer(message, [message.rows.buffer]) : message);
  };
  const flush = (): void => {
    if (queued.length === 0) return;
    send({ ...tag, type: 'rows', firstIndex: sentCount, rows: packRows(queued) });
    sentCount += queued.length;
    queued = [];
    lastSentAt = now();
  };

  return {
    push(row) {
      if (invalidAt) return;
      // The solvers truncate at a divergence themselves; this guards the plots if one does not.
      if (!rowIsValid(row)) {
        invalidAt = { at: row.t };
        return;
      }
      queued.push(row);
      // The first two rows go at once: two points are the first visible segment of a curve.
      if (sentCount + queued.length <= 2 || now() - lastSentAt >= intervalMs) flush();
    },
    end(diverged) {
      flush();
      send({ ...tag, type: 'end', rowCount: sentCount, diverged: diverged ?? invalidAt });
    },
  };
}

/** Closes a listener proxy's message channel once a job has sent everything (the messages before it still arrive). */
export function releaseListener(listener: StreamListener): void {
  (listener as Partial<Comlink.Remote<StreamListener>>)[Comlink.releaseProxy]?.();
}
