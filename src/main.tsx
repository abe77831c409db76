/** Entry point: renders the app and connects the store to the workers. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { RunManager, simPoolSizeFor } from './app/runManager';
import { useAppStore } from './app/store';
import { createDmftWorker, createSimWorker } from './app/workerFactories';
import './app/styles.css';

const manager = new RunManager(useAppStore, {
  createDmftWorker,
  createSimWorker,
  simPoolSize: simPoolSizeFor(navigator.hardwareConcurrency),
  debounceMs: 100,
});
manager.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
