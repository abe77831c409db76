/**
 * The "advanced" disclosure: model, SGD's batch sampling, the one-pass overlay, ridge, horizon, teacher, initial weights,
 * the theory's grid step Δt, simulation size, theory samples, the response estimator and its samples, seed.
 */
import {
  defaultParams,
  dtRange,
  estimators,
  gridStep,
  modelIds,
  ranges,
  samplings,
  validateParams,
  type BatchSampling,
  type ModelId,
  type NumericKey,
  type Params,
  type Problem,
  type ResponseEstimator,
} from '../../core/params';
import { getModel } from '../../core/models';
import { modelFit } from '../../core/urlCodec';
import { paramTooltip } from '../paramTooltips';
import { useAppStore } from '../store';
import { useUiStore } from '../uiStore';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';

const modelLabels: Record<ModelId, string> = {
  logistic: 'logistic (labels ±1)',
  linear: 'linear (square loss)',
  probit: 'probit (labels ±1)',
  'squared-hinge': 'squared-hinge SVM (labels ±1)',
  poisson: 'Poisson (counts)',
  'phase-retrieval': 'phase retrieval (y = r*²)',
};

const samplingLabels: Record<BatchSampling, string> = {
  uniform: 'independent uniform draws',
  epoch: 'epochs (shuffled passes)',
};

const estimatorLabels: Record<ResponseEstimator, string> = {
  auto: 'automatic',
  pathwise: 'pathwise (adjoint)',
  stein: 'Stein',
  exact: 'exact (linear model)',
};

/** Δt as a change: the step size h itself means "Δt = h" (dt = null), which then follows h. */
function dtPatch(params: Params, value: number): Partial<Params> {
  return { dt: value === params.step ? null : value };
}

/** The change of one field; fewer theory samples also cap the response subset, which may not exceed them. */
function patchFor(key: NumericKey, value: number): Partial<Params> {
  if (key === 'samples') return { samples: value, responseSamples: Math.min(defaultParams.responseSamples, value) };
  return { [key]: value };
}

/** Choosing a model: with what it needs of the other parameters (a planted start, a smaller step, an estimator it has), said in the fields. */
function modelPatch(params: Params, model: ModelId): Partial<Params> {
  const patch: Partial<Params> = { model };
  for (const { key, value } of modelFit({ ...params, model })) patch[key] = value;
  // The exact linear response exists for the linear model only: another model falls back to the automatic choice.
  if (params.estimator === 'exact' && model !== 'linear') patch.estimator = 'auto';
  return patch;
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
      title={`${paramTooltip(key)} (${ranges[key].min} … ${ranges[key].max}${ranges[key].integer ? ', whole' : ''})`}
      onCommit={(value) => setParams(patchFor(key, value))}
      validate={(value) => problemsOf(params, patchFor(key, value))}
    />
  );
  const signTeacher = params.beta === Infinity;
  const model = getModel(params.model);
  const showOnline = useUiStore((state) => state.showOnline);
  const setShowOnline = useUiStore((state) => state.setShowOnline);
  return (
    <details className="advanced">
      <summary>Advanced settings</summary>
      <div className="advanced-grid">
        <SelectField
          id="field-model"
          label="model"
          title={paramTooltip('model')}
          value={params.model}
          options={modelIds.map((id) => ({ value: id, label: modelLabels[id] }))}
          onChange={(id) => setParams(modelPatch(params, id))}
        />
        <SelectField
          id="field-sampling"
          label="SGD batches"
          title={paramTooltip('sampling')}
          value={params.sampling}
          options={samplings.map((id) => ({ value: id, label: samplingLabels[id] }))}
          onChange={(sampling) => setParams({ sampling })}
        />
        <label className="checkbox" title="online=1: draw the one-pass limit, SGD on fresh samples at the same batch size and step, with no data reused">
          <input type="checkbox" checked={showOnline} onChange={(event) => setShowOnline(event.target.checked)} /> one-pass overlay (fresh data, same batch)
        </label>
        {field('ridge', 'ridge λ', 0.01)}
        {field('horizon', 'horizon T', 1)}
        {model.teacherParameters.includes('beta') && (
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
        )}
        {model.teacherParameters.includes('labelNoise') && field('labelNoise', 'label noise σ_ε', 0.1)}
        {field('initScale', 'initial weights σ₀', 0.1)}
        {(model.needsInitialOverlap || params.initOverlap > 0) && field('initOverlap', 'initial overlap m(0) = ε', 0.05)}
        <NumberField
          id="field-dt"
          label="grid step Δt (≤ h)"
          value={gridStep(params)}
          step={0.01}
          min={dtRange.min}
          max={params.step}
          title={`${paramTooltip('dt')}; from ${dtRange.min} to h; entering h itself makes Δt follow h`}
          onCommit={(value) => setParams(dtPatch(params, value))}
          validate={(value) => problemsOf(params, dtPatch(params, value))}
        />
        {field('dim', 'simulation dimension d', 100)}
        {field('seeds', 'simulation seeds', 1)}
        {field('samples', 'theory samples N', 1000)}
        <SelectField
          id="field-estimator"
          label="response estimator"
          title={paramTooltip('estimator')}
          value={params.estimator}
          options={estimators.map((id) => ({ value: id, label: estimatorLabels[id], refusal: problemsOf(params, { estimator: id })[0]?.message }))}
          onChange={(estimator) => setParams({ estimator })}
        />
        {field('responseSamples', 'response samples N_R', 500)}
        {field('seed', 'master seed', 1)}
      </div>
    </details>
  );
}
