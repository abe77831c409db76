import { describe, expect, it } from 'vitest';
import { IncrementalCholesky } from '../../../src/core/dmft/cholesky';
import { ErrorTwin, twinMargins, twinSums } from '../../../src/core/dmft/errorTwin';
import { createWorkspace, float32, float64 } from '../../../src/core/kernels/workspace';
import { normalCdf } from '../../../src/core/math/gaussian';
import { logistic, sigmoid } from '../../../src/core/models/logistic';
import { defaultParams, type Params } from '../../../src/core/params';
import { createRandom } from '../../../src/core/random';
import { simpsonNormal } from '../reference';

describe('error rate of a Gaussian margin (the mean of the train-error control)', () => {
  it("is accurate to 10⁻⁷ for soft and sharp teachers and narrow spreads, and NaN for a degenerate margin", () => {
    let worst = 0;
    for (const beta of [0.3, 100, Infinity]) {
      const params: Params = { ...defaultParams, beta };
      for (const overlap of [0, 2]) {
        for (const spread of [0.002, 1]) {
          for (const shift of [0, 0.3]) {
            const rate = logistic.marginErrorRate!(overlap, spread, shift, params);
            const reference = simpsonNormal((z) => {
              const p = beta === Infinity ? (z >= 0 ? 1 : 0) : sigmoid(beta * z);
              return p * normalCdf((-shift - overlap * z) / spread) + (1 - p) * normalCdf((-shift + overlap * z) / spread);
            });
            worst = Math.max(worst, Math.abs(rate - reference));
          }
        }
      }
    }
    expect(worst).toBeLessThan(1e-7);
    expect(logistic.marginErrorRate!(1, 0, 0, defaultParams)).toBeNaN();
    // shift 0, overlap m, spread √(q − m²) is the test error.
    expect(logistic.marginErrorRate!(0.6, Math.sqrt(2 - 0.36), 0, defaultParams)).toBeCloseTo(logistic.testError(2, 0.6, defaultParams), 10);
  });
});

describe('error twin', () => {
  // Gaussian: strong drift (Δt/α = 0.5) and noise (κ = 3), so that every term of the margin moves its error rate.
  // Bernoulli (SGD with independent draws): memberships s_l ~ Bernoulli(1/4) in the noise rows, the series of their sum.
  it.each([
    { kicks: 'gaussian' as const, dt: 0.1, alpha: 0.2, kappa: 3, batchFraction: 0.1 },
    { kicks: 'bernoulli' as const, dt: 0.1, alpha: 0.25, kappa: 0, batchFraction: 0.25 },
  ])('builds margins whose error frequency is the rate it reports (the control is unbiased): $kicks kicks', ({ kicks, dt, alpha, kappa, batchFraction }) => {
    // A synthetic step k: any covariance of (r*, ω_0..ω_k), any response, any recorded pull statistics.
    const count = 200_000;
    const k = 6;
    const size = k + 1;
    const gaussianSize = k + 2;
    const random = createRandom(11, 9);
    const cholesky = new IncrementalCholesky(gaussianSize);
    const factors: number[][] = [];
    // Row 0 is r* (variance 1); the others mix it with fresh directions.
    for (let i = 0; i < gaussianSize; i++) factors.push(Array.from({ length: i + 1 }, (_, j) => (i === 0 ? 1 : j === i ? 0.4 + 0.1 * i : 0.3 * random.normal())));
    // Covariance rows of the factor above, appended row by row (the solver's IncrementalCholesky path).
    for (let i = 0; i < gaussianSize; i++) {
      const row = Array.from({ length: i + 1 }, (_, j) => factors[i].slice(0, j + 1).reduce((sum, value, p) => sum + value * factors[j][p], 0));
      cholesky.appendRow(row);
    }
    const response = new Float64Array(size * size);
    for (let l = 0; l < k; l++) response[k * size + l] = 0.5 + 0.5 * random.uniform();

    const workspace = createWorkspace({
      latent: float32(gaussianSize * count),
      noise: float32(size * count),
      margins: float64(count),
      twinFields: float64(count),
      fieldWeights: float64(gaussianSize),
      noiseWeights: float64(size),
      field: float64(count),
      force: float64(count),
      labels: float64(count),
    });
    const { latent, noise, margins, twinFields, fieldWeights, noiseWeights, field, force, labels } = workspace.arrays;
    for (let i = 0; i < latent.length; i++) latent[i] = random.normal();
    for (let i = 0; i < noise.length; i++) noise[i] = kicks === 'gaussian' ? random.normal() : random.uniform() < batchFraction ? 1 : 0;
    const params: Params = { ...defaultParams, beta: 1, batchFraction };
    for (let p = 0; p < count; p++) labels[p] = logistic.sampleLabel(latent[p], random, params);

    const twin = new ErrorTwin({ size, dt, alpha, kappa, twinKicks: kicks, params });
    const sums = new Float64Array(5);
    // Pull statistics of earlier steps, recorded from made-up fields and forces.
    for (let l = 0; l < k; l++) {
      for (let p = 0; p < count; p++) {
        field[p] = labels[p] * (0.8 + 0.1 * l) + random.normal() * (1 + 0.2 * l);
        force[p] = -labels[p] * sigmoid(-labels[p] * field[p] + 0.3 * random.normal());
      }
      twinSums(labels, field, force, count, sums);
      twin.record(l, sums, count);
    }
    twin.prepare(k, cholesky, response);
    fieldWeights.set(twin.fieldWeights.subarray(0, k + 2));
    noiseWeights.set(twin.noiseWeights.subarray(0, k));
    twinMargins(workspace, { margins, twinFields, fieldWeights, noiseWeights }, count, k, latent, noise, labels, twin.marginShift);
    expect(twin.kickSeries === null).toBe(kicks === 'gaussian');
    const rate = logistic.marginErrorRate!(twin.overlap, twin.spread, twin.shift, params, twin.kickSeries);
    expect(Number.isFinite(rate)).toBe(true);
    let errors = 0;
    for (let p = 0; p < count; p++) if (margins[p] < 0) errors++;
    const frequency = errors / count;
    const standardError = Math.sqrt((rate * (1 - rate)) / count);
    expect(Math.abs(frequency - rate)).toBeLessThanOrEqual(4 * standardError);
    expect(twin.shift).not.toBe(0); // the test exercises the drift, the noise and the shift
    expect(twin.spread).toBeGreaterThan(0);
  });
});
