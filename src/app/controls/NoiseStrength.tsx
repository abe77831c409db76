/** The derived noise strength κ² = h(1−b)/b of the SGF, beside the sliders that set it. */
import { noiseStrength, type Params } from '../../core/params';
import { formatNumber } from '../format';
import { Formula } from './Formula';

export interface NoiseStrengthProps {
  /** Current parameters. */
  params: Params;
}

export function NoiseStrength({ params }: NoiseStrengthProps) {
  const kappaSquared = noiseStrength(params);
  return (
    <div className="noise-strength" role="group" aria-label={`noise strength κ² = h(1−b)/b = ${formatNumber(kappaSquared)}`}>
      <div className="noise-title">noise strength</div>
      <div className="noise-formula">
        <Formula tex={`\\kappa^2 = \\frac{h\\,(1-b)}{b} = ${formatNumber(kappaSquared).replace('−', '-')}`} />
      </div>
      <p className="hint">{kappaSquared === 0 ? 'b = 1: full-batch gradient descent, no noise' : 'temperature of the SGF: κ²/α = ' + formatNumber(kappaSquared / params.alpha)}</p>
    </div>
  );
}
