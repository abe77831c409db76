/**
 * A vertical rule where series diverged. Its words ("theory, SGF diverged at t = …") are in the plot's
 * legend, where they wrap instead of covering the curves, the axis or each other; here only as a tooltip.
 */
import type * as d3 from 'd3';
import type { SourceKind } from '../../../pipeline/protocol';
import { divergenceText } from '../../divergences';

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
}

export function DivergenceRule({ sources, at, runId, x, top, bottom }: DivergenceRuleProps) {
  const position = x(Math.min(at, x.domain()[1]));
  return (
    <g className="divergence" data-diverged={sources.join(' ')} data-run={runId}>
      <title>{divergenceText({ at, sources })}</title>
      <line x1={position} x2={position} y1={top} y2={bottom} className="divergence-rule" />
    </g>
  );
}
