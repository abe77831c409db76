/** The app's workers, created so that Vite bundles each entry point as a module worker. */

export function createDmftWorker(): Worker {
  return new Worker(new URL('../../workers/dmft.worker.ts', import.meta.url), { type: 'module', name: 'dmft' });
}

export function createSimWorker(): Worker {
  return new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'simulation' });
}
