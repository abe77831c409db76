import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../src/core/params';
import { divergenceThreshold } from '../../../src/core/series';
import { linearExactProblems, solveLinearExact, spectralMeasure, stabilityRatio } from '../../../src/core/theory/linearExact';

const linearBase: Params = { ...defaultParams, model: 'linear', labelNoise: 0.5 };

function at(table: Record<string, number[]>, name: string, t: number): number {
  const k = table.t.findIndex((value) => Math.abs(value - t) < 1e-9);
  if (k < 0) throw new Error(`no row at t = ${t}`);
  return table[name][k];
}

/** Agreement with a printed value to ±1 in its last printed digit. */
function expectPrinted(actual: number, printed: string): void {
  const decimals = printed.split('.')[1]?.length ?? 0;
  const unit = 10 ** -decimals;
  expect(Math.abs(actual - Number(printed))).toBeLessThanOrEqual(unit * (1 + 1e-9));
}

describe('spectral measure dμ = ν ρ_MP dν', () => {
  it('has mass 1 and first moment 1 + 1/α', () => {
    for (const alpha of [0.1, 0.7, 1, 2, 10]) {
      const { nu, weight } = spectralMeasure(alpha, 200);
      let mass = 0;
      let moment = 0;
      for (let i = 0; i < nu.length; i++) {
        mass += weight[i];
        moment += weight[i] * nu[i];
      }
      expect(mass).toBeCloseTo(1, 12);
      expect(moment).toBeCloseTo(1 + 1 / alpha, 12);
    }
  });
});

describe('theory.md §8 reference table (Δt = h unless continuous; σ_ε = 0.5)', () => {
  const first: Partial<Params> = { alpha: 2, batchFraction: 0.1, step: 0.1, ridge: 0.01, horizon: 6 };
  const small: Partial<Params> = { alpha: 0.7, batchFraction: 0.2, step: 0.2, ridge: 0, horizon: 4 };
  const gradientDescent: Partial<Params> = { ...first, batchFraction: 1 };
  const printedNames = ['trainLoss', 'testLoss', 'q', 'm'] as const;
  // The table's rows: case, parameters, continuous, t, and the printed trainLoss, testLoss, q, m.
  const rows: [string, Partial<Params>, boolean, number, ...string[]][] = [
    ['α=2, b=0.1, h=0.1, λ=0.01', first, false, 1, '0.1915', '0.3259', '0.5228', '0.5605'],
    ['same', first, false, 6, '0.0879', '0.2398', '1.0579', '0.9142'],
    ['same, continuous (Δt → 0)', first, true, 6, '0.0859', '0.2379', '1.0508', '0.9124'],
    ['α=0.7, b=0.2, h=0.2, λ=0', small, false, 4, '0.1073', '0.4785', '0.9209', '0.6070'],
    ['gradient descent α=2, λ=0.01, h=0.1', gradientDescent, false, 6, '0.0663', '0.2184', '1.0152', '0.9142'],
  ];
  for (const [label, params, continuous, t, ...printed] of rows) {
    it(`${label}${continuous ? ' (continuous)' : ''}, t = ${t}`, () => {
      const { table, diverged } = solveLinearExact({ ...linearBase, ...params }, { continuous });
      expect(diverged).toBeNull();
      printedNames.forEach((name, column) => expectPrinted(at(table, name, t), printed[column]));
    });
  }

  it('§8 prose: at α=0.7, b=0.2, h=0.2 the train loss at t=1 is 0.39 (Δt = h) and 0.195 (continuous)', () => {
    const params = { ...linearBase, alpha: 0.7, batchFraction: 0.2, step: 0.2, ridge: 0, horizon: 1 };
    expectPrinted(at(solveLinearExact(params).table, 'trainLoss', 1), '0.39');
    expectPrinted(at(solveLinearExact(params, { continuous: true }).table, 'trainLoss', 1), '0.195');
  });
});

