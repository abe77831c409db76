/**
 * SVG snapshots of every plot panel rendered from fixed fixtures (Observable Plot's snapshot style, issue 9 item 8):
 * a change to a mark, an axis or a legend shows as a diff of test/app/__snapshots__/panels/*.svg. After an intended
 * change, review the diff and refresh with `npx vitest run test/app/panelSnapshots.test.tsx -u`.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../src/core/params';
import type { CommitteeMessage, TwoTimeMessage } from '../../src/pipeline/protocol';
import { RunResults, type RunSnapshot } from '../../src/app/runResults';
import { panels } from '../../src/app/plots/panels';
import { PlotPanel } from '../../src/app/plots/PlotPanel';
import { TwoTimePanel } from '../../src/app/plots/TwoTimePanel';
import { twoTimePanels } from '../../src/app/plots/twoTimePanels';
import { CommitteePanel } from '../../src/app/committee/CommitteePanel';
import { rowsMessage } from './streamFixtures';

afterEach(cleanup);

const params: Params = { ...defaultParams, horizon: 2, seeds: 2 };

/** A run with 21 rows of every line source, two seeds per simulation. */
function lineRun(): RunSnapshot {
  const results = new RunResults(5, params);
  for (const source of ['theory', 'sgdTheory'] as const) results.receive(rowsMessage(5, source, 21, { offset: source === 'theory' ? 0 : 0.01 }));
  for (const source of ['sgf', 'sgd'] as const) {
    results.receive(rowsMessage(5, source, 21, { seedIndex: 0, offset: 0.02 }));
    results.receive(rowsMessage(5, source, 21, { seedIndex: 1, offset: -0.02 }));
  }
  return results.snapshot();
}

/** Two-time matrices on a 9-point grid: C = min(t, t′)-like for the theory, shifted for the simulation seeds. */
function twoTimeRun(): RunSnapshot {
  const results = new RunResults(6, params);
  const times = Float64Array.from({ length: 9 }, (_, i) => i * 0.25);
  const matrix = (shift: number) => Float64Array.from({ length: 81 }, (_, i) => Math.min(times[Math.floor(i / 9)], times[i % 9]) + shift);
  const message = (source: TwoTimeMessage['source'], seedIndex: number, shift: number, response: boolean): TwoTimeMessage => ({
    type: 'twoTime', runId: 6, source, seedIndex, times, correlation: matrix(shift), response: response ? matrix(-shift) : null,
  });
  results.receive(message('theory', 0, 0, true));
  results.receive(message('sgf', 0, 0.05, false));
  results.receive(message('sgf', 1, -0.03, false));
  return results.snapshot();
}

function committeeRun(): RunSnapshot {
  const results = new RunResults(7, params);
  const times = Float64Array.from({ length: 11 }, (_, i) => i * 0.2);
  const message = (source: CommitteeMessage['source'], seedIndex: number, shift: number): CommitteeMessage => ({
    type: 'committee', runId: 7, source, seedIndex, hidden: 2, teacherHidden: 2, times,
    matrices: Float64Array.from({ length: 11 * 8 }, (_, i) => Math.tanh(times[Math.floor(i / 8)] * (1 + (i % 8)) / 8) + shift),
  });
  results.receive(message('theory', 0, 0));
  results.receive(message('sgf', 0, 0.02));
  results.receive(message('sgf', 1, -0.01));
  return results.snapshot();
}

function svgOf(container: HTMLElement): string {
  const svg = container.querySelector('svg[role="img"]');
  if (!svg) throw new Error('no plot image rendered');
  return svg.outerHTML.replace(/></g, '>\n<') + '\n';
}

describe('panel snapshots', () => {
  it.each(panels.map((spec) => [spec.id, spec] as const))('%s', async (id, spec) => {
    const { container } = render(<PlotPanel spec={spec} current={lineRun()} previous={null} />);
    await expect(svgOf(container)).toMatchFileSnapshot(`__snapshots__/panels/${id}.svg`);
  });

  it.each(twoTimePanels.map((spec) => [spec.id, spec] as const))('%s', async (id, spec) => {
    const { container } = render(<TwoTimePanel spec={spec} current={twoTimeRun()} previous={null} />);
    await expect(svgOf(container)).toMatchFileSnapshot(`__snapshots__/panels/${id}.svg`);
  });

  it('committee', async () => {
    const { container } = render(<CommitteePanel current={committeeRun()} previous={null} />);
    await expect(svgOf(container)).toMatchFileSnapshot('__snapshots__/panels/committee.svg');
  });
});
