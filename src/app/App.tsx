/** The whole page: controls on top, live plots below, a short explanation beside them. */
import { AdvancedSettings } from './controls/AdvancedSettings';
import { ParameterSliders } from './controls/ParameterSliders';
import { RunControls } from './controls/RunControls';
import { RunStatus } from './controls/RunStatus';
import { PlotGrid } from './plots/PlotGrid';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Stochastic gradient flow: dynamical mean-field theory vs simulation</h1>
      </header>
      <section className="controls" aria-label="parameters">
        <ParameterSliders />
        <div className="controls-side">
          <RunControls />
          <RunStatus />
        </div>
        <AdvancedSettings />
      </section>
      <main>
        <PlotGrid />
      </main>
    </div>
  );
}
