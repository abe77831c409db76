/**
 * Activations of the committee machine (theory.md §10.1): g, g', g'' and the pair moment
 * E g(u) g(v) of a centred Gaussian pair (Var u = a, Var v = b, Cov(u, v) = A), which is all
 * the test loss of a square-loss committee needs (§10.2).
 */
import { erfc, gaussHermite } from '../math/gaussian';

export type ActivationId = 'erf' | 'tanh' | 'relu';
export const activationIds: readonly ActivationId[] = ['erf', 'tanh', 'relu'];

export interface Activation {
  id: ActivationId;
  /** Formula for help texts and legends. */
  formula: string;
  value(x: number): number;
  slope(x: number): number;
  curvature(x: number): number;
  /** E g(u) g(v) for (u, v) centred Gaussian with Var u = a, Var v = b, Cov(u, v) = A. */
  pairMoment(A: number, a: number, b: number): number;
}

const sqrt2OverPi = Math.sqrt(2 / Math.PI);

/** g(x) = erf(x/√2): closed-form pair moment (2/π) arcsin(A/√((1 + a)(1 + b))). */
const erfActivation: Activation = {
  id: 'erf',
  formula: 'erf(x/√2)',
  value: (x) => 1 - erfc(x / Math.SQRT2),
  slope: (x) => sqrt2OverPi * Math.exp(-0.5 * x * x),
  curvature: (x) => -x * sqrt2OverPi * Math.exp(-0.5 * x * x),
  pairMoment: (A, a, b) => (2 / Math.PI) * Math.asin(clampUnit(A / Math.sqrt((1 + a) * (1 + b)))),
};

/** Rule order of the 2-D Gauss–Hermite pair moment: tanh saturates, so it needs many nodes at large variance (§10.8 item 7). */
const pairRuleOrder = 64;

/** E g(u) g(v) by a 2-D Gauss–Hermite rule on u = √a z₁, v = (A/√a) z₁ + √(b − A²/a) z₂. */
function gaussianPairMoment(g: (x: number) => number, A: number, a: number, b: number): number {
  const { nodes, weights } = gaussHermite(pairRuleOrder);
  if (!(a > 0)) {
    let mean = 0;
    for (let j = 0; j < nodes.length; j++) mean += weights[j] * g(Math.sqrt(Math.max(b, 0)) * nodes[j]);
    return g(0) * mean;
  }
  const slope = A / Math.sqrt(a);
  const residual = Math.sqrt(Math.max(b - slope * slope, 0));
  let total = 0;
  for (let i = 0; i < nodes.length; i++) {
    const u = Math.sqrt(a) * nodes[i];
    let inner = 0;
    for (let j = 0; j < nodes.length; j++) inner += weights[j] * g(slope * nodes[i] + residual * nodes[j]);
    total += weights[i] * g(u) * inner;
  }
  return total;
}

const tanhActivation: Activation = {
  id: 'tanh',
  formula: 'tanh(x)',
  value: Math.tanh,
  slope: (x) => {
    const t = Math.tanh(x);
    return 1 - t * t;
  },
  curvature: (x) => {
    const t = Math.tanh(x);
    return -2 * t * (1 - t * t);
  },
  pairMoment: (A, a, b) => gaussianPairMoment(Math.tanh, A, a, b),
};

/**
 * g(x) = max(0, x): the arc-cosine kernel √(ab)/(2π) (sin φ + (π − φ) cos φ), cos φ = A/√(ab).
 * g'' = 0 almost everywhere, so the pathwise response misses the kink (§10.8 item 8).
 */
const reluActivation: Activation = {
  id: 'relu',
  formula: 'max(0, x)',
  value: (x) => (x > 0 ? x : 0),
  slope: (x) => (x > 0 ? 1 : 0),
  curvature: () => 0,
  pairMoment: (A, a, b) => {
    if (!(a > 0) || !(b > 0)) return 0;
    const scale = Math.sqrt(a * b);
    const angle = Math.acos(clampUnit(A / scale));
    return (scale / (2 * Math.PI)) * (Math.sin(angle) + (Math.PI - angle) * Math.cos(angle));
  },
};

function clampUnit(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}

export const activations: Readonly<Record<ActivationId, Activation>> = { erf: erfActivation, tanh: tanhActivation, relu: reluActivation };
