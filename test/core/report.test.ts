import { describe, expect, it } from 'vitest';
import { columnNames, formatCsv, formatJson, reportFromDmft, reportFromSimulation, type ResultReport } from '../../src/core/report';
import { type DmftResult } from '../../src/core/dmft/types';
import { defaultParams, type Params } from '../../src/core/params';
import { type SimulationSummary } from '../../src/core/sim/types';

const seriesKeys = ['t', 'trainLoss', 'trainError', 'testLoss', 'testError', 'q', 'm', 'cosine'];
const seKeys = ['trainLossSe', 'trainErrorSe', 'testLossSe', 'testErrorSe', 'qSe', 'mSe', 'cosineSe'];

/** A hand-built two-row result of the linear model (NaN error columns), β = ∞ to test its spelling. */
function smallReport(withErrors: boolean): ResultReport {
  const params: Params = { ...defaultParams, model: 'linear', beta: Infinity };
  const table = {
    t: [0, 0.5],
    trainLoss: [0.625, 0.25],
    trainError: [NaN, NaN],
    testLoss: [0.625, 0.375],
    testError: [NaN, NaN],
    q: [0, 0.5],
    m: [0, 0.25],
    cosine: [0, 0.3535533905932738],
  };
  const standardErrors = withErrors
    ? { trainLossSe: [0, 0.01], trainErrorSe: [NaN, NaN], testLossSe: [0, 0.02], testErrorSe: [NaN, NaN], qSe: [0, 0.03], mSe: [0, 0.04], cosineSe: [0, 0.05] }
    : null;
  return { params, table, standardErrors, diverged: withErrors ? { at: 1 } : null };
}

describe('output formats', () => {
  it('JSON: exactly params, the series in order, diverged; NaN → null, β = ∞ → "Infinity"', () => {
    const text = formatJson(smallReport(false));
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['params', ...seriesKeys, 'diverged']);
    expect((parsed.params as Record<string, unknown>).beta).toBe('Infinity');
    expect((parsed.params as Record<string, unknown>).dt).toBeNull();
    expect(Object.keys(parsed.params as object)).toEqual(Object.keys(defaultParams));
    expect(parsed.trainError).toEqual([null, null]);
    expect(parsed.trainLoss).toEqual([0.625, 0.25]);
    expect(parsed.cosine).toEqual([0, 0.3535533905932738]);
    expect(parsed.diverged).toBeNull();
  });

  it('JSON of a simulation adds <name>Se for every series except t; diverged is {"at": t}', () => {
    const parsed = JSON.parse(formatJson(smallReport(true))) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['params', ...seriesKeys, ...seKeys, 'diverged']);
    expect(parsed.qSe).toEqual([0, 0.03]);
    expect(parsed.testErrorSe).toEqual([null, null]);
    expect(parsed.diverged).toEqual({ at: 1 });
  });

  it('CSV: header of the same names (t first), one row per time, NaN as an empty cell', () => {
    const lines = formatCsv(smallReport(false)).trimEnd().split('\n');
    expect(lines[0]).toBe(seriesKeys.join(','));
    expect(lines.slice(1)).toEqual(['0,0.625,,0.625,,0,0,0', '0.5,0.25,,0.375,,0.5,0.25,0.3535533905932738']);
    const withErrors = formatCsv(smallReport(true)).split('\n');
    expect(withErrors[0]).toBe([...seriesKeys, ...seKeys].join(','));
    expect(withErrors[2]).toBe('0.5,0.25,,0.375,,0.5,0.25,0.3535533905932738,0.01,,0.02,,0.03,0.04,0.05');
  });

  it('reports built from the solver and simulation result objects keep their parts', () => {
    const base = smallReport(true);
    const dmft = { params: base.params, dt: 0.5, steps: 1, estimator: 'pathwise', table: base.table, trainLossSe: [0, 0.1], trainErrorSe: [0, 0.1], diverged: null,
      correlation: new Float64Array(4), response: new Float64Array(4) } as DmftResult;
    const fromDmft = reportFromDmft(dmft);
    expect(fromDmft.standardErrors).toBeNull();
    expect(columnNames(fromDmft)).toEqual(seriesKeys);
    const summary: SimulationSummary = { algorithm: 'sgd', params: base.params, table: base.table, standardErrors: base.standardErrors!, seeds: 2, diverged: { at: 1 } };
    const fromSimulation = reportFromSimulation(summary);
    expect(columnNames(fromSimulation)).toEqual([...seriesKeys, ...seKeys]);
    expect(fromSimulation.diverged).toEqual({ at: 1 });
  });
});
