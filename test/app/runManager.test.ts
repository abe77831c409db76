import { afterEach, describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../src/core/params';
import { theorySources, type SimulatedAlgorithm, type StreamListener, type TheorySource } from '../../src/pipeline/protocol';
import { RunManager, simPoolSizeFor, simulationJobs, theoryAssignments, theoryThreadsFor } from '../../src/app/runManager';
import { createAppStore } from '../../src/app/store';
import { CancelledError, WorkerBridge } from '../../src/pipeline/workerBridge';
import { endMessage, rowsMessage } from './streamFixtures';
import { FakeWorker } from './fakeWorker';


interface FakeOptions {
  /** Jobs never finish (to test cancelling). */
  hang?: boolean;
  /** With hang: a stop request ends the job in progress, as the real workers do. */
  stoppable?: boolean;
  /** With hang: the theory's DMFT ends before the solve hangs (as in its one-pass overlay), so the simulations join. */
  theoryEnds?: boolean;
}

/** A job that never finishes by itself; with `stoppable`, the worker's stop() ends it. */
function hangingJob(options: FakeOptions, endings: (() => void)[]): Promise<void> {
  return new Promise((resolve) => {
    if (options.stoppable) endings.push(resolve);
  });
}

function fakeDmftWorker(options: FakeOptions) {
  return () => {
    const endings: (() => void)[] = [];
    return new FakeWorker({
      solve(_params: Params, runId: number, listener: StreamListener) {
        void listener(rowsMessage(runId, 'theory', 3));
        if (options.hang && options.theoryEnds) void listener(endMessage(runId, 'theory'));
        if (options.hang) return hangingJob(options, endings);
        void listener(endMessage(runId, 'theory'));
      },
      band(_params: Params, runId: number) {
        banded.push(`${runId}:after ${simulated.filter((job) => job.startsWith(`${runId}:`)).length} seeds`);
      },
      stop: () => endings.splice(0).forEach((end) => end()),
    }) as unknown as Worker;
  };
}

const simulated: string[] = [];
const banded: string[] = [];
function fakeSimWorker(options: FakeOptions) {
  return () => {
    const endings: (() => void)[] = [];
    return new FakeWorker({
      simulate(_params: Params, runId: number, algorithm: SimulatedAlgorithm, seedIndex: number, listener: StreamListener) {
        simulated.push(`${runId}:${algorithm}:${seedIndex}`);
        void listener(rowsMessage(runId, algorithm, 3, { seedIndex }));
        if (options.hang) return hangingJob(options, endings);
        void listener(endMessage(runId, algorithm, seedIndex));
      },
      stop: () => endings.splice(0).forEach((end) => end()),
    }) as unknown as Worker;
  };
}

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));
let manager: RunManager | null = null;

afterEach(() => {
  manager?.dispose();
  manager = null;
  FakeWorker.created = [];
  simulated.length = 0;
  banded.length = 0;
});

function startManager(options: FakeOptions, params: Params = { ...defaultParams, seeds: 2 }) {
  const store = createAppStore(params);
  manager = new RunManager(store, { createDmftWorker: fakeDmftWorker(options), createSimWorker: fakeSimWorker(options), simPoolSize: 2, debounceMs: 40 });
  manager.start();
  return store;
}

