/** src/cli/blockThreads.ts: threads started early are the ones a solve takes; a dead or unused one is never handed out. */
import type { MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { prestartBlockThreads, releaseSpareThreads, takeBlockThread, type BlockThread } from '../../src/cli/blockThreads';

/** A thread that answers each number on its port with its double. */
const doubler = new URL(
  `data:text/javascript,${encodeURIComponent("import { workerData } from 'node:worker_threads'; workerData.port.on('message', (n) => workerData.port.postMessage(2 * n));")}`,
);
/** A thread that exits at once, as one that fails to start. */
const failing = new URL(`data:text/javascript,${encodeURIComponent('process.exit(3);')}`);

const reply = (port: MessagePort, message: number): Promise<unknown> =>
  new Promise((resolve) => {
    port.once('message', resolve);
    port.postMessage(message);
  });

const exited = (thread: BlockThread): Promise<number> => new Promise((resolve) => thread.thread.once('exit', resolve));

const taken: BlockThread[] = [];
afterEach(async () => {
  releaseSpareThreads();
  await Promise.all(taken.splice(0).map(({ thread }) => thread.terminate()));
});

describe('threads started before the solve', () => {
  it('are taken first, in order, then new ones are spawned; each answers on its port', async () => {
    const early = prestartBlockThreads(2, doubler);
    const first = takeBlockThread(doubler);
    const second = takeBlockThread(doubler);
    const third = takeBlockThread(doubler);
    taken.push(first, second, third);
    // Identity, not deep equality: a Worker is no plain value.
    expect(first).toBe(early[0]);
    expect(second).toBe(early[1]);
    expect(early.includes(third)).toBe(false);
    expect(await Promise.all([reply(first.port, 1), reply(second.port, 2), reply(third.port, 3)])).toEqual([2, 4, 6]);
  });

  it('of another entry are not taken; release ends the spares no solve took', async () => {
    const [spare] = prestartBlockThreads(1, doubler);
    const other = takeBlockThread(failing);
    taken.push(other);
    expect(other).not.toBe(spare);
    const end = exited(spare);
    releaseSpareThreads();
    await end;
    const fresh = takeBlockThread(doubler);
    taken.push(fresh);
    expect(fresh).not.toBe(spare);
    expect(await reply(fresh.port, 5)).toBe(10);
  });

  it('that exited before a solve asked for them are passed over', async () => {
    const [dead] = prestartBlockThreads(1, failing);
    expect(await exited(dead)).toBe(3);
    const fresh = takeBlockThread(failing);
    taken.push(fresh);
    expect(fresh).not.toBe(dead);
  });
});
