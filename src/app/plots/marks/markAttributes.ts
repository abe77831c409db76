/**
 * The data-* attributes every drawn series element carries (tests and other tools rely on them):
 * which source, which run, which quantity, how many points, the last value, and staleness.
 */
import { formatNumber } from '../../format';
import type { SeriesSnapshot } from '../../runResults';
import type { ValueName } from '../../seedAggregate';

export function markAttributes(series: SeriesSnapshot, quantity: ValueName, stale: boolean): Record<string, string> {
  return {
    'data-series': series.source,
    'data-run': String(series.runId),
    'data-quantity': quantity,
    'data-points': String(series.length),
    'data-final-value': String(series.values[quantity][series.length - 1]),
    'data-final-time': formatNumber(series.t[series.length - 1], 6),
    'data-stale': String(stale),
  };
}

/** Whether a value can be drawn on the scale (finite; positive on a log scale). */
export function isPlottable(value: number, logScale: boolean): boolean {
  return Number.isFinite(value) && (!logScale || value > 0);
}
