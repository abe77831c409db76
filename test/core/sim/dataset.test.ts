import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../src/core/params';
import { createDataset } from '../../../src/core/sim/dataset';
import { runSeed } from '../../../src/core/sim/simulate';

describe('simulators', () => {
  it('start from θ(0) = σ₀ g + ε θ* with g ⊥ θ* and |g|² = d: q(0) = σ₀² + ε² and m(0) = ε exactly', () => {
    const params: Params = { ...defaultParams, model: 'phase-retrieval', dim: 300, alpha: 1, initScale: 0.5, initOverlap: 0.2 };
    for (const seedIndex of [0, 1]) {
      const data = createDataset(params, seedIndex);
      const q = data.initialWeights.reduce((sum, x) => sum + x * x, 0) / data.d;
      const m = data.initialWeights.reduce((sum, x, j) => sum + x * data.teacher[j], 0) / data.d;
      expect(q).toBeCloseTo(0.25 + 0.04, 12);
      expect(m).toBeCloseTo(0.2, 12);
    }
    // The DMFT starts from the same point.
    for (const algorithm of ['gd', 'online'] as const) {
      const run = runSeed({ ...params, batchFraction: 1, step: 0.05, horizon: 0.1 }, algorithm, 0);
      expect(run.table.q[0]).toBeCloseTo(0.29, 12);
      expect(run.table.m[0]).toBeCloseTo(0.2, 12);
    }
  });
});

/** Small and fast unless a test needs more. */
function smallParams(overrides: Partial<Params> = {}): Params {
  return { ...defaultParams, dim: 60, alpha: 2, horizon: 2, step: 0.1, seeds: 2, ...overrides };
}

describe('dataset', () => {
  it('is a deterministic function of (seed, seedIndex) and differs across seed indices', () => {
    const params = smallParams();
    const a = createDataset(params, 0);
    const b = createDataset(params, 0);
    const c = createDataset(params, 1);
    expect(a.features).toEqual(b.features);
    expect(a.teacher).toEqual(b.teacher);
    expect(a.labels).toEqual(b.labels);
    expect(a.features).not.toEqual(c.features);
    expect(a.teacher).not.toEqual(c.teacher);
    expect(createDataset({ ...params, seed: 2 }, 0).features).not.toEqual(a.features);
  });

  it('has n = αd rows of variance 1/d, a unit teacher, labels from the teacher field, θ(0) = σ₀g', () => {
    const params = smallParams({ model: 'linear', labelNoise: 0, dim: 200, alpha: 1.5, initScale: 0.5 });
    const data = createDataset(params, 0);
    expect(data.n).toBe(300);
    expect(data.sampleRatio).toBe(1.5);
    expect(data.features.length).toBe(300 * 200);
    let squares = 0;
    for (const x of data.features) squares += x * x;
    // 60000 entries of variance 1/d: d × mean square is 1 with sd √(2/60000) ≈ 0.006; allow 5 sd.
    expect(Math.abs((200 * squares) / data.features.length - 1)).toBeLessThan(5 * Math.sqrt(2 / 60000));
    const teacherSquares = data.teacher.reduce((s, x) => s + x * x, 0) / 200;
    expect(Math.abs(teacherSquares - 1)).toBeLessThan(0.35); // χ²_200/200 has sd 0.1
    for (const i of [0, 17, 299]) {
      let field = 0;
      for (let j = 0; j < 200; j++) field += data.features[i * 200 + j] * data.teacher[j];
      expect(data.labels[i]).toBeCloseTo(field, 12); // σ_ε = 0: y = r*
    }
    const initSquares = data.initialWeights.reduce((s, x) => s + x * x, 0) / 200;
    expect(Math.abs(initSquares - 0.25)).toBeLessThan(0.1);
    expect(createDataset({ ...params, initScale: 0 }, 0).initialWeights.every((x) => x === 0)).toBe(true);
  });

  it('gives the sign teacher ±1 labels equal to sign(r*)', () => {
    const params = smallParams({ model: 'logistic', beta: Infinity });
    const data = createDataset(params, 3);
    for (let i = 0; i < data.n; i++) {
      let field = 0;
      for (let j = 0; j < data.d; j++) field += data.features[i * data.d + j] * data.teacher[j];
      expect(data.labels[i]).toBe(field >= 0 ? 1 : -1);
    }
  });
});
