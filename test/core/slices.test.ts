import { describe, expect, it } from 'vitest';
import { dmftRows, solveDmft } from '../../src/core/dmft/solver';
import { defaultParams } from '../../src/core/params';
import { drainInSlices } from '../../src/core/slices';

describe('drainInSlices', () => {
  it('gives the event loop turns while draining, and returns the generator result', async () => {
    function* slowValues(): Generator<number, string, void> {
      for (let i = 0; i < 20; i++) {
        const until = performance.now() + 2;
        while (performance.now() < until); // 2 ms of synchronous work per value
        yield i;
      }
      return 'done';
    }
    const seen: number[] = [];
    let turnsTaken = 0;
    // A message task queued now can only run if the drain yields to the event loop.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      turnsTaken++;
      if (seen.length < 20) channel.port2.postMessage(null);
      else channel.port1.close();
    };
    channel.port2.postMessage(null);
    const result = await drainInSlices(slowValues(), (value) => seen.push(value), 5);
    channel.port1.close();
    expect(result).toBe('done');
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(turnsTaken).toBeGreaterThan(2);
  });

  it('yields the same rows and result as the synchronous solve', async () => {
    const params = { ...defaultParams, horizon: 1, samples: 1000, responseSamples: 100 };
    const rows: number[] = [];
    const result = await drainInSlices(dmftRows(params), ({ row }) => rows.push(row.trainLoss), 1);
    const reference = solveDmft(params);
    expect(rows).toEqual(reference.table.trainLoss);
    expect(result.table.q).toEqual(reference.table.q);
  });
});
