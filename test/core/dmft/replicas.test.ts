/**
 * The theory's Monte-Carlo band (issue 12 item 1): the spread of 8 replicas at other theory seeds estimates the
 * standard error of one solve. Checked against the spread of 16 other solves: the ratio of the two variance estimates
 * (7 and 15 degrees of freedom) must lie within the F distribution's 0.1% and 99.9% quantiles, F(7, 15) ∈ [1/9.2, 6.0],
 * i.e. the standard-error ratio within [0.33, 2.45].
 */
import { describe, expect, it } from 'vitest';
import { bandReplicas, bandRows, firstBandReplicas, replicaParams, type TheoryBand } from '../../../src/core/dmft/replicas';
import { resolveEstimator, solveDmft } from '../../../src/core/dmft/solver';
import { defaultParams, type Params } from '../../../src/core/params';
import { drain } from '../../../src/core/slices';
import { estimate } from '../../agreement/agreement';

const params: Params = { ...defaultParams, horizon: 2, samples: 4000, responseSamples: 400 };

describe('theory band from replicas', () => {
  it('replicas run other seeds with the same N and the main solve’s estimator', () => {
    const seeds = new Set(Array.from({ length: bandReplicas }, (_, index) => replicaParams(params, index).seed));
    expect(seeds.size).toBe(bandReplicas);
    expect(seeds.has(params.seed)).toBe(false);
    const replica = replicaParams(params, 0);
    expect(replica.samples).toBe(params.samples);
    expect(replica.responseSamples).toBe(params.responseSamples);
    expect(replica.estimator).toBe(resolveEstimator(params));
    expect(replicaParams({ ...params, seed: 4_294_967_295 }, 3).seed).toBeLessThanOrEqual(4_294_967_295);
  });

  it('the band is the standard error of one solve: within the F quantiles of the spread of 16 other solves; it is refined replica by replica', () => {
    const partial: TheoryBand[] = [];
    const band = drain(bandRows([params], { onBand: (_, entry) => partial.push(entry) }))![0];
    expect(partial.map((entry) => entry.replicas)).toEqual(Array.from({ length: bandReplicas - firstBandReplicas }, (_, i) => firstBandReplicas + i));
    expect(partial.every((entry) => entry.plannedReplicas === bandReplicas)).toBe(true);
    const main = solveDmft(params);
    expect(band.t.length).toBe(main.table.t.length);
    expect(band.replicas).toBe(bandReplicas);
    const full = Array.from({ length: 16 }, (_, index) => solveDmft({ ...params, seed: params.seed + 1000 * (index + 1) }).table);
    const k = main.table.t.length - 1;
    for (const name of ['trainLoss', 'q', 'm'] as const) {
      const spread = estimate(full.map((table) => table[name][k])).standardError * Math.sqrt(16);
      const ratio = band.standardError[name][k] / spread;
      console.log(`band of ${name} at t = ${main.table.t[k]}: ${band.standardError[name][k].toExponential(3)}; spread of 16 other solves ${spread.toExponential(3)}; ratio ${ratio.toFixed(2)}`);
      expect(ratio, name).toBeGreaterThan(1 / Math.sqrt(9.2));
      expect(ratio, name).toBeLessThan(Math.sqrt(6.0));
    }
  });

  it('stops when asked, returning no band', () => {
    let rows = 0;
    expect(drain(bandRows([params], { shouldStop: () => ++rows > 5 }))).toBeNull();
  });

  it('interleaves the replicas of several theories, each band of its own theory', () => {
    const order: number[] = [];
    const second = { ...params, horizon: 1 };
    const bands = drain(bandRows([params, second], { replicas: 4, onBand: (theory) => order.push(theory) }))!;
    expect(order).toEqual([0, 1]); // after the third replica of each, before the last
    expect(bands.map((band) => band.t.length)).toEqual([solveDmft(params).table.t.length, solveDmft(second).table.t.length]);
  });
});
