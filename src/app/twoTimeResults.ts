/**
 * The two-time functions of one run as they arrive (protocol.ts TwoTimeMessage): each theory's C and R, and
 * each simulated algorithm's C = θ(t)·θ(t′)/d as the mean ± standard error over the seeds received so far
 * (truncated to the shortest seed grid, as a diverged seed truncates the line plots). Memory: per theory its two
 * matrices, per algorithm two running sums (seedSums.ts), each at most 129² doubles (core/sim/twoTime.ts), whatever the seed count.
 */
import type { ViewSource } from './viewSources';
import type { TwoTimeMessage } from '../pipeline/protocol';
import { ViewResults } from './viewResults';

/** One source's two-time functions on its grid. */
export interface TwoTimeSnapshot {
  runId: number;
  /** Grid times t_i, n of them. */
  times: Float64Array;
  /** C(t_i, t_j), n × n row-major (the seed mean for a simulation). */
  correlation: Float64Array;
  /** Standard error of the seed mean of C (simulations with two seeds or more), else null. */
  correlationSe: Float64Array | null;
  /** R(t_i, t_j), n × n row-major (theories only). */
  response: Float64Array | null;
  /** Seeds averaged (1 for a theory). */
  seeds: number;
}

export type TwoTimeSnapshots = Record<ViewSource, TwoTimeSnapshot | null>;

/** A run's two-time snapshots, source by source. */
export class TwoTimeResults extends ViewResults<TwoTimeMessage, TwoTimeSnapshot> {
  constructor(runId: number) {
    super(runId, {
      square: true,
      theory: (message, runId) => ({ runId, times: message.times, correlation: message.correlation, correlationSe: null, response: message.response, seeds: 1 }),
      block: (message) => ({ values: message.correlation, width: message.times.length, divisor: 1 }),
      simulation: (summary, _last, runId) => ({ runId, times: summary.times, correlation: summary.mean, correlationSe: summary.standardError, response: null, seeds: summary.seeds }),
    });
  }
}
