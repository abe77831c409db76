import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../../src/core/math/gaussian';
import { glmModel } from '../../../src/core/models';
import { sigmoid } from '../../../src/core/models/logistic';
import { defaultParams, type Params } from '../../../src/core/params';

describe('label averages of the classifiers sum the label law exactly', () => {
  it('logistic, probit and squared hinge', () => {
    const out = new Float64Array(2);
    for (const id of ['logistic', 'probit', 'squared-hinge'] as const) {
      const model = glmModel(id);
      const params: Params = { ...defaultParams, model: id, beta: 2 };
      const p = (z: number): number => (id === 'probit' ? normalCdf(2 * z) : sigmoid(2 * z));
      for (const [r, z] of [[0.4, -1.1], [-2, 0.3]]) {
        model.labelAverages(r, z, params, out);
        const plus = model.lossDerivative(r, 1);
        const minus = model.lossDerivative(r, -1);
        expect(out[0]).toBeCloseTo(p(z) * plus + (1 - p(z)) * minus, 14);
        expect(out[1]).toBeCloseTo(p(z) * plus * plus + (1 - p(z)) * minus * minus, 14);
      }
    }
  });

  it("to the bits of ℓ' at both labels (the logistic's one-exponential labelForces included), with p(r*) remembered across the calls at one r* only", () => {
    const out = new Float64Array(2);
    for (const id of ['logistic', 'probit', 'squared-hinge'] as const) {
      const model = glmModel(id);
      // r* outer, β inner: consecutive calls at one r* with another β, and at another r* with one β.
      for (const z of [-1.3, 0, 0.7]) {
        for (const beta of [0.5, 2, Infinity]) {
          const params: Params = { ...defaultParams, model: id, beta };
          const p = beta === Infinity ? (z >= 0 ? 1 : 0) : id === 'probit' ? normalCdf(beta * z) : sigmoid(beta * z);
          // Many margins at one r* (as pairMoments' inner rule), every margin sign and the clamp of e^{−|r|} among them.
          for (const r of [-800, -3.2, -0.5, -0, 0, 1e-9, 0.5, 2.75, 800]) {
            model.labelAverages(r, z, params, out);
            const plus = model.lossDerivative(r, 1);
            const minus = model.lossDerivative(r, -1);
            expect(out[0], `${id} β ${beta} r* ${z} r ${r}`).toBe(p * plus + (1 - p) * minus);
            expect(out[1], `${id} β ${beta} r* ${z} r ${r}`).toBe(p * plus * plus + (1 - p) * minus * minus);
          }
        }
      }
    }
  });
});
