/**
 * The committee simulators (theory.md §10.1, §11.1) against their definitions and against the finite-d
 * tables of theory.md §10.6 (case i) and §11.4 (the committee's one-pass map). Tolerances: z = 4 in units of
 * the combined standard error measured here and quoted by the table (plus the table's rounding).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { committeeDefaults, type CommitteeParams } from '../../src/core/committee/config';
import { createCommitteeDataset } from '../../src/core/committee/dataset';
import { createCommitteeGdStepper, createCommitteeSgfStepper } from '../../src/core/committee/fullBatch';
import { drawCommitteeStart } from '../../src/core/committee/initialization';
import { createCommitteeSgdStepper } from '../../src/core/committee/sgd';
import { overlaps } from '../../src/core/committee/observables';
import { reportFromCommitteeSimulation, formatCommitteeReport } from '../../src/core/committee/report';
import { committeeSeriesNames } from '../../src/core/committee/series';
import { runCommitteeSeed, simulateCommittee, summarizeCommitteeRuns, type CommitteeSeedRun, type CommitteeSimulationSummary } from '../../src/core/committee/simulate';
import { createRandom } from '../../src/core/random';
import { estimate, type Estimate } from './agreement';

const zLimit = 4;

/** A table entry "0.04077 ± .00030": its value, its s.e., and its rounding (half a unit of the last digit, as a uniform s.d.). */
function tableEntry(text: string): Estimate {
  const [value, error] = text.split('±').map((part) => part.trim());
  const decimals = value.split('.')[1]?.length ?? 0;
  const rounding = (0.5 * 10 ** -decimals) / Math.sqrt(3);
  return { mean: Number(value), standardError: Math.hypot(error ? Number(`0${error}`) : 0, rounding) };
}

function rowAt(summary: CommitteeSimulationSummary, t: number): number {
  return summary.table.t.findIndex((time) => Math.abs(time - t) < 1e-9);
}

function simulated(summary: CommitteeSimulationSummary, name: string, t: number): Estimate {
  const k = rowAt(summary, t);
  return { mean: summary.table[name][k], standardError: summary.standardErrors[`${name}Se`][k] };
}

function z(a: Estimate, b: Estimate): number {
  return (a.mean - b.mean) / Math.hypot(a.standardError, b.standardError);
}

