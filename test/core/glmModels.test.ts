/**
 * The four added GLMs (probit, squared hinge, Poisson, phase retrieval), and the contract for all six:
 * losses against their derivatives by central differences, the probit's log Φ and Mills ratio against
 * 30-digit values, and every Gaussian rule (test loss, test error, label-score mean, margin error rate,
 * label averages) against slow references (Simpson rules, exact sums over the label law).
 */
import { describe, expect, it } from 'vitest';
import { expectNormal, normalCdf } from '../../src/core/math/gaussian';
import { glmModel, modelIds as registeredIds } from '../../src/core/models';
import { sigmoid } from '../../src/core/models/logistic';
import { inverseMillsRatio, logNormalCdf } from '../../src/core/models/normal';
import { poisson } from '../../src/core/models/poisson';
import { phaseRetrieval } from '../../src/core/models/phaseRetrieval';
import { probit } from '../../src/core/models/probit';
import { squaredHinge } from '../../src/core/models/squaredHinge';
import { defaultParams, validateParams, type Params } from '../../src/core/params';
import { createRandom } from '../../src/core/random';
import { simpsonNormal } from './reference';

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

describe('probit: log Φ and the inverse Mills ratio, far into the lower tail', () => {
  // x, log Φ(x), λ(x) = φ/Φ, λ(x)(x + λ(x)): 30-digit values (mpmath).
  const reference: [number, number, number, number][] = [
    [-40, -804.60844201375379, 40.024968847207264, 0.99937733162140861],
    [-10, -53.231285150512471, 10.098093233962512, 0.99055462217434374],
    [-5, -15.064998393988726, 5.1865039671258421, 0.96730356538288777],
    [-3.1, -6.9406884584212281, 3.3761969902250673, 0.93249544710709409],
    [-2.9, -6.2840582349474184, 3.1903151395429819, 0.92619678492250888],
    [-1, -1.8410216450092635, 1.5251352761609812, 0.80090233442965121],
    [0, -0.69314718055994531, 0.79788456080286536, 0.63661977236758134],
    [2, -0.023012909328963488, 0.055247862678989959, 0.11354805168857645],
    [6, -9.8658764552437573e-10, 6.0758828558176764e-9, 3.6455297171822411e-8],
  ];
  it('matches to the accuracy of the continued fraction (x < −3) or erfc (x ≥ −3)', () => {
    const out = new Float64Array(2);
    for (const [x, logCdf, lambda, curvature] of reference) {
      // Continued fraction: exact to rounding; erfc's fit: 1.2·10⁻⁷ relative in Φ, so in λ, and ~10× that in λ(x + λ) near x = −3.
      const relative = x < -3 ? 1e-13 : 1e-6;
      inverseMillsRatio(x, out);
      expect(Math.abs(logNormalCdf(x) - logCdf), `log Φ(${x})`).toBeLessThanOrEqual(relative * Math.abs(logCdf));
      expect(Math.abs(out[0] - lambda), `λ(${x})`).toBeLessThanOrEqual(relative * lambda);
      expect(Math.abs(out[1] - curvature), `λ(x + λ) at ${x}`).toBeLessThanOrEqual(relative * curvature);
    }
    // Finite where Φ itself underflows.
    expect(Number.isFinite(logNormalCdf(-1e5))).toBe(true);
    expect(probit.loss(-1e5, 1)).toBeCloseTo(0.5e10, -3);
  });
});

/** E h(x), x ~ N(0, 1), by Simpson on [−12, 12] split at the given kinks of h (each piece smooth: 300 intervals). */
function simpsonPieces(h: (x: number) => number, kinks: number[]): number {
  const cuts = [-12, ...kinks.filter((k) => Math.abs(k) < 12).sort((a, b) => a - b), 12];
  let total = 0;
  for (let piece = 1; piece < cuts.length; piece++) {
    const [a, b] = [cuts[piece - 1], cuts[piece]];
    const intervals = 300;
    const width = (b - a) / intervals;
    for (let i = 0; i <= intervals; i++) {
      const x = a + i * width;
      const weight = i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2;
      total += (weight * width * h(x) * Math.exp(-0.5 * x * x)) / 3;
    }
  }
  return total / Math.sqrt(2 * Math.PI);
}

