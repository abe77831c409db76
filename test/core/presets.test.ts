import { describe, expect, it } from 'vitest';
import { solveDmft } from '../../src/core/dmft/solver';
import { sgdTheoryParams } from '../../src/core/dmft/twoTheories';
import { validateParams, type Params } from '../../src/core/params';
import { findPreset, presets } from '../../src/core/presets';
import { solveLinearExact } from '../../src/core/theory/linearExact';
import { solveOnline } from '../../src/core/theory/online';
import { decodeParamsQuery, encodeParamsQuery } from '../../src/core/urlCodec';

describe('presets', () => {
  it('are valid parameter sets that survive the URL round trip', () => {
    const ids = new Set<string>();
    for (const preset of presets) {
      expect(validateParams(preset.params).ok, preset.id).toBe(true);
      expect(ids.has(preset.id)).toBe(false);
      ids.add(preset.id);
      expect(preset.caption.length).toBeGreaterThan(80);
      const decoded = decodeParamsQuery(encodeParamsQuery(preset.params));
      expect(decoded.corrections).toEqual([]);
      expect(decoded.params).toEqual(preset.params);
    }
  });

  it('the divergence preset diverges in the theory', () => {
    const result = solveDmft({ ...findPreset('divergence')!.params, samples: 2000 });
    expect(result.diverged).not.toBeNull();
  });

  it('the captions of the two-theory presets state what the theories give', () => {
    const trainLossAt = (params: Params, t: number): number => {
      const { table } = solveDmft({ ...params, samples: 5000, responseSamples: 1000 });
      return table.trainLoss[table.t.findIndex((time) => Math.abs(time - t) < 1e-9)];
    };
    // The linear preset's numbers come from its exact theory (no Monte Carlo): on the fine grid, and on SGD's steps.
    const parting = findPreset('sgf-vs-sgd')!;
    expect(parting.caption).toMatch(/about 0\.39 for SGD against 0\.20 for the SGF \(0\.195 in the continuous limit\)/);
    const exactAt = (params: Params, continuous: boolean): number => {
      const { table } = solveLinearExact(params, { continuous });
      return table.trainLoss[table.t.findIndex((time) => Math.abs(time - 1) < 1e-9)];
    };
    expect(exactAt(sgdTheoryParams(parting.params), false)).toBeCloseTo(0.39, 2);
    expect(exactAt(parting.params, false)).toBeCloseTo(0.2, 2);
    expect(exactAt(parting.params, true)).toBeCloseTo(0.195, 3);
    const epochs = findPreset('epochs-vs-uniform')!;
    expect(epochs.caption).toMatch(/about 0\.35 at t = 15, against 0\.42/);
    expect(trainLossAt(sgdTheoryParams(epochs.params), 15)).toBeCloseTo(0.35, 1);
    expect(trainLossAt(epochs.params, 15)).toBeCloseTo(0.42, 1);
    expect(trainLossAt({ ...sgdTheoryParams(epochs.params), sampling: 'uniform' }, 15)).toBeCloseTo(0.42, 1);
  });

  it('the reuse-vs-fresh caption states what the DMFT and the one-pass limit give at t = 10', () => {
    const reuse = findPreset('reuse-vs-fresh')!;
    expect(reuse.overlays).toEqual(['online']);
    expect(reuse.caption).toMatch(/about 0\.38 at t = 10 against 0\.63.*to 0\.79 against 0\.63.*stalls at 0\.42 against 0\.35/);
    const multiPass = solveDmft({ ...reuse.params, samples: 5000, responseSamples: 1000 }).table;
    const onePass = solveOnline(reuse.params).table;
    const last = (column: number[]) => column[column.length - 1];
    expect(last(multiPass.t)).toBeCloseTo(10, 9);
    expect(last(multiPass.trainLoss)).toBeCloseTo(0.38, 1);
    expect(last(multiPass.testLoss)).toBeCloseTo(0.79, 1);
    expect(last(multiPass.testError)).toBeCloseTo(0.42, 1);
    expect(last(onePass.testLoss)).toBeCloseTo(0.63, 2);
    expect(last(onePass.trainLoss)).toBe(last(onePass.testLoss));
    expect(last(onePass.testError)).toBeCloseTo(0.35, 2);
    // 20d fresh samples: 100 steps of B = bαd.
    expect((reuse.params.horizon / reuse.params.step) * reuse.params.batchFraction * reuse.params.alpha).toBeCloseTo(20, 9);
  });

  it('gradient descent has no noise', () => {
    expect(findPreset('gd-vs-sgd')!.params.batchFraction).toBe(1);
  });
});
