/** Slow reference integrals for tests of the fast quadratures. */

/** E h(Z), Z ~ N(0, 1), by Simpson's rule on [−12, 12] with `intervals` intervals (even: a node at 0). */
export function simpsonNormal(h: (z: number) => number, intervals = 400_000): number {
  const width = 24 / intervals;
  let sum = 0;
  for (let i = 0; i <= intervals; i++) {
    const z = -12 + i * width;
    const weight = i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * h(z) * Math.exp(-0.5 * z * z);
  }
  return (sum * width) / 3 / Math.sqrt(2 * Math.PI);
}
