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

async function median(repeats: number, run: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(repeats / 2)];
}

export async function threadTimings(repeats: number): Promise<void> {
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
  const inProcess = await median(repeats, () => solveDmft(params));
  const oneThread = await median(repeats, () => solveDmftParallel(params, one));
  const twoThreads = await median(repeats, () => solveDmftParallel(params, two));
  const exchange = await median(repeats, () => solveDmftParallel(tiny, one));
  const tinyInProcess = await median(repeats, () => solveDmft(tiny));
  await pool.close();
  console.log(`\nThe theory on threads (default solve, K + 1 = ${steps} steps, blocks of 2048 trajectories; threads started before timing; median of ${repeats})`);
  console.log(`  in-process (W = 1, no worker)   ${inProcess.toFixed(0).padStart(6)} ms`);
  console.log(`  threads 1 (one worker)          ${oneThread.toFixed(0).padStart(6)} ms`);
  console.log(`  threads 2 (worker + this thread)${twoThreads.toFixed(0).padStart(6)} ms   speedup ${(inProcess / twoThreads).toFixed(2)}× over in-process (target ≥ 1.7×)`);
  console.log(`  exchange per step: ${(((oneThread - inProcess) / steps) * 1000).toFixed(0)} µs (one worker against in-process, default N); ${(((exchange - tinyInProcess) / steps) * 1000).toFixed(0)} µs (N = 200, one worker against in-process)`);
}
