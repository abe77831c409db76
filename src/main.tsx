/** Entry point: renders the app and connects the store to the workers. */
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { RunManager, simPoolSizeFor, theoryThreadsFor } from './app/runManager';
import { useAppStore } from './app/store';
import { useUiStore } from './app/uiStore';
import { connectUrl } from './app/urlState';
import { PinComputer } from './app/pins/pinComputer';
import { usePinStore } from './app/pins/pinStore';
import { createDmftWorker, createSimWorker } from './app/workerFactories';
import { installTestHook, trackWorkers } from './app/testHook';
import { SweepRunner, sweepLanesFor } from './app/sweep/sweepRunner';
import { useSweepStore } from './app/sweep/sweepStore';
import { connectSweepUrl } from './app/sweep/sweepUrl';
import './app/styles.css';
import './app/theme.css';

// The URL first: its parameters are the first run's, and later changes are written back to it.
connectUrl(useAppStore, useUiStore, usePinStore);
// Workers are tracked so that `window.__sgfDmft` (src/app/testHook.ts) can count and kill them in the e2e tests.
installTestHook(window);

// A transition: React renders the first frame in slices of a few ms, yielding between them, instead of one long task (issue 14 item 3).
const root = createRoot(document.getElementById('root')!);
startTransition(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

/** The workers' side: the run manager (the first run), the pins' and the sweep's computers. */
function startComputing(): void {
  const manager = new RunManager(useAppStore, {
    createDmftWorker: trackWorkers('theory', createDmftWorker),
    createSimWorker: trackWorkers('simulation', createSimWorker),
    simPoolSize: simPoolSizeFor(navigator.hardwareConcurrency),
    theoryThreads: theoryThreadsFor(navigator.hardwareConcurrency),
    onlineOverlayShown: () => useUiStore.getState().showOnline,
    // Longer than a key repeat's ~33 ms or a drag's ~16 ms between moves, so a drag still starts once it pauses. At
    // 100 ms a second key press 60–90 ms after the first waited all of it: the e2e "slider change during a run" drew
    // its first points after 129–142 ms, at 50 ms after 36–62 ms (quiet and beside a CPU-bound process).
    debounceMs: 50,
  });
  manager.start();
  // Pins read from the link are recomputed by workers of their own, created only if there are such pins.
  new PinComputer(usePinStore, {
    createDmftWorker: trackWorkers('theory', createDmftWorker),
    createSimWorker: trackWorkers('simulation', createSimWorker),
    appStore: useAppStore,
  }).start();

  // The sweep view's settings from the link, and its workers (started only while the view is shown).
  connectSweepUrl(useSweepStore, useUiStore);
  new SweepRunner(useSweepStore, useAppStore, useUiStore, {
    createDmftWorker: trackWorkers('theory', createDmftWorker),
    createSimWorker: trackWorkers('simulation', createSimWorker),
    lanes: sweepLanesFor(navigator.hardwareConcurrency),
  }).start();
}

// In a task after this one: the module's evaluation stays one short task, and the first run starts a moment later (issue 14 item 3).
setTimeout(startComputing);
