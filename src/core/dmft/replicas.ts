/**
 * The Monte-Carlo error of a theory line, from independent replicas (issue 12 item 1). The line itself stays
 * the solve at params.seed (what `cli theory` prints); its band is ± the standard error of that one solve,
 * estimated from the spread of R replicas solved one after another with other theory seeds. To cost about one
 * solve in all, each replica runs N/s trajectories (and N_resp/s response samples): a solve's Monte-Carlo error
 * falls like 1/√N, so the spread of the small replicas, times √(N_replica/N), is that of a full solve.
 */
import { ranges, type Params } from '../params';
import { summarizeSeeds, valueNames, type ValueName } from '../sim/seedStatistics';
import type { IndexedRow } from '../series';
import { dmftRows, resolveEstimator, steinMinimumSamples } from './solver';
import type { DmftResult } from './types';

/** Replicas per band: the standard error is then itself estimated with 7 degrees of freedom (±27%). */
export const bandReplicas = 8;
/** Each replica runs 1/bandSampleShrink of the trajectories, so the R replicas cost about one solve. */
export const bandSampleShrink = 8;

/** Seed of replica `index` (0-based): apart from params.seed and its neighbours' replicas, within the seed range. */
export function replicaSeed(seed: number, index: number): number {
  return (seed + 7919 * (index + 1)) % (ranges.seed.max + 1);
}

/** Parameters of replica `index`: another theory seed, fewer trajectories, and the main solve's estimator. */
export function replicaParams(params: Params, index: number): Params {
  const estimator = resolveEstimator(params);
  // Stein needs many trajectories (theory.md §5): its replicas keep at least steinMinimumSamples / 4.
  const floor = estimator === 'stein' ? Math.min(params.samples, steinMinimumSamples / 4) : ranges.samples.min;
  const samples = Math.max(floor, Math.round(params.samples / bandSampleShrink));
  const responseSamples = Math.max(ranges.responseSamples.min, Math.round((Math.min(params.responseSamples, params.samples) * samples) / params.samples));
  return { ...params, seed: replicaSeed(params.seed, index), samples, responseSamples, estimator };
}

/** One theory's band: per row, the Monte-Carlo standard error of the line (a solve at params.samples). */
export interface TheoryBand {
  /** Row times (the line's grid), up to the earliest divergence of any replica. */
  t: Float64Array;
  standardError: Record<ValueName, Float64Array>;
  /** Replicas and the trajectories of each. */
  replicas: number;
  replicaSamples: number;
}

/**
 * Solves the replicas one after another, yielding every row (so a worker can stop between rows), and returns the
 * band, or null when stopped. √R × (standard error of the replicas' mean) is the spread of one replica.
 */
export function* bandRows(params: Params, options: { shouldStop?: () => boolean; replicas?: number } = {}): Generator<IndexedRow, TheoryBand | null, void> {
  const count = options.replicas ?? bandReplicas;
  const results: DmftResult[] = [];
  for (let index = 0; index < count; index++) {
    const result = yield* dmftRows(replicaParams(params, index), { shouldStop: options.shouldStop });
    if (options.shouldStop?.()) return null;
    results.push(result);
  }
  const replicaSamples = results[0].params.samples;
  const summary = summarizeSeeds(results.map((result) => ({ t: result.table.t, values: result.table, length: result.table.t.length, diverged: result.diverged })));
  const scale = Math.sqrt(count) * Math.sqrt(replicaSamples / params.samples);
  const standardError = Object.fromEntries(valueNames.map((name) => [name, summary.standardError[name].map((se) => se * scale)])) as Record<ValueName, Float64Array>;
  return { t: summary.t, standardError, replicas: count, replicaSamples };
}
