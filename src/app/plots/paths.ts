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

/**
 * Pixel coordinates of a row, projected once however often d3 asks (`defined`, then x, then y, for the same row):
 * NaN where the row cannot be drawn (time or value not finite, not positive on a log scale).
 */
function pixels(data: PathData, { x, y, logScale }: PathScales) {
  let row = -1;
  let px = Number.NaN;
  let py = Number.NaN;
  const project = (k: number): void => {
    if (k === row) return;
    row = k;
    const time = data.t[k];
    const value = data.values[k];
    const drawable = Number.isFinite(time) && isPlottable(value, logScale);
    px = drawable ? x(time) : Number.NaN;
    py = drawable ? y(value) : Number.NaN;
  };
  return {
    /** Whether row k can be drawn: finite time and value (positive on a log scale) with finite pixels. */
    defined: (k: number): boolean => (project(k), Number.isFinite(px) && Number.isFinite(py)),
    x: (k: number): number => (project(k), px),
    y: (k: number): number => (project(k), py),
  };
}

/** A polyline through the drawable rows, broken where a row is not drawable; '' when nothing is. */
export function linePath(data: PathData, scales: PathScales): string {
  const row = pixels(data, scales);
  return (
    d3
      .line<number>()
      .digits(1)
      .defined((_, k) => row.defined(k))
      .x((_, k) => row.x(k))
      .y((_, k) => row.y(k))(rows(data.length)) ?? ''
  );
}

/** The area between value − error and value + error (clipped at the domain floor on a log scale); '' when nothing is drawable. */
export function bandPath(data: PathData & { errors: ArrayLike<number> }, scales: PathScales): string {
  const { x, y, logScale } = scales;
  const floor = logScale ? (y.domain()[0] as number) : -Infinity;
  // Each row's pixels projected once, as in pixels(): NaN where the row cannot be drawn.
  let row = -1;
  const edge = { x: Number.NaN, low: Number.NaN, high: Number.NaN };
  const project = (k: number): void => {
    if (k === row) return;
    row = k;
    const time = data.t[k];
    const value = data.values[k];
    const error = data.errors[k];
    const drawable = Number.isFinite(time) && isPlottable(value, logScale) && Number.isFinite(error);
    edge.x = drawable ? x(time) : Number.NaN;
    edge.low = drawable ? y(Math.max(floor, value - error)) : Number.NaN;
    edge.high = drawable ? y(value + error) : Number.NaN;
  };
  return (
    d3
      .area<number>()
      .digits(1)
      .defined((_, k) => (project(k), Number.isFinite(edge.x) && Number.isFinite(edge.low) && Number.isFinite(edge.high)))
      .x((_, k) => (project(k), edge.x))
      .y0((_, k) => (project(k), edge.low))
      .y1((_, k) => (project(k), edge.high))(rows(data.length)) ?? ''
  );
}

/** Markers every `stride` rows: filled diamonds, or hollow circles; drawable rows only. */
export function markerPath(data: PathData, scales: PathScales, stride: number, hollow: boolean, radius = 4): string {
  const row = pixels(data, scales);
  let path = '';
  const step = Number.isFinite(stride) && stride >= 1 ? Math.floor(stride) : 1;
  for (let k = 0; k < data.length; k += step) {
    if (!row.defined(k)) continue;
    const cx = row.x(k).toFixed(1);
    const cy = row.y(k);
    path += hollow
      ? `M${cx},${(cy - radius).toFixed(1)}a${radius},${radius} 0 1,0 0.01,0z`
      : `M${cx},${(cy - radius - 1).toFixed(1)}l${radius + 1},${radius + 1}l${-radius - 1},${radius + 1}l${-radius - 1},${-radius - 1}z`;
  }
  return path;
}
