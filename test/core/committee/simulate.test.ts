import { describe, expect, it } from 'vitest';
import { committeeDefaults, type CommitteeParams } from '../../../src/core/committee/config';
import { committeeSeriesNames } from '../../../src/core/committee/series';
import { runCommitteeSeed, summarizeCommitteeRuns, type CommitteeSeedRun } from '../../../src/core/committee/simulate';
import { estimate } from '../../agreement/agreement';

describe('committee divergence and seed statistics', () => {
  it('a run whose step is far too large stops at its first non-finite or exploding row, keeping the rows before', () => {
    const run = runCommitteeSeed({ ...committeeDefaults, dim: 100, step: 40, horizon: 4000, ridge: -1 }, 'gd', 0);
    expect(run.diverged).not.toBeNull();
    expect(run.table.t.length).toBeGreaterThan(0);
    expect(run.table.t[run.table.t.length - 1]).toBeLessThan(run.diverged!.at);
    for (const value of run.table.q_1_1) expect(Number.isFinite(value)).toBe(true);
  });

  it('mean and standard error over seeds of every series, q_a_b and M_a_b included', () => {
    const params: CommitteeParams = { ...committeeDefaults, dim: 100, horizon: 1, seeds: 3 };
    const runs: CommitteeSeedRun[] = [0, 1, 2].map((seedIndex) => runCommitteeSeed(params, 'sgd', seedIndex));
    const summary = summarizeCommitteeRuns(params, 'sgd', runs);
    expect(summary.names).toEqual(committeeSeriesNames(2, 2));
    for (const name of ['trainLoss', 'M_2_1', 'qOff']) {
      const direct = estimate(runs.map((run) => run.table[name][7]));
      expect(summary.table[name][7]).toBeCloseTo(direct.mean, 14);
      expect(summary.standardErrors[`${name}Se`][7]).toBeCloseTo(direct.standardError, 14);
    }
  });
});