describe('committee exact-Gram start (theory.md §10.1)', () => {
  it('Θ* is orthonormal, G ⊥ Θ*, and q(0) = σ₀² I + M0 M0ᵀ, M(0) = M0 to 1e-12 for a non-symmetric M0', () => {
    const d = 300;
    const p = 2;
    const pStar = 3;
    const initScale = 0.7;
    const M0 = [0.3, -0.1, 0, 0.05, 0.2, -0.25]; // case (iv) of §10.6
    const { teacher, initialWeights } = drawCommitteeStart(d, p, pStar, initScale, M0, createRandom(5, 2, 1));
    const rho = overlaps(teacher, teacher, d, pStar, pStar).q;
    for (let b = 0; b < pStar; b++) for (let c = 0; c < pStar; c++) expect(Math.abs(rho[b * pStar + c] - (b === c ? 1 : 0))).toBeLessThan(1e-12);
    const { q, M } = overlaps(initialWeights, teacher, d, p, pStar);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < pStar; b++) expect(Math.abs(M[a * pStar + b] - M0[a * pStar + b])).toBeLessThan(1e-12);
      for (let e = 0; e < p; e++) {
        let planted = a === e ? initScale ** 2 : 0;
        for (let b = 0; b < pStar; b++) planted += M0[a * pStar + b] * M0[e * pStar + b];
        expect(Math.abs(q[a * p + e] - planted)).toBeLessThan(1e-12);
      }
    }
  });

  it('every algorithm starts at the same (q, M) on the seed, and SGF and SGD share the dataset (same train loss at t = 0)', () => {
    const params: CommitteeParams = { ...committeeDefaults, dim: 200, horizon: 0.2, initOverlap: 0.2 };
    const runs = (['sgf', 'sgd', 'gd', 'online'] as const).map((algorithm) => runCommitteeSeed(params, algorithm, 3));
    const q0 = params.initScale ** 2 + params.initOverlap ** 2;
    for (const run of runs) {
      expect(Math.abs(run.table.q_1_1[0] - q0)).toBeLessThan(1e-12);
      expect(Math.abs(run.table.q_1_2[0])).toBeLessThan(1e-12);
      expect(Math.abs(run.table.M_1_1[0] - params.initOverlap)).toBeLessThan(1e-12);
      expect(Math.abs(run.table.M_1_2[0])).toBeLessThan(1e-12);
      expect(run.table.testLoss[0]).toBe(runs[0].table.testLoss[0]);
    }
    expect(runs[1].table.trainLoss[0]).toBe(runs[0].table.trainLoss[0]);
    expect(runs[2].table.trainLoss[0]).toBe(runs[0].table.trainLoss[0]);
    expect(runs[1].table.q_1_1[1]).not.toBe(runs[0].table.q_1_1[1]); // the algorithms do differ after one step
  });

  it('p ≠ p*: M(0) = ε on its first diagonal entry only, unit by unit (p = 3, p* = 1)', () => {
    const params: CommitteeParams = { ...committeeDefaults, hidden: 3, teacherHidden: 1, dim: 150, horizon: 0.1, initOverlap: 0.4 };
    const row = runCommitteeSeed(params, 'sgd', 0).table;
    expect(Math.abs(row.M_1_1[0] - 0.4)).toBeLessThan(1e-12);
    expect(Math.abs(row.M_2_1[0])).toBeLessThan(1e-12);
    expect(Math.abs(row.M_3_1[0])).toBeLessThan(1e-12);
    expect(Math.abs(row.q_1_1[0] - (0.25 + 0.16))).toBeLessThan(1e-12);
    expect(Math.abs(row.q_3_3[0] - 0.25)).toBeLessThan(1e-12);
    expect(Math.abs(row.q_2_3[0])).toBeLessThan(1e-12);
  });
});

describe('committee full-batch limits', () => {
  const params: CommitteeParams = { ...committeeDefaults, dim: 200, horizon: 1, batchFraction: 1 };
  it('SGF and SGD at b = 1 are gradient descent to the last bit', () => {
    const gd = runCommitteeSeed(params, 'gd', 0).table;
    for (const [algorithm, sampling] of [['sgf', 'uniform'], ['sgd', 'uniform'], ['sgd', 'epoch']] as const) {
      const table = runCommitteeSeed({ ...params, sampling }, algorithm, 0).table;
      for (const name of committeeSeriesNames(2, 2)) expect(table[name]).toEqual(gd[name]);
    }
  });

  it('the full-batch step and train loss equal a plain double-loop evaluation of h(1/α) XᵀF and (1/n) Σ ℓ', () => {
    // (A finite-difference check of the loss is limited to ~1e-6 here: erf's value comes from a 1.2e-7-accurate erfc, its slope is exact.)
    const small: CommitteeParams = { ...committeeDefaults, dim: 40, teacherHidden: 3, initOverlap: 0.3 };
    const dataset = createCommitteeDataset(small, 0);
    const { d, n, p, pStar, features, labels, teacherFields, committee } = dataset;
    const gd = createCommitteeGdStepper(small, dataset);
    const start = Float64Array.from(gd.weights);
    const trainLoss = gd.evaluate(true);
    gd.step();
    const terms = committee.createTerms();
    const field = new Float64Array(p);
    const increment = new Float64Array(p * d);
    let lossSum = 0;
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < p; a++) {
        field[a] = 0;
        for (let j = 0; j < d; j++) field[a] += features[i * d + j] * start[a * d + j];
      }
      committee.sampleTerms(field, 0, labels[i], teacherFields, i * pStar, terms);
      lossSum += terms.loss;
      for (let a = 0; a < p; a++) for (let j = 0; j < d; j++) increment[a * d + j] += (small.step * d * terms.force[a] * features[i * d + j]) / n;
    }
    expect(Math.abs(trainLoss - lossSum / n)).toBeLessThan(1e-13);
    const shrink = 1 - small.ridge * small.step;
    for (let j = 0; j < p * d; j++) expect(Math.abs(gd.weights[j] - (shrink * start[j] - increment[j]))).toBeLessThan(1e-13);
  });

  it.each(['sgf', 'sgd'] as const)('%s: one noise per sample, shared by its units: two equal columns stay equal to the bit', (algorithm) => {
    const small: CommitteeParams = { ...committeeDefaults, dim: 60 };
    const dataset = createCommitteeDataset(small, 0);
    const stepper = algorithm === 'sgf' ? createCommitteeSgfStepper(small, dataset, 0) : createCommitteeSgdStepper(small, dataset, 0);
    const d = small.dim;
    stepper.weights.copyWithin(d, 0, d); // θ² = θ¹: units are exchangeable, so only unit-specific noise could split them
    const before = Float64Array.from(stepper.weights);
    for (let k = 0; k < 20; k++) {
      stepper.evaluate(true);
      stepper.step();
    }
    expect(stepper.weights.subarray(d, 2 * d)).toEqual(stepper.weights.subarray(0, d));
    expect(stepper.weights).not.toEqual(before);
  });
});

