/** Every plot of the current model, sharing the current and previous run's results, and the explanation beside them. */
import { getModel } from '../../core/models';
import { Explanation } from '../Explanation';
import { useAppStore } from '../store';
import { useUiStore } from '../uiStore';
import { panels } from './panels';
import { PlotPanel } from './PlotPanel';
import { useBoundedDeferredValue } from '../useBoundedDeferredValue';
import { useMediaQuery } from '../useMediaQuery';

/** The plots may show a snapshot at most this old (ms) while a newer one renders in the background. */
const maxPlotLagMs = 100;

/** Where presentation mode lays every plot out above the fold (the same query as in theme.css). */
export const projectorLayoutQuery = '(min-width: 1200px) and (min-height: 700px)';

export function PlotGrid() {
  // Deferred, so that a slider move or a burst of rows never blocks input; bounded, because with a new snapshot
  // every frame a deferred render slower than a frame never committed (nothing was drawn until the run ended).
  const current = useBoundedDeferredValue(useAppStore((state) => state.current), maxPlotLagMs);
  const previous = useBoundedDeferredValue(useAppStore((state) => state.previous), maxPlotLagMs);
  const classifier = getModel(current.params.model).classifier;
  // Embed mode: plots fill the frame, only the chosen ones, no explanation; presentation mode: no explanation either.
  const embed = useUiStore((state) => state.embed);
  const present = useUiStore((state) => state.present);
  const chosen = useUiStore((state) => state.plots);
  const projector = useMediaQuery(projectorLayoutQuery);
  return (
    <div className="plot-grid" data-run-id={current.runId}>
      {panels
        .filter((spec) => (classifier || !spec.classifierOnly) && (chosen === null || chosen.includes(spec.id)))
        .map((spec) => (
          <PlotPanel key={spec.id} spec={spec} current={current} previous={previous} fill={embed || (present && projector)} />
        ))}
      {!embed && !present && <Explanation />}
    </div>
  );
}
