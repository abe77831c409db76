/**
 * The DMFT solve over W workers (worker_threads in Node, Web Workers in a browser): each holds a BlockHost
 * for a contiguous share of the blocks; each step the coordinator sends every worker the step's input and
 * sums the blocks' partial sums in block order, so the result is the in-process solve's, bit for bit, for
 * every W. Messages are plain objects with Float64Arrays whose buffers are transferred (no SharedArrayBuffer:
 * a static host cannot send the isolation headers it needs).
 */
import type { KernelBackend } from '../kernels/workspace';
import type { Params } from '../params';
import { BlockHost, type BlockHostOptions } from './blockHost';
import { DmftCoordinator } from './coordinator';
import { dmftLayout } from './layout';
import { SampleHistogramRecorder, type SampleHistograms } from './sampleHistogram';
import { dmftParams } from './solver';
import type { DmftOptions, DmftResult } from './types';

export type BlockRequest =
  | { type: 'start'; params: Params; indices: number[]; options: BlockHostOptions; histograms?: boolean }
  | { type: 'step'; k: number; input: Float64Array }
  | { type: 'histograms'; through: number };

export type BlockReply =
  | { type: 'started'; firstLatentSums: Float64Array; backend: KernelBackend }
  | { type: 'partials'; k: number; partials: Float64Array }
  | { type: 'histograms'; histograms: SampleHistograms }
  | { type: 'failed'; message: string };

/** DmftOptions, and whether to gather the margin histograms too (solver.ts does; the CLI needs none). */
export type ParallelDmftOptions = DmftOptions & { histograms?: boolean };

/** One worker as the coordinator sees it: a request answered by one reply (the transport transfers the arrays' buffers). */
export interface BlockWorker {
  request(message: BlockRequest): Promise<BlockReply>;
}

/** The buffers a message can transfer rather than copy. */
export function blockTransferables(message: BlockRequest | BlockReply): ArrayBuffer[] {
  if (message.type === 'step') return [message.input.buffer as ArrayBuffer];
  if (message.type === 'partials') return [message.partials.buffer as ArrayBuffer];
  if (message.type === 'started') return [message.firstLatentSums.buffer as ArrayBuffer];
  if (message.type === 'histograms' && 'histograms' in message) {
    const { times, counts, fieldCounts } = message.histograms;
    return [times.buffer as ArrayBuffer, counts.buffer as ArrayBuffer, ...(fieldCounts ? [fieldCounts.buffer as ArrayBuffer] : [])];
  }
  return [];
}

/** A worker's server: the reply to each request; `ahead()`, once a step's reply is sent, draws the next step's random numbers while the coordinator closes that one. */
export interface BlockServer {
  (request: BlockRequest): BlockReply;
  ahead(): void;
}

