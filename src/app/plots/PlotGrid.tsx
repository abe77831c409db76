/** Every plot of the current model, sharing the current and previous run's results, and the explanation beside them. */
import { getModel } from '../../core/models';
import { Explanation } from '../Explanation';
import { PresetCaption } from '../sharing/PresetPicker';
import { useAppStore } from '../store';
import { useUiStore } from '../uiStore';
import { usePinStore } from '../pins/pinStore';
import { panels, type PanelSpec } from './panels';
import { PlotPanel } from './PlotPanel';
import { TwoTimePanel } from './TwoTimePanel';
import { twoTimePanels, type TwoTimePanelSpec } from './twoTimePanels';
import { DistributionPanel } from './DistributionPanel';
import { distributionPanels, type DistributionPanelSpec } from './distributionPanel';
import { useMediaQuery } from '../useMediaQuery';

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
  const classifier = getModel(current.params.model).classifier;
  // Embed mode: plots fill the frame, only the chosen ones, no explanation; presentation mode: no explanation either.
  const embed = useUiStore((state) => state.embed);
  const present = useUiStore((state) => state.present);
  const chosen = useUiStore((state) => state.plots);
  const projector = useMediaQuery(projectorLayoutQuery);
  const { shown, twoTime, distribution, unavailable } = shownPanels(chosen, classifier, current.params.model);
  // Presentation mode shows the preset's caption with the plots: in the free cell of a 3 × 2 grid of five, else above them.
  const captionInGrid = present && !embed && projector && shown.length === 5 && twoTime.length + distribution.length === 0;
  return (
    <>
      {unavailable && (
        <p className="plots-notice" role="note">
          {unavailable}
        </p>
      )}
      {present && !embed && !captionInGrid && <PresetCaption />}
      <div className="plot-grid" data-run-id={current.runId} data-plots={shown.length + twoTime.length + distribution.length}>
        {shown.map((spec) => (
          <PlotPanel key={spec.id} spec={spec} current={current} previous={previous} fill={embed || (present && projector)} playing={playing} pins={pins} />
        ))}
        {twoTime.map((spec) => (
          <TwoTimePanel key={spec.id} spec={spec} current={current} previous={previous} />
        ))}
        {distribution.map((spec) => (
          <DistributionPanel key={spec.id} spec={spec} current={current} previous={previous} />
        ))}
        {captionInGrid && <PresetCaption />}
        {!embed && !present && <Explanation />}
      </div>
    </>
  );
}

/**
 * The plots to draw: the chosen ones the model has, or, when none of the chosen is available (unknown
 * names, or only a classifier's plot for the linear model), all of the model's plots and a note saying why.
 * The two-time views (correlation, response) and the distribution view are drawn only when chosen.
 */
export function shownPanels(
  chosen: readonly string[] | null,
  classifier: boolean,
  model: string,
): { shown: PanelSpec[]; twoTime: TwoTimePanelSpec[]; distribution: DistributionPanelSpec[]; unavailable: string | null } {
  const available = panels.filter((spec) => classifier || !spec.classifierOnly);
  if (chosen === null) return { shown: available, twoTime: [], distribution: [], unavailable: null };
  const picked = available.filter((spec) => chosen.includes(spec.id));
  const twoTime = twoTimePanels.filter((spec) => chosen.includes(spec.id));
  const distribution = distributionPanels.filter((spec) => chosen.includes(spec.id));
  if (picked.length + twoTime.length + distribution.length > 0) return { shown: picked, twoTime, distribution, unavailable: null };
  const named = chosen.length > 0 ? `The chosen plots (${chosen.join(', ')}) are not drawn for the ${model} model` : 'No plot was chosen';
  return { shown: available, twoTime: [], distribution: [], unavailable: `${named}; showing all of its plots.` };
}
