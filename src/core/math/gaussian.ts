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

/** The rule's range [−ruleLimit, ruleLimit], cut into base panels of width basePanelWidth (then split at the steps' points). */
const ruleLimit = 10;
const basePanelWidth = 0.5;
const basePanelCount = (2 * ruleLimit) / basePanelWidth;
const nodesPerPanel = 2 * legendreNodes.length;
const normalDensity = 1 / Math.sqrt(2 * Math.PI);

/** Appends the Gauss–Legendre nodes of [a, b] and their weights (density included) at `at`; returns the next index. */
function writePanel(a: number, b: number, nodes: Float64Array, weights: Float64Array, at: number): number {
  const half = (b - a) / 2;
  const middle = (a + b) / 2;
  for (let n = 0; n < legendreNodes.length; n++) {
    const left = middle - half * legendreNodes[n];
    const right = middle + half * legendreNodes[n];
    nodes[at] = left;
    weights[at++] = legendreWeights[n] * half * Math.exp(-0.5 * left * left) * normalDensity;
    nodes[at] = right;
    weights[at++] = legendreWeights[n] * half * Math.exp(-0.5 * right * right) * normalDensity;
  }
  return at;
}

/** The base panels' nodes and weights, computed once: most panels of a rule are these (the Gaussian's exp is the rule's cost). */
const baseRule = ((): Quadrature => {
  const nodes = new Float64Array(basePanelCount * nodesPerPanel);
  const weights = new Float64Array(basePanelCount * nodesPerPanel);
  for (let i = 0; i < basePanelCount; i++) writePanel(-ruleLimit + i * basePanelWidth, -ruleLimit + (i + 1) * basePanelWidth, nodes, weights, i * nodesPerPanel);
  return { nodes, weights };
})();

/** The steps' points inside the rule's range, ascending: each step's place and, refined geometrically, a quarter of its width out to the panel width. */
function stepPoints(steps: readonly IntegrandStep[]): number[] {
  const points: number[] = [];
  for (const { at, width } of steps) {
    if (!(Math.abs(at) < ruleLimit)) continue;
    points.push(at);
    if (!(width > 0)) continue;
    for (let offset = width / 4; offset < basePanelWidth; offset *= 2) points.push(at - offset, at + offset);
  }
  return points.filter((point) => point > -ruleLimit && point < ruleLimit).sort((a, b) => a - b);
}

/**
 * The nodes and weights (Gaussian density included) of expectNormalAcross, for integrands with several components:
 * 8-point Gauss–Legendre panels between consecutive points of the base grid and the steps' points, in ascending order.
 */
export function normalRuleAcross(steps: readonly IntegrandStep[]): Quadrature {
  const points = stepPoints(steps);
  const nodes = new Float64Array((basePanelCount + points.length) * nodesPerPanel);
  const weights = new Float64Array(nodes.length);
  let at = 0;
  let next = 0; // the first step point not yet used
  for (let i = 0; i < basePanelCount; i++) {
    const a = -ruleLimit + i * basePanelWidth;
    const b = -ruleLimit + (i + 1) * basePanelWidth;
    while (next < points.length && points[next] <= a) next++;
    if (next === points.length || points[next] >= b) {
      nodes.set(baseRule.nodes.subarray(i * nodesPerPanel, (i + 1) * nodesPerPanel), at);
      weights.set(baseRule.weights.subarray(i * nodesPerPanel, (i + 1) * nodesPerPanel), at);
      at += nodesPerPanel;
      continue;
    }
    // Split at the step points inside (a, b), skipping repeats (a panel of no width).
    let left = a;
    for (; next < points.length && points[next] < b; next++) {
      if (points[next] > left) at = writePanel(left, points[next], nodes, weights, at);
      left = Math.max(left, points[next]);
    }
    at = writePanel(left, b, nodes, weights, at);
  }
  return { nodes: nodes.subarray(0, at), weights: weights.subarray(0, at) };
}
