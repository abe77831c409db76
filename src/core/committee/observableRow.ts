/**
 * A committee row in the single-index columns every line plot, readout and pin reads (core/series.ts): the losses as
 * they are, q ← tr q / p, m ← the mean entry of M, cosine ← the mean cosine M_ab / √q_aa between student unit a and
 * teacher unit b (ρ = I), the error columns NaN (a regression). Permutation-invariant, so theory and simulations
 * compare even where their units are labelled differently (theory.md §10.2); the full matrices travel beside them.
 */
import type { ObservableRow } from '../series';
import type { CommitteeRow } from './series';

export function committeeObservableRow(row: CommitteeRow, p: number, pStar: number): ObservableRow {
  let cosine = 0;
  for (let a = 1; a <= p; a++) {
    const norm = Math.sqrt(row[`q_${a}_${a}`]);
    for (let b = 1; b <= pStar; b++) cosine += norm > 0 ? row[`M_${a}_${b}`] / norm : 0;
  }
  return {
    t: row.t,
    trainLoss: row.trainLoss,
    trainError: Number.NaN,
    testLoss: row.testLoss,
    testError: Number.NaN,
    q: row.qDiag,
    m: row.mMean,
    cosine: cosine / (p * pStar),
  };
}