describe('run manager', () => {
  it('sizes the simulation pool from the cores, leaving one to the theory', () => {
    expect(simPoolSizeFor(1)).toBe(1);
    expect(simPoolSizeFor(2)).toBe(1);
    expect(simPoolSizeFor(8)).toBe(7);
    expect(simPoolSizeFor(64)).toBe(8);
    expect(simPoolSizeFor(undefined)).toBe(1);
    expect([1, 2, 3, 8, undefined].map(theoryThreadsFor)).toEqual([1, 2, 3, 4, 1]);
  });

  it('lists every seed of SGF and SGD, interleaved', () => {
    expect(simulationJobs({ seeds: 2 })).toEqual([
      { algorithm: 'sgf', seedIndex: 0 },
      { algorithm: 'sgd', seedIndex: 0 },
      { algorithm: 'sgf', seedIndex: 1 },
      { algorithm: 'sgd', seedIndex: 1 },
    ]);
  });

  it('runs the theory and every simulation job, streaming into the store', async () => {
    const store = startManager({});
    await settle(100);
    store.getState().flushResults();
    expect([...simulated].sort()).toEqual(['1:sgd:0', '1:sgd:1', '1:sgf:0', '1:sgf:1']);
    const { status, series } = store.getState().current;
    expect(status.theory.state).toBe('done');
    expect(status.sgf.jobsDone).toBe(2);
    expect(status.sgd.jobsDone).toBe(2);
    expect(series.theory?.length).toBe(3);
    // The theory bands once the theory and every seed are done.
    expect(banded).toEqual(['1:after 4 seeds']);
  });

  it('solves the one-pass overlay with the SGF theory while the page shows it, else after the simulations and before the bands', async () => {
    for (const shown of [true, false]) {
      const store = createAppStore({ ...defaultParams, seeds: 2 });
      const events: string[] = [];
      manager = new RunManager(store, {
        createDmftWorker: () =>
          new FakeWorker({
            solve(_params: Params, runId: number, listener: StreamListener, _threads: number, sources: TheorySource[], withOnline: boolean) {
              events.push(`solve ${sources.join('+')}${withOnline && sources.includes('theory') ? ' with the overlay' : ''}`);
              for (const source of sources) void listener(endMessage(runId, source));
            },
            online() {
              events.push(`overlay after ${simulated.length} seeds`);
            },
            band() {
              events.push(`bands after ${simulated.length} seeds`);
            },
            stop() {},
          }) as unknown as Worker,
        createSimWorker: fakeSimWorker({}),
        simPoolSize: 2,
        onlineOverlayShown: () => shown,
        debounceMs: 40,
      });
      manager.start();
      await settle(100);
      expect(events).toEqual(
        shown
          ? ['solve theory+sgdTheory with the overlay', 'bands after 4 seeds']
          : ['solve theory+sgdTheory', 'overlay after 4 seeds', 'bands after 4 seeds'],
      );
      manager.dispose();
      manager = null;
      simulated.length = 0;
    }
  });

  it('solves the two theories at once on two threads or more, each on its share of them, and one after the other on one', () => {
    expect(theoryAssignments(theorySources, 1)).toEqual([{ sources: ['theory', 'sgdTheory'], threads: 1 }]);
    expect(theoryAssignments(theorySources, 2)).toEqual([
      { sources: ['theory'], threads: 1 },
      { sources: ['sgdTheory'], threads: 1 },
    ]);
    expect(theoryAssignments(theorySources, 3)).toEqual([
      { sources: ['theory'], threads: 2 },
      { sources: ['sgdTheory'], threads: 1 },
    ]);
    expect(theoryAssignments(['theory'], 4)).toEqual([{ sources: ['theory'], threads: 4 }]);
  });

  it('gives the theories the cores first, the SGD theory from the SGF theory\'s first points on: on a machine they fill, each core goes to the simulations once its DMFT has ended', async () => {
    const store = createAppStore({ ...defaultParams, seeds: 2 }); // b < 1: an SGD theory beside the SGF's
    const events: string[] = [];
    const senders = new Map<string, (message: 'rows' | 'end') => void>();
    const simWorkersUsed = new Set<FakeWorker>();
    manager = new RunManager(store, {
      createDmftWorker: () =>
        new FakeWorker({
          solve(_params: Params, runId: number, listener: StreamListener, threads: number, sources: TheorySource[]) {
            events.push(`solve ${sources.join('+')} on ${threads} thread`);
            for (const source of sources) {
              senders.set(source, (message) => {
                events.push(`${source} ${message}`);
                if (message === 'rows') void listener(rowsMessage(runId, source, 3));
                if (message === 'end') void listener(endMessage(runId, source));
              });
            }
            // The solve goes on after its DMFT (the one-pass overlay): the simulations do not wait for that.
            return new Promise<void>(() => {});
          },
          band() {},
          stop() {},
        }) as unknown as Worker,
      createSimWorker: () => {
        const worker: FakeWorker = new FakeWorker({
          simulate(_params: Params, runId: number, algorithm: SimulatedAlgorithm, seedIndex: number, listener: StreamListener) {
            events.push('simulation');
            simWorkersUsed.add(worker);
            // Each simulation ends only when told, so that the test sees how many run at once.
            senders.set(`simulation ${simWorkersUsed.size}`, () => void listener(endMessage(runId, algorithm, seedIndex)));
            return new Promise<void>(() => {});
          },
          stop() {},
        });
        return worker as unknown as Worker;
      },
      simPoolSize: simPoolSizeFor(2),
      theoryThreads: theoryThreadsFor(2),
      debounceMs: 40,
    });
    manager.start();
    await settle(60);
    expect(events).toEqual(['solve theory on 1 thread']); // the SGD theory starts once the SGF theory's first points are there
    senders.get('theory')!('rows');
    await settle(60);
    expect(events).toEqual(['solve theory on 1 thread', 'theory rows', 'solve sgdTheory on 1 thread']);
    senders.get('sgdTheory')!('rows');
    await settle(60);
    expect(events).not.toContain('simulation');
    senders.get('theory')!('end');
    await settle(60);
    expect(events.filter((event) => event === 'simulation')).toHaveLength(1); // the SGF theory's core
    senders.get('sgdTheory')!('end');
    await settle(60);
    expect(events.filter((event) => event === 'simulation')).toHaveLength(2); // and the SGD theory's
    expect(simWorkersUsed.size).toBe(2);
  });

  it('starts the simulations at the end of the SGF theory when the SGD theory coincides with it (b = 1), or when the theory fails', async () => {
    for (const failing of [false, true]) {
      const store = createAppStore({ ...defaultParams, batchFraction: 1, seeds: 1 });
      const simulations: number[] = [];
      manager = new RunManager(store, {
        createDmftWorker: () =>
          new FakeWorker({
            solve(_params: Params, runId: number, listener: StreamListener) {
              if (failing) return Promise.reject(new Error('no theory'));
              void listener(endMessage(runId, 'theory'));
              return new Promise<void>(() => {}); // the one-pass overlay, still computing
            },
            band() {},
            stop() {},
          }) as unknown as Worker,
        createSimWorker: () =>
          new FakeWorker({
            simulate(_params: Params, runId: number, algorithm: SimulatedAlgorithm, seedIndex: number, listener: StreamListener) {
              simulations.push(runId);
              void listener(endMessage(runId, algorithm, seedIndex));
            },
            stop() {},
          }) as unknown as Worker,
        simPoolSize: simPoolSizeFor(2),
        theoryThreads: theoryThreadsFor(2),
        debounceMs: 40,
      });
      manager.start();
      await settle(60);
      expect(simulations).toEqual([1, 1]);
      manager.dispose();
      manager = null;
    }
  });

  it('stops running jobs on a parameter change and runs the new parameters on the same, still warm, workers', async () => {
    const store = startManager({ hang: true, stoppable: true });
    await settle();
    const workersBefore = FakeWorker.created.slice();
    store.getState().setParams({ alpha: 3 });
    await settle(100);
    expect(workersBefore.filter((worker) => worker.terminated)).toEqual([]);
    expect(FakeWorker.created).toEqual(workersBefore);
    expect(simulated.filter((job) => job.startsWith('2:')).length).toBeGreaterThan(0);
    store.getState().flushResults();
    expect(store.getState().current.series.theory?.runId).toBe(2);
    expect(banded).toEqual([]); // no band of a run whose jobs never finished
  });

  it('terminates (rather than stops) the workers of jobs too large to keep, and keeps the others', async () => {
    // d = 5000, α = 2: a 400 MB simulation seed is over the reuse limit; the theory (~17 MB) is not.
    const theoryWorkers: FakeWorker[] = [];
    const workersWithJobs = new Set<FakeWorker>();
    const store = createAppStore({ ...defaultParams, dim: 5000, alpha: 2, seeds: 1, batchFraction: 1 }); // b = 1: one DMFT
    manager = new RunManager(store, {
      createDmftWorker: () => {
        const worker = fakeDmftWorker({ hang: true, stoppable: true, theoryEnds: true })() as unknown as FakeWorker;
        theoryWorkers.push(worker);
        return worker as unknown as Worker;
      },
      createSimWorker: () => {
        const worker: FakeWorker = new FakeWorker({
          simulate: () => {
            workersWithJobs.add(worker);
            return new Promise(() => {});
          },
          stop: () => {},
        });
        return worker as unknown as Worker;
      },
      simPoolSize: 1,
      debounceMs: 10,
    });
    manager.start();
    await settle(60);
    const busyBefore = [...workersWithJobs];
    expect(busyBefore).toHaveLength(2); // the SGF and SGD seeds: the second worker joined once the theory's DMFT had ended
    store.getState().setParams({ alpha: 2.1 });
    await settle(20); // well within the stop grace period: a terminate, not a timed-out stop
    expect(theoryWorkers).toHaveLength(1);
    expect(theoryWorkers[0].terminated).toBe(false);
    expect(busyBefore.map((worker) => worker.terminated)).toEqual([true, true]);
  });

  it('terminates running jobs that do not stop when asked, and runs the new parameters on fresh workers', async () => {
    const store = startManager({ hang: true });
    await settle();
    const busyBefore = FakeWorker.created.slice();
    store.getState().setParams({ alpha: 3 });
    await settle(100);
    // The theory worker and the simulation workers that were busy are gone (after the grace period); fresh ones run run 2.
    expect(busyBefore.filter((worker) => worker.terminated).length).toBeGreaterThanOrEqual(2);
    expect(simulated.filter((job) => job.startsWith('2:')).length).toBeGreaterThan(0);
    store.getState().flushResults();
    expect(store.getState().current.series.theory?.runId).toBe(2);
  });

  it('debounces a drag: intermediate values never run, the last one does', async () => {
    const store = startManager({});
    await settle(100);
    for (const alpha of [2.5, 3, 4, 5]) store.getState().setParams({ alpha }); // within the debounce window
    await settle(150);
    const runs = new Set(simulated.map((job) => job.split(':')[0]));
    // Run 2 starts at once (leading edge) but is cancelled by the next change before its jobs start.
    expect(runs.has('5')).toBe(true);
    expect(runs.has('3') || runs.has('4')).toBe(false);
    store.getState().flushResults();
    expect(store.getState().current.status.theory.state).toBe('done');
  });

  it('starts nothing while paused', async () => {
    const store = startManager({});
    await settle(100);
    store.getState().setPlaying(false);
    store.getState().setParams({ alpha: 3 });
    await settle(100);
    expect(simulated.some((job) => !job.startsWith('1:'))).toBe(false);
  });
});

