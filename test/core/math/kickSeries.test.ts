import { describe, expect, it } from 'vitest';
import { bernoulliKickSeries, kickCorrection, maxKickSeriesOrder, type KickSeries } from '../../../src/core/math/kickSeries';
import { logistic } from '../../../src/core/models/logistic';
import { probit } from '../../../src/core/models/probit';
import { defaultParams, type Params } from '../../../src/core/params';
import { preciseNormalCdf } from '../reference';

/** Every membership pattern of S = Σ_l B_l (s_l − b), with its probability. */
function enumerate(weights: number[], b: number): { value: number; probability: number }[] {
  const atoms: { value: number; probability: number }[] = [];
  for (let mask = 0; mask < 1 << weights.length; mask++) {
    let value = 0;
    let probability = 1;
    weights.forEach((weight, l) => {
      const member = (mask >> l) & 1;
      value += weight * (member - b);
      probability *= member ? b : 1 - b;
    });
    atoms.push({ value, probability });
  }
  return atoms;
}

function seriesOf(weights: number[], b: number, spread: number): KickSeries {
  const series: KickSeries = { coefficients: new Float64Array(maxKickSeriesOrder + 1), order: 0, scale: 1 };
  bernoulliKickSeries(Float64Array.from(weights), weights.length, b, spread, series);
  return series;
}

const weightSets = [
  [0.3, 0.25, 0.2, 0.15, 0.1, 0.08, 0.06, 0.05, 0.04, 0.03, 0.02, 0.01],
  [0.6, -0.2, 0.1, 0, 0.35, 0.05],
];

describe('kick series: E Φ(w − S/σ) for SGD-like Bernoulli kicks S', () => {
  it('matches the exact sum over every membership pattern to 10⁻¹¹', () => {
    let worst = 0;
    for (const weights of weightSets) {
      for (const b of [0.1, 0.5, 0.9]) {
        // The second set's kick of 0.6 against σ = 0.4 with b = 0.5 is the case that does not settle (below).
        for (const spread of weights === weightSets[0] ? [0.4, 1.5] : [1.5]) {
          const series = seriesOf(weights, b, spread);
          expect(series.order).toBeGreaterThan(3);
          const atoms = enumerate(weights, b);
          for (const w of [-3, -1, -0.2, 0, 0.7, 2.5]) {
            const exact = atoms.reduce((sum, atom) => sum + atom.probability * preciseNormalCdf(w - atom.value / spread), 0);
            const x = w * series.scale;
            worst = Math.max(worst, Math.abs(preciseNormalCdf(x) - kickCorrection(series, x) - exact));
          }
        }
      }
    }
    expect(worst).toBeLessThan(1e-11);
  });

  it('gives up (order 0) when the kicks are too large against σ, instead of a series that does not settle', () => {
    expect(seriesOf([5, 4, 3], 0.05, 0.1).order).toBe(0);
    expect(seriesOf(weightSets[1], 0.5, 0.4).order).toBe(0);
  });

  it("gives the error rate of a margin with kicks (the SGD error twin's mean), for soft and sharp teachers", () => {
    const weights = weightSets[0];
    let worst = 0;
    for (const [model, beta] of [[logistic, 1], [logistic, Infinity], [probit, 3]] as const) {
      const params: Params = { ...defaultParams, beta };
      for (const [overlap, spread, shift] of [[0.2, 0.3, 0.1], [1.1, 0.8, -0.4], [0.6, 1.2, 0.5]]) {
        const rate = model.marginErrorRate!(overlap, spread, shift, params, seriesOf(weights, 0.1, spread));
        const exact = enumerate(weights, 0.1).reduce((sum, atom) => sum + atom.probability * model.marginErrorRate!(overlap, spread, shift + atom.value, params), 0);
        worst = Math.max(worst, Math.abs(rate - exact));
      }
    }
    expect(worst).toBeLessThan(1e-8);
  });
});
