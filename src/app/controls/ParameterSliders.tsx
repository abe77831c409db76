/** The three sliders a lecturer moves: sample ratio α, batch fraction b, step size h, with κ² beside them. */
import { useAppStore } from '../store';
import { NoiseStrength } from './NoiseStrength';
import { Slider } from './Slider';
import { alphaLadder, batchFractionLadder, stepLadder } from './sliderLadders';

export function ParameterSliders() {
  const params = useAppStore((state) => state.params);
  const setParams = useAppStore((state) => state.setParams);
  return (
    <div className="sliders">
      <Slider
        id="slider-alpha"
        label="sample ratio α = n/d"
        symbol="α"
        ladder={alphaLadder}
        value={params.alpha}
        onChange={(alpha) => setParams({ alpha })}
        hint="training samples per dimension"
      />
      <Slider
        id="slider-batch-fraction"
        label="batch fraction b = B/n"
        symbol="b"
        ladder={batchFractionLadder}
        value={params.batchFraction}
        onChange={(batchFraction) => setParams({ batchFraction })}
        hint="samples per minibatch / n; b = 1 is gradient descent"
      />
      <Slider
        id="slider-step"
        label="step size h"
        symbol="h"
        ladder={stepLadder}
        value={params.step}
        onChange={(step) => setParams({ step })}
        hint="time advanced by one SGD step (t = k·h)"
      />
      <NoiseStrength params={params} />
    </div>
  );
}
