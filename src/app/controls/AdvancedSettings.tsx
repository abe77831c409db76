/**
 * The "advanced" disclosure: a field for every row of the parameter table (core/paramTable.ts) that the app shows
 * there, in the table's order, with its label, range, choices and tooltip from the table; and the one-pass overlay.
 * A model's own parameters (β, σ_ε) are shown for the models that read them.
 */
import { getModel } from '../../core/models';
import { defaultParams, validateParams, type NumericKey, type Params, type Problem } from '../../core/params';
import { appliesToModel, paramRows, paramTable, type ChoiceRow, type FollowingNumberRow, type NumberRow, type ParamRow } from '../../core/paramTable';
import { modelFit } from '../../core/urlCodec';
import { paramTooltip } from '../paramTooltips';
import { useAppStore } from '../store';
import { useUiStore } from '../uiStore';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';

type AdvancedRow = ParamRow & { ui: { place: 'advanced' } };
const advancedRows = paramRows.filter((row): row is AdvancedRow => row.ui.place === 'advanced');

/** A following number as a change: the value it follows itself means "follow it" (dt = null, Δt = h). */
function followingPatch(row: FollowingNumberRow, params: Params, value: number): Partial<Params> {
  return { [row.key]: value === params[row.follows] ? null : value };
}

/** The change of one number; fewer theory samples also cap the response subset, which may not exceed them. */
function numberPatch(key: NumericKey, value: number): Partial<Params> {
  if (key === 'samples') return { samples: value, responseSamples: Math.min(defaultParams.responseSamples, value) };
  return { [key]: value };
}

/** Choosing a model: with what it needs of the other parameters (a planted start, a smaller step, an estimator it has), said in the fields. */
function modelPatch(params: Params, id: Params['model']): Partial<Params> {
  const patch: Partial<Params> = { model: id };
  for (const { key, value } of modelFit({ ...params, model: id })) patch[key] = value;
  // The exact response exists for few models: another model falls back to the automatic choice.
  if (params.estimator === 'exact' && !getModel(id).exactResponse) patch.estimator = 'auto';
  return patch;
}

function choicePatch(row: ChoiceRow, params: Params, value: string): Partial<Params> {
  return row.key === 'model' ? modelPatch(params, value as Params['model']) : { [row.key]: value };
}

/** The problems of `patch` applied to `params` (nothing runs). */
function problemsOf(params: Params, patch: Partial<Params>): Problem[] {
  const validation = validateParams({ ...params, ...patch });
  return validation.ok ? [] : validation.problems;
}

function rangeText(row: NumberRow | FollowingNumberRow): string {
  return `(${row.min} … ${row.max}${row.integer ? ', whole' : ''})`;
}

interface FieldProps<Row> {
  row: Row;
  params: Params;
  setParams: (patch: Partial<Params>) => Problem[];
}

function ChoiceField({ row, params, setParams }: FieldProps<ChoiceRow & AdvancedRow>) {
  return (
    <SelectField
      id={`field-${row.key}`}
      label={row.ui.label}
      title={paramTooltip(row.key)}
      value={params[row.key] as string}
      options={row.choices().map((value) => ({
        value: value as string,
        label: row.choiceLabel(value),
        refusal: problemsOf(params, choicePatch(row, params, value))[0]?.message,
      }))}
      onChange={(value) => setParams(choicePatch(row, params, value))}
    />
  );
}

function NumberRowField({ row, params, setParams }: FieldProps<NumberRow & AdvancedRow>) {
  const value = params[row.key];
  const infinite = row.ui.infinityLabel !== undefined && value === Infinity;
  const field = (
    <NumberField
      id={`field-${row.key}`}
      label={row.ui.label}
      value={value}
      step={row.ui.step}
      min={row.min}
      max={row.max}
      disabled={infinite}
      title={`${paramTooltip(row.key)} ${rangeText(row)}`}
      onCommit={(next) => setParams(numberPatch(row.key, next))}
      validate={(next) => problemsOf(params, numberPatch(row.key, next))}
    />
  );
  if (row.ui.infinityLabel === undefined) return field;
  return (
    <div className="field-group">
      {field}
      <label className="checkbox" title={`${row.flag}=inf: ${row.ui.infinityLabel}`}>
        <input type="checkbox" checked={infinite} onChange={(event) => setParams({ [row.key]: event.target.checked ? Infinity : row.default })} /> {row.ui.infinityLabel}
      </label>
    </div>
  );
}

function FollowingField({ row, params, setParams }: FieldProps<FollowingNumberRow & AdvancedRow>) {
  const followed = paramTable[row.follows];
  return (
    <NumberField
      id={`field-${row.key}`}
      label={row.ui.label}
      value={params[row.key] ?? params[row.follows]}
      step={row.ui.step}
      min={row.min}
      max={params[row.follows]}
      title={`${paramTooltip(row.key)}; from ${row.min} to ${followed.symbol}; entering ${followed.symbol} itself makes ${row.symbol} follow ${followed.symbol}`}
      onCommit={(value) => setParams(followingPatch(row, params, value))}
      validate={(value) => problemsOf(params, followingPatch(row, params, value))}
    />
  );
}

function AdvancedField(props: FieldProps<AdvancedRow>) {
  const { row } = props;
  if (row.type === 'choice') return <ChoiceField {...props} row={row} />;
  if (row.type === 'number') return <NumberRowField {...props} row={row} />;
  return <FollowingField {...props} row={row} />;
}

export function AdvancedSettings() {
  const params = useAppStore((state) => state.current.params);
  const setParams = useAppStore((state) => state.setParams);
  const model = getModel(params.model);
  const showOnline = useUiStore((state) => state.showOnline);
  const setShowOnline = useUiStore((state) => state.setShowOnline);
  const shown = advancedRows.filter((row) => appliesToModel(row, model) && (row.ui.shown?.when(params, model) ?? true));
  return (
    <details className="advanced">
      <summary>Advanced settings</summary>
      <div className="advanced-grid">
        {shown.map((row) => (
          <AdvancedField key={row.key} row={row} params={params} setParams={setParams} />
        ))}
        <label className="checkbox" title="online=1: draw the one-pass limit, SGD on fresh samples at the same batch size and step, with no data reused">
          <input type="checkbox" checked={showOnline} onChange={(event) => setShowOnline(event.target.checked)} /> one-pass overlay (fresh data, same batch)
        </label>
      </div>
    </details>
  );
}
