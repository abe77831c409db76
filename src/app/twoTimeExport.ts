/**
 * Data export of a two-time view (C or R of the current run), in one layout for every source:
 *
 * JSON: { "quantity": "correlation" | "response", "definition": "...", "params": { the run's parameters },
 *         "sources": { "<source>": { "seeds": n_seeds, "times": [t_0 … t_{n−1}],
 *                                    "values": [[F(t_i, t′_j) for j] for i], "standardErrors": same shape | null } } }
 *   row i is t = times[i], column j is t′ = times[j]; sources: theory, sgdTheory (the DMFTs), sgf, sgd (seed means
 *   of θ(t)·θ(t′)/d, with the standard error of the mean); NaN is written as null.
 * CSV: header `source,t,t_prime,value,standard_error`, one line per source and grid pair (empty cell: none).
 */
import type { OutputFormat } from '../core/report';
import { exportFileName, type DataFile } from './exportData';
import type { RunSnapshot } from './runResults';
import { matrixOf, type TwoTimePanelSpec } from './plots/twoTimePanels';
import { viewSources } from './viewSources';

interface SourceMatrix {
  source: string;
  seeds: number;
  times: Float64Array;
  values: Float64Array;
  standardErrors: Float64Array | null;
}

function sourceMatrices(snapshot: RunSnapshot, spec: TwoTimePanelSpec): SourceMatrix[] {
  return viewSources.flatMap((source) => {
    const entry = snapshot.twoTime[source];
    const values = entry && matrixOf(entry, spec.id);
    if (!entry || !values) return [];
    return [{ source, seeds: entry.seeds, times: entry.times, values, standardErrors: spec.id === 'correlation' ? entry.correlationSe : null }];
  });
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

function rowsOf(matrix: Float64Array, n: number): (number | null)[][] {
  return Array.from({ length: n }, (_, i) => Array.from(matrix.subarray(i * n, (i + 1) * n), finiteOrNull));
}

/** The view's matrices as a file, or null before any has arrived. */
export function twoTimeDataFile(snapshot: RunSnapshot, spec: TwoTimePanelSpec, format: OutputFormat): DataFile | null {
  const matrices = sourceMatrices(snapshot, spec);
  if (matrices.length === 0) return null;
  const name = exportFileName(spec.id, snapshot.params, format);
  if (format === 'json') {
    const sources = Object.fromEntries(
      matrices.map(({ source, seeds, times, values, standardErrors }) => [
        source,
        { seeds, times: Array.from(times), values: rowsOf(values, times.length), standardErrors: standardErrors && rowsOf(standardErrors, times.length) },
      ]),
    );
    const text = `${JSON.stringify({ quantity: spec.id, definition: spec.valueLabel, params: snapshot.params, sources }, null, 1)}\n`;
    return { name, type: 'application/json', text };
  }
  const cell = (value: number | undefined): string => (value !== undefined && Number.isFinite(value) ? String(value) : '');
  const lines = ['source,t,t_prime,value,standard_error'];
  for (const { source, times, values, standardErrors } of matrices) {
    const n = times.length;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) lines.push(`${source},${times[i]},${times[j]},${cell(values[i * n + j])},${cell(standardErrors?.[i * n + j])}`);
  }
  return { name, type: 'text/csv;charset=utf-8', text: `${lines.join('\n')}\n` };
}
