/**
 * Input safety edge cases beyond the existing property tests (urlCodec.test.ts, cli.test.ts): the
 * validator, the URL codec and the CLI parser never throw, whatever they are given — hostile objects
 * (throwing getters, revoked proxies), prototype-named keys, malformed percent-encoding, lone
 * surrogates and other full-Unicode text, very long values, and callers that bypass the types.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { paramFlags } from '../../src/cli/flags';
import { defaultParams, validateParams } from '../../src/core/params';
import { decodeParamsQuery, encodeParamsQuery } from '../../src/core/urlCodec';

const refused = (input: unknown): string[] => {
  const result = validateParams(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map((problem) => problem.message);
};

describe('validator: hostile and odd inputs', () => {
  it('refuses an object whose getters throw, a throwing Proxy and a revoked Proxy, without throwing', () => {
    expect(
      refused({
        get alpha(): number {
          throw new Error('boom');
        },
      })[0],
    ).toMatch(/could not be read/);
    const trap = () => {
      throw new Error('trap');
    };
    expect(refused(new Proxy({}, { get: trap, has: trap, getOwnPropertyDescriptor: trap, ownKeys: trap }))[0]).toMatch(/could not be read/);
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    expect(refused(revocable.proxy)[0]).toMatch(/could not be read/);
  });

  it('reads own keys only: inherited values and prototype-named keys are ignored', () => {
    const inherited = Object.create({ alpha: 1e9 });
    expect(validateParams(inherited)).toEqual({ ok: true, params: defaultParams });
    const prototypeKeys = JSON.parse('{"__proto__": {"alpha": 1e9}, "constructor": 1, "toString": 2, "alpha": 3}');
    const result = validateParams(prototypeKeys);
    expect(result.ok && result.params.alpha).toBe(3);
    expect(result.ok && Object.keys(result.params).sort()).toEqual(Object.keys(defaultParams).sort());
    expect(validateParams(Object.assign(Object.create(null), { alpha: 2.5 }))).toMatchObject({ ok: true, params: { alpha: 2.5 } });
  });

  it('names BigInt, Symbol, functions, boxed numbers and numeric strings as problems', () => {
    for (const value of [2n, Symbol('α'), () => 2, new Number(2), '2', [2], { valueOf: () => 2 }]) {
      const messages = refused({ alpha: value });
      expect(messages.join(' ')).toMatch(/alpha must be a number from 0.1 to 10/);
    }
    expect(refused(() => ({}))[0]).toMatch(/must be an object/);
    expect(refused(Symbol('params'))[0]).toMatch(/must be an object/);
  });

  it('never throws on values with throwing toString / valueOf, or on very long strings', () => {
    const hostile = {
      toString() {
        throw new Error('toString');
      },
      valueOf() {
        throw new Error('valueOf');
      },
    };
    for (const key of Object.keys(defaultParams)) expect(() => validateParams({ [key]: hostile })).not.toThrow();
    const long = 'x'.repeat(1_000_000);
    const problem = validateParams({ model: long });
    expect(problem.ok).toBe(false);
    if (!problem.ok) expect(problem.problems[0].value.length).toBeLessThan(60); // shortened for display
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

describe('CLI parser: odd argv', () => {
  it('refuses prototype-named flags and survives huge values', () => {
    const parsed = parseArgs(['theory', '--__proto__', '1', '--constructor=2', '--toString', '--hasOwnProperty', 'x', '--valueOf=']);
    expect(parsed.ok).toBe(false);
    const long = parseArgs(['theory', '--alpha', '9'.repeat(200_000)]);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.problems[0].length).toBeLessThan(200);
  });

  it('never throws on full-Unicode tokens, lone surrogates and NUL included (property)', () => {
    const flags = paramFlags.map((flag) => `--${flag.name}`);
    const token = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(...flags, 'theory', 'simulate', 'linear-exact', '\u0000', '\uD800', '--\uDFFF', '--alpha=\uD800'),
      fc.tuple(fc.constantFrom(...flags), fc.string({ unit: 'binary', maxLength: 20 })).map(([flag, value]) => `${flag}=${value}`),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 10 }), (argv) => {
        const parsed = parseArgs(argv);
        if (!parsed.ok) expect(parsed.problems.every((problem) => typeof problem === 'string' && problem.length > 0)).toBe(true);
        else if (parsed.command !== 'help') expect(validateParams(parsed.params).ok).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('survives argv entries that are not strings (a caller bypassing the types)', () => {
    expect(() => parseArgs([42, null, undefined, {}, Symbol.iterator.toString()] as unknown as string[])).not.toThrow();
  });
});
