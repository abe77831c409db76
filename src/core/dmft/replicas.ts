/**
 * The Monte-Carlo error of a theory line, from independent replicas (issue 12 item 1). The line itself stays
 * the solve at params.seed (what `cli theory` prints); its band is ± the standard error of that one solve,
 * estimated as the spread (sample standard deviation) of R replicas solved one after another with other theory
 * seeds and the same N. Replicas with fewer trajectories, their spread scaled by √(N_replica/N), would cost less, but
 * where the noise is strong (the `sgf-vs-sgd` preset) the error is heavy-tailed and that 1/√N scaling could not be
 * confirmed; the same N needs no such assumption.
 */
import { getModel } from '../models';
import { ranges, type Params } from '../params';
import { summarizeSeeds, valueNames, type ValueName } from '../sim/seedStatistics';
import type { IndexedRow } from '../series';
import { dmftRows, resolveEstimator } from './solver';
import type { DmftResult } from './types';

/** Replicas per band: the standard error is then itself estimated with 7 degrees of freedom (±27%). */
export const bandReplicas = 8;
/** Replicas before a first band is reported (then refined by each further replica). */
export const firstBandReplicas = 3;

/** Seed of replica `index` (0-based): apart from params.seed and its neighbours' replicas, within the seed range. */
export function replicaSeed(seed: number, index: number): number {
  return (seed + 7919 * (index + 1)) % (ranges.seed.max + 1);
}

/** Parameters of replica `index`: another theory seed, and the main solve's estimator. */
export function replicaParams(params: Params, index: number): Params {
  const seed = replicaSeed(params.seed, index);
  // The committee machine's solver has one estimator (theory.md §10.4); 'auto' is resolved by the single-index one only.
  return getModel(params.model).kind === 'glm' ? { ...params, seed, estimator: resolveEstimator(params) } : { ...params, seed };
}

/** One theory's band: per row, the Monte-Carlo standard error of the line (a solve at params.samples). */
export interface TheoryBand {
  /** Row times (the line's grid), up to the earliest divergence of any replica. */
  t: Float64Array;
  standardError: Record<ValueName, Float64Array>;
  /** Replicas so far, of `plannedReplicas`, and the trajectories of each. */
  replicas: number;
  plannedReplicas: number;
  replicaSamples: number;
}

/** What a band reads of one replica's solve. */
export type ReplicaResult = Pick<DmftResult, 'params' | 'table' | 'diverged'>;
/** A solve as a row generator (dmftRows, or the committee machine's in its single-index columns). */
export type ReplicaSolve = (params: Params, options: { shouldStop?: () => boolean }) => Generator<IndexedRow, ReplicaResult, void>;

/** The band of the replicas solved so far: their sample standard deviation, row by row. */
export function bandOf(results: readonly ReplicaResult[], plannedReplicas: number = results.length): TheoryBand {
  const summary = summarizeSeeds(results.map((result) => ({ t: result.table.t, values: result.table, length: result.table.t.length, diverged: result.diverged })));
  const scale = Math.sqrt(results.length); // the standard error of the mean of R replicas, times √R
  const standardError = Object.fromEntries(valueNames.map((name) => [name, summary.standardError[name].map((se) => se * scale)])) as Record<ValueName, Float64Array>;
  return { t: summary.t, standardError, replicas: results.length, plannedReplicas, replicaSamples: results[0].params.samples };
}

/**
 * Solves the replicas of each theory in `theories`, interleaved (replica 1 of each, then replica 2 of each, …) so
 * that every band appears early, yielding every row (so a worker can stop between rows); from a theory's
 * `firstBandReplicas`-th replica on, hands its band so far to `onBand` with the theory's index. Returns the final
 * bands, in the order of `theories`, or null when stopped.
 */
export function* bandRows(
  theories: readonly Params[],
  options: { shouldStop?: () => boolean; replicas?: number; onBand?: (theory: number, band: TheoryBand) => void; solve?: ReplicaSolve } = {},
): Generator<IndexedRow, TheoryBand[] | null, void> {
  const count = options.replicas ?? bandReplicas;
  const solve = options.solve ?? dmftRows;
  const results: ReplicaResult[][] = theories.map(() => []);
  for (let index = 0; index < count; index++) {
    for (let theory = 0; theory < theories.length; theory++) {
      const result = yield* solve(replicaParams(theories[theory], index), { shouldStop: options.shouldStop });
      if (options.shouldStop?.()) return null;
      results[theory].push(result);
      if (index + 1 >= Math.min(count, firstBandReplicas) && index + 1 < count) options.onBand?.(theory, bandOf(results[theory], count));
    }
  }
  return results.map((replicas) => bandOf(replicas, count));
}
