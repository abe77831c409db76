import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultParams, validateParams, type Params } from '../../src/core/params';
import { decodeParamsQuery, encodeParamsQuery } from '../../src/core/urlCodec';

describe('URL codec', () => {
  it('round-trips every parameter, including β = ∞ and a finer dt', () => {
    const params: Params = { ...defaultParams, model: 'linear', alpha: 0.7, batchFraction: 0.2, step: 0.2, ridge: 0, beta: Infinity, dt: 0.05, samples: 5000, seed: 42, dim: 300, seeds: 3 };
    const query = encodeParamsQuery(params);
    expect(query).toContain('batch-fraction=0.2');
    expect(query).toContain('beta=inf');
    const decoded = decodeParamsQuery(query);
    expect(decoded.corrections).toEqual([]);
    expect(decoded.params).toEqual(params);
  });

  it('uses the CLI flag names listed in the issue', () => {
    const query = new URLSearchParams(encodeParamsQuery(defaultParams));
    for (const name of ['model', 'alpha', 'batch-fraction', 'step', 'ridge', 'horizon', 'beta', 'label-noise', 'init-scale', 'dim', 'seeds', 'samples', 'seed']) {
      expect(query.has(name), name).toBe(true);
    }
  });

  it('corrects bad values to the nearest valid value or the default and reports each', () => {
    const { params, corrections } = decodeParamsQuery('?alpha=abc&step=1e9&seeds=2.5&model=<script>alert(1)</script>&batch-fraction=-1&beta=NaN');
    expect(params.alpha).toBe(defaultParams.alpha);
    expect(params.step).toBe(5);
    expect(params.seeds).toBe(3);
    expect(params.model).toBe(defaultParams.model);
    expect(params.batchFraction).toBe(0.005);
    expect(params.beta).toBe(defaultParams.beta);
    expect(corrections.map((c) => c.name).sort()).toEqual(['alpha', 'batch-fraction', 'beta', 'model', 'seeds', 'step']);
    expect(corrections.find((c) => c.name === 'model')?.given).toBe('<script>alert(1)</script>');
  });

  it('repairs values that do not fit together', () => {
    const { params, corrections } = decodeParamsQuery('step=0.1&dt=0.5&samples=1000&response-samples=5000&horizon=10&estimator=exact');
    expect(validateParams(params).ok).toBe(true);
    expect(params.dt).toBeNull();
    expect(params.responseSamples).toBe(5000); // the solver uses min(response samples, N)
    expect(params.estimator).toBe('auto');
    expect(corrections.map((c) => c.name)).toEqual(['dt', 'estimator']);
    // More than 2000 steps: the horizon comes down to the limit (then the work limit lowers N).
    const long = decodeParamsQuery('step=0.1&horizon=250');
    expect(long.params.horizon).toBeLessThanOrEqual(200);
    expect(validateParams(long.params).ok).toBe(true);
    expect(long.corrections[0].name).toBe('horizon');
  });

  it('refuses runs beyond the resource limits by lowering the expensive knob', () => {
    const { params, corrections } = decodeParamsQuery('samples=1000000&response-samples=1000000&horizon=200&step=0.1&dim=20000&alpha=10');
    expect(validateParams(params).ok).toBe(true);
    expect(params.samples).toBeLessThan(1_000_000);
    expect(params.dim).toBeLessThan(20_000);
    expect(corrections.some((c) => c.name === 'samples')).toBe(true);
    expect(corrections.some((c) => c.name === 'dim')).toBe(true);
  });

  it('never throws and always yields valid params (property)', () => {
    const names = ['model', 'alpha', 'batch-fraction', 'step', 'ridge', 'horizon', 'beta', 'label-noise', 'init-scale', 'dt', 'samples', 'response-samples', 'estimator', 'sampling', 'dim', 'seeds', 'seed', 'junk'];
    const value = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.double().map(String),
      fc.constantFrom('NaN', 'Infinity', '-Infinity', 'inf', '1e308', '-1e308', '1e-320', '0', '-0', '', ' 2 ', '0x10', '1_000', '\u0000', '💥'),
      fc.integer().map(String),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), value), { maxLength: 12 }), (pairs) => {
        const search = new URLSearchParams();
        for (const [name, text] of pairs) search.append(name, text);
        const decoded = decodeParamsQuery(search.toString());
        expect(validateParams(decoded.params).ok).toBe(true);
        for (const correction of decoded.corrections) expect(typeof correction.reason).toBe('string');
      }),
      { numRuns: 400 },
    );
  });
});

describe('validator (property)', () => {
  it('never throws on arbitrary input and returns clean params or readable problems', () => {
    const anyValue = fc.oneof(fc.anything(), fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, 5e-324), fc.string({ unit: 'grapheme' }));
    const candidate = fc.oneof(
      fc.anything(),
      fc.record(
        Object.fromEntries(Object.keys(defaultParams).map((key) => [key, anyValue])) as Record<keyof Params, fc.Arbitrary<unknown>>,
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(candidate, (input) => {
        const result = validateParams(input);
        if (result.ok) {
          expect(validateParams(result.params).ok).toBe(true);
          for (const value of Object.values(result.params)) if (typeof value === 'number') expect(Number.isNaN(value)).toBe(false);
        } else {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names the parameter, the value and the allowed range', () => {
    const result = validateParams({ ...defaultParams, alpha: 1e9 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0].name).toBe('alpha');
      expect(result.problems[0].value).toBe('1000000000');
      expect(result.problems[0].message).toMatch(/alpha must be a number from 0.1 to 10/);
    }
  });
});