/**
 * E h(r*, ω) over the Gaussian pair (Var ω = q, Cov = m): Simpson in r* (a node at 0; 4000 intervals, 2000
 * with kinks, enough for a spike of width 1/8), and given r* either Gauss–Hermite in ω (smooth h) or Simpson
 * split at the kinks of h in ω.
 */
function pairReference(q: number, m: number, h: (teacherField: number, omega: number) => number, omegaKinks: number[] | null = null): number {
  const s = Math.sqrt(q - m * m);
  return simpsonNormal((z) => {
    const conditional = (x: number): number => h(z, m * z + s * x);
    return omegaKinks === null ? expectNormal(conditional, 64) : simpsonPieces(conditional, omegaKinks.map((kink) => (kink - m * z) / s));
  }, omegaKinks === null ? 4000 : 2000);
}

const pairs: [number, number][] = [
  [0.5, 0.3],
  [1.2, 0.9],
  [3, 0.6],
];

describe('Gaussian rules of the probit model, against Simpson references', () => {
  for (const beta of [1, 8, Infinity]) {
    const params: Params = { ...defaultParams, model: 'probit', beta };
    const p = (z: number): number => (beta === Infinity ? (z >= 0 ? 1 : 0) : normalCdf(beta * z));
    it(`β = ${beta}: test loss and test error`, () => {
      for (const [q, m] of pairs) {
        const loss = pairReference(q, m, (z, w) => -p(z) * logNormalCdf(w) - (1 - p(z)) * logNormalCdf(-w));
        expect(Math.abs(probit.testLoss(q, m, params) - loss), `loss q=${q} m=${m}`).toBeLessThan(2e-6);
        const s = Math.sqrt(q - m * m);
        const error = simpsonNormal((z) => p(z) * normalCdf((-m * z) / s) + (1 - p(z)) * normalCdf((m * z) / s));
        expect(Math.abs(probit.testError(q, m, params) - error), `error q=${q} m=${m}`).toBeLessThan(1e-6);
        expect(Math.abs(probit.marginErrorRate!(m, s, 0, params) - error)).toBeLessThan(1e-6);
      }
    });
    if (beta === Infinity) continue;
    it(`β = ${beta}: label-score mean E[ℓ'(ω; y) ∂ log P(y|r*)]`, () => {
      for (const [q, m] of pairs) {
        // Σ_y P(y|r*) ℓ'(ω; y) score(y, r*), written out from the label law and the loss.
        const reference = pairReference(q, m, (z, w) => {
          let total = 0;
          for (const y of [1, -1]) total += normalCdf(beta * y * z) * probit.lossDerivative(w, y) * probit.labelScore!(y, z, params);
          return total;
        });
        // Simpson resolves the spike of width 1/β = 1/8 well: its own error is below 10⁻⁸ here.
        expect(Math.abs(probit.fieldScoreMean!(q, m, params) - reference), `q=${q} m=${m}`).toBeLessThan(1e-6);
      }
    });
  }
  it('the margin error rate with a shift, against Simpson', () => {
    const params: Params = { ...defaultParams, model: 'probit', beta: 2 };
    for (const [overlap, spread, shift] of [[0.7, 0.5, 0.3], [1.5, 0.05, -0.2]]) {
      const reference = simpsonNormal((z) => {
        const p = normalCdf(2 * z);
        return p * normalCdf((-shift - overlap * z) / spread) + (1 - p) * normalCdf((-shift + overlap * z) / spread);
      });
      expect(Math.abs(probit.marginErrorRate!(overlap, spread, shift, params) - reference)).toBeLessThan(1e-6);
    }
  });
});

