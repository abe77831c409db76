/**
 * The distribution of the training samples' margins y·r (issue 12 item 3): the DMFT's histogram against the
 * simulations' at the defaults. Each coarse bin's fraction is compared with
 * |theory − simulation| ≤ zLimit × combined standard error, both measured here: the theory's from 16 independent
 * Monte-Carlo replicas (their spread holds the multinomial error of the N trajectories and the kernels' error),
 * the simulation's from 16 seeds (each a fresh dataset: the multinomial error of the n samples and the finite-d
 * fluctuation). Bins where the seeds together expect fewer than 25 samples are printed, not compared (their counts are
 * far from Gaussian).
 * CPU: about 25 s (32 default solves, 32 seeds at d = 500).
 */
import { describe, expect, it } from 'vitest';
import { solveDmft } from '../../src/core/dmft/solver';
import { binEdge, binIndex, histogramBins, histogramRowLength, SampleHistogramRecorder, type SampleHistograms } from '../../src/core/dmft/sampleHistogram';
import { sgdTheoryParams } from '../../src/core/dmft/twoTheories';
import { defaultParams, sampleCount, type Params } from '../../src/core/params';
import { seedRows, simulationGrid } from '../../src/core/sim/simulate';
import { drain } from '../../src/core/slices';
import { estimate, zScore } from './agreement';

const zLimit = 4;
const replicas = 16;
const seeds = 16;

/** Fine bins merged into coarse ones of width 1 on [−3, 5), with the two tails: each coarse bin as [first, end) of row indices. */
function coarseBins(): { label: string; from: number; to: number }[] {
  const fineWidth = (histogramBins.high - histogramBins.low) / histogramBins.binCount;
  const perCoarse = Math.round(1 / fineWidth);
  const start = binIndex(-3);
  const end = binIndex(5);
  const bins = [{ label: '< -3', from: 0, to: start }];
  for (let j = start; j < end; j += perCoarse) bins.push({ label: `[${binEdge(j - 1).toFixed(0)}, ${binEdge(j - 1 + perCoarse).toFixed(0)})`, from: j, to: j + perCoarse });
  bins.push({ label: '≥ 5', from: end, to: histogramRowLength });
  return bins;
}

/** The fraction of samples in coarse bin [from, to) at the recorded time nearest t. */
function fraction(histograms: SampleHistograms, t: number, from: number, to: number): number {
  let i = 0;
  for (let j = 1; j < histograms.times.length; j++) if (Math.abs(histograms.times[j] - t) < Math.abs(histograms.times[i] - t)) i = j;
  let count = 0;
  for (let j = from; j < to; j++) count += histograms.counts[i * histogramRowLength + j];
  return count / histograms.total;
}

function simulatedHistograms(params: Params, algorithm: 'sgf' | 'sgd', seedIndex: number): SampleHistograms {
  const { dt, steps } = simulationGrid(params, algorithm);
  const recorder = new SampleHistogramRecorder(true, steps, dt, sampleCount(params), false);
  drain(seedRows(params, algorithm, seedIndex, { onFields: (k, fields, labels) => recorder.record(k, fields, null, labels) }));
  return recorder.result();
}

describe("the DMFT's margin distribution reproduces the simulations' at the defaults", () => {
  for (const algorithm of ['sgf', 'sgd'] as const) {
    it(`${algorithm.toUpperCase()}: DMFT vs finite-d ${algorithm.toUpperCase()}, margins y·r in bins of width 1 at t = 2 and t = 10`, () => {
      const params = defaultParams;
      const theoryParams = algorithm === 'sgd' ? sgdTheoryParams(params) : params;
      const theory = Array.from({ length: replicas }, (_, index) => solveDmft({ ...theoryParams, seed: params.seed + 1000 * (index + 1) }).sampleHistograms);
      const simulation = Array.from({ length: seeds }, (_, seedIndex) => simulatedHistograms(params, algorithm, seedIndex));
      const lines: string[] = [];
      for (const t of [2, 10]) {
        for (const { label, from, to } of coarseBins()) {
          const theoryValue = estimate(theory.map((histograms) => fraction(histograms, t, from, to)));
          const simulationValue = estimate(simulation.map((histograms) => fraction(histograms, t, from, to)));
          const z = zScore(theoryValue, simulationValue);
          lines.push(`  t=${t} ${label.padEnd(8)} theory ${theoryValue.mean.toFixed(4)}±${theoryValue.standardError.toFixed(4)}  sim ${simulationValue.mean.toFixed(4)}±${simulationValue.standardError.toFixed(4)}  z=${z.toFixed(2)}`);
          // A z-score needs the normal approximation of the counts: only bins where the simulations' seeds together expect ≥ 25 samples.
          const expectedCount = theoryValue.mean * sampleCount(params) * seeds;
          if (expectedCount >= 25) expect(z, `${algorithm} t=${t} ${label}`).toBeLessThanOrEqual(zLimit);
          else lines[lines.length - 1] += `  (not compared: ${expectedCount.toFixed(1)} samples expected)`;
        }
      }
      console.log([`margin distribution, ${algorithm.toUpperCase()} theory vs simulation (d = ${params.dim}, N = ${params.samples})`, ...lines].join('\n'));
    });
  }
});
