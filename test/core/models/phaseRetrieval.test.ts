import { describe, expect, it } from 'vitest';
import { expectNormal } from '../../../src/core/math/gaussian';
import { phaseRetrieval } from '../../../src/core/models/phaseRetrieval';
import { defaultParams, validateParams, type Params } from '../../../src/core/params';
import { overlapPairs, pairReference } from '../reference';

describe('phase retrieval', () => {
  const params: Params = { ...defaultParams, model: 'phase-retrieval', labelNoise: 0.3, initScale: 0.5, initOverlap: 0.1 };
  it('test loss (Isserlis) against Simpson, label averages against Gauss–Hermite over the label noise', () => {
    for (const [q, m] of overlapPairs) {
      const reference = pairReference(q, m, (z, w) => 0.25 * ((w * w - z * z) ** 2 + 0.09));
      expect(Math.abs(phaseRetrieval.testLoss(q, m, params) - reference), `q=${q} m=${m}`).toBeLessThan(1e-9);
    }
    const out = new Float64Array(2);
    for (const [r, z] of [[0.4, -1.1], [2, 0.3]]) {
      phaseRetrieval.labelAverages(r, z, params, out);
      expect(out[0]).toBeCloseTo(expectNormal((e) => phaseRetrieval.lossDerivative(r, z * z + 0.3 * e), 16), 12);
      expect(out[1]).toBeCloseTo(expectNormal((e) => phaseRetrieval.lossDerivative(r, z * z + 0.3 * e) ** 2, 16), 12);
    }
  });
  it('the validator asks for a planted overlap and σ₀ > 0, by name', () => {
    expect(validateParams(params).ok).toBe(true);
    const flat = validateParams({ ...params, initOverlap: 0, initScale: 0 });
    expect(flat.ok).toBe(false);
    if (!flat.ok) {
      expect(flat.problems.map((problem) => problem.name).sort()).toEqual(['initOverlap', 'initScale']);
      expect(flat.problems[0].message).toMatch(/m = 0 never moves/);
    }
  });
});
