import { describe, expect, it } from 'vitest';
import { solveDmft } from '../../src/core/dmft/solver';
import { validateParams } from '../../src/core/params';
import { findPreset, presets } from '../../src/core/presets';
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

  it('gradient descent has no noise', () => {
    expect(findPreset('gd-vs-sgd')!.params.batchFraction).toBe(1);
  });
});
