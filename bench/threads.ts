/**
 * The parallel theory (src/core/dmft/parallel.ts) on worker_threads: the default solve on 1 and 2 threads
 * against the in-process one, and the per-step cost of the exchange. Threads are started (and warmed up)
 * before timing: a CLI run pays their start once (bench/cli.ts times the whole process).
 */
import { inThreadWorker, solveDmftParallel } from '../src/core/dmft/parallel';
import { solveDmft } from '../src/core/dmft/solver';
import { createThreadPool } from '../src/cli/threadPool';
import { defaultParams, timeSteps, type Params } from '../src/core/params';

const entry = new URL('../src/cli/blockThread.ts', import.meta.url);

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/**
 * Rounds of the interleaved timing: on this machine one round's ratio spans 1.4–2.1×, and five rounds gave medians from
 * 1.56× to 1.68× for the same code; 21 rounds (~15 s) gave 1.70–1.82×.
 */
export const threadRounds = 21;

export async function threadTimings(repeats = threadRounds): Promise<void> {
  const params: Params = { ...defaultParams };
  const steps = timeSteps(params) + 1;
  // Threads 2 as the CLI runs them: one worker thread and this thread; threads 1 through a worker measures the exchange.
  const pool = createThreadPool(1, entry);
  const one = pool.workers;
  const two = [...pool.workers, inThreadWorker()];
  const tiny: Params = { ...params, samples: 200, responseSamples: 50 };
  // Warm up: compile the kernels and let the JIT see every path in each thread.
  await solveDmftParallel(params, two);
  await solveDmftParallel(params, one);
  // Interleaved, in an order that turns each round: on a machine whose speed drifts by tens of per cent within a
  // minute (this one), timing each configuration in a block of its own gave a speedup of 1.28× in one run, 1.57× in the next.
  const configurations: Record<string, () => unknown> = {
    inProcess: () => solveDmft(params),
    oneThread: () => solveDmftParallel(params, one),
    twoThreads: () => solveDmftParallel(params, two),
    tinyOneThread: () => solveDmftParallel(tiny, one),
    tinyInProcess: () => solveDmft(tiny),
  };
  const names = Object.keys(configurations);
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  const speedups: number[] = [];
  for (let round = 0; round < repeats; round++) {
    const took: Record<string, number> = {};
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length];
      took[name] = await timed(configurations[name]);
      times[name].push(took[name]);
    }
    speedups.push(took.inProcess / took.twoThreads);
  }
  await pool.close();
  const [inProcess, oneThread, twoThreads, tinyOne, tinyInProcess] = names.map((name) => median(times[name]));
  const sorted = [...speedups].sort((a, b) => a - b);
  console.log(`\nThe theory on threads (default solve, K + 1 = ${steps} steps, blocks of 2048 trajectories; threads started before timing; medians of ${repeats} interleaved rounds)`);
  console.log(`  in-process (W = 1, no worker)   ${inProcess.toFixed(0).padStart(6)} ms`);
  console.log(`  threads 1 (one worker)          ${oneThread.toFixed(0).padStart(6)} ms`);
  console.log(`  threads 2 (worker + this thread)${twoThreads.toFixed(0).padStart(6)} ms   speedup ${median(speedups).toFixed(2)}× over in-process, per round ${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)}× (target ≥ 1.7×)`);
  // The worker draws the next step's random numbers while the coordinator closes a step, so at the default N a solve
  // through one worker can be faster than in-process: the figure is the exchange less that overlap.
  console.log(`  exchange per step: ${(((oneThread - inProcess) / steps) * 1000).toFixed(0)} µs (one worker against in-process, default N, less the draws it overlaps); ${(((tinyOne - tinyInProcess) / steps) * 1000).toFixed(0)} µs (N = 200, one worker against in-process)`);
}
