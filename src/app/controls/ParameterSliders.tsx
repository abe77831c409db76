/** The three sliders a lecturer moves: sample ratio α, batch fraction b, step size h, with κ² beside them. */
import { validateParams, type Params } from '../../core/params';
import { paramTooltip } from '../paramTooltips';
import { useAppStore } from '../store';
import { sliderIds, type SliderId } from '../uiStore';
import { NoiseStrength } from './NoiseStrength';
import { Slider } from './Slider';
import { alphaLadder, batchFractionLadder, stepLadder } from './sliderLadders';

export interface ParameterSlidersProps {
  /** Sliders shown (all three when omitted); κ² is shown with any of them. */
  visible?: readonly SliderId[];
}

export function ParameterSliders({ visible = sliderIds }: ParameterSlidersProps) {
  const params = useAppStore((state) => state.params);
  const setParams = useAppStore((state) => state.setParams);
  if (visible.length === 0) return null;
  // A value runs if the validator (ranges and resource limits) accepts it with the other parameters as they are.
  const runs = (patch: (value: number) => Partial<Params>) => (value: number) => validateParams({ ...params, ...patch(value) }).ok;
  return (
    <div className="sliders" data-count={visible.length}>
      {visible.includes('alpha') && (
        <Slider
          id="slider-alpha"
          label="sample ratio α = n/d"
          symbol="α"
          ladder={alphaLadder}
          value={params.alpha}
          onChange={(alpha) => setParams({ alpha })}
          runs={runs((alpha) => ({ alpha }))}
          hint="training samples per dimension"
          title={paramTooltip('alpha')}
        />
      )}
      {visible.includes('batch') && (
        <Slider
          id="slider-batch-fraction"
          label="batch fraction b = B/n"
          symbol="b"
          ladder={batchFractionLadder}
          value={params.batchFraction}
          onChange={(batchFraction) => setParams({ batchFraction })}
          runs={runs((batchFraction) => ({ batchFraction }))}
          hint="samples per minibatch / n; b = 1 is gradient descent"
          title={paramTooltip('batchFraction')}
        />
      )}
      {visible.includes('step') && (
        <Slider
          id="slider-step"
          label="step size h"
          symbol="h"
          ladder={stepLadder}
          value={params.step}
          onChange={(step) => setParams({ step })}
          runs={runs((step) => ({ step }))}
          hint="time advanced by one SGD step (t = k·h)"
          title={paramTooltip('step')}
        />
      )}
      <NoiseStrength params={params} />
    </div>
  );
}
