/** Gaussian helpers: the normal CDF and Gauss–Hermite quadrature for expectations over N(0, 1). */

/** Complementary error function, Numerical Recipes' Chebyshev fit (relative error < 1.2e-7 everywhere). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const value =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? value : 2 - value;
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

export interface Quadrature {
  nodes: Float64Array;
  weights: Float64Array;
}

const quadratureCache = new Map<number, Quadrature>();

/**
 * Gauss–Hermite rule for E f(Z), Z ~ N(0, 1): Σ weights[i] f(nodes[i]).
 * Nodes by Newton's method on the orthonormal Hermite recurrence (Numerical Recipes' gauher),
 * rescaled from weight e^{-x²} to the standard normal.
 */
export function gaussHermite(order: number): Quadrature {
  const cached = quadratureCache.get(order);
  if (cached) return cached;
  const n = order;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const pim4 = 0.7511255444649425; // π^{-1/4}
  const half = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < half; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let pp = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const previous = z;
      z = previous - p1 / pp;
      if (Math.abs(z - previous) <= 1e-14) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i];
  }
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = x[i] * Math.SQRT2;
    weights[i] = w[i] / Math.sqrt(Math.PI);
  }
  const rule = { nodes, weights };
  quadratureCache.set(order, rule);
  return rule;
}

/** E h(r*) over r* ~ N(0, 1). */
export function expectNormal(h: (z: number) => number, order = 64): number {
  const { nodes, weights } = gaussHermite(order);
  let total = 0;
  for (let i = 0; i < nodes.length; i++) total += weights[i] * h(nodes[i]);
  return total;
}

/** 8-point Gauss–Legendre rule on [−1, 1]: nodes (positive half) and weights. An open rule: it never evaluates an endpoint. */
const legendreNodes = [0.1834346424956498, 0.525532409916329, 0.7966664774136267, 0.9602898564975363];
const legendreWeights = [0.362683783378362, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

/** A sharp change of an integrand: at `at`, over a width `width` (0 for a jump). */
export interface IntegrandStep {
  at: number;
  width: number;
}

/**
 * E h(Z), Z ~ N(0, 1), for an h that changes sharply at known points (a steep sigmoid, a jump, the normal
 * CDF of a narrow spread), where Gauss–Hermite fails (its error reaches 10⁻²). Gauss–Legendre panels on
 * [−10, 10], no wider than 0.5, split at each step and refined geometrically around it down to a quarter
 * of its width: within 10⁻⁷ of a fine Simpson rule for widths down to 10⁻³ and jumps
 * (test/core/models/logistic.test.ts, test/core/dmft/errorTwin.test.ts).
 */
export function expectNormalAcross(h: (z: number) => number, steps: readonly IntegrandStep[]): number {
  const { nodes, weights } = normalRuleAcross(steps);
  let total = 0;
  for (let i = 0; i < nodes.length; i++) total += weights[i] * h(nodes[i]);
  return total;
}

/** The nodes and weights (Gaussian density included) of expectNormalAcross, for integrands with several components. */
export function normalRuleAcross(steps: readonly IntegrandStep[]): Quadrature {
  const limit = 10;
  const points: number[] = [];
  for (let z = -limit; z <= limit; z += 0.5) points.push(z);
  for (const { at, width } of steps) {
    if (!(Math.abs(at) < limit)) continue;
    points.push(at);
    if (!(width > 0)) continue;
    for (let offset = width / 4; offset < 0.5; offset *= 2) points.push(at - offset, at + offset);
  }
  points.sort((a, b) => a - b);
  const nodes: number[] = [];
  const weights: number[] = [];
  const density = 1 / Math.sqrt(2 * Math.PI);
  for (let i = 1; i < points.length; i++) {
    const left = points[i - 1];
    const right = points[i];
    if (!(right > left) || right <= -limit || left >= limit) continue;
    const a = Math.max(left, -limit);
    const b = Math.min(right, limit);
    const half = (b - a) / 2;
    const middle = (a + b) / 2;
    for (let n = 0; n < legendreNodes.length; n++) {
      for (const z of [middle - half * legendreNodes[n], middle + half * legendreNodes[n]]) {
        nodes.push(z);
        weights.push(legendreWeights[n] * half * Math.exp(-0.5 * z * z) * density);
      }
    }
  }
  return { nodes: Float64Array.from(nodes), weights: Float64Array.from(weights) };
}
