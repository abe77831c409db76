/**
 * SVG path strings of the marks (d3 does the maths), guarded so that no NaN or ±Infinity ever
 * reaches a `d` attribute: a point is drawn only if its time and value are finite (and positive
 * on a log scale) *and* its projected pixel coordinates are finite; anything else breaks the line
 * there (d3's `defined`), and a marker is skipped. The check on pixels catches a degenerate scale too.
 */
import * as d3 from 'd3';
import { isPlottable } from './marks/markAttributes';
import type { YScale } from './scales';

/** The columns a mark reads: times and values (and ± errors for a band) of the first `length` rows. */
export interface PathData {
  /** Rows to draw. */
  length: number;
  /** Time of each row. */
  t: ArrayLike<number>;
  /** Value of each row. */
  values: ArrayLike<number>;
}

/** Time and value scales of a plot. */
export interface PathScales {
  x: d3.ScaleLinear<number, number>;
  y: YScale;
  logScale: boolean;
}

/** Pixel position of row k, or null if it cannot be drawn. */
function point(data: PathData, k: number, { x, y, logScale }: PathScales): [number, number] | null {
  const time = data.t[k];
  const value = data.values[k];
  if (!Number.isFinite(time) || !isPlottable(value, logScale)) return null;
  const px = x(time);
  const py = y(value);
  return Number.isFinite(px) && Number.isFinite(py) ? [px, py] : null;
}

/** A polyline through the drawable rows, broken where a row is not drawable; '' when nothing is. */
export function linePath(data: PathData, scales: PathScales): string {
  const points = Array.from({ length: data.length }, (_, k) => point(data, k, scales));
  return (
    d3
      .line<[number, number] | null>()
      .digits(1)
      .defined((p) => p !== null)
      .x((p) => p![0])
      .y((p) => p![1])(points) ?? ''
  );
}

/** The area between value − error and value + error (clipped at the domain floor on a log scale); '' when nothing is drawable. */
export function bandPath(data: PathData & { errors: ArrayLike<number> }, scales: PathScales): string {
  const { x, y, logScale } = scales;
  const floor = logScale ? (y.domain()[0] as number) : -Infinity;
  const edges = Array.from({ length: data.length }, (_, k): [number, number, number] | null => {
    const time = data.t[k];
    const value = data.values[k];
    const error = data.errors[k];
    if (!Number.isFinite(time) || !isPlottable(value, logScale) || !Number.isFinite(error)) return null;
    const px = x(time);
    const low = y(Math.max(floor, value - error));
    const high = y(value + error);
    return Number.isFinite(px) && Number.isFinite(low) && Number.isFinite(high) ? [px, low, high] : null;
  });
  return (
    d3
      .area<[number, number, number] | null>()
      .digits(1)
      .defined((edge) => edge !== null)
      .x((edge) => edge![0])
      .y0((edge) => edge![1])
      .y1((edge) => edge![2])(edges) ?? ''
  );
}

/** Markers every `stride` rows: filled diamonds, or hollow circles; drawable rows only. */
export function markerPath(data: PathData, scales: PathScales, stride: number, hollow: boolean, radius = 4): string {
  let path = '';
  const step = Number.isFinite(stride) && stride >= 1 ? Math.floor(stride) : 1;
  for (let k = 0; k < data.length; k += step) {
    const position = point(data, k, scales);
    if (!position) continue;
    const cx = position[0].toFixed(1);
    const cy = position[1];
    path += hollow
      ? `M${cx},${(cy - radius).toFixed(1)}a${radius},${radius} 0 1,0 0.01,0z`
      : `M${cx},${(cy - radius - 1).toFixed(1)}l${radius + 1},${radius + 1}l${-radius - 1},${radius + 1}l${-radius - 1},${-radius - 1}z`;
  }
  return path;
}
