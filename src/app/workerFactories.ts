/**
 * The app's workers, created so that Vite bundles each entry point as a module worker. `name` is the
 * worker's global `name`; the worker bridge passes a unique one, under which the worker holds its
 * lifeline lock (src/pipeline/workerLifeline.ts).
 */

export function createDmftWorker(name = 'dmft'): Worker {
  return new Worker(new URL('../../workers/dmft.worker.ts', import.meta.url), { type: 'module', name });
}

export function createSimWorker(name = 'simulation'): Worker {
  return new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name });
}
