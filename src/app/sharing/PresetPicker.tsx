/** Presets as a row of buttons; the chosen one's caption says what to look at. Choosing one sets its parameters (and so the URL). */
import { presets, findPreset, type Preset } from '../../core/presets';
import { useAppStore } from '../store';
import { useUiStore } from '../uiStore';
import { sameParams } from '../urlState';

/** Sets every parameter of `preset` (a new run) and remembers it for its caption. */
export function applyPreset(preset: Preset): void {
  useAppStore.getState().setParams({ ...preset.params });
  useUiStore.getState().selectPreset(preset.id);
  useUiStore.getState().setShowOnline(preset.overlays.includes('online'));
}

/** The chosen preset's caption (nothing when none is chosen), with a note once the parameters have moved away from it. */
export function PresetCaption() {
  const presetId = useUiStore((state) => state.presetId);
  const params = useAppStore((state) => state.current.params);
  const active = presetId ? findPreset(presetId) : undefined;
  if (!active) return null;
  const modified = !sameParams(params, active.params);
  return (
    <p className="preset-caption" data-preset-caption={active.id}>
      <strong>{active.title}.</strong> {active.caption}
      {modified && <em className="preset-modified"> (The parameters have changed since this preset was loaded.)</em>}
    </p>
  );
}

export interface PresetPickerProps {
  /** Show the chosen preset's caption under the buttons (presentation mode shows it above the plots instead). */
  showCaption?: boolean;
}

export function PresetPicker({ showCaption = true }: PresetPickerProps) {
  const presetId = useUiStore((state) => state.presetId);
  return (
    <section className="presets" aria-labelledby="presets-title">
      <h2 id="presets-title">Presets</h2>
      <div className="preset-buttons" role="group" aria-labelledby="presets-title">
        {presets.map((preset) => (
          <button
            key={preset.id}
            type="button"
            data-preset={preset.id}
            aria-pressed={preset.id === presetId}
            title={`load the preset "${preset.title}"`}
            onClick={() => applyPreset(preset)}
          >
            {preset.title}
          </button>
        ))}
      </div>
      {showCaption && <PresetCaption />}
    </section>
  );
}
