/**
 * The parallel DMFT solve (src/core/dmft/parallel.ts): the blocks summed in block order give the same bits
 * for every number of workers W, real worker_threads included; and the CLI's --threads contract.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args';
import { helpText } from '../../../src/cli/help';
import { createThreadPool, type ThreadPool } from '../../../src/cli/threadPool';
import { blockSize, dmftLayout } from '../../../src/core/dmft/layout';
import { assignBlocks, blockCounts, blockTransferables, inThreadWorker, serveBlocks, solveDmftParallel, type BlockWorker } from '../../../src/core/dmft/parallel';
import { solveDmft } from '../../../src/core/dmft/solver';
import type { DmftOptions, DmftResult, InProcessDmftResult } from '../../../src/core/dmft/types';
import { defaultParams, type Params } from '../../../src/core/params';
import { seriesNames } from '../../../src/core/series';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const entry = new URL('../../../src/cli/blockThread.ts', import.meta.url);

/** Every observable row, the standard errors, C and R, bit for bit (Object.is: NaN equals NaN, 0 ≠ −0). */
function expectSameBits(actual: DmftResult, expected: DmftResult): void {
  for (const name of seriesNames) {
    expect(actual.table[name].length, name).toBe(expected.table[name].length);
    expect(actual.table[name].every((value, i) => Object.is(value, expected.table[name][i])), name).toBe(true);
  }
  expect(actual.trainLossSe).toEqual(expected.trainLossSe);
  expect(actual.trainErrorSe).toEqual(expected.trainErrorSe);
  expect(Buffer.compare(Buffer.from(actual.correlation.buffer), Buffer.from(expected.correlation.buffer))).toBe(0);
  expect(Buffer.compare(Buffer.from(actual.response.buffer), Buffer.from(expected.response.buffer))).toBe(0);
  expect(actual.diverged).toEqual(expected.diverged);
}

/** The margin histograms too (the browser's theory draws them): the counts of every block, summed. */
function expectSameHistograms(actual: DmftResult, expected: InProcessDmftResult): void {
  const histograms = actual.sampleHistograms;
  expect(histograms).not.toBeNull();
  expect(histograms!.total).toBe(expected.sampleHistograms.total);
  for (const name of ['times', 'counts', 'fieldCounts'] as const) {
    expect(Array.from(histograms![name] ?? []), name).toEqual(Array.from(expected.sampleHistograms[name] ?? []));
  }
  expect(histograms!.times.length).toBeGreaterThan(1);
}

/** Stops after `steps` polls (one per step, in both solvers). */
function stopAfter(steps: number): () => boolean {
  let polls = 0;
  return () => ++polls > steps;
}

/** A worker in this thread, its messages structured-cloned as a real one's are; like one, it draws the next step's numbers after each reply. */
function clonedWorker(): BlockWorker {
  const serve = serveBlocks();
  return {
    request: async (message) => {
      const reply = structuredClone(serve(structuredClone(message, { transfer: blockTransferables(message) })));
      serve.ahead();
      return reply;
    },
  };
}

const cases: { name: string; params: Params; options?: DmftOptions }[] = [
  { name: 'the defaults at a short horizon', params: { ...defaultParams, horizon: 2 } },
  { name: 'the SGD theory, epoch shuffling', params: { ...defaultParams, horizon: 2, theoryAlgorithm: 'sgd', sampling: 'epoch', step: 0.2, samples: 9000 } },
  { name: 'pathwise with a probed tail', params: { ...defaultParams, horizon: 1.5, samples: 7000, responseSamples: 1500 }, options: { pathwiseWindow: 4 } },
];