/** The worker side: answers each request of one solve with the reply of its BlockHost. */
export function serveBlocks(): BlockServer {
  let host: BlockHost | null = null;
  let recorder: SampleHistogramRecorder | null = null;
  // Step k's samples are counted once the coordinator has taken its row (as solver.ts counts them): when step k + 1 arrives, or the histograms request says so.
  // Until then it is also the step just served, whose successor's draws ahead() may take (−1 after any other request).
  let uncounted = -1;
  const count = (through: number): void => {
    if (recorder && host && uncounted >= 0 && uncounted <= through) recorder.recordParts(uncounted, host.histogramParts());
    uncounted = -1;
  };
  const serve = (request: BlockRequest): BlockReply => {
    try {
      if (request.type === 'start') {
        host = new BlockHost(request.params, request.indices, request.options);
        const { model, steps, dt, blocks } = host.layout;
        const samples = request.indices.reduce((total, index) => total + blocks[index].count, 0);
        recorder = request.histograms ? new SampleHistogramRecorder(model.classifier, steps, dt, samples, true) : null;
        uncounted = -1;
        return { type: 'started', firstLatentSums: host.firstLatentSums(), backend: host.backend };
      }
      if (!host) throw new Error(`${request.type} before start`);
      if (request.type === 'histograms') {
        if (!recorder) throw new Error('histograms were not asked for at the start');
        count(request.through);
        return { type: 'histograms', histograms: recorder.result() };
      }
      count(request.k - 1);
      const partials = host.step(request.k, request.input);
      uncounted = request.k;
      return { type: 'partials', k: request.k, partials };
    } catch (error) {
      return { type: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  };
  // The draws of the step after the one just served depend on no input (DmftBlock.drawAhead).
  const ahead = (): void => {
    if (host && uncounted >= 0) host.drawAhead(uncounted + 1);
  };
  return Object.assign(serve, { ahead });
}

/**
 * A worker in the calling thread: it computes when asked, synchronously, so put it last among the
 * workers (the others are asked first and compute meanwhile). Then W workers need only W − 1 threads.
 */
export function inThreadWorker(): BlockWorker {
  const serve = serveBlocks();
  return { request: async (message) => serve(message) };
}

/**
 * The coordinator's own work per step (its input and the close of the parameter process), in trajectories' worth:
 * at the defaults it measured about one 2048-trajectory block (~5 ms input + ~30 ms close per solve, scratch timing).
 */
export const coordinatorLoad = 2048;

/**
 * Contiguous shares of the blocks (given by their trajectory counts) over at most `workers` workers, none empty,
 * balanced by trajectories where the last worker (the in-thread one, which also coordinates) carries `load` more.
 * Any split gives the same bits (the blocks' partial sums are added in block order); this one only keeps the workers equally busy.
 */
export function assignBlocks(counts: readonly number[], workers: number, load = coordinatorLoad): number[][] {
  const used = Math.max(1, Math.min(workers, counts.length));
  const share = (counts.reduce((total, count) => total + count, 0) + load) / used;
  const shares: number[][] = [];
  let next = 0;
  let done = 0;
  for (let w = 0; w < used - 1; w++) {
    const indices = [next];
    done += counts[next++];
    // A block joins while its midpoint falls within this worker's share, leaving one for each later worker.
    while (next < counts.length - (used - 1 - w) && done + counts[next] / 2 <= share * (w + 1)) {
      indices.push(next);
      done += counts[next++];
    }
    shares.push(indices);
  }
  shares.push(Array.from({ length: counts.length - next }, (_, i) => next + i));
  return shares;
}

/** The block counts of a layout, as assignBlocks takes them. */
export const blockCounts = (layout: { blocks: readonly { count: number }[] }): number[] => layout.blocks.map((block) => block.count);

async function ask<T extends BlockReply['type']>(worker: BlockWorker, message: BlockRequest, type: T): Promise<Extract<BlockReply, { type: T }>> {
  const reply = await worker.request(message);
  if (reply.type === 'failed') throw new Error(`DMFT block worker: ${reply.message}`);
  if (reply.type !== type) throw new Error(`DMFT block worker: expected ${type}, got ${reply.type}`);
  return reply as Extract<BlockReply, { type: T }>;
}

/** The workers' histograms as one: their counts are integers, so the sum is exact in any order. */
function mergeHistograms(parts: readonly SampleHistograms[]): SampleHistograms {
  const add = (arrays: readonly Float64Array[]): Float64Array => arrays.reduce((total, array) => total.map((value, i) => value + array[i]));
  const fieldCounts = parts.map((part) => part.fieldCounts).filter((counts): counts is Float64Array => counts !== null);
  return {
    times: parts[0].times,
    counts: add(parts.map((part) => part.counts)),
    total: parts.reduce((total, part) => total + part.total, 0),
    fieldCounts: fieldCounts.length === parts.length ? add(fieldCounts) : null,
  };
}

/** Solves the DMFT on `workers` (those beyond the number of blocks stay idle), calling options.onRow with every row. */
export async function solveDmftParallel(input: Params, workers: readonly BlockWorker[], options: ParallelDmftOptions = {}): Promise<DmftResult> {
  const params = dmftParams(input);
  const layout = dmftLayout(params, options);
  const shares = assignBlocks(blockCounts(layout), workers.length);
  const used = workers.slice(0, shares.length);
  const hostOptions: BlockHostOptions = { kernels: options.kernels, pathwiseWindow: options.pathwiseWindow, forceControl: options.forceControl };
  const started = await Promise.all(used.map((worker, w) => ask(worker, { type: 'start', params, indices: shares[w], options: hostOptions, histograms: options.histograms }, 'started')));
  const coordinator = new DmftCoordinator(layout);
  coordinator.begin(started.map((reply) => reply.firstLatentSums));
  let lastRow = -1;
  for (let k = 0; k <= layout.steps; k++) {
    if (options.shouldStop?.()) break;
    const stepInput = coordinator.input(k);
    // Each worker gets its own copy: a transferred buffer is gone from the sender.
    const step = (worker: BlockWorker) => ask(worker, { type: 'step', k, input: stepInput.slice() }, 'partials');
    // The other workers first, then the integrals close(k) takes, computed here while they compute, then the last (in-thread) worker.
    const requests = used.slice(0, -1).map(step);
    coordinator.integrals(k);
    const replies = await Promise.all([...requests, step(used[used.length - 1])]);
    const row = coordinator.close(k, replies.map((reply) => reply.partials));
    if (!row) break;
    lastRow = k;
    options.onRow?.(row, k);
  }
  const result = coordinator.result(started[0].backend);
  if (!options.histograms) return result;
  const parts = await Promise.all(used.map((worker) => ask(worker, { type: 'histograms', through: lastRow }, 'histograms')));
  return { ...result, sampleHistograms: mergeHistograms(parts.map((reply) => reply.histograms)) };
}
