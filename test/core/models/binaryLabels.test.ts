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
});
