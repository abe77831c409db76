/**
 * The two-time views (issue 12 item 2): heatmaps of C(t, t′) and R(t, t′) and a cut at a chosen t′, and the
 * pure steps between a run's two-time snapshots and what they draw (colour domain, cut, hover value).
 */
import type { TwoTimeSnapshot, TwoTimeSnapshots } from '../twoTimeResults';
import { viewSourceTitles, type ViewSource } from '../viewSources';
import { nearestTimeIndex } from './nearestTime';

export type TwoTimeQuantity = 'correlation' | 'response';

/** Title of each source's heatmap and its name in the hover readout. */
export const twoTimeSourceTitles = viewSourceTitles;

/** The grid point under the pointer on one source's heatmap. */
export interface TwoTimeHover {
  source: ViewSource;
  t: number;
  tPrime: number;
}

export interface TwoTimePanelSpec {
  id: TwoTimeQuantity;
  title: string;
  ariaLabel: string;
  /** Symbol in readouts and axis labels. */
  symbol: string;
  /** What the value is, for the colour bar and the cut's y axis. */
  valueLabel: string;
  /** Sources drawn as heatmaps, left to right. */
  heatmaps: readonly ViewSource[];
  /** Sources drawn in the cut at fixed t′. */
  cut: readonly ViewSource[];
}

export const twoTimePanels: readonly TwoTimePanelSpec[] = [
  {
    id: 'correlation',
    title: 'Two-time correlation C(t, t′)',
    ariaLabel: 'two-time correlation C(t, t′) heatmaps of the theory and the SGF and SGD simulations, and C against t − t′ at a fixed t′',
    symbol: 'C',
    valueLabel: 'C(t, t′) = θ(t)·θ(t′)/d',
    heatmaps: ['theory', 'sgf', 'sgd'],
    cut: ['theory', 'sgdTheory', 'sgf', 'sgd'],
  },
  {
    id: 'response',
    title: 'Response R(t, t′)',
    ariaLabel: 'response R(t, t′) heatmaps of the SGF and SGD theories, and R against t − t′ at a fixed t′',
    symbol: 'R',
    valueLabel: 'R(t, t′) = ∂θ(t)/∂(kick at t′)',
    heatmaps: ['theory', 'sgdTheory'],
    cut: ['theory', 'sgdTheory'],
  },
];

/** The matrix a panel draws of one source's snapshot (null: a simulation has no response). */
export function matrixOf(snapshot: TwoTimeSnapshot, quantity: TwoTimeQuantity): Float64Array | null {
  return quantity === 'correlation' ? snapshot.correlation : snapshot.response;
}

/** One colour domain [low, high] for every heatmap of a panel, so the theory and simulation maps compare by colour. */
export function colourDomain(snapshots: TwoTimeSnapshots, sources: readonly ViewSource[], quantity: TwoTimeQuantity): [number, number] | null {
  let low = Infinity;
  let high = -Infinity;
  for (const source of sources) {
    const snapshot = snapshots[source];
    const matrix = snapshot && matrixOf(snapshot, quantity);
    if (!matrix) continue;
    for (const value of matrix) {
      if (!Number.isFinite(value)) continue;
      if (value < low) low = value;
      if (value > high) high = value;
    }
  }
  if (low > high) return null;
  return low === high ? [low - 1, high + 1] : [low, high];
}

/**
 * A cut F(t′ + τ, t′) against the lag τ = t − t′ at the grid time t′ nearest the chosen one: τ ≥ 0 for C, τ > 0
 * for R (the solver's R_{kk} is 0: a kick at step k first moves θ at step k + 1).
 */
export interface TwoTimeCut {
  /** The grid t′ actually cut at. */
  at: number;
  lags: number[];
  values: number[];
  /** Standard errors of the seed mean (simulations of several seeds), else null. */
  standardErrors: number[] | null;
}

export function cutAt(snapshot: TwoTimeSnapshot, quantity: TwoTimeQuantity, time: number): TwoTimeCut | null {
  const matrix = matrixOf(snapshot, quantity);
  if (!matrix || snapshot.times.length === 0) return null;
  const n = snapshot.times.length;
  const j = nearestTimeIndex(snapshot.times, time);
  const lags: number[] = [];
  const values: number[] = [];
  const standardErrors: number[] | null = quantity === 'correlation' && snapshot.correlationSe ? [] : null;
  for (let i = quantity === 'response' ? j + 1 : j; i < n; i++) {
    lags.push(snapshot.times[i] - snapshot.times[j]);
    values.push(matrix[i * n + j]);
    standardErrors?.push(snapshot.correlationSe![i * n + j]);
  }
  return { at: snapshot.times[j], lags, values, standardErrors };
}

/** The value at the grid point nearest (t, t′), with that grid point. */
export function valueAt(snapshot: TwoTimeSnapshot, quantity: TwoTimeQuantity, t: number, tPrime: number): { t: number; tPrime: number; value: number } | null {
  const matrix = matrixOf(snapshot, quantity);
  if (!matrix || snapshot.times.length === 0) return null;
  const n = snapshot.times.length;
  const i = nearestTimeIndex(snapshot.times, t);
  const j = nearestTimeIndex(snapshot.times, tPrime);
  return { t: snapshot.times[i], tPrime: snapshot.times[j], value: matrix[i * n + j] };
}

/** The theory a simulation is compared with: SGF with the SGF's DMFT, SGD with SGD's where the run has it (else the SGF's, which then coincides). */
export function theoryFor(algorithm: 'sgf' | 'sgd', snapshots: TwoTimeSnapshots): TwoTimeSnapshot | null {
  return algorithm === 'sgd' ? (snapshots.sgdTheory ?? snapshots.theory) : snapshots.theory;
}

/**
 * C_simulation − C_theory on the simulation's grid, each theory value at its grid time nearest the simulation's
 * (within half a theory step; NaN, drawn transparent, where there is none). Null unless both are of one run.
 */
export function simulationMinusTheory(simulation: TwoTimeSnapshot, theory: TwoTimeSnapshot): TwoTimeSnapshot | null {
  if (simulation.runId !== theory.runId || theory.times.length < 2) return null;
  const n = simulation.times.length;
  const m = theory.times.length;
  const halfStep = (theory.times[m - 1] - theory.times[0]) / (m - 1) / 2;
  const match = Array.from(simulation.times, (time) => {
    const index = nearestTimeIndex(theory.times, time);
    return Math.abs(theory.times[index] - time) <= halfStep * (1 + 1e-9) ? index : -1;
  });
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      values[i * n + j] = match[i] < 0 || match[j] < 0 ? Number.NaN : simulation.correlation[i * n + j] - theory.correlation[match[i] * m + match[j]];
    }
  }
  return { ...simulation, correlation: values, response: null };
}

/** A colour domain symmetric about zero, [−a, a], for difference maps (null when there is no finite value). */
export function symmetricDomain(matrices: readonly (Float64Array | null)[]): [number, number] | null {
  let largest = 0;
  let any = false;
  for (const matrix of matrices) {
    if (!matrix) continue;
    for (const value of matrix) {
      if (!Number.isFinite(value)) continue;
      any = true;
      largest = Math.max(largest, Math.abs(value));
    }
  }
  if (!any) return null;
  return largest > 0 ? [-largest, largest] : [-1, 1];
}
