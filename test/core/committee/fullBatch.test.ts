import { describe, expect, it } from 'vitest';
import { committeeDefaults, type CommitteeParams } from '../../../src/core/committee/config';
import { createCommitteeDataset } from '../../../src/core/committee/dataset';
import { createCommitteeGdStepper, createCommitteeSgfStepper } from '../../../src/core/committee/fullBatch';
import { createCommitteeSgdStepper } from '../../../src/core/committee/sgd';
import { committeeSeriesNames } from '../../../src/core/committee/series';
import { runCommitteeSeed } from '../../../src/core/committee/simulate';

describe('committee full-batch limits', () => {
  const params: CommitteeParams = { ...committeeDefaults, dim: 200, horizon: 1, batchFraction: 1 };
  it('SGF and SGD at b = 1 are gradient descent to the last bit', () => {
    const gd = runCommitteeSeed(params, 'gd', 0).table;
    for (const [algorithm, sampling] of [['sgf', 'uniform'], ['sgd', 'uniform'], ['sgd', 'epoch']] as const) {
      const table = runCommitteeSeed({ ...params, sampling }, algorithm, 0).table;
      for (const name of committeeSeriesNames(2, 2)) expect(table[name]).toEqual(gd[name]);
    }
  });

  it('the full-batch step and train loss equal a plain double-loop evaluation of h(1/α) XᵀF and (1/n) Σ ℓ', () => {
    // (A finite-difference check of the loss is limited to ~1e-6 here: erf's value comes from a 1.2e-7-accurate erfc, its slope is exact.)
    const small: CommitteeParams = { ...committeeDefaults, dim: 40, teacherHidden: 3, initOverlap: 0.3 };
    const dataset = createCommitteeDataset(small, 0);
    const { d, n, p, pStar, features, labels, teacherFields, committee } = dataset;
    const gd = createCommitteeGdStepper(small, dataset);
    const start = Float64Array.from(gd.weights);
    const trainLoss = gd.evaluate(true);
    gd.step();
    const terms = committee.createTerms();
    const field = new Float64Array(p);
    const increment = new Float64Array(p * d);
    let lossSum = 0;
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < p; a++) {
        field[a] = 0;
        for (let j = 0; j < d; j++) field[a] += features[i * d + j] * start[a * d + j];
      }
      committee.sampleTerms(field, 0, labels[i], teacherFields, i * pStar, terms);
      lossSum += terms.loss;
      for (let a = 0; a < p; a++) for (let j = 0; j < d; j++) increment[a * d + j] += (small.step * d * terms.force[a] * features[i * d + j]) / n;
    }
    expect(Math.abs(trainLoss - lossSum / n)).toBeLessThan(1e-13);
    const shrink = 1 - small.ridge * small.step;
    for (let j = 0; j < p * d; j++) expect(Math.abs(gd.weights[j] - (shrink * start[j] - increment[j]))).toBeLessThan(1e-13);
  });

  it.each(['sgf', 'sgd'] as const)('%s: one noise per sample, shared by its units: two equal columns stay equal to the bit', (algorithm) => {
    const small: CommitteeParams = { ...committeeDefaults, dim: 60 };
    const dataset = createCommitteeDataset(small, 0);
    const stepper = algorithm === 'sgf' ? createCommitteeSgfStepper(small, dataset, 0) : createCommitteeSgdStepper(small, dataset, 0);
    const d = small.dim;
    stepper.weights.copyWithin(d, 0, d); // θ² = θ¹: units are exchangeable, so only unit-specific noise could split them
    const before = Float64Array.from(stepper.weights);
    for (let k = 0; k < 20; k++) {
      stepper.evaluate(true);
      stepper.step();
    }
    expect(stepper.weights.subarray(d, 2 * d)).toEqual(stepper.weights.subarray(0, d));
    expect(stepper.weights).not.toEqual(before);
  });
});