describe('worker bridge', () => {
  const hangingWorker = () => new FakeWorker({ work: () => new Promise(() => {}) }) as unknown as Worker;

  it('cancels a call by terminating its worker, and the next call runs on a fresh one', async () => {
    const bridge = new WorkerBridge<{ work(): Promise<void> }>(hangingWorker);
    const first = bridge.run((remote) => remote.work());
    expect(bridge.busy).toBe(true);
    bridge.terminate();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    const second = bridge.run((remote) => remote.work());
    await settle();
    // The first call settling late must not mark the bridge idle while the second runs.
    expect(bridge.busy).toBe(true);
    expect(FakeWorker.created.filter((worker) => !worker.terminated)).toHaveLength(1);
    bridge.terminate();
    await expect(second).rejects.toBeInstanceOf(CancelledError);
    expect(bridge.busy).toBe(false);
  });

  it('stops a call and keeps a worker that ends it; the next call waits for that and runs on the same worker', async () => {
    const endings: (() => void)[] = [];
    const calls: string[] = [];
    const create = () =>
      new FakeWorker({
        work: (name: string) => {
          calls.push(name);
          return new Promise<void>((resolve) => endings.push(resolve));
        },
        stop: () => setTimeout(() => endings.splice(0).forEach((end) => end()), 20), // ends its call a little later
      }) as unknown as Worker;
    const bridge = new WorkerBridge<{ work(name: string): Promise<void>; stop(): void }>(create, 'test', (remote) => remote.stop());
    const first = bridge.run((remote) => remote.work('first'));
    await settle(5);
    bridge.stop(200);
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    expect(bridge.busy).toBe(false);
    const second = bridge.run((remote) => remote.work('second'));
    expect(bridge.busy).toBe(true);
    await settle(5);
    expect(calls).toEqual(['first']); // the second waits until the first has ended in the worker
    await settle(40);
    expect(calls).toEqual(['first', 'second']);
    expect(FakeWorker.created).toHaveLength(1);
    expect(FakeWorker.created[0].terminated).toBe(false);
    endings.splice(0).forEach((end) => end());
    await expect(second).resolves.toBeUndefined();
  });

  it('terminates a stopped worker that does not end its call within the grace period; the waiting call runs on a fresh one', async () => {
    const calls: string[] = [];
    const create = () =>
      new FakeWorker({
        work: (name: string) => {
          calls.push(name);
          return name === 'first' ? new Promise(() => {}) : Promise.resolve();
        },
        stop: () => {}, // ignores the request, as a worker inside a long step would
      }) as unknown as Worker;
    const bridge = new WorkerBridge<{ work(name: string): Promise<void>; stop(): void }>(create, 'test', (remote) => remote.stop());
    const first = bridge.run((remote) => remote.work('first')).catch((error: unknown) => error);
    await settle(5);
    bridge.stop(30);
    expect(await first).toBeInstanceOf(CancelledError);
    const second = bridge.run((remote) => remote.work('second'));
    await settle(60);
    expect(FakeWorker.created).toHaveLength(2);
    expect(FakeWorker.created[0].terminated).toBe(true);
    await expect(second).resolves.toBeUndefined();
    expect(calls).toEqual(['first', 'second']);
  });

  it('a cancel right before the next call leaves the new call busy', async () => {
    const bridge = new WorkerBridge<{ work(): Promise<void> }>(hangingWorker);
    const first = bridge.run((remote) => remote.work()).catch((error: unknown) => error);
    bridge.terminate();
    void bridge.run((remote) => remote.work()).catch(() => {});
    expect(await first).toBeInstanceOf(CancelledError);
    expect(bridge.busy).toBe(true);
    bridge.terminate();
  });
});
