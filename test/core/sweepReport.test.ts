import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/core/params';
import { formatSweepCsv, formatSweepJson, type SweepReport } from '../../src/core/sweepReport';
import { seriesNames } from '../../src/core/series';

const observables = seriesNames.filter((name) => name !== 't');
const theoryColumns = ['t', ...observables, 'trainLossSe', 'trainErrorSe', 'divergedAt'];
const capitalized = (name: string): string => name[0].toUpperCase() + name.slice(1);
const simulationColumns = ['simT', ...observables.map((name) => `sim${capitalized(name)}`), ...observables.map((name) => `sim${capitalized(name)}Se`), 'simDivergedAt'];

function report(algorithm: SweepReport['algorithm']): SweepReport {
  const values = Object.fromEntries(observables.map((name, index) => [name, index / 8])) as Record<(typeof observables)[number], number>;
  const standardErrors = Object.fromEntries(observables.map((name) => [`${name}Se`, 0.01])) as never;
  const point = (value: number) => ({
    value,
    theory: { t: 2, values: { ...values, trainError: NaN }, trainLossSe: 0.001, trainErrorSe: NaN, divergedAt: NaN },
    simulation: algorithm ? { t: 2, values, standardErrors, divergedAt: NaN } : null,
  });
  return { params: { ...defaultParams, beta: Infinity }, key: 'alpha', at: 2, algorithm, points: [point(0.5), point(4)] };
}

describe('sweep output', () => {
  it('JSON: params without the swept key, param, at, algorithm, then one array per column; NaN → null', () => {
    const parsed = JSON.parse(formatSweepJson(report(null))) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['params', 'param', 'at', 'algorithm', 'alpha', ...theoryColumns]);
    expect(Object.keys(parsed.params as object)).toEqual(Object.keys(defaultParams).filter((key) => key !== 'alpha'));
    expect((parsed.params as Record<string, unknown>).beta).toBe('Infinity');
    expect([parsed.param, parsed.at, parsed.algorithm]).toEqual(['alpha', 2, null]);
    expect(parsed.alpha).toEqual([0.5, 4]);
    expect(parsed.trainError).toEqual([null, null]);
    expect(parsed.q).toEqual([0.5, 0.5]);
    expect(parsed.divergedAt).toEqual([null, null]);
    const withSimulation = JSON.parse(formatSweepJson(report('sgd'))) as Record<string, unknown>;
    expect(Object.keys(withSimulation)).toEqual(['params', 'param', 'at', 'algorithm', 'alpha', ...theoryColumns, ...simulationColumns]);
    expect(withSimulation.algorithm).toBe('sgd');
    expect(withSimulation.simTrainError).toEqual([1 / 8, 1 / 8]);
  });

  it('CSV: a header of the same column names, the swept key first, one line per value; NaN → empty', () => {
    const lines = formatSweepCsv(report(null)).trimEnd().split('\n');
    expect(lines[0]).toBe(['alpha', ...theoryColumns].join(','));
    expect(lines.slice(1)).toEqual(['0.5,2,0,,0.25,0.375,0.5,0.625,0.75,0.001,,', '4,2,0,,0.25,0.375,0.5,0.625,0.75,0.001,,']);
    expect(formatSweepCsv(report('gd')).split('\n')[0]).toBe(['alpha', ...theoryColumns, ...simulationColumns].join(','));
  });
});