describe('committee divergence and seed statistics', () => {
  it('a run whose step is far too large stops at its first non-finite or exploding row, keeping the rows before', () => {
    const run = runCommitteeSeed({ ...committeeDefaults, dim: 100, step: 40, horizon: 4000, ridge: -1 }, 'gd', 0);
    expect(run.diverged).not.toBeNull();
    expect(run.table.t.length).toBeGreaterThan(0);
    expect(run.table.t[run.table.t.length - 1]).toBeLessThan(run.diverged!.at);
    for (const value of run.table.q_1_1) expect(Number.isFinite(value)).toBe(true);
  });

  it('mean and standard error over seeds of every series, q_a_b and M_a_b included', () => {
    const params: CommitteeParams = { ...committeeDefaults, dim: 100, horizon: 1, seeds: 3 };
    const runs: CommitteeSeedRun[] = [0, 1, 2].map((seedIndex) => runCommitteeSeed(params, 'sgd', seedIndex));
    const summary = summarizeCommitteeRuns(params, 'sgd', runs);
    expect(summary.names).toEqual(committeeSeriesNames(2, 2));
    for (const name of ['trainLoss', 'M_2_1', 'qOff']) {
      const direct = estimate(runs.map((run) => run.table[name][7]));
      expect(summary.table[name][7]).toBeCloseTo(direct.mean, 14);
      expect(summary.standardErrors[`${name}Se`][7]).toBeCloseTo(direct.standardError, 14);
    }
  });
});

describe('committee export (the CLI schema of report.ts)', () => {
  it('JSON and CSV carry t, the losses, the summaries, q_a_b, M_a_b and their standard errors, in that order', () => {
    const params: CommitteeParams = { ...committeeDefaults, hidden: 1, teacherHidden: 3, dim: 100, horizon: 0.5, seeds: 2 };
    const summary = simulateCommittee(params, 'sgd');
    const report = reportFromCommitteeSimulation(summary);
    const json = JSON.parse(formatCommitteeReport(report, 'json')) as Record<string, unknown>;
    const series = ['t', 'trainLoss', 'testLoss', 'qDiag', 'qOff', 'mMean', 'mRms', 'q_1_1', 'M_1_1', 'M_1_2', 'M_1_3'];
    const columns = [...series, ...series.slice(1).map((name) => `${name}Se`)];
    expect(Object.keys(json)).toEqual(['params', 'about', ...columns, 'diverged']);
    expect(json.t).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(json.M_1_3).toEqual(summary.table.M_1_3);
    expect(json.q_1_1Se).toEqual(summary.standardErrors.q_1_1Se);
    expect(json.qOff).toEqual(summary.table.t.map(() => null)); // no off-diagonal for p = 1: NaN → null
    expect((json.params as CommitteeParams).teacherHidden).toBe(3);
    const csv = formatCommitteeReport(report, 'csv').trim().split('\n');
    expect(csv[0].split(',')).toEqual(columns);
    expect(csv).toHaveLength(1 + summary.table.t.length);
    expect(Number(csv[3].split(',')[columns.indexOf('M_1_2')])).toBe(summary.table.M_1_2[2]);
  });
});

