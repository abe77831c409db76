import { describe, expect, it } from 'vitest';
import { defaultParams, validateParams, type Params } from '../../src/core/params';
import { decodeParamsQuery, encodeParamsQuery } from '../../src/core/urlCodec';
import fc from 'fast-check';

describe('committee links', () => {
  it('a link asking for ReLU keeps the committee and its other values, with ReLU corrected to the default activation', async () => {
    const { decodeParamsQuery } = await import('../../src/core/urlCodec');
    const decoded = decodeParamsQuery('model=committee&hidden=3&init-scale=0.4&activation=relu&horizon=4');
    expect(decoded.params).toMatchObject({ model: 'committee', hidden: 3, initScale: 0.4, activation: 'erf', horizon: 4 });
    expect(decoded.corrections).toEqual([expect.objectContaining({ name: 'activation', given: 'relu', used: 'erf', reason: expect.stringMatching(/ReLU is not available yet/) })]);
  });
});

describe('links', () => {
  it('carry init-overlap and the new models, and repair what a model cannot run', () => {
    const params: Params = { ...defaultParams, model: 'phase-retrieval', initOverlap: 0.25, initScale: 0.4, labelNoise: 0.1 };
    expect(decodeParamsQuery(encodeParamsQuery(params))).toEqual({ params, corrections: [] });
    const flat = decodeParamsQuery('model=phase-retrieval');
    expect(validateParams(flat.params).ok).toBe(true);
    expect(flat.params.initOverlap).toBeGreaterThan(0);
    expect(flat.params.initScale).toBeGreaterThan(0);
    expect(flat.corrections.map((correction) => correction.name).sort()).toEqual(['init-overlap', 'init-scale']);
    const poisson = decodeParamsQuery('model=poisson&batch-fraction=1&step=0.1&horizon=4');
    expect(validateParams(poisson.params).ok).toBe(true);
    expect(poisson.params.step).toBe(0.05);
    expect(poisson.corrections.map((correction) => correction.name)).toEqual(['step']);
    // At the defaults (b = 0.1) the step halves to 0.0125, and the horizon then shrinks to fit the work limits.
    expect(validateParams(decodeParamsQuery('model=poisson').params).ok).toBe(true);
  });
});

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

describe('URL codec: malformed queries', () => {
  it('reads malformed percent-encoding, prototype keys, huge values and repeated keys without throwing', () => {
    const queries = [
      '%',
      '%E0%A4%A',
      'alpha=%ZZ&step=%',
      '__proto__=1&constructor=2&toString=3&hasOwnProperty=4&preset=__proto__',
      `alpha=${'9'.repeat(200_000)}`,
      `model=${'<script>alert(1)</script>'.repeat(1000)}`,
      'alpha=2&alpha=3&alpha=',
      '?&&&==&=&a=b=c',
      'alpha=\uD800&step=\uDFFF',
      'alpha=1e-400&dim=1e400&seeds=-0&seed=4294967296',
    ];
    for (const query of queries) {
      const decoded = decodeParamsQuery(query);
      expect(validateParams(decoded.params).ok, query.slice(0, 40)).toBe(true);
      for (const correction of decoded.corrections) expect(correction.given.length).toBeLessThanOrEqual(41);
    }
  });

  it('treats a non-string, non-URLSearchParams argument as an empty query', () => {
    for (const odd of [undefined, null, 42, {}, ['alpha=2']]) {
      expect(decodeParamsQuery(odd as unknown as string)).toEqual({ params: { ...defaultParams }, corrections: [] });
    }
  });

  it('never throws on full-Unicode text, lone surrogates included (property), and round-trips what it decodes', () => {
    const names = ['alpha', 'batch-fraction', 'step', 'model', 'dt', 'dim', 'seed', 'beta', 'preset', '__proto__'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), fc.string({ unit: 'binary', maxLength: 30 })), { maxLength: 8 }), (pairs) => {
        const search = new URLSearchParams();
        for (const [name, value] of pairs) search.append(name, value);
        const decoded = decodeParamsQuery(search.toString());
        expect(validateParams(decoded.params).ok).toBe(true);
        expect(decodeParamsQuery(encodeParamsQuery(decoded.params)).params).toEqual(decoded.params);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (raw) => {
        expect(validateParams(decodeParamsQuery(raw).params).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
