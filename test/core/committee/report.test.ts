import { describe, expect, it } from 'vitest';
import { committeeDefaults, type CommitteeParams } from '../../../src/core/committee/config';
import { reportFromCommitteeSimulation, formatCommitteeReport } from '../../../src/core/committee/report';
import { simulateCommittee } from '../../../src/core/committee/simulate';

describe('committee export (the CLI schema of report.ts)', () => {
  it('JSON and CSV carry t, the losses, the summaries, q_a_b, M_a_b and their standard errors, in that order', () => {
    const params: CommitteeParams = { ...committeeDefaults, hidden: 1, teacherHidden: 3, dim: 100, horizon: 0.5, seeds: 2 };
    const summary = simulateCommittee(params, 'sgd');
    const report = reportFromCommitteeSimulation(summary);
    const json = JSON.parse(formatCommitteeReport(report, 'json')) as Record<string, unknown>;
    const series = ['t', 'trainLoss', 'testLoss', 'qDiag', 'qOff', 'mMean', 'mRms', 'q_1_1', 'M_1_1', 'M_1_2', 'M_1_3'];
    const columns = [...series, ...series.slice(1).map((name) => `${name}Se`)];
    expect(Object.keys(json)).toEqual(['params', 'about', ...columns, 'diverged']);
    expect(json.t).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(json.M_1_3).toEqual(summary.table.M_1_3);
    expect(json.q_1_1Se).toEqual(summary.standardErrors.q_1_1Se);
    expect(json.qOff).toEqual(summary.table.t.map(() => null)); // no off-diagonal for p = 1: NaN → null
    expect((json.params as CommitteeParams).teacherHidden).toBe(3);
    const csv = formatCommitteeReport(report, 'csv').trim().split('\n');
    expect(csv[0].split(',')).toEqual(columns);
    expect(csv).toHaveLength(1 + summary.table.t.length);
    expect(Number(csv[3].split(',')[columns.indexOf('M_1_2')])).toBe(summary.table.M_1_2[2]);
  });
});
