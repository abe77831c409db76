/** One source's q (p×p) and M (p×p*) at the row nearest the chosen time, as two small grids of coloured cells. */
import { hsl, type ScaleDiverging } from 'd3';
import { formatNumber } from '../format';
import type { CommitteeSnapshot } from '../committeeResults';
import { staleOpacity } from '../seriesStyles';
import { matricesAt, nearestRow } from './committeeView';
import type { ViewSource } from '../viewSources';

export interface MatrixHover {
  source: ViewSource;
  name: string;
  t: number;
  value: number;
  standardError: number | null;
}

export interface MatrixHeatmapProps {
  source: ViewSource;
  title: string;
  snapshot: CommitteeSnapshot;
  stale: boolean;
  time: number;
  colour: ScaleDiverging<string>;
  cellSize: number;
  left: number;
  top: number;
  onHover: (hover: MatrixHover | null) => void;
}

export function MatrixHeatmap({ source, title, snapshot, stale, time, colour, cellSize, left, top, onHover }: MatrixHeatmapProps) {
  if (snapshot.times.length === 0) return null;
  const row = nearestRow(snapshot, time);
  const { q, M, qSe, MSe, t } = matricesAt(snapshot, row);
  const { hidden: p, teacherHidden: pStar } = snapshot;
  const grid = (symbol: 'q' | 'M', values: Float64Array, errors: Float64Array | null, columns: number, x0: number) =>
    Array.from(values, (value, index) => {
      const a = Math.floor(index / columns);
      const b = index % columns;
      const name = `${symbol}[${a + 1},${b + 1}]`;
      const standardError = errors ? errors[index] : null;
      return (
        <g key={`${symbol}-${index}`} onPointerEnter={() => onHover({ source, name, t, value, standardError })}>
          <rect x={x0 + b * cellSize} y={18 + a * cellSize} width={cellSize - 2} height={cellSize - 2} fill={Number.isFinite(value) ? colour(value) : '#ccc'}>
            <title>{`${title}: ${name}(t = ${formatNumber(t)}) = ${formatNumber(value, 4)}`}</title>
          </rect>
          <text x={x0 + b * cellSize + (cellSize - 2) / 2} y={18 + a * cellSize + cellSize / 2 + 3} className="committee-cell-value" textAnchor="middle" fill={Number.isFinite(value) && hsl(colour(value)).l < 0.55 ? '#fff' : '#111'}>
            {Number.isFinite(value) ? value.toFixed(2) : '–'}
          </text>
        </g>
      );
    });
  return (
    <g className="committee-heatmap" data-source={source} data-run={snapshot.runId} data-stale={stale || undefined} transform={`translate(${left},${top})`} opacity={stale ? staleOpacity : 1}>
      <text x={0} y={12} className="committee-heatmap-title">
        {title} · q | M
      </text>
      {grid('q', q, qSe, p, 0)}
      {grid('M', M, MSe, pStar, p * cellSize + 10)}
    </g>
  );
}
