/**
 * A control variate of the noise kernel Q by the field force g_k = ℓ'(ω_k; y): the force at the Gaussian field,
 * without the self-reaction. Its second moment's exact mean E[g_k²] is a Gaussian integral at (C_kk, M_k)
 * (theory/online.ts's pairMoments), so every entry of row k of Q is regressed on the sample's excess
 * ḡ²_k − E[g_k²]: Q_kl − β_kl (ḡ²_k − E[g_k²]) with β_kl = Cov(u_k u_l, g_k²)/Var(g_k²) over the N trajectories
 * (f_k u_l for the SGF). Why all of the row: the Monte-Carlo error of q = C_kk is not in Q's noise kicks or in the
 * responses but in how large the N trajectories' forces happen to be, which moves every entry of Q together. At
 * the defaults, over 32 solves at t = 10, the SGF theory's q error fell from 0.76% to 0.36% and its train error's
 * from 0.76% to 0.55% (the SGD theory's, with the Rao–Blackwellized Q of independent draws, layout.ts: q 0.69% →
 * 0.38%, train error 0.71% → 0.43%, 64 solves). β comes from the same samples: a bias of order 1/N, as the other
 * controls' constants. g_k comes from the sample step (its `fieldForce` output).
 */

/** The block's sums of the control: Σ g², Σ g⁴, and Σ f_k² g² (the SGF's diagonal), as RowKernels.forceControlSums writes them. */
export const ForceControlSum = { square: 0, squareSquare: 1, forceSquare: 2, count: 3 } as const;

/** The control of step k: the sample mean and variance of g² and its excess over E[g²]; null where g² does not vary. */
export interface ForceControl {
  mean: number;
  variance: number;
  excess: number;
}

/** Relative variance of g² below which the control is left out (ω_0 = 0 at σ₀ = 0: every g² alike). */
const varianceFloor = 1e-12;

/** The control of step k from the blocks' totals (`at`: ForceControlSum's offset) and E[g_k²] at (C_kk, M_k) (pairMoments' forceSquare). */
export function forceControlOf(totals: Float64Array, at: number, samples: number, exactSquare: number): ForceControl | null {
  const mean = totals[at + ForceControlSum.square] / samples;
  const variance = totals[at + ForceControlSum.squareSquare] / samples - mean * mean;
  if (!(variance > varianceFloor * mean * mean)) return null;
  return { mean, variance, excess: mean - exactSquare };
}

/** The controlled mean of a quantity from its sum and its cross sum with g² over the N trajectories. */
export function controlledMean(sum: number, crossSum: number, control: ForceControl | null, samples: number): number {
  const mean = sum / samples;
  if (!control) return mean;
  const covariance = crossSum / samples - mean * control.mean;
  return mean - (covariance / control.variance) * control.excess;
}
