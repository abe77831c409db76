/**
 * Observables of a committee run (theory.md §10.2), named once for the theory, the simulations, the CLI and the views.
 * Matrix entries are flattened with 1-based unit indices: q_a_b = (ΘᵀΘ/d)_ab, M_a_b = (ΘᵀΘ* / d)_ab.
 * Summaries invariant under relabelling the units: qDiag = tr q / p, qOff = mean off-diagonal of q (NaN for p = 1),
 * mMean = mean entry of M, mRms = root-mean-square entry of M.
 */
export const committeeScalarNames = ['t', 'trainLoss', 'testLoss', 'qDiag', 'qOff', 'mMean', 'mRms'] as const;

/** q_1_1 … q_p_p, then M_1_1 … M_p_p*. */
export function committeeMatrixNames(p: number, pStar: number): string[] {
  const names: string[] = [];
  for (let a = 1; a <= p; a++) for (let b = 1; b <= p; b++) names.push(`q_${a}_${b}`);
  for (let a = 1; a <= p; a++) for (let b = 1; b <= pStar; b++) names.push(`M_${a}_${b}`);
  return names;
}

export function committeeSeriesNames(p: number, pStar: number): string[] {
  return [...committeeScalarNames, ...committeeMatrixNames(p, pStar)];
}

/** One time row: every series name to its value. */
export type CommitteeRow = Record<string, number>;

/** The row at time t from the losses, q (p×p) and M (p×p*), row-major. */
export function committeeRow(t: number, trainLoss: number, testLoss: number, q: ArrayLike<number>, M: ArrayLike<number>, p: number, pStar: number): CommitteeRow {
  const row: CommitteeRow = { t, trainLoss, testLoss };
  let diagonal = 0;
  let offDiagonal = 0;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      row[`q_${a + 1}_${b + 1}`] = q[a * p + b];
      if (a === b) diagonal += q[a * p + b];
      else offDiagonal += q[a * p + b];
    }
  }
  let mSum = 0;
  let mSquares = 0;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < pStar; b++) {
      const value = M[a * pStar + b];
      row[`M_${a + 1}_${b + 1}`] = value;
      mSum += value;
      mSquares += value * value;
    }
  }
  row.qDiag = diagonal / p;
  row.qOff = p > 1 ? offDiagonal / (p * (p - 1)) : Number.NaN;
  row.mMean = mSum / (p * pStar);
  row.mRms = Math.sqrt(mSquares / (p * pStar));
  return row;
}