/**
 * Case (i) of theory.md §10.6 (d = 2000, 10 seeds there). Here d = 1000 and 8 seeds to keep the CPU modest:
 * our s.e. is measured, the table's quoted; the finite-d shift from d = 2000 to 1000 is O(1/d), well under
 * the O(d^{−1/2}/√seeds) spread (the table's sims at d = 2000 already match the d → ∞ DMFT within 1.4 s.e.).
 */
describe('committee cases (i) and (iii): SGF, SGD and GD against theory.md §10.6; SGF against SGD', () => {
  const params: CommitteeParams = { ...committeeDefaults, dim: 1000, seeds: 8 };
  const table: Record<'sgf' | 'sgd' | 'gd', Record<number, Record<string, string>>> = {
    sgf: {
      2: { trainLoss: '0.04077 ± .00030', testLoss: '0.0793 ± .0006', qDiag: '0.2851 ± .0012', qOff: '0.04381 ± .00136', mMean: '0.2189 ± .0011' },
      6: { trainLoss: '0.01258 ± .00010', testLoss: '0.03684 ± .00032', qDiag: '0.3518 ± .0011', qOff: '0.1461 ± .0014', mMean: '0.3247 ± .0009' },
      10: { trainLoss: '0.00846 ± .00008', testLoss: '0.02782 ± .00021', qDiag: '0.3782 ± .0011', qOff: '0.1941 ± .0013', mMean: '0.3587 ± .0008' },
    },
    sgd: {
      2: { trainLoss: '0.04101 ± .00046', testLoss: '0.0797 ± .0005', qDiag: '0.2855 ± .0011', qOff: '0.04466 ± .00131', mMean: '0.2188 ± .0010' },
      6: { trainLoss: '0.01258 ± .00010', testLoss: '0.03694 ± .00024', qDiag: '0.3529 ± .0013', qOff: '0.1477 ± .0014', mMean: '0.3254 ± .0009' },
      10: { trainLoss: '0.00847 ± .00007', testLoss: '0.02790 ± .00020', qDiag: '0.3781 ± .0010', qOff: '0.1939 ± .0012', mMean: '0.3586 ± .0008' },
    },
    // Case (iii): gradient descent, otherwise as (i) (the GD stepper reads no batch fraction).
    gd: {
      2: { trainLoss: '0.03373 ± .00016', testLoss: '0.0728 ± .0004', qDiag: '0.2674 ± .0009', qOff: '0.03292 ± .00105', mMean: '0.2180 ± .0007' },
      6: { trainLoss: '0.01086 ± .00008', testLoss: '0.03475 ± .00029', qDiag: '0.3408 ± .0009', qOff: '0.1444 ± .0011', mMean: '0.3233 ± .0008' },
      10: { trainLoss: '0.00750 ± .00007', testLoss: '0.02661 ± .00020', qDiag: '0.3684 ± .0010', qOff: '0.1931 ± .0012', mMean: '0.3569 ± .0008' },
    },
  };
  const names = ['trainLoss', 'testLoss', 'qDiag', 'qOff', 'mMean'];
  const runs: Record<'sgf' | 'sgd', CommitteeSeedRun[]> = { sgf: [], sgd: [] };
  let summaries: Record<'sgf' | 'sgd' | 'gd', CommitteeSimulationSummary>;
  beforeAll(() => {
    summaries = {
      sgf: simulateCommittee(params, 'sgf', { onSeed: (run) => runs.sgf.push(run) }),
      sgd: simulateCommittee(params, 'sgd', { onSeed: (run) => runs.sgd.push(run) }),
      gd: simulateCommittee(params, 'gd'),
    };
  }, 300_000); // the core project's test timeout: 24 seeds exceed the 10 s hook default on a loaded machine

  it.each(['sgf', 'sgd', 'gd'] as const)('%s within 4 combined s.e. of the table at t = 2, 6, 10', (algorithm) => {
    const lines: string[] = [];
    const zs: number[] = [];
    for (const t of [2, 6, 10]) {
      for (const name of names) {
        const ours = simulated(summaries[algorithm], name, t);
        const theirs = tableEntry(table[algorithm][t][name]);
        zs.push(z(ours, theirs));
        lines.push(`${algorithm} t=${t} ${name.padEnd(9)} ours ${ours.mean.toFixed(5)}±${ours.standardError.toFixed(5)} table ${theirs.mean} z=${zs.at(-1)!.toFixed(2)}`);
      }
    }
    console.log(lines.join('\n'));
    expect(summaries[algorithm].diverged).toBeNull();
    for (const value of zs) expect(Math.abs(value)).toBeLessThan(zLimit);
  });

  it('SGF and SGD agree within their s.e. (h = 0.1 ≤ 0.4, theory.md §10.6)', () => {
    const lines: string[] = [];
    for (const t of [2, 6, 10]) {
      for (const name of names) {
        const value = z(simulated(summaries.sgf, name, t), simulated(summaries.sgd, name, t));
        // For the record: the same difference seed by seed (SGF and SGD share each seed's dataset).
        const k = rowAt(summaries.sgf, t);
        const paired = estimate(runs.sgf.map((run, seed) => run.table[name][k] - runs.sgd[seed].table[name][k]));
        lines.push(`sgf−sgd t=${t} ${name.padEnd(9)} z=${value.toFixed(2)} (paired ${(paired.mean / paired.standardError).toFixed(2)})`);
        expect(Math.abs(value)).toBeLessThan(zLimit);
      }
    }
    console.log(lines.join('\n'));
  });
});

