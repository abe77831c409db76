/**
 * Export: PNG or SVG of one plot or of the whole figure, and the data of each series group as CSV or
 * JSON in the CLI's schema (see ../exportData.ts). Files are saved through a download link.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getModel } from '../../core/models';
import type { OutputFormat } from '../../core/report';
import { dataFile, downloadBlob, exportFileName, exportSources } from '../exportData';
import { figureSvg, parameterSummary, plotSvg, svgToPng, type SvgImage } from '../exportFigure';
import { panels } from '../plots/panels';
import { twoTimePanels } from '../plots/twoTimePanels';
import { distributionPanels } from '../plots/distributionPanel';
import { useUiStore } from '../uiStore';
import type { SourceKind } from '../../pipeline/protocol';
import { seriesStyles } from '../seriesStyles';
import { useAppStore } from '../store';
import { sweepPanelId } from '../sweep/sweepSettings';

const figureChoice = 'figure';

function plotGrid(): Element {
  const grid = document.querySelector('.plot-grid');
  if (!grid) throw new Error('no plots on the page');
  return grid;
}

export function ExportMenu() {
  // Only what the menu shows, so streamed rows do not re-render it at frame rate.
  const params = useAppStore((state) => state.current.params);
  const available = useAppStore(useShallow((state) => exportSources.map((source) => state.current.series[source] !== null)));
  const [target, setTarget] = useState<string>(figureChoice);
  const [message, setMessage] = useState<string>('');
  const classifier = getModel(params.model).classifier;
  const chosen = useUiStore((state) => state.plots);
  const sweep = chosen?.includes(sweepPanelId) ? [{ id: sweepPanelId, title: 'Parameter sweep' }] : [];
  const plots = [...panels.filter((spec) => classifier || !spec.classifierOnly), ...twoTimePanels.filter((spec) => chosen?.includes(spec.id)), ...distributionPanels.filter((spec) => chosen?.includes(spec.id)), ...sweep];

  const image = (): SvgImage => {
    const grid = plotGrid();
    if (target === figureChoice) return figureSvg(grid, parameterSummary(params));
    const panel = grid.querySelector(`figure.panel[data-panel="${target}"]`);
    if (!panel) throw new Error('that plot is not shown');
    return plotSvg(panel, parameterSummary(params));
  };

  const exportImage = async (format: 'svg' | 'png'): Promise<void> => {
    try {
      const svg = image();
      const name = exportFileName(target, params, format);
      const blob = format === 'svg' ? new Blob([svg.text], { type: 'image/svg+xml' }) : await svgToPng(svg);
      downloadBlob(blob, name);
      setMessage(`Saved ${name}`);
    } catch (error) {
      setMessage(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const exportData = (source: SourceKind, format: OutputFormat): void => {
    const file = dataFile(useAppStore.getState().current, source, format);
    if (!file) {
      setMessage(`No ${seriesStyles[source].shortLabel} rows yet`);
      return;
    }
    downloadBlob(new Blob([file.text], { type: file.type }), file.name);
    setMessage(`Saved ${file.name}`);
  };

  const sources = exportSources.filter((source, index) => source !== 'exact' || available[index]);
  return (
    <details className="export-menu">
      <summary title="save the plots as images or the data as CSV / JSON">Export</summary>
      <div className="export-body">
        <div className="export-row">
          <label htmlFor="export-target">image of</label>
          <select id="export-target" value={target} onChange={(event) => setTarget(event.target.value)} title="which plot to save as an image">
            <option value={figureChoice}>the whole figure</option>
            {plots.map((spec) => (
              <option key={spec.id} value={spec.id}>
                {spec.title}
              </option>
            ))}
          </select>
          <button type="button" data-export="png" onClick={() => void exportImage('png')} title="save as a PNG image (2× resolution)">
            PNG
          </button>
          <button type="button" data-export="svg" onClick={() => void exportImage('svg')} title="save as an SVG vector image">
            SVG
          </button>
        </div>
        <table className="export-data">
          <caption>data, in the command line tool's schema (one file per series)</caption>
          <tbody>
            {sources.map((source) => (
              <tr key={source}>
                <th scope="row">{seriesStyles[source].shortLabel}</th>
                {(['csv', 'json'] as const).map((format) => (
                  <td key={format}>
                    <button
                      type="button"
                      data-export={`${source}-${format}`}
                      disabled={!available[exportSources.indexOf(source)]}
                      onClick={() => exportData(source, format)}
                      title={`save the ${seriesStyles[source].shortLabel} series as ${format.toUpperCase()}`}
                      aria-label={`${seriesStyles[source].shortLabel} data as ${format.toUpperCase()}`}
                    >
                      {format.toUpperCase()}
                    </button>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="export-message" aria-live="polite">
          {message}
        </p>
      </div>
    </details>
  );
}
