import { describe, expect, it } from 'vitest';
import { sigmoid } from '../../../src/core/models/logistic';
import { squaredHinge } from '../../../src/core/models/squaredHinge';
import { defaultParams, type Params } from '../../../src/core/params';
import { overlapPairs, pairReference } from '../reference';

describe('Gaussian rules of the squared hinge, against Simpson references', () => {
  for (const beta of [1, 8, Infinity]) {
    const params: Params = { ...defaultParams, model: 'squared-hinge', beta };
    const p = (z: number): number => (beta === Infinity ? (z >= 0 ? 1 : 0) : sigmoid(beta * z));
    it(`β = ${beta}: test loss, and the label-score mean`, () => {
      for (const [q, m] of overlapPairs) {
        // The inner integrand has kinks at ω = ±1: Simpson split there.
        const loss = pairReference(q, m, (z, w) => p(z) * squaredHinge.loss(w, 1) + (1 - p(z)) * squaredHinge.loss(w, -1), [-1, 1]);
        expect(Math.abs(squaredHinge.testLoss(q, m, params) - loss), `loss q=${q} m=${m}`).toBeLessThan(1e-6);
        if (beta === Infinity) continue;
        const score = pairReference(q, m, (z, w) => {
          let total = 0;
          for (const y of [1, -1]) total += sigmoid(beta * y * z) * squaredHinge.lossDerivative(w, y) * squaredHinge.labelScore!(y, z, params);
          return total;
        }, [-1, 1]);
        expect(Math.abs(squaredHinge.fieldScoreMean!(q, m, params) - score), `score q=${q} m=${m}`).toBeLessThan(1e-6);
      }
    });
  }
});
