import { describe, expect, it } from 'vitest';
import { createStopSignal } from '../../src/pipeline/stopSignal';

describe('stop signal (worker side)', () => {
  it('stops the calls started before stop(), not the ones started after', () => {
    const signal = createStopSignal();
    const first = signal.shouldStop();
    const second = signal.shouldStop();
    expect(first()).toBe(false);
    signal.stop();
    expect(first()).toBe(true);
    expect(second()).toBe(true);
    const third = signal.shouldStop();
    expect(third()).toBe(false);
  });
});
