/** Every plot of the current model, sharing the current and previous run's results, and the explanation beside them. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { getModel } from '../../core/models';
import { PresetCaption } from '../sharing/PresetPicker';
import { useAppStore } from '../store';
import { useUiStore } from '../uiStore';
import { usePinStore } from '../pins/pinStore';
import { committeePanel, committeePanelId, panels, type PanelSpec } from './panels';
import type { ModelKind } from '../../core/models';
import { PlotPanel } from './PlotPanel';
import { twoTimePanels, type TwoTimePanelSpec } from './twoTimePanels';
import { distributionPanels, type DistributionPanelSpec } from './distributionPanel';
import { useMediaQuery } from '../useMediaQuery';
import { useFramePainted } from '../useFramePainted';
import { sweepPanelId } from '../sweep/sweepSettings';
import { simulationProgress, theoryProgress, type RunSnapshot } from '../runResults';

// Drawn only when chosen (plots=correlation,response,distribution,sweep) or for the committee: their code loads then, not with the first frame.
const TwoTimePanel = lazy(() => import('./TwoTimePanel').then((module) => ({ default: module.TwoTimePanel })));
const SweepPanel = lazy(() => import('./SweepPanel').then((module) => ({ default: module.SweepPanel })));
const DistributionPanel = lazy(() => import('./DistributionPanel').then((module) => ({ default: module.DistributionPanel })));
const CommitteePanel = lazy(() => import('../committee/CommitteePanel').then((module) => ({ default: module.CommitteePanel })));
// The explanation (its text, its formulas, the equations behind it) comes once the first run has ended, in a task of its own (issue 14 item 3).
const Explanation = lazy(() => import('../Explanation').then((module) => ({ default: module.Explanation })));

/** Where presentation mode lays every plot out above the fold (the same query as in theme.css). */
export const projectorLayoutQuery = '(min-width: 1200px) and (min-height: 700px)';

export function PlotGrid() {
  // Not deferred (useDeferredValue): with a new snapshot every frame, an interruptible render that takes longer
  // than a frame (a slow machine, React's development build) was restarted by each one and drew nothing until
  // the run ended. The store applies at most one snapshot per animation frame instead.
  const current = useAppStore((state) => state.current);
  const previous = useAppStore((state) => state.previous);
  const playing = useAppStore((state) => state.playing);
  const pins = usePinStore((state) => state.pins);
  const model = getModel(current.params.model);
  // Embed mode: plots fill the frame, only the chosen ones, no explanation; presentation mode: no explanation either.
  const embed = useUiStore((state) => state.embed);
  const present = useUiStore((state) => state.present);
  const chosen = useUiStore((state) => state.plots);
  const projector = useMediaQuery(projectorLayoutQuery);
  // The plots come in the task after the page's first frame (the controls, the grid): each frame's layout stays short.
  const framePainted = useFramePainted();
  const explanationDue = useAfterFirstRun(current);
  const { shown, twoTime, distribution, committee, sweep, unavailable } = shownPanels(chosen, model.classifier, current.params.model, model.kind);
  // Presentation mode shows the preset's caption with the plots: in the free cell of a 3 × 2 grid of five, else above them.
  const captionInGrid = present && !embed && projector && shown.length === 5 && twoTime.length + distribution.length === 0 && !committee && !sweep;
  return (
    <>
      {unavailable && (
        <p className="plots-notice" role="note">
          {unavailable}
        </p>
      )}
      {present && !embed && !captionInGrid && <PresetCaption />}
      <div className="plot-grid" data-run-id={current.runId} data-plots={shown.length + twoTime.length + distribution.length + (committee ? 1 : 0) + (sweep ? 1 : 0)}>
        {framePainted && shown.map((spec) => (
          <PlotPanel key={spec.id} spec={spec} current={current} previous={previous} fill={embed || (present && projector)} playing={playing} pins={pins} />
        ))}
        {twoTime.map((spec) => (
          <Suspense key={spec.id} fallback={<p className="plots-notice">Loading the {spec.title} view…</p>}>
            <TwoTimePanel spec={spec} current={current} previous={previous} />
          </Suspense>
        ))}
        {distribution.map((spec) => (
          <Suspense key={spec.id} fallback={<p className="plots-notice">Loading the {spec.title} view…</p>}>
            <DistributionPanel spec={spec} current={current} previous={previous} />
          </Suspense>
        ))}
        {committee && (
          <Suspense fallback={<p className="plots-notice">Loading the hidden-units view…</p>}>
            <CommitteePanel current={current} previous={previous} />
          </Suspense>
        )}
        {sweep && (
          <Suspense fallback={<p className="plots-notice">Loading the sweep view…</p>}>
            <SweepPanel />
          </Suspense>
        )}
        {captionInGrid && <PresetCaption />}
        {!embed && !present && explanationDue && (
          <Suspense fallback={null}>
            <Explanation />
          </Suspense>
        )}
      </div>
    </>
  );
}

