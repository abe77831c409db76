import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameScheduler } from '../../src/app/frameScheduler';

describe('frame scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the callback once per frame however often it is requested', () => {
    const callback = vi.fn();
    const frames = createFrameScheduler(callback);
    frames.request();
    frames.request();
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(17);
    expect(callback).toHaveBeenCalledTimes(1);
    frames.request();
    vi.advanceTimersByTime(17);
    expect(callback).toHaveBeenCalledTimes(2);
  });

  it('with a minimum interval runs the first request at the next frame and the next ones no sooner than the interval after it', () => {
    const callback = vi.fn();
    const frames = createFrameScheduler(callback, { minimumIntervalMs: 50 });
    frames.request();
    vi.advanceTimersByTime(17);
    expect(callback).toHaveBeenCalledTimes(1);
    const firstAt = performance.now();
    frames.request();
    frames.request();
    vi.advanceTimersByTime(30);
    expect(callback).toHaveBeenCalledTimes(1); // within the interval: waiting
    vi.advanceTimersByTime(40);
    expect(callback).toHaveBeenCalledTimes(2); // the interval, then a frame
    expect(performance.now() - firstAt).toBeGreaterThanOrEqual(50);
  });

  it('flush runs a waiting callback at once; cancel drops it and lets the next request go at the next frame', () => {
    const callback = vi.fn();
    const frames = createFrameScheduler(callback, { minimumIntervalMs: 50 });
    frames.request();
    vi.advanceTimersByTime(17);
    frames.request();
    frames.flush();
    expect(callback).toHaveBeenCalledTimes(2);
    frames.request();
    frames.cancel();
    vi.advanceTimersByTime(100);
    expect(callback).toHaveBeenCalledTimes(2); // dropped
    frames.request();
    frames.request();
    vi.advanceTimersByTime(17);
    expect(callback).toHaveBeenCalledTimes(3); // no interval after a cancel
    frames.flush();
    expect(callback).toHaveBeenCalledTimes(3); // nothing pending: nothing to flush
  });

  it('runs fullRateCount callbacks at the next frame after creation and after cancel, then at most once per interval', () => {
    const callback = vi.fn();
    const frames = createFrameScheduler(callback, { minimumIntervalMs: 50, fullRateCount: 5 });
    const everyFrameFor = (ms: number): number => {
      const before = callback.mock.calls.length;
      for (let elapsed = 0; elapsed < ms; elapsed += 17) {
        frames.request();
        vi.advanceTimersByTime(17);
      }
      return callback.mock.calls.length - before;
    };
    expect(everyFrameFor(85)).toBe(5); // full rate: one per frame
    everyFrameFor(50);
    expect(everyFrameFor(340)).toBeLessThanOrEqual(340 / 50 + 1); // throttled
    frames.cancel();
    expect(everyFrameFor(85)).toBe(5); // full rate again after a cancel (a new run)
  });

  it('runs in a task of its own, never twice within a frame, even at full rate', () => {
    const callback = vi.fn();
    const frames = createFrameScheduler(callback, { fullRateCount: 5 });
    frames.request();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1); // a task, not the next animation frame
    frames.request();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1); // within the frame: waiting
    vi.advanceTimersByTime(16);
    expect(callback).toHaveBeenCalledTimes(2);
  });

  it('on a hidden page waits for an animation frame', () => {
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    try {
      const callback = vi.fn();
      const frames = createFrameScheduler(callback);
      frames.request();
      vi.advanceTimersByTime(1);
      expect(callback).not.toHaveBeenCalled(); // a task would have run by now
      vi.advanceTimersByTime(16);
      expect(callback).toHaveBeenCalledTimes(1);
    } finally {
      visibility.mockRestore();
    }
  });
});
