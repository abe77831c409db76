/**
 * The committee simulators against the finite-d tables of theory.md §10.6 (case i) and §11.4 (the committee's one-pass
 * map). Tolerances: z = 4 in units of the combined standard error measured here and quoted by the table (plus the
 * table's rounding). The simulators against their definitions are in test/core/committee/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { committeeDefaults, type CommitteeParams } from '../../src/core/committee/config';
import { simulateCommittee, type CommitteeSeedRun, type CommitteeSimulationSummary } from '../../src/core/committee/simulate';
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