describe('Gaussian rules of the squared hinge, against Simpson references', () => {
  for (const beta of [1, 8, Infinity]) {
    const params: Params = { ...defaultParams, model: 'squared-hinge', beta };
    const p = (z: number): number => (beta === Infinity ? (z >= 0 ? 1 : 0) : sigmoid(beta * z));
    it(`β = ${beta}: test loss, and the label-score mean`, () => {
      for (const [q, m] of pairs) {
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

/** Poisson probabilities P(y = k) for k = 0..kMax, by the recurrence. */
function poissonPmf(rate: number, kMax: number): number[] {
  const pmf = [Math.exp(-rate)];
  for (let k = 1; k <= kMax; k++) pmf.push((pmf[k - 1] * rate) / k);
  return pmf;
}

describe('Poisson regression', () => {
  const params: Params = { ...defaultParams, model: 'poisson', batchFraction: 1 };
  it('test loss and label-score mean against sums over the label law', () => {
    for (const [q, m] of pairs) {
      const loss = pairReference(q, m, (z, w) => Math.exp(w) - Math.exp(z) * w);
      expect(Math.abs(poisson.testLoss(q, m, params) - loss) / loss, `q=${q} m=${m}`).toBeLessThan(1e-8);
      // Σ_y P(y|r*) ℓ'(ω; y) score(y, r*), the label law summed term by term (k ≤ 200 covers r* ≤ 12 … to e^{−100}).
      const score = simpsonNormal((z) => {
        const pmf = poissonPmf(Math.exp(Math.min(z, 4.5)), 200);
        const omega = m * z; // the sum is affine in e^ω, whose conditional mean is e^{m z + s²/2}
        const rate = Math.exp(omega + 0.5 * (q - m * m));
        return pmf.reduce((sum, probability, y) => sum + probability * (rate - y) * poisson.labelScore!(y, Math.min(z, 4.5), params), 0);
      }, 20_000);
      // Above r* = 4.5 the rate is frozen (e^{4.5} = 90 needs no more than 200 terms); that part weighs Φ(−4.5) e^{4.5} ~ 3·10⁻⁴.
      expect(Math.abs(poisson.fieldScoreMean!(q, m, params) - score)).toBeLessThan(2e-3);
    }
    expect(poisson.fieldScoreMean!(1, 0.5, params)).toBe(-Math.exp(0.5));
  });
  it('labels are Poisson(e^{r*}): mean and variance e^{r*}', () => {
    const random = createRandom(7, 99);
    for (const teacherField of [-1, 0.5, 2.5]) {
      const rate = Math.exp(teacherField);
      const draws = Array.from({ length: 40_000 }, () => poisson.sampleLabel(teacherField, random, params));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
      expect(draws.every((y) => Number.isInteger(y) && y >= 0)).toBe(true);
      // Standard errors of the mean √(rate/n) and of the variance ≈ rate √(2/n) (+ the excess kurtosis 1/rate).
      expect(Math.abs(mean - rate)).toBeLessThan(4 * Math.sqrt(rate / draws.length));
      expect(Math.abs(variance - rate)).toBeLessThan(4 * Math.sqrt((2 * rate * rate + rate) / draws.length));
    }
  });
  it('label averages: E_y ℓ′ and E_y ℓ′² by the pmf sum', () => {
    const out = new Float64Array(2);
    for (const [r, z] of [[0.3, -0.5], [1.2, 2]]) {
      poisson.labelAverages(r, z, params, out);
      const pmf = poissonPmf(Math.exp(z), 120);
      const first = pmf.reduce((sum, p, y) => sum + p * (Math.exp(r) - y), 0);
      const second = pmf.reduce((sum, p, y) => sum + p * (Math.exp(r) - y) ** 2, 0);
      expect(out[0]).toBeCloseTo(first, 12);
      expect(out[1]).toBeCloseTo(second, 11);
    }
  });
  it('the validator refuses step sizes whose single-sample steps overshoot, and accepts the safe ones', () => {
    expect(validateParams({ ...defaultParams, model: 'poisson' }).ok).toBe(false); // b = 0.1, h = 0.1: c_max e⁴ ≈ 35
    const refusal = validateParams({ ...defaultParams, model: 'poisson' });
    if (!refusal.ok) expect(refusal.problems[0].message).toMatch(/lower the step size h or raise the batch fraction b/);
    expect(validateParams({ ...defaultParams, model: 'poisson', batchFraction: 1, step: 0.05 }).ok).toBe(true);
    expect(validateParams({ ...defaultParams, model: 'poisson', batchFraction: 1, step: 0.1 }).ok).toBe(false);
    expect(validateParams({ ...defaultParams, model: 'poisson', batchFraction: 0.5, step: 0.01, horizon: 2 }).ok).toBe(true);
  });
});

describe('phase retrieval', () => {
  const params: Params = { ...defaultParams, model: 'phase-retrieval', labelNoise: 0.3, initScale: 0.5, initOverlap: 0.1 };
  it('test loss (Isserlis) against Simpson, label averages against Gauss–Hermite over the label noise', () => {
    for (const [q, m] of pairs) {
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
