/**
 * A model is one declaration in the registry: this test registers a toy model (log-cosh regression, a robust
 * square loss) in one place, and the validator, the URL codec, the CLI parser and --help, the DMFT solver and the
 * simulators take it with no other change. Its DMFT is checked against its finite-d SGF as in
 * glmVsSimulation.test.ts (|difference| ≤ 4 combined standard errors, 16 replicas and 16 seeds; a few seconds).
 */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args';
import { helpText } from '../../../src/cli/help';
import { resolveEstimator, solveDmft } from '../../../src/core/dmft/solver';
import { expectNormal } from '../../../src/core/math/gaussian';
import { getModel, modelIds, registerModel, type Model, glmModel, modelIds as registeredIds } from '../../../src/core/models';
import { defaultParams, validateParams, type ModelId, type Params } from '../../../src/core/params';
import { simulate } from '../../../src/core/sim/simulate';
import { decodeParamsQuery } from '../../../src/core/urlCodec';
import { compare, report, theoryEstimate, theoryReplicas } from '../../agreement/agreement';

/** log cosh x without overflow: |x| + log(1 + e^{−2|x|}) − log 2. */
function logCosh(x: number): number {
  const size = Math.abs(x);
  return size + Math.log1p(Math.exp(-2 * size)) - Math.LN2;
}

/** The residual r − y of the Gaussian test pair has variance q − 2m + 1 + σ_ε² (y = r* + σ_ε ε). */
function residualSpread(q: number, m: number, params: Params): number {
  return Math.sqrt(Math.max(0, q - 2 * m + 1 + params.labelNoise * params.labelNoise));
}

/** The toy: y = r* + σ_ε ε with the loss log cosh(r − y), ℓ' = tanh(r − y), ℓ'' = 1 − tanh². */
const logCoshRegression: Model = {
  id: 'log-cosh' as ModelId, // a model outside the built-in ids
  kind: 'glm',
  label: 'log-cosh regression',
  menuLabel: 'log-cosh (robust regression)',
  summary: 'y = r* + σ_ε ε; loss log cosh(r − y)',
  classifier: false,
  ownParameters: ['labelNoise'],
  exactResponse: false,
  exactTheory: false,
  needsInitialOverlap: false,
  loss: (r, y) => logCosh(r - y),
  lossDerivative: (r, y) => Math.tanh(r - y),
  lossCurvature: (r, y) => 1 - Math.tanh(r - y) ** 2,
  lossTerms: (r, y, out) => {
    const force = Math.tanh(r - y);
    out[0] = logCosh(r - y);
    out[1] = force;
    out[2] = 1 - force * force;
  },
  sampleLabel: (teacherField, random, params) => teacherField + params.labelNoise * random.normal(),
  labelScore: null, // the teacher response by Stein
  fieldScoreMean: null,
  marginErrorRate: null,
  testLoss: (q, m, params) => {
    const spread = residualSpread(q, m, params);
    return expectNormal((z) => logCosh(spread * z));
  },
  testError: () => Number.NaN,
  labelAverages: (r, teacherField, params, out) => {
    out[0] = expectNormal((z) => Math.tanh(r - teacherField - params.labelNoise * z));
    out[1] = expectNormal((z) => Math.tanh(r - teacherField - params.labelNoise * z) ** 2);
  },
  parameterProblems: () => [],
  teacherSteps: () => [],
  forceKinks: [],
};

registerModel(logCoshRegression);
const toy = logCoshRegression.id;