/**
 * One-pass SGD against the committee's one-pass map of theory.md §11.4 (erf, p = p* = 2, σ_ε = 0.1, h = 0.1,
 * τ = 0.45, λ = 0.01, σ₀ = 0.5; the map has no Monte-Carlo error). d = 900, b = 1/9: B = 200, τ = h d/B = 0.45 exactly.
 * By the symmetry of M0 = 0 the map's M11 = M12 is the mean entry of M.
 */
describe('committee one-pass SGD against the one-pass map (theory.md §11.4)', () => {
  const params: CommitteeParams = { ...committeeDefaults, dim: 900, batchFraction: 1 / 9, seeds: 8 };
  const map: Record<number, Record<string, string>> = {
    2: { testLoss: '0.0501', qDiag: '0.2828', mMean: '0.2536' },
    10: { testLoss: '0.01258', qDiag: '0.4059', qOff: '0.2457', mMean: '0.4020' },
  };
  it('test loss, q and M within 4 s.e. of the map at t = 2 and 10; the test loss falls', () => {
    const summary = simulateCommittee(params, 'online');
    const lines: string[] = [];
    for (const t of [2, 10]) {
      for (const [name, text] of Object.entries(map[t])) {
        const value = z(simulated(summary, name, t), tableEntry(text));
        lines.push(`online t=${t} ${name.padEnd(8)} ours ${simulated(summary, name, t).mean.toFixed(5)}±${simulated(summary, name, t).standardError.toFixed(5)} map ${text} z=${value.toFixed(2)}`);
        expect(Math.abs(value)).toBeLessThan(zLimit);
      }
    }
    console.log(lines.join('\n'));
    expect(summary.table.testLoss[rowAt(summary, 10)]).toBeLessThan(summary.table.testLoss[rowAt(summary, 2)]);
    // The batch loss is an unbiased estimate of the test loss at the same Θ: their seed means agree too.
    expect(Math.abs(z(simulated(summary, 'trainLoss', 10), simulated(summary, 'testLoss', 10)))).toBeLessThan(zLimit);
  });
});
