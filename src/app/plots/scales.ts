/** The x (time) and y scales of one plot, from the series it draws. */
import * as d3 from 'd3';
import type { SeriesSnapshot } from '../runResults';
import type { ValueName } from '../seedAggregate';

export type YScale = d3.ScaleLinear<number, number> | d3.ScaleLogarithmic<number, number>;

export interface PlotMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const margins: PlotMargins = { top: 12, right: 18, bottom: 52, left: 66 };

/**
 * On a linear scale, a series that diverged contributes to the y-domain only its rows before the
 * blow-up: up to (not including) the first row whose value leaves `blowUpFactor` × max(1, |first value|).
 * The later rows are still drawn; they leave the plot at the top (clipped), where the "diverged at
 * t = …" rule stands. Without this, values near the divergence threshold (|q| up to 10⁸) would squash
 * every other curve into a flat line at zero. The log scale shows all rows (eight decades fit).
 * Ten times the starting magnitude (or ±10 from a start near 0) keeps the O(1) dynamics legible
 * and still shows the curve take off.
 */
export const blowUpFactor = 10;

/** Rows of `values` before the blow-up (see blowUpFactor). */
export function rowsBeforeBlowUp(values: ArrayLike<number>, length: number): number {
  const first = values[0];
  const limit = blowUpFactor * Math.max(1, Number.isFinite(first) ? Math.abs(first) : 1);
  for (let k = 0; k < length; k++) {
    if (Math.abs(values[k]) > limit) return k;
  }
  return length;
}

/**
 * Extent of all values (± standard error) of `quantities` in `series`; positive values only on a log
 * scale; only finite values; on a linear scale, diverged series only up to their blow-up.
 */
export function valueExtent(series: readonly SeriesSnapshot[], quantities: readonly ValueName[], logScale: boolean): [number, number] | null {
  let low = Infinity;
  let high = -Infinity;
  const include = (value: number): void => {
    if (!Number.isFinite(value) || (logScale && value <= 0)) return;
    if (value < low) low = value;
    if (value > high) high = value;
  };
  for (const entry of series) {
    for (const name of quantities) {
      const values = entry.values[name];
      const errors = entry.standardError?.[name];
      const rows = entry.diverged && !logScale ? rowsBeforeBlowUp(values, entry.length) : entry.length;
      for (let k = 0; k < rows; k++) {
        include(values[k]);
        if (errors) {
          include(values[k] - errors[k]);
          include(values[k] + errors[k]);
        }
      }
    }
  }
  return low <= high ? [low, high] : null;
}

/** The y scale over `extent`, padded and rounded to nice ticks. */
export function makeYScale(extent: [number, number] | null, logScale: boolean, range: [number, number]): YScale {
  if (logScale) {
    const [low, high] = extent ?? [0.01, 1];
    const scale = d3.scaleLog().domain(low === high ? [low / 2, high * 2] : [low, high]).range(range);
    return scale.nice();
  }
  const [low, high] = extent ?? [0, 1];
  const pad = low === high ? Math.max(Math.abs(low) * 0.1, 0.05) : (high - low) * 0.05;
  return d3.scaleLinear().domain([low - pad, high + pad]).range(range).nice();
}

/** The time scale from 0 to the horizon. */
export function makeTimeScale(horizon: number, range: [number, number]): d3.ScaleLinear<number, number> {
  return d3.scaleLinear().domain([0, horizon]).range(range);
}
