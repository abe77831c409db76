/** Slow reference integrals for tests of the fast quadratures. */
import { expectNormal } from '../../src/core/math/gaussian';

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

/** E h(x), x ~ N(0, 1), by Simpson on [−12, 12] split at the given kinks of h (each piece smooth: 300 intervals). */
export function simpsonPieces(h: (x: number) => number, kinks: number[]): number {
  const cuts = [-12, ...kinks.filter((k) => Math.abs(k) < 12).sort((a, b) => a - b), 12];
  let total = 0;
  for (let piece = 1; piece < cuts.length; piece++) {
    const [a, b] = [cuts[piece - 1], cuts[piece]];
    const intervals = 300;
    const width = (b - a) / intervals;
    for (let i = 0; i <= intervals; i++) {
      const x = a + i * width;
      const weight = i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2;
      total += (weight * width * h(x) * Math.exp(-0.5 * x * x)) / 3;
    }
  }
  return total / Math.sqrt(2 * Math.PI);
}

/**
 * E h(r*, ω) over the Gaussian pair (Var ω = q, Cov = m): Simpson in r* (a node at 0; 4000 intervals, 2000
 * with kinks, enough for a spike of width 1/8), and given r* either Gauss–Hermite in ω (smooth h) or Simpson
 * split at the kinks of h in ω.
 */
export function pairReference(q: number, m: number, h: (teacherField: number, omega: number) => number, omegaKinks: number[] | null = null): number {
  const s = Math.sqrt(q - m * m);
  return simpsonNormal((z) => {
    const conditional = (x: number): number => h(z, m * z + s * x);
    return omegaKinks === null ? expectNormal(conditional, 64) : simpsonPieces(conditional, omegaKinks.map((kink) => (kink - m * z) / s));
  }, omegaKinks === null ? 4000 : 2000);
}

/** (q, m) points of the Gaussian pair for the models' rules: moderate, strong overlap, large norm. */
export const overlapPairs: [number, number][] = [
  [0.5, 0.3],
  [1.2, 0.9],
  [3, 0.6],
];

/** Φ to ~10⁻¹⁵ (the solver's normalCdf is a fit good to 10⁻⁷): ½ + ∫₀ˣ φ by 64-point Gauss–Legendre. */
const legendre = (() => {
  const n = 64;
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let j = 2; j <= n; j++) [p0, p1] = [p1, ((2 * j - 1) * x * p1 - (j - 1) * p0) / j];
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * derivative * derivative));
  }
  return { nodes, weights };
})();
export function preciseNormalCdf(x: number): number {
  let integral = 0;
  legendre.nodes.forEach((node, i) => {
    const t = (x * (node + 1)) / 2;
    integral += legendre.weights[i] * Math.exp(-0.5 * t * t);
  });
  return 0.5 + (integral * x) / 2 / Math.sqrt(2 * Math.PI);
}
