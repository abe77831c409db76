/** The "advanced" disclosure: model, ridge, horizon, teacher, initial weights, simulation size, theory samples, seed. */
import { defaultParams, modelIds, ranges, validateParams, type ModelId, type NumericKey, type Params, type Problem } from '../../core/params';
import { paramTooltip } from '../paramTooltips';
import { useAppStore } from '../store';
import { NumberField } from './NumberField';

const modelLabels: Record<ModelId, string> = {
  logistic: 'logistic (labels ±1)',
  linear: 'linear (square loss)',
};

/** The change of one field; fewer theory samples also cap the response subset, which may not exceed them. */
function patchFor(key: NumericKey, value: number): Partial<Params> {
  if (key === 'samples') return { samples: value, responseSamples: Math.min(defaultParams.responseSamples, value) };
  return { [key]: value };
}

/** The problems of `patch` applied to `params` (nothing runs). */
function problemsOf(params: Params, patch: Partial<Params>): Problem[] {
  const validation = validateParams({ ...params, ...patch });
  return validation.ok ? [] : validation.problems;
}

export function AdvancedSettings() {
  const params = useAppStore((state) => state.params);
  const setParams = useAppStore((state) => state.setParams);
  const field = (key: NumericKey, label: string, step?: number) => (
    <NumberField
      id={`field-${key}`}
      label={label}
      value={params[key]}
      step={step}
      min={ranges[key].min}
      max={ranges[key].max}
      title={paramTooltip(key)}
      onCommit={(value) => setParams(patchFor(key, value))}
      validate={(value) => problemsOf(params, patchFor(key, value))}
    />
  );
  const signTeacher = params.beta === Infinity;
  return (
    <details className="advanced">
      <summary>Advanced settings</summary>
      <div className="advanced-grid">
        <div className="field">
          <label htmlFor="field-model" title={paramTooltip('model')}>
            model
          </label>
          <select id="field-model" title={paramTooltip('model')} value={params.model} onChange={(event) => setParams({ model: event.target.value as ModelId })}>
            {modelIds.map((id) => (
              <option key={id} value={id}>
                {modelLabels[id]}
              </option>
            ))}
          </select>
        </div>
        {field('ridge', 'ridge λ', 0.01)}
        {field('horizon', 'horizon T', 1)}
        {params.model === 'logistic' ? (
          <div className="field-group">
            <NumberField
              id="field-beta"
              label="teacher sharpness β"
              value={params.beta}
              step={0.5}
              min={ranges.beta.min}
              max={ranges.beta.max}
              disabled={signTeacher}
              title={paramTooltip('beta')}
              onCommit={(beta) => setParams({ beta })}
              validate={(beta) => problemsOf(params, { beta })}
            />
            <label className="checkbox" title="beta=inf: the sign teacher, labels y = sign(r*) without noise">
              <input type="checkbox" checked={signTeacher} onChange={(event) => setParams({ beta: event.target.checked ? Infinity : 1 })} /> sign
              teacher (β = ∞)
            </label>
          </div>
        ) : (
          field('labelNoise', 'label noise σ_ε', 0.1)
        )}
        {field('initScale', 'initial weights σ₀', 0.1)}
        {field('dim', 'simulation dimension d', 100)}
        {field('seeds', 'simulation seeds', 1)}
        {field('samples', 'theory samples N', 1000)}
        {field('seed', 'master seed', 1)}
      </div>
    </details>
  );
}
