/**
 * Statistics of the committee DMFT for theory-versus-simulation tests (the committee counterpart of agreement.ts):
 * independent Monte-Carlo solves, and the mean ± s.e. of a committee series (committee/series.ts names) at a time.
 */
import type { CommitteeParams } from '../../src/core/committee/config';
import type { CommitteeRow } from '../../src/core/committee/series';
import { solveCommittee, type CommitteeSolveOptions, type CommitteeSolveResult } from '../../src/core/committee/solver';
import { estimate, type Estimate } from './agreement';

/** Independent solves (seeds params.seed + 1000·(i + 1)); every one must have run to the horizon. */
export function committeeTheoryReplicas(params: CommitteeParams, replicas: number, options: CommitteeSolveOptions = {}): CommitteeSolveResult[] {
  return Array.from({ length: replicas }, (_, index) => {
    const result = solveCommittee({ ...params, seed: params.seed + 1000 * (index + 1) }, options);
    if (result.diverged) throw new Error(`committee DMFT solve ${index} diverged at t = ${result.diverged.at}`);
    return result;
  });
}

/** The row at time t (on the solver's grid). */
export function committeeRowAt(rows: CommitteeRow[], t: number): CommitteeRow {
  let best = rows[0];
  for (const row of rows) if (Math.abs(row.t - t) < Math.abs(best.t - t)) best = row;
  return best;
}

/** Mean and standard error over the replicas of series `name` at time t. */
export function committeeTheoryEstimate(replicas: CommitteeSolveResult[], name: string, t: number): Estimate {
  return estimate(replicas.map((result) => committeeRowAt(result.rows, t)[name]));
}
