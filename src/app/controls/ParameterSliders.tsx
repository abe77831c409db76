/** The sliders a lecturer moves: the rows of the parameter table shown as sliders (α, b, h), with κ² beside them. */
import { validateParams, type Params } from '../../core/params';
import { paramRows, type NumberRow } from '../../core/paramTable';
import { paramTooltip } from '../paramTooltips';
import { useAppStore } from '../store';
import { sliderIds, type SliderId } from '../uiStore';
import { NoiseStrength } from './NoiseStrength';
import { Slider } from './Slider';
import { ladderOf } from './sliderLadders';

type SliderRow = NumberRow & { ui: { place: 'slider' } };
const sliderRows = paramRows.filter((row): row is SliderRow => row.type === 'number' && row.ui.place === 'slider');

export interface ParameterSlidersProps {
  /** Sliders shown (all three when omitted); κ² is shown with any of them. */
  visible?: readonly SliderId[];
}

export function ParameterSliders({ visible = sliderIds }: ParameterSlidersProps) {
  const params = useAppStore((state) => state.current.params);
  const setParams = useAppStore((state) => state.setParams);
  if (visible.length === 0) return null;
  // A value runs if the validator (ranges and resource limits) accepts it with the other parameters as they are.
  const runs = (row: SliderRow) => (value: number) => validateParams({ ...params, [row.key]: value } satisfies Params).ok;
  return (
    <div className="sliders" data-count={visible.length}>
      {sliderRows
        .filter((row) => visible.includes(row.ui.id as SliderId))
        .map((row) => (
          <Slider
            key={row.key}
            id={`slider-${row.flag}`}
            label={row.ui.label}
            symbol={row.symbol}
            ladder={ladderOf(row.key)}
            value={params[row.key]}
            onChange={(value) => setParams({ [row.key]: value })}
            runs={runs(row)}
            hint={row.ui.hint}
            title={paramTooltip(row.key)}
          />
        ))}
      <NoiseStrength params={params} />
    </div>
  );
}
