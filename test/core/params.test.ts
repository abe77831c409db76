/**
 * The validator (src/core/params.ts): a property test over random inputs, and hostile and odd inputs it must refuse
 * without throwing — throwing getters, revoked proxies, prototype-named keys, full-Unicode text, very long values,
 * callers that bypass the types. The URL codec's and the CLI parser's cases are in urlCodec.test.ts and test/cli/args.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultParams, validateParams, type Params } from '../../src/core/params';

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
