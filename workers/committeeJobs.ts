/**
 * The committee machine's jobs as the workers stream them (issue 11): rows in the single-index columns every line
 * plot reads (core/committee/observableRow.ts), and, before the end message, the job's q(t) and M(t) matrices as
 * one CommitteeMessage (protocol.ts), transferred.
 */
import * as Comlink from 'comlink';
import type { CommitteeParams } from '../src/core/committee/config';
import { committeeObservableRow } from '../src/core/committee/observableRow';
import { committeeMatrixNames, type CommitteeRow } from '../src/core/committee/series';
import { committeeSeedRows } from '../src/core/committee/simulate';
import { committeeRows } from '../src/core/committee/solver';
import type { Divergence } from '../src/core/series';
import type { Algorithm } from '../src/core/sim/types';
import { drainInSlices } from '../src/core/slices';
import type { CommitteeMessage, JobTag, StreamListener } from '../src/pipeline/protocol';
import { createRowBatcher } from '../src/pipeline/rowBatcher';

/** Streams one committee generator as `tag`; resolves false when it was stopped (then nothing more is sent). */
async function streamCommittee(
  rows: Generator<{ row: CommitteeRow }, { diverged: Divergence | null }, void>,
  params: CommitteeParams,
  tag: JobTag,
  listener: StreamListener,
  shouldStop: () => boolean,
): Promise<boolean> {
  const { hidden: p, teacherHidden: pStar } = params;
  const names = committeeMatrixNames(p, pStar);
  const batcher = createRowBatcher(tag, listener);
  const times: number[] = [];
  const matrices: number[] = [];
  // In slices, so that a stop request (a parameter change) is taken, or a terminate takes effect, at once.
  const result = await drainInSlices(rows, ({ row }) => {
    batcher.push(committeeObservableRow(row, p, pStar));
    times.push(row.t);
    for (const name of names) matrices.push(row[name]);
  });
  if (shouldStop()) return false;
  const message: CommitteeMessage = { ...tag, type: 'committee', hidden: p, teacherHidden: pStar, times: Float64Array.from(times), matrices: Float64Array.from(matrices) };
  void listener(Comlink.transfer(message, [message.times.buffer as ArrayBuffer, message.matrices.buffer as ArrayBuffer]));
  batcher.end(result.diverged);
  return true;
}

/** The committee DMFT of `params` (its theoryAlgorithm says which dynamics) as `source`. */
export function streamCommitteeTheory(params: CommitteeParams, source: 'theory' | 'sgdTheory', runId: number, listener: StreamListener, shouldStop: () => boolean): Promise<boolean> {
  return streamCommittee(committeeRows(params, { shouldStop }), params, { runId, source, seedIndex: 0 }, listener, shouldStop);
}

/** One committee simulation seed. */
export function streamCommitteeSeed(params: CommitteeParams, algorithm: Algorithm & ('sgf' | 'sgd'), seedIndex: number, runId: number, listener: StreamListener, shouldStop: () => boolean): Promise<boolean> {
  return streamCommittee(committeeSeedRows(params, algorithm, seedIndex, { shouldStop }), params, { runId, source: algorithm, seedIndex }, listener, shouldStop);
}