/** How long the explanation waits for the first run at most (a paused or slow run). */
const explanationWaitMs = 4000;

/**
 * Whether a run has ended since the page loaded (or explanationWaitMs passed). The explanation's first layout takes
 * 60–130 ms in headless Chromium (its fonts' first use; 3–4 ms once they are loaded): not while the first run draws.
 */
function useAfterFirstRun(current: RunSnapshot): boolean {
  const ended = theoryProgress(current.status) === 1 && simulationProgress(current.status) === 1;
  // Without a layout engine (jsdom) there is no layout to keep out of the run: due at once.
  const [due, setDue] = useState(ended || typeof ResizeObserver === 'undefined');
  useEffect(() => {
    if (ended) setDue(true);
  }, [ended]);
  useEffect(() => {
    const timer = setTimeout(() => setDue(true), explanationWaitMs);
    return () => clearTimeout(timer);
  }, []);
  return due || ended;
}

/**
 * The plots to draw: the chosen ones the model has, or, when none of the chosen is available (unknown
 * names, or only a classifier's plot for the linear model), all of the model's plots and a note saying why.
 * The two-time views (correlation, response), the distribution view and the sweep are drawn only when chosen.
 */
export function shownPanels(
  chosen: readonly string[] | null,
  classifier: boolean,
  model: string,
  kind: ModelKind = 'glm',
): { shown: PanelSpec[]; twoTime: TwoTimePanelSpec[]; distribution: DistributionPanelSpec[]; committee: boolean; sweep: boolean; unavailable: string | null } {
  // The committee machine's line plots read its invariant summaries (their own texts); it has no two-time, distribution or sweep views yet.
  const committeeKind = kind === 'committee';
  const available = panels.filter((spec) => classifier || !spec.classifierOnly).map((spec) => (committeeKind ? committeePanel(spec) : spec));
  const none = { twoTime: [], distribution: [], committee: committeeKind, sweep: false };
  if (chosen === null) return { shown: available, ...none, unavailable: null };
  const picked = available.filter((spec) => chosen.includes(spec.id));
  const twoTime = committeeKind ? [] : twoTimePanels.filter((spec) => chosen.includes(spec.id));
  const distribution = committeeKind ? [] : distributionPanels.filter((spec) => chosen.includes(spec.id));
  const committee = committeeKind && chosen.includes(committeePanelId);
  const sweep = !committeeKind && chosen.includes(sweepPanelId);
  if (picked.length + twoTime.length + distribution.length > 0 || committee || sweep) return { shown: picked, twoTime, distribution, committee, sweep, unavailable: null };
  const named = chosen.length > 0 ? `The chosen plots (${chosen.join(', ')}) are not drawn for the ${model} model` : 'No plot was chosen';
  return { shown: available, ...none, unavailable: `${named}; showing all of its plots.` };
}