describe('solveLinearExact', () => {
  const params = { ...linearBase, alpha: 2, batchFraction: 0.1, step: 0.1, ridge: 0.01, horizon: 6 };

  it('fills the grid t_k = kΔt, k = 0..K, with NaN error columns and consistent derived series', () => {
    const { table } = solveLinearExact({ ...params, dt: 0.05 });
    expect(table.t.length).toBe(121);
    expect(table.t[120]).toBeCloseTo(6, 12);
    expect(table.trainLoss[0]).toBeCloseTo(0.5 * (1 + 0.25), 14);
    expect(table.q[0]).toBe(0);
    expect(table.m[0]).toBe(0);
    for (let k = 0; k < table.t.length; k++) {
      expect(table.trainError[k]).toBeNaN();
      expect(table.testError[k]).toBeNaN();
      expect(table.testLoss[k]).toBeCloseTo(0.5 * (table.q[k] - 2 * table.m[k] + 1 + 0.25), 12);
      if (k > 0) expect(table.cosine[k]).toBeCloseTo(table.m[k] / Math.sqrt(table.q[k]), 12);
    }
  });

  it('the discrete chain tends to the continuous SGF as Δt → 0, at first order', () => {
    const continuous = solveLinearExact(params, { continuous: true }).table;
    const gaps = [0.01, 0.001].map((dt) => {
      const discrete = solveLinearExact({ ...params, dt }).table;
      return Math.abs(at(discrete, 'trainLoss', 6) - at(continuous, 'trainLoss', 6)) + Math.abs(at(discrete, 'q', 6) - at(continuous, 'q', 6));
    });
    expect(gaps[1]).toBeLessThan(gaps[0] / 5);
    expect(gaps[1]).toBeLessThan(2e-4);
  });

  it('the continuous solution is converged in quadrature nodes and sub-steps (to 1e-6)', () => {
    const reference = solveLinearExact(params, { continuous: true, nodes: 2048, subSteps: 200 }).table;
    const standard = solveLinearExact(params, { continuous: true }).table;
    for (const name of ['trainLoss', 'q', 'm'] as const) {
      for (let k = 0; k < reference.t.length; k++) expect(Math.abs(standard[name][k] - reference[name][k])).toBeLessThan(1e-6);
    }
  });

  it('refuses parameters §8 does not cover', () => {
    expect(linearExactProblems(linearBase)).toEqual([]);
    expect(linearExactProblems({ ...linearBase, model: 'logistic' })).toHaveLength(1);
    expect(linearExactProblems({ ...linearBase, initScale: 0.5 })).toHaveLength(1);
    expect(() => solveLinearExact({ ...linearBase, initScale: 0.5 })).toThrow(RangeError);
    expect(() => solveLinearExact({ ...linearBase, model: 'logistic' })).toThrow(/linear/);
  });
});

describe('stability criterion G = (κ²/α) ∫ ν/(2A) dμ (continuous SGF, α = 2, λ = 0, σ_ε = 0.5)', () => {
  // At λ = 0, G = κ²/(2α); κ² = h(1 − b)/b. L_GF(∞) = σ_ε²(1 − 1/α)/2 = 0.0625 for α = 2.
  const stable = { ...linearBase, alpha: 2, ridge: 0, step: 1, batchFraction: 1 / 3, horizon: 200, dt: 0.1 }; // κ² = 2, G = 0.5
  const unstable = { ...stable, batchFraction: 1 / 7 }; // κ² = 6, G = 1.5

  it('G matches κ²/(2α) at λ = 0', () => {
    expect(stabilityRatio(stable, { continuous: true })).toBeCloseTo(0.5, 10);
    expect(stabilityRatio(unstable, { continuous: true })).toBeCloseTo(1.5, 10);
  });

  it('G > 1 diverges: the valid prefix is kept and diverged.at is set', () => {
    const { table, diverged } = solveLinearExact(unstable, { continuous: true });
    expect(diverged).not.toBeNull();
    const last = table.t.length - 1;
    expect(diverged!.at).toBeCloseTo(table.t[last] + 0.1, 9);
    expect(diverged!.at).toBeLessThan(200);
    for (let k = 0; k <= last; k++) expect(Math.abs(table.trainLoss[k])).toBeLessThanOrEqual(divergenceThreshold);
    expect(table.trainLoss[last]).toBeGreaterThan(1e4); // it was running away before the cut
  });

  it('G < 1 stays bounded and L(∞) = L_GF(∞)/(1 − G)', () => {
    const { table, diverged } = solveLinearExact(stable, { continuous: true });
    expect(diverged).toBeNull();
    expect(table.t[table.t.length - 1]).toBeCloseTo(200, 9);
    expect(Math.max(...table.trainLoss)).toBeLessThan(1);
    expect(at(table, 'trainLoss', 200)).toBeCloseTo(0.0625 / (1 - 0.5), 6);
  });

  it('the discrete chain has its own ratio G_Δt = (κ²/α) ∫ ν/(A(2 − ΔtA)) dμ with the same limit law', () => {
    const params = { ...linearBase, alpha: 2, ridge: 0, step: 0.2, batchFraction: 0.2 / 2.2, horizon: 200 }; // κ² = 2
    const ratio = stabilityRatio(params);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(1);
    const { table, diverged } = solveLinearExact(params);
    expect(diverged).toBeNull();
    expect(at(table, 'trainLoss', 200)).toBeCloseTo(0.0625 / (1 - ratio), 6);
    const tooNoisy = { ...params, batchFraction: 0.2 / 6.2 }; // κ² = 6
    expect(stabilityRatio(tooNoisy)).toBeGreaterThan(1);
    expect(solveLinearExact(tooNoisy).diverged).not.toBeNull();
  });

  it('gradient descent past the edge of stability (Δt·A_max > 2) diverges in the discrete chain', () => {
    const params = { ...linearBase, alpha: 2, ridge: 0, step: 1, batchFraction: 1, horizon: 100 };
    expect(stabilityRatio(params)).toBe(Infinity);
    expect(solveLinearExact(params).diverged).not.toBeNull();
  });
});
