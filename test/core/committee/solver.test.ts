/**
 * Contract of the committee DMFT solver (src/core/committee/solver.ts): determinism per seed, the relabelling
 * group it derives from the setup (theory.md §10.4 step 7), streaming and stopping, divergence, refused input.
 * Small N: these are properties, not accuracy checks (those are committeeDmft.test.ts and committeeReduction.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { committeeDefaults, type CommitteeParams } from '../../../src/core/committee/config';
import { committeeRows, solveCommittee } from '../../../src/core/committee/solver';
import { relabellingGroup } from '../../../src/core/committee/symmetrize';

const small: CommitteeParams = { ...committeeDefaults, samples: 2000, responseSamples: 200, horizon: 2 };

function matrix(row: Record<string, number>, prefix: string, rows: number, columns: number): number[] {
  const values: number[] = [];
  for (let a = 1; a <= rows; a++) for (let b = 1; b <= columns; b++) values.push(row[`${prefix}_${a}_${b}`]);
  return values;
}

function spread(values: number[]): number {
  return Math.max(...values) - Math.min(...values);
}

describe('committee DMFT solver', () => {
  it('is deterministic for a seed, and another seed gives another Monte-Carlo estimate', () => {
    const first = solveCommittee(small).rows;
    const again = solveCommittee(small).rows;
    const other = solveCommittee({ ...small, seed: small.seed + 1 }).rows;
    expect(again).toEqual(first);
    expect(other[other.length - 1].trainLoss).not.toBe(first[first.length - 1].trainLoss);
  });

  it('derives the relabelling group from M0 and C_00', () => {
    const zero = new Float64Array(4);
    const identity2 = [0.25, 0, 0, 0.25];
    expect(relabellingGroup(2, 2, zero, identity2)).toHaveLength(4); // M0 = 0: every (π, π*)
    expect(relabellingGroup(2, 2, [0.03, 0, 0, 0.03], identity2)).toHaveLength(2); // M0 = εI: joint π = π*
    expect(relabellingGroup(2, 3, [0.03, 0, 0, 0, 0.03, 0], identity2)).toHaveLength(2); // π* swaps the planted pair, fixes the third
    expect(relabellingGroup(2, 3, [0.3, -0.1, 0, 0.05, 0.2, -0.25], identity2)).toHaveLength(1); // case (iv): none
    expect(relabellingGroup(3, 1, [0, 0, 0], [1, 0, 0, 0, 1, 0, 0, 0, 1])).toHaveLength(6);
  });

  it('symmetrized (M0 = 0) keeps every M_ab equal and the diagonal of q equal; unsymmetrized it does not', () => {
    const symmetric = solveCommittee(small);
    const raw = solveCommittee(small, { symmetrize: false });
    expect(symmetric.relabellings).toBe(4);
    expect(raw.relabellings).toBe(1);
    const last = symmetric.rows[symmetric.rows.length - 1];
    const rawLast = raw.rows[raw.rows.length - 1];
    const size = Math.abs(last.mMean);
    expect(spread(matrix(last, 'M', 2, 2))).toBeLessThan(1e-12 * size);
    expect(Math.abs(last.q_1_1 - last.q_2_2)).toBeLessThan(1e-12 * size);
    expect(spread(matrix(rawLast, 'M', 2, 2))).toBeGreaterThan(1e-6 * size);
  });

  it('streams rows 0..K as they are computed and stops when asked', () => {
    let polls = 0;
    const result = solveCommittee(small, { shouldStop: () => ++polls > 5 });
    expect(result.rows.map((row) => row.t)).toEqual([0, 0.1, 0.2, 0.3, 0.4].map((t) => expect.closeTo(t, 12)));
    const generator = committeeRows(small);
    const first = generator.next();
    expect(first.done).toBe(false);
    if (!first.done) expect(first.value.k).toBe(0);
  });

  it('reports a divergence (|q| > 10⁸) with its time and keeps the finite rows', () => {
    // (1 − λΔt) = −2: q grows fourfold per step.
    const result = solveCommittee({ ...small, ridge: 1, step: 3, horizon: 150 });
    expect(result.diverged).not.toBeNull();
    expect(result.diverged!.at).toBeGreaterThan(0);
    expect(result.diverged!.at).toBeLessThan(150);
    for (const row of result.rows) expect(Math.abs(row.qDiag)).toBeLessThanOrEqual(1e8);
    expect(result.rows[result.rows.length - 1].t).toBeLessThan(result.diverged!.at);
  });

  it('refuses σ₀ = 0, p = 0 and the one-pass limit', () => {
    expect(() => solveCommittee({ ...small, initScale: 0 })).toThrow(/σ₀/);
    expect(() => solveCommittee({ ...small, hidden: 0 })).toThrow(/hidden/);
    expect(() => solveCommittee({ ...small, theoryAlgorithm: 'online' })).toThrow(/one-pass/);
  });
});
