/**
 * p = p* = 1 reduction of the committee DMFT (theory.md §10.3: "p = p* = 1 reproduces sections 4–5"). With the
 * identity activation a one-unit committee is exactly the scalar solver's linear model: ŷ = r, y = r* + σ_ε ε,
 * ℓ = (r − y)²/2. The block solver (Gram Q, pathwise Γ, forward-tangent Γ*, active-column Cholesky) and the
 * scalar solver (dmft/solver.ts: exact linear response or pathwise, its own Q and Γ*) share no estimator, so
 * agreement within their Monte-Carlo errors (spread of independent solves, measured here) checks the block
 * code path at p = 1, for the SGF, gradient descent and the SGD theory with uniform and epoch batches.
 * (No erf single-index model exists in the scalar solver, so erf's p = 1 is covered by the p = 2 cases only.)
 * CPU: 40 solves at N = 10⁴, K = 50 (~10 s).
 */
import { describe, expect, it } from 'vitest';
import { type Activation } from '../../src/core/committee/activation';
import { committeeDefaults, type CommitteeParams } from '../../src/core/committee/config';
import { solveCommittee } from '../../src/core/committee/solver';
import { solveDmft } from '../../src/core/dmft/solver';
import { defaultParams, type Params } from '../../src/core/params';
import { estimate, rowAt } from './agreement';

const identity: Activation = {
  id: 'erf', // unused: the id only names the activation in help texts
  formula: 'x',
  value: (x) => x,
  slope: () => 1,
  curvature: () => 0,
  pairMoment: (A) => A,
};

const zLimit = 4;
const replicas = 5;
/** Relative rounding of the solvers' single-precision row storage (float32: 6·10⁻⁸), with margin for the sums. */
const roundingFloor = 1e-6;
const shared = { alpha: 2, batchFraction: 0.1, step: 0.1, ridge: 0.01, horizon: 5, initScale: 0.5, initOverlap: 0.2, labelNoise: 0.5, samples: 10_000, responseSamples: 1000, seed: 3 };

const cases: { name: string; scalar: Partial<Params>; block: Partial<CommitteeParams> }[] = [
  { name: 'SGF', scalar: { theoryAlgorithm: 'sgf' }, block: { theoryAlgorithm: 'sgf' } },
  { name: 'gradient descent', scalar: { theoryAlgorithm: 'gd', batchFraction: 1 }, block: { theoryAlgorithm: 'gd', batchFraction: 1 } },
  { name: 'SGD theory, uniform batches', scalar: { theoryAlgorithm: 'sgd', sampling: 'uniform' }, block: { theoryAlgorithm: 'sgd', sampling: 'uniform' } },
  { name: 'SGD theory, epoch shuffling', scalar: { theoryAlgorithm: 'sgd', sampling: 'epoch' }, block: { theoryAlgorithm: 'sgd', sampling: 'epoch' } },
];

const pairs = [
  ['trainLoss', 'trainLoss'],
  ['testLoss', 'testLoss'],
  ['q', 'q_1_1'],
  ['m', 'M_1_1'],
] as const;

describe('committee DMFT at p = p* = 1 with the identity activation = the scalar solver on the linear model', () => {
  it.each(cases)('$name', ({ name, scalar, block }) => {
    const scalarTables = Array.from({ length: replicas }, (_, i) => solveDmft({ ...defaultParams, model: 'linear', ...shared, ...scalar, seed: shared.seed + 100 * i }).table);
    const blockRuns = Array.from({ length: replicas }, (_, i) =>
      solveCommittee({ ...committeeDefaults, hidden: 1, teacherHidden: 1, ...shared, ...block, seed: shared.seed + 100 * i + 7 }, { activation: identity }),
    );
    let worst = 0;
    const lines: string[] = [];
    for (const t of [1, 3, 5]) {
      for (const [scalarName, blockName] of pairs) {
        const a = estimate(scalarTables.map((table) => table[scalarName][rowAt(table, t)]));
        const b = estimate(blockRuns.map((run) => run.rows.find((row) => Math.abs(row.t - t) < 1e-9)![blockName]));
        // Where both are deterministic (m for gradient descent: Γ, Γ* exact), the rounding of single-precision stored rows.
        const z = (b.mean - a.mean) / Math.max(Math.hypot(a.standardError, b.standardError), roundingFloor * Math.abs(a.mean));
        worst = Math.max(worst, Math.abs(z));
        lines.push(`t=${t} ${scalarName.padEnd(9)} scalar ${a.mean.toPrecision(5)} ± ${a.standardError.toPrecision(2)}  block ${b.mean.toPrecision(5)} ± ${b.standardError.toPrecision(2)}  z ${z.toFixed(2)}`);
      }
    }
    console.log(`${name}:\n  ${lines.join('\n  ')}`);
    expect(worst).toBeLessThan(zLimit);
  });
});
