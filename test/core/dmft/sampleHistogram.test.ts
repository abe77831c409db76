/**
 * The margin histograms (src/core/dmft/sampleHistogram.ts, issue 12 item 3): the bins and the recorder. The DMFT's
 * histogram against the simulations' is test/agreement/marginDistribution.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { solveDmft } from '../../../src/core/dmft/solver';
import { binEdge, binIndex, histogramBins, histogramRowLength, SampleHistogramRecorder } from '../../../src/core/dmft/sampleHistogram';
import { defaultParams, sampleCount, type Params } from '../../../src/core/params';
import { seedRows, simulationGrid } from '../../../src/core/sim/simulate';
import { drain } from '../../../src/core/slices';

describe('sample histograms: bins and recorder', () => {
  it('puts each value in its bin, below and above the range in the outer bins', () => {
    expect(binIndex(histogramBins.low - 1)).toBe(0);
    expect(binIndex(histogramBins.low)).toBe(1);
    expect(binIndex(binEdge(1) - 1e-12)).toBe(1);
    expect(binIndex(binEdge(1))).toBe(2);
    expect(binIndex(0)).toBe(1 + histogramBins.binCount / 2);
    expect(binIndex(histogramBins.high - 1e-12)).toBe(histogramBins.binCount);
    expect(binIndex(histogramBins.high)).toBe(histogramBins.binCount + 1);
    expect(binIndex(Number.NaN)).toBe(histogramBins.binCount + 1);
  });

  it("a simulated seed's histogram counts its n samples, and the fraction of negative margins is its train error", () => {
    const params: Params = { ...defaultParams, horizon: 2, dim: 100 };
    const { dt, steps } = simulationGrid(params, 'sgd');
    const n = sampleCount(params);
    const recorder = new SampleHistogramRecorder(true, steps, dt, n, false);
    const run = drain(seedRows(params, 'sgd', 0, { onFields: (k, fields, labels) => recorder.record(k, fields, null, labels) }));
    const result = recorder.result();
    expect(result.times.length).toBe(steps + 1); // 21 steps: every step is on the grid
    expect(result.fieldCounts).toBeNull();
    const zeroBin = binIndex(0);
    for (let i = 1; i < result.times.length; i++) {
      const row = result.counts.subarray(i * histogramRowLength, (i + 1) * histogramRowLength);
      expect(row.reduce((sum, count) => sum + count, 0)).toBe(n);
      const negative = row.subarray(0, zeroBin).reduce((sum, count) => sum + count, 0);
      expect(negative / n).toBeCloseTo(run.table.trainError[i], 12);
    }
  });

  it("the DMFT's histograms count its N trajectories at each grid time, for r_k and for the Gaussian field ω_k", () => {
    const result = solveDmft({ ...defaultParams, horizon: 1, samples: 2000, responseSamples: 200 });
    const histograms = result.sampleHistograms;
    expect(Array.from(histograms.times)).toEqual(result.table.t.map((_, k) => k * result.dt));
    for (const counts of [histograms.counts, histograms.fieldCounts!]) {
      for (let i = 0; i < histograms.times.length; i++) {
        expect(counts.subarray(i * histogramRowLength, (i + 1) * histogramRowLength).reduce((sum, count) => sum + count, 0)).toBe(2000);
      }
    }
    // At t = 0 (θ = 0) every margin is 0; later the self-reaction moves r_k off the Gaussian field ω_k.
    expect(histograms.counts[binIndex(0)]).toBe(2000);
    const last = (histograms.times.length - 1) * histogramRowLength;
    const differing = Array.from({ length: histogramRowLength }, (_, j) => Math.abs(histograms.counts[last + j] - histograms.fieldCounts![last + j])).reduce((a, b) => a + b, 0);
    expect(differing).toBeGreaterThan(0);
  });
});
