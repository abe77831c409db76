/**
 * The whole page: tools and presets on top, then the controls, live plots below, a short explanation
 * beside them. `?embed=1` shows the embed view instead; `?present=1` the presentation mode.
 */
import { AdvancedSettings } from './controls/AdvancedSettings';
import { ParameterSliders } from './controls/ParameterSliders';
import { RunControls } from './controls/RunControls';
import { RefusalNotice } from './controls/RefusalNotice';
import { RunStatus } from './controls/RunStatus';
import { ErrorBoundary } from './ErrorBoundary';
import { PlotGrid } from './plots/PlotGrid';
import { CorrectionsNotice } from './sharing/CorrectionsNotice';
import { EmbedView } from './sharing/EmbedView';
import { PresetPicker } from './sharing/PresetPicker';
import { ShortcutsDialog } from './sharing/ShortcutsDialog';
import { useShortcuts } from './sharing/shortcuts';
import { Toolbar } from './sharing/Toolbar';
import { useDocumentModes } from './sharing/useDocumentModes';
import { useAppStore } from './store';
import { useUiStore } from './uiStore';

export function App() {
  const embed = useUiStore((state) => state.embed);
  const present = useUiStore((state) => state.present);
  const controls = useUiStore((state) => state.controls);
  useDocumentModes();
  useShortcuts(useAppStore, useUiStore);
  if (embed) {
    return (
      <ErrorBoundary onReset={() => useAppStore.getState().reset()}>
        <EmbedView />
      </ErrorBoundary>
    );
  }
  // Presentation mode puts the controls in a column beside the plots, and PlotGrid shows the preset's caption with the plots (theme.css).
  return (
    <div className={present ? 'app present' : 'app'}>
      <div className="app-top">
        <header className="app-header">
          <h1>Stochastic gradient flow: dynamical mean-field theory vs simulation</h1>
          <Toolbar />
        </header>
        <CorrectionsNotice />
        <PresetPicker showCaption={!present} />
        <section className="controls" aria-label="parameters">
          <ParameterSliders visible={controls} />
          <div className="controls-side">
            <RunControls />
            <RunStatus />
          </div>
          {!present && <AdvancedSettings />}
        </section>
      </div>
      <main>
        <RefusalNotice />
        {/* A figure that fails to render offers a reset instead of blanking the page. */}
        <ErrorBoundary onReset={() => useAppStore.getState().reset()}>
          <PlotGrid />
        </ErrorBoundary>
      </main>
      <ShortcutsDialog />
    </div>
  );
}
