/** Index of the recorded time nearest `time` (the first of two equally near), as the two-time, distribution and committee views pick their row. */
export function nearestTimeIndex(times: ArrayLike<number>, time: number): number {
  let best = 0;
  for (let i = 1; i < times.length; i++) if (Math.abs(times[i] - time) < Math.abs(times[best] - time)) best = i;
  return best;
}
