import { describe, expect, it } from 'vitest';
import { activationIds } from '../../../src/core/committee/activation';
import { Committee } from '../../../src/core/committee/committee';
import { createRandom } from '../../../src/core/random';

describe('committee machine', () => {
  const shape = { hidden: 2, teacherHidden: 3, activation: 'erf' as const, labelNoise: 0.1 };
  const committee = new Committee(shape);

  it('force, Hessian and teacher force are the derivatives of the loss', () => {
    const r = [0.3, -0.8];
    const rStar = [0.5, -0.2, 1.1];
    const y = committee.teacherOutput(rStar) + 0.05;
    const terms = committee.createTerms();
    committee.sampleTerms(r, 0, y, rStar, 0, terms);
    const step = 1e-5;
    const shifted = committee.createTerms();
    for (let a = 0; a < 2; a++) {
      const up = [...r];
      const down = [...r];
      up[a] += step;
      down[a] -= step;
      const lossUp = 0.5 * (committee.prediction(up) - y) ** 2;
      const lossDown = 0.5 * (committee.prediction(down) - y) ** 2;
      expect(terms.force[a]).toBeCloseTo((lossUp - lossDown) / (2 * step), 6);
      committee.sampleTerms(up, 0, y, rStar, 0, shifted);
      const forceUp = Array.from(shifted.force);
      committee.sampleTerms(down, 0, y, rStar, 0, shifted);
      for (let e = 0; e < 2; e++) expect(terms.hessian[e * 2 + a]).toBeCloseTo((forceUp[e] - shifted.force[e]) / (2 * step), 5);
    }
    for (let b = 0; b < 3; b++) {
      const up = [...rStar];
      const down = [...rStar];
      up[b] += step;
      down[b] -= step;
      // B = ∂f/∂r* through the label y = teacher output (+ fixed noise).
      committee.sampleTerms(r, 0, committee.teacherOutput(up) + 0.05, up, 0, shifted);
      const forceUp = Array.from(shifted.force);
      committee.sampleTerms(r, 0, committee.teacherOutput(down) + 0.05, down, 0, shifted);
      for (let a = 0; a < 2; a++) expect(terms.teacherForce[a * 3 + b]).toBeCloseTo((forceUp[a] - shifted.force[a]) / (2 * step), 5);
    }
  });

  it.each(activationIds)('%s: the test loss matches Monte Carlo over the Gaussian test pair within 4 s.e.', (id) => {
    const model = new Committee({ ...shape, activation: id });
    const q = [0.6, 0.2, 0.2, 0.9];
    const M = [0.3, -0.1, 0.2, 0.05, 0.4, -0.25];
    // (ω, r*) with Cov = [[q, M], [Mᵀ, I]]: r* standard, ω = Mr* + chol(q − MMᵀ) z.
    const conditional = [q[0] - (0.09 + 0.01 + 0.04), q[1] - (0.015 - 0.04 - 0.05), 0, q[3] - (0.0025 + 0.16 + 0.0625)];
    const l00 = Math.sqrt(conditional[0]);
    const l10 = conditional[1] / l00;
    const l11 = Math.sqrt(conditional[3] - l10 * l10);
    const random = createRandom(3, 98);
    const draws = 300_000;
    let sum = 0;
    let squares = 0;
    const rStar = new Float64Array(3);
    const omega = new Float64Array(2);
    for (let i = 0; i < draws; i++) {
      for (let b = 0; b < 3; b++) rStar[b] = random.normal();
      const z0 = random.normal();
      const z1 = random.normal();
      omega[0] = M[0] * rStar[0] + M[1] * rStar[1] + M[2] * rStar[2] + l00 * z0;
      omega[1] = M[3] * rStar[0] + M[4] * rStar[1] + M[5] * rStar[2] + l10 * z0 + l11 * z1;
      const loss = 0.5 * (model.prediction(omega) - model.sampleLabel(rStar, 0, random)) ** 2;
      sum += loss;
      squares += loss * loss;
    }
    const mean = sum / draws;
    const standardError = Math.sqrt((squares / draws - mean * mean) / draws);
    expect(Math.abs(model.testLoss(q, M) - mean)).toBeLessThan(4 * standardError);
  });
});
