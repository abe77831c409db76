/** A vertical rule where series diverged, labelled "theory, SGF diverged at t = …". */
import type * as d3 from 'd3';
import { formatNumber } from '../../format';
import type { SourceKind } from '../../protocol';
import { seriesStyles } from '../../seriesStyles';

export interface DivergenceRuleProps {
  /** Series that diverged at this time. */
  sources: readonly SourceKind[];
  /** Time of the first invalid row. */
  at: number;
  /** Run that diverged. */
  runId: number;
  /** Time scale. */
  x: d3.ScaleLinear<number, number>;
  /** Top of the plot area. */
  top: number;
  /** Bottom of the plot area. */
  bottom: number;
  /** Position among the rules of one plot (labels are stacked so they do not overlap). */
  slot: number;
}

export function DivergenceRule({ sources, at, runId, x, top, bottom, slot }: DivergenceRuleProps) {
  const position = x(Math.min(at, x.domain()[1]));
  const nearRightEdge = position > (x.range()[0] + x.range()[1]) / 2;
  const names = sources.map((source) => seriesStyles[source].shortLabel).join(', ');
  return (
    <g className="divergence" data-diverged={sources.join(' ')} data-run={runId}>
      <line x1={position} x2={position} y1={top} y2={bottom} className="divergence-rule" />
      <text x={position + (nearRightEdge ? -6 : 6)} y={top + 16 + slot * 18} textAnchor={nearRightEdge ? 'end' : 'start'} className="divergence-label">
        {`${names} diverged at t = ${formatNumber(at)}`}
      </text>
    </g>
  );
}
