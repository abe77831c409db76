/**
 * Embed mode (`?embed=1`): the figure with minimal chrome for an iframe — the chosen sliders
 * (`controls=`), a one-line status, the plots filling the frame, and a link to the full app.
 */
import { useShallow } from 'zustand/react/shallow';
import { ParameterSliders } from '../controls/ParameterSliders';
import { RunStatus } from '../controls/RunStatus';
import { PlotGrid } from '../plots/PlotGrid';
import { useAppStore } from '../store';
import { useUiStore } from '../uiStore';
import { usePinStore } from '../pins/pinStore';
import { optionsOf, shareUrl } from '../urlState';
import { CorrectionsNotice } from './CorrectionsNotice';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useFrameHeight } from './frameHeight';

export function EmbedView() {
  const overflowing = useFrameHeight();
  const controls = useUiStore((state) => state.controls);
  const options = useUiStore(useShallow(optionsOf));
  const params = useAppStore((state) => state.current.params);
  // The full app with the same figure: every option but the embedding ones.
  const pins = usePinStore((state) => state.pins);
  const fullUrl = shareUrl(
    params,
    { ...options, embed: false, controls: ['alpha', 'batch', 'step'], plots: null },
    window.location,
    pins.map((pin) => pin.snapshot.params),
  );
  return (
    <div className="app embed" data-embed="true">
      <header>
        <h1 className="visually-hidden">Stochastic gradient flow: dynamical mean-field theory vs simulation</h1>
      </header>
      <CorrectionsNotice />
      <section className="embed-bar" aria-label="parameters and status">
        <ParameterSliders visible={controls} />
        <div className="embed-status">
          <RunStatus />
          <a href={fullUrl} target="_blank" rel="noopener" className="open-full" title="open this figure in the full app, with explanations and all settings">
            Open full view ↗
          </a>
          {overflowing && <span className="scroll-cue">more plots below: scroll ↓</span>}
        </div>
      </section>
      <main>
        <PlotGrid />
      </main>
      <ShortcutsDialog />
    </div>
  );
}
