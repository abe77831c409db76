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

/**
 * The rows 0…length−1 as d3's data without an array: d3-shape reads `length` and passes each index to the
 * accessors, which read the columns themselves (visx's LinePath style: data, accessors, `defined`).
 */
function rows(length: number): number[] {
  return { length } as unknown as number[];
}

/** Whether row k can be drawn: finite time and value (positive on a log scale) with finite pixels. */
function drawable(data: PathData, k: number, { x, y, logScale }: PathScales): boolean {
  const time = data.t[k];
  const value = data.values[k];
  return Number.isFinite(time) && isPlottable(value, logScale) && Number.isFinite(x(time)) && Number.isFinite(y(value));
}

/** A polyline through the drawable rows, broken where a row is not drawable; '' when nothing is. */
export function linePath(data: PathData, scales: PathScales): string {
  const { x, y } = scales;
  return (
    d3
      .line<number>()
      .digits(1)
      .defined((_, k) => drawable(data, k, scales))
      .x((_, k) => x(data.t[k]))
      .y((_, k) => y(data.values[k]))(rows(data.length)) ?? ''
  );
}

/** The area between value − error and value + error (clipped at the domain floor on a log scale); '' when nothing is drawable. */
export function bandPath(data: PathData & { errors: ArrayLike<number> }, scales: PathScales): string {
  const { x, y, logScale } = scales;
  const floor = logScale ? (y.domain()[0] as number) : -Infinity;
  const low = (k: number): number => y(Math.max(floor, data.values[k] - data.errors[k]));
  const high = (k: number): number => y(data.values[k] + data.errors[k]);
  const defined = (k: number): boolean => {
    const time = data.t[k];
    if (!Number.isFinite(time) || !isPlottable(data.values[k], logScale) || !Number.isFinite(data.errors[k])) return false;
    return Number.isFinite(x(time)) && Number.isFinite(low(k)) && Number.isFinite(high(k));
  };
  return (
    d3
      .area<number>()
      .digits(1)
      .defined((_, k) => defined(k))
      .x((_, k) => x(data.t[k]))
      .y0((_, k) => low(k))
      .y1((_, k) => high(k))(rows(data.length)) ?? ''
  );
}

/** Markers every `stride` rows: filled diamonds, or hollow circles; drawable rows only. */
export function markerPath(data: PathData, scales: PathScales, stride: number, hollow: boolean, radius = 4): string {
  let path = '';
  const step = Number.isFinite(stride) && stride >= 1 ? Math.floor(stride) : 1;
  for (let k = 0; k < data.length; k += step) {
    if (!drawable(data, k, scales)) continue;
    const cx = scales.x(data.t[k]).toFixed(1);
    const cy = scales.y(data.values[k]);
    path += hollow
      ? `M${cx},${(cy - radius).toFixed(1)}a${radius},${radius} 0 1,0 0.01,0z`
      : `M${cx},${(cy - radius - 1).toFixed(1)}l${radius + 1},${radius + 1}l${-radius - 1},${radius + 1}l${-radius - 1},${-radius - 1}z`;
  }
  return path;
}