describe('the DMFT solve over W workers', () => {
  it('splits N into fixed-size blocks, whatever W, each with its share of the response trajectories', () => {
    const layout = dmftLayout({ ...defaultParams, samples: 5000, responseSamples: 1001 });
    expect(layout.blocks.map((block) => block.count)).toEqual([blockSize, blockSize, 5000 - 2 * blockSize]);
    expect(layout.blocks.reduce((total, block) => total + block.responseCount, 0)).toBe(1001);
  });

  it('shares the blocks contiguously, balanced by trajectories, the last worker (which coordinates) carrying its load more', () => {
    const equal = Array<number>(9).fill(100);
    expect(assignBlocks(equal, 3, 0)).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
    expect(assignBlocks(equal, 3, 300)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8]]);
    expect(assignBlocks([100, 100], 4)).toEqual([[0], [1]]);
    // Never an empty share, however heavy the coordinator: each later worker keeps a block.
    expect(assignBlocks([100, 100, 100], 3, 10_000)).toEqual([[0], [1], [2]]);
    // The defaults: 15 blocks (the last a short one), the worker thread takes 8, the coordinating thread 7.
    const defaults = blockCounts(dmftLayout(defaultParams));
    expect(defaults).toEqual([...Array<number>(14).fill(blockSize), defaultParams.samples - 14 * blockSize]);
    expect(assignBlocks(defaults, 2).map((share) => share.length)).toEqual([8, 7]);
    for (const workers of [1, 2, 3, 5, 15, 20]) {
      const shares = assignBlocks(defaults, workers);
      expect(shares.length).toBe(Math.min(workers, defaults.length));
      expect(shares.flat()).toEqual(defaults.map((_, i) => i));
      expect(shares.every((share) => share.length > 0)).toBe(true);
    }
  });

  for (const { name, params, options } of cases) {
    it(`${name}: W = 1, 2, 3 in this thread give the bits of the in-process solve`, async () => {
      expect(dmftLayout(params, options).blocks.length).toBeGreaterThan(3);
      const expected = solveDmft(params, options);
      for (const workers of [1, 2, 3]) {
        const parallel = await solveDmftParallel(params, Array.from({ length: workers }, clonedWorker), { ...options, histograms: true });
        expectSameBits(parallel, expected);
        expectSameHistograms(parallel, expected);
      }
    });
  }

  it('stopped after a few steps, the rows and histograms so far are the in-process solve stopped there', async () => {
    const { params } = cases[0];
    const expected = solveDmft(params, { shouldStop: stopAfter(7) });
    expect(expected.table.t.length).toBe(7);
    const parallel = await solveDmftParallel(params, [clonedWorker(), clonedWorker()], { shouldStop: stopAfter(7), histograms: true });
    expectSameBits(parallel, expected);
    expectSameHistograms(parallel, expected);
  });

  describe('on worker_threads', () => {
    let pool: ThreadPool;
    beforeAll(() => {
      pool = createThreadPool(3, entry);
    });
    afterAll(async () => {
      await pool.close();
    });

    it('W = 2 and 3 threads, with and without this thread as the last worker, give the bits of the in-process solve', async () => {
      for (const { params, options } of [cases[0], cases[2]]) {
        const expected = solveDmft(params, options);
        for (const workers of [2, 3]) expectSameBits(await solveDmftParallel(params, pool.workers.slice(0, workers), options), expected);
        expectSameBits(await solveDmftParallel(params, [...pool.workers.slice(0, 2), inThreadWorker()], options), expected);
      }
    });
  });
});

describe('theory --threads', () => {
  it('is parsed as an integer 1 … 256 for theory only, and is not a parameter', () => {
    const run = parseArgs(['theory', '--threads', '3']);
    expect(run.ok && run.command === 'theory' ? run.threads : null).toBe(3);
    expect(run.ok && run.command === 'theory' ? run.params : null).toEqual(defaultParams);
    const fallback = parseArgs(['theory']);
    expect(fallback.ok && fallback.command === 'theory' ? fallback.threads : undefined).toBeNull();
    for (const value of ['0', '-1', '1.5', 'two', '257']) {
      const parsed = parseArgs(['theory', '--threads', value]);
      expect(parsed.ok, value).toBe(false);
      if (!parsed.ok) expect(parsed.problems.join(' ')).toMatch(/--threads .*integer 1 … 256/);
    }
    const simulate = parseArgs(['simulate', '--threads', '2']);
    expect(!simulate.ok && simulate.problems.join(' ')).toMatch(/--threads applies only to theory/);
    expect(helpText()).toMatch(/--threads <integer 1 … 256>\n.*Default the machine's cores/);
  });

  it('on the real command line: exit 2 with a message for a bad count; the output is the same for 1 and 3 threads', () => {
    const cli = (...args: string[]) => spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    const bad = cli('theory', '--threads', '0');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/--threads "0": threads must be an integer/);
    const small = ['theory', '--horizon', '0.5', '--samples', '5000', '--response-samples', '500', '--format', 'csv'];
    const one = cli(...small, '--threads', '1');
    const three = cli(...small, '--threads', '3');
    expect(one.status).toBe(0);
    expect(three.status).toBe(0);
    expect(three.stdout).toBe(one.stdout);
    expect(one.stdout.split('\n').length).toBeGreaterThan(3);
  });
});