describe('a toy model registered in one place', () => {
  it('is a choice of the validator, the URL codec, the CLI parser and --help', () => {
    expect(modelIds).toContain(toy);
    expect(getModel(toy)).toBe(logCoshRegression);
    expect(validateParams({ ...defaultParams, model: toy }).ok).toBe(true);
    // Its capabilities decide: no exact response, so the estimator 'exact' is refused and 'auto' picks another.
    const exact = validateParams({ ...defaultParams, model: toy, estimator: 'exact' });
    expect(exact.ok).toBe(false);
    if (!exact.ok) expect(exact.problems[0].message).toBe('estimator exact exists only for the linear model');
    expect(resolveEstimator({ ...defaultParams, model: toy })).not.toBe('exact');

    expect(decodeParamsQuery(`model=${toy}&label-noise=0.3`)).toEqual({ params: { ...defaultParams, model: toy, labelNoise: 0.3 }, corrections: [] });
    const parsed = parseArgs(['theory', '--model', toy, '--label-noise', '0.3']);
    expect(parsed.ok && parsed.command !== 'help' && parsed.params).toEqual({ ...defaultParams, model: toy, labelNoise: 0.3 });
    const refused = parseArgs(['theory', '--model', 'tobit']);
    expect(refused.ok ? [] : refused.problems).toEqual([`--model "tobit": model must be one of ${modelIds.join(', ')}`]);
    expect(modelIds.at(-1)).toBe('log-cosh'); // registered last, after the built-ins
    const text = helpText();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`  ${toy} `));
    expect(line?.trim()).toMatch(/^log-cosh +/);
    expect(line?.endsWith(`  ${logCoshRegression.summary} (teacher: --label-noise)`)).toBe(true);
    expect(text).toContain(`--model <${modelIds.join(' | ')}>`);
    // The exact theory holds for the models that say so: linear-exact refuses the toy.
    const linearExact = parseArgs(['linear-exact', '--model', toy]);
    expect(linearExact.ok ? [] : linearExact.problems).toEqual([`linear-exact: the exact theory is for model linear only (got ${toy})`]);
  });

  it('runs through the DMFT solver and the SGF simulator, which agree within 4 standard errors', () => {
    const params: Params = { ...defaultParams, model: toy, labelNoise: 0.5, horizon: 3, samples: 10_000, responseSamples: 1000, dim: 400, seeds: 16 };
    const solve = solveDmft(params);
    expect(solve.diverged).toBeNull();
    expect(solve.table.t).toHaveLength(31);
    // At t = 0 (θ = 0) the train loss is the mean of log cosh y over the N labels, y ~ N(0, 1 + σ_ε²).
    const start = logCoshRegression.testLoss(0, 0, params);
    expect(Math.abs(solve.table.trainLoss[0] - start)).toBeLessThanOrEqual(4 * solve.trainLossSe[0]);
    expect(solve.table.testLoss[30]).toBeLessThan(0.8 * start); // it learns
    const simulation = simulate(params, 'sgf');
    expect(simulation.table.testLoss[0]).toBeCloseTo(start, 12); // the simulator's test loss is the toy's rule at q = m = 0 (a mean over seeds)
    const theory = theoryReplicas(params, 16);
    const rows = compare((name, t) => theoryEstimate(theory, name, t), simulation, ['trainLoss', 'testLoss', 'q', 'm'], [1, 3]);
    console.log(report('log-cosh SGF', rows));
    for (const row of rows) expect(row.z, `${row.name} at t=${row.t}`).toBeLessThanOrEqual(4);
  });
});

/** Points (r, y) per model where ℓ is smooth (the squared hinge's kink y r = 1 is avoided). */
const points: Record<string, [number, number][]> = {
  logistic: [-30, -4, -1, 0, 0.7, 3, 25].flatMap((r) => [[r, 1], [r, -1]] as [number, number][]),
  linear: [[-2, 0.5], [0, 0], [1.5, -1]],
  // Not across r = 0: erfc's fit (gaussian.ts) gives Φ a jump of 1.5·10⁻⁸ there (erfc(0) = 1 + 3·10⁻⁸).
  probit: [-40, -10, -4, -3.05, -2.95, -1, 0.01, 0.7, 2, 5].flatMap((r) => [[r, 1], [r, -1]] as [number, number][]),
  'squared-hinge': [-3, -0.4, 0, 0.6, 1.5, 4].flatMap((r) => [[r, 1], [r, -1]] as [number, number][]),
  poisson: [-3, 0, 1.5, 3].flatMap((r) => [[r, 0], [r, 1], [r, 7]] as [number, number][]),
  'phase-retrieval': [-2, -0.3, 0, 1, 2.5].flatMap((r) => [[r, -0.2], [r, 0.5], [r, 2]] as [number, number][]),
};

describe('losses and their derivatives (central differences)', () => {
  for (const id of registeredIds.filter((id) => id in points)) {
    it(id, () => {
      const model = glmModel(id);
      const out = new Float64Array(3);
      for (const [r, y] of points[id]) {
        model.lossTerms(r, y, out);
        // The fused form and the single functions: the same values up to rounding.
        expect(Math.abs(out[0] - model.loss(r, y))).toBeLessThanOrEqual(1e-14 * (1 + Math.abs(out[0])));
        expect(Math.abs(out[1] - model.lossDerivative(r, y))).toBeLessThanOrEqual(1e-14 * (1 + Math.abs(out[1])));
        expect(Math.abs(out[2] - model.lossCurvature(r, y))).toBeLessThanOrEqual(1e-14 * (1 + Math.abs(out[2])));
        // Step δ: truncation δ²|ℓ'''|/6 and rounding 10⁻¹⁶|ℓ|/δ both below 10⁻⁹ relative at δ = 10⁻⁴(1 + |r|);
        // the probit's Φ is erfc's fit (relative error 1.2·10⁻⁷, test below), whose slope misses φ by up to 4·10⁻⁶ (relative) here.
        const delta = 1e-4 * (1 + Math.abs(r));
        const tolerance = id === 'probit' ? 1e-5 : 1e-7;
        const slope = (model.loss(r + delta, y) - model.loss(r - delta, y)) / (2 * delta);
        const curve = (model.lossDerivative(r + delta, y) - model.lossDerivative(r - delta, y)) / (2 * delta);
        expect(Math.abs(slope - out[1]), `${id} ℓ' at r=${r}, y=${y}`).toBeLessThanOrEqual(tolerance * (1 + Math.abs(out[1])));
        expect(Math.abs(curve - out[2]), `${id} ℓ'' at r=${r}, y=${y}`).toBeLessThanOrEqual(tolerance * (1 + Math.abs(out[2])));
      }
    });
  }
});
