/** Named benchmark configurations: what `npm run bench` times, and the targets it prints beside them. */
import { defaultParams, type Params } from '../src/core/params';
import type { KernelBackend } from '../src/core/kernels/workspace';
import type { Algorithm } from '../src/core/sim/types';
import { committeeDefaults, type CommitteeParams } from '../src/core/committee/config';

export type BenchConfiguration =
  | { name: string; kind: 'theory'; params: Params; kernels?: KernelBackend; targetMs?: number; description: string }
  | { name: string; kind: 'simulation'; algorithm: Algorithm; params: Params; targetMs?: number; description: string }
  | { name: string; kind: 'committee-simulation'; algorithm: Algorithm; params: CommitteeParams; targetMs?: number; description: string }
  | { name: string; kind: 'committee'; params: CommitteeParams; targetMs?: number; description: string };

/** The default solve on finer grids (same N, T = 10): K = 100, 200, 400. */
export const horizonScaling = [
  { name: 'theory-k100', steps: 100, params: { ...defaultParams, dt: 0.1 } },
  { name: 'theory-k200', steps: 200, params: { ...defaultParams, dt: 0.05 } },
  { name: 'theory-k400', steps: 400, params: { ...defaultParams, dt: 0.025 } },
] as const;

/** The continuous SGF: Δt = h/10 (h = 0.1, Δt = 0.01, T = 6, K = 600) at the default N. */
export const continuousSgf: Params = { ...defaultParams, dt: 0.01, horizon: 6 };

const simulation100Steps: Params = { ...defaultParams, dim: 1000, horizon: 10, step: 0.1 };

export const benchConfigurations: BenchConfiguration[] = [
  { name: 'theory-default', kind: 'theory', params: { ...defaultParams }, targetMs: 1000, description: 'default DMFT solve (logistic, K = 100)' },
  { name: 'theory-default-js', kind: 'theory', params: { ...defaultParams }, kernels: 'js', description: 'the same on the JavaScript kernels (no WebAssembly)' },
  { name: 'theory-gd', kind: 'theory', params: { ...defaultParams, alpha: 0.5, batchFraction: 1, ridge: 0 }, description: 'gradient descent, α = 0.5, K = 100' },
  { name: 'theory-linear', kind: 'theory', params: { ...defaultParams, model: 'linear' }, description: 'linear model (exact response), K = 100' },
  { name: 'theory-sgd', kind: 'theory', params: { ...defaultParams, theoryAlgorithm: 'sgd' }, description: 'DMFT of minibatch SGD, uniform batches (theory.md §9), K = 100' },
  { name: 'theory-sgd-epoch', kind: 'theory', params: { ...defaultParams, theoryAlgorithm: 'sgd', sampling: 'epoch' }, description: 'DMFT of minibatch SGD, epoch shuffles, K = 100' },
  { name: 'theory-stein', kind: 'theory', params: { ...defaultParams, samples: 50_000, estimator: 'stein' }, description: 'Stein estimator, N = 5·10⁴, K = 100' },
  ...horizonScaling.map(({ name, steps, params }) => ({ name, kind: 'theory' as const, params, description: `default solve on the grid Δt = ${params.dt} (K = ${steps})` })),
  { name: 'theory-sgf-fine', kind: 'theory', params: continuousSgf, description: 'continuous SGF, h = 0.1, Δt = 0.01, T = 6 (K = 600), default N' },
  { name: 'committee-default', kind: 'committee', params: { ...committeeDefaults }, targetMs: 3000, description: 'committee DMFT, p = p* = 2, K = 100, N = 2·10⁴, N_resp = 10³ (theory.md §10.7: ~6 s unoptimized)' },
  { name: 'committee-sgd', kind: 'committee', params: { ...committeeDefaults, theoryAlgorithm: 'sgd' }, description: 'the same, DMFT of minibatch SGD (uniform batches)' },
  { name: 'sgd-seed', kind: 'simulation', algorithm: 'sgd', params: simulation100Steps, targetMs: 300, description: 'one SGD seed, d = 1000, n = 2000, 100 steps' },
  { name: 'sgf-seed', kind: 'simulation', algorithm: 'sgf', params: simulation100Steps, targetMs: 300, description: 'one SGF seed, d = 1000, n = 2000, 100 steps' },
  { name: 'gd-seed', kind: 'simulation', algorithm: 'gd', params: simulation100Steps, description: 'one GD seed, d = 1000, n = 2000, 100 steps' },
  { name: 'committee-sgf-seed', kind: 'committee-simulation', algorithm: 'sgf', params: committeeDefaults, description: 'one committee SGF seed, p = p* = 2, d = 1000, n = 2000, 100 steps' },
  { name: 'committee-sgd-seed', kind: 'committee-simulation', algorithm: 'sgd', params: committeeDefaults, description: 'one committee SGD seed, p = p* = 2, d = 1000, n = 2000, 100 steps' },
];
