/**
 * Data export of the distribution view (the margin or residual histograms of the current run), one layout for every
 * source:
 *
 * JSON: { "quantity": "margin" | "residual", "definition": "...", "params": { the run's parameters (as the CLI prints them) },
 *         "binEdges": [e_0 … e_B] (the B fine bins [e_j, e_{j+1}); below e_0 and from e_B on: the outer bins),
 *         "sources": { "<source>": { "samples": per seed, "seeds": n, "times": [t_0 …],
 *                                    "fractions": [[below, bin_1 … bin_B, above] per time], "standardErrors": same | null,
 *                                    "testFractions": same | null } } }
 *   fractions are of the samples (the DMFT's trajectories, or a seed's training samples, averaged over seeds);
 *   testFractions (theories) are those of the Gaussian fields ω: test samples at the same q, m.
 * CSV: header `source,t,bin_low,bin_high,fraction,standard_error,test_fraction`, one line per source, time and bin
 *   (the outer bins with an empty bin_low or bin_high; an empty cell: none).
 */
import { binEdge, histogramBins, histogramRowLength } from '../core/dmft/sampleHistogram';
import { getModel } from '../core/models';
import { jsonParams, type OutputFormat } from '../core/report';
import { exportFileName, type DataFile } from './exportData';
import type { RunSnapshot } from './runResults';
import { distributionQuantity } from './plots/distributionPanel';
import { viewSources } from './viewSources';

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

function rowsOf(values: Float64Array, times: number): (number | null)[][] {
  return Array.from({ length: times }, (_, i) => Array.from(values.subarray(i * histogramRowLength, (i + 1) * histogramRowLength), finiteOrNull));
}

/** The run's histograms as a file, or null before any has arrived. */
export function distributionDataFile(snapshot: RunSnapshot, format: OutputFormat): DataFile | null {
  const present = viewSources.flatMap((source) => (snapshot.distributions[source] ? [snapshot.distributions[source]!] : []));
  if (present.length === 0) return null;
  const quantity = distributionQuantity(getModel(snapshot.params.model).classifier);
  const name = exportFileName('distribution', snapshot.params, format);
  const edges = Array.from({ length: histogramBins.binCount + 1 }, (_, j) => binEdge(j));
  if (format === 'json') {
    const sources = Object.fromEntries(
      present.map((entry) => [
        entry.source,
        {
          samples: entry.samples,
          seeds: entry.seeds,
          times: Array.from(entry.times),
          fractions: rowsOf(entry.fractions, entry.times.length),
          standardErrors: entry.standardErrors && rowsOf(entry.standardErrors, entry.times.length),
          testFractions: entry.fieldFractions && rowsOf(entry.fieldFractions, entry.times.length),
        },
      ]),
    );
    const definition = `fraction of the training samples' ${quantity.label} in each bin`;
    const text = `${JSON.stringify({ quantity: quantity.name, definition, params: jsonParams(snapshot.params), binEdges: edges, sources }, null, 1)}\n`;
    return { name, type: 'application/json', text };
  }
  const cell = (value: number | undefined): string => (value !== undefined && Number.isFinite(value) ? String(value) : '');
  const lines = ['source,t,bin_low,bin_high,fraction,standard_error,test_fraction'];
  for (const entry of present) {
    for (let i = 0; i < entry.times.length; i++) {
      for (let j = 0; j < histogramRowLength; j++) {
        const at = i * histogramRowLength + j;
        const low = j === 0 ? Number.NaN : edges[j - 1];
        const high = j === histogramRowLength - 1 ? Number.NaN : edges[j];
        lines.push(`${entry.source},${entry.times[i]},${cell(low)},${cell(high)},${cell(entry.fractions[at])},${cell(entry.standardErrors?.[at])},${cell(entry.fieldFractions?.[at])}`);
      }
    }
  }
  return { name, type: 'text/csv;charset=utf-8', text: `${lines.join('\n')}\n` };
}
