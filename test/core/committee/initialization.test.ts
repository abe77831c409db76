import { describe, expect, it } from 'vitest';
import { committeeDefaults, type CommitteeParams } from '../../../src/core/committee/config';
import { drawCommitteeStart } from '../../../src/core/committee/initialization';
import { overlaps } from '../../../src/core/committee/observables';
import { runCommitteeSeed } from '../../../src/core/committee/simulate';
import { createRandom } from '../../../src/core/random';

describe('committee exact-Gram start (theory.md §10.1)', () => {
  it('Θ* is orthonormal, G ⊥ Θ*, and q(0) = σ₀² I + M0 M0ᵀ, M(0) = M0 to 1e-12 for a non-symmetric M0', () => {
    const d = 300;
    const p = 2;
    const pStar = 3;
    const initScale = 0.7;
    const M0 = [0.3, -0.1, 0, 0.05, 0.2, -0.25]; // case (iv) of §10.6
    const { teacher, initialWeights } = drawCommitteeStart(d, p, pStar, initScale, M0, createRandom(5, 2, 1));
    const rho = overlaps(teacher, teacher, d, pStar, pStar).q;
    for (let b = 0; b < pStar; b++) for (let c = 0; c < pStar; c++) expect(Math.abs(rho[b * pStar + c] - (b === c ? 1 : 0))).toBeLessThan(1e-12);
    const { q, M } = overlaps(initialWeights, teacher, d, p, pStar);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < pStar; b++) expect(Math.abs(M[a * pStar + b] - M0[a * pStar + b])).toBeLessThan(1e-12);
      for (let e = 0; e < p; e++) {
        let planted = a === e ? initScale ** 2 : 0;
        for (let b = 0; b < pStar; b++) planted += M0[a * pStar + b] * M0[e * pStar + b];
        expect(Math.abs(q[a * p + e] - planted)).toBeLessThan(1e-12);
      }
    }
  });

  it('every algorithm starts at the same (q, M) on the seed, and SGF and SGD share the dataset (same train loss at t = 0)', () => {
    const params: CommitteeParams = { ...committeeDefaults, dim: 200, horizon: 0.2, initOverlap: 0.2 };
    const runs = (['sgf', 'sgd', 'gd', 'online'] as const).map((algorithm) => runCommitteeSeed(params, algorithm, 3));
    const q0 = params.initScale ** 2 + params.initOverlap ** 2;
    for (const run of runs) {
      expect(Math.abs(run.table.q_1_1[0] - q0)).toBeLessThan(1e-12);
      expect(Math.abs(run.table.q_1_2[0])).toBeLessThan(1e-12);
      expect(Math.abs(run.table.M_1_1[0] - params.initOverlap)).toBeLessThan(1e-12);
      expect(Math.abs(run.table.M_1_2[0])).toBeLessThan(1e-12);
      expect(run.table.testLoss[0]).toBe(runs[0].table.testLoss[0]);
    }
    expect(runs[1].table.trainLoss[0]).toBe(runs[0].table.trainLoss[0]);
    expect(runs[2].table.trainLoss[0]).toBe(runs[0].table.trainLoss[0]);
    expect(runs[1].table.q_1_1[1]).not.toBe(runs[0].table.q_1_1[1]); // the algorithms do differ after one step
  });

  it('p ≠ p*: M(0) = ε on its first diagonal entry only, unit by unit (p = 3, p* = 1)', () => {
    const params: CommitteeParams = { ...committeeDefaults, hidden: 3, teacherHidden: 1, dim: 150, horizon: 0.1, initOverlap: 0.4 };
    const row = runCommitteeSeed(params, 'sgd', 0).table;
    expect(Math.abs(row.M_1_1[0] - 0.4)).toBeLessThan(1e-12);
    expect(Math.abs(row.M_2_1[0])).toBeLessThan(1e-12);
    expect(Math.abs(row.M_3_1[0])).toBeLessThan(1e-12);
    expect(Math.abs(row.q_1_1[0] - (0.25 + 0.16))).toBeLessThan(1e-12);
    expect(Math.abs(row.q_3_3[0] - 0.25)).toBeLessThan(1e-12);
    expect(Math.abs(row.q_2_3[0])).toBeLessThan(1e-12);
  });
});
