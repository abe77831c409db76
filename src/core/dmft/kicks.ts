/**
 * The per-sample kick of the sample process: u_k = (Δt/α) f_k · μ_k, where the multiplier μ_k (mean 1)
 * is what distinguishes the theories (theory.md §4 and §9):
 *   SGF:  μ_k = 1 + κ ΔW_k / Δt,   ΔW_k ~ N(0, Δt)         (the paper's stochastic gradient flow)
 *   SGD, uniform batches:  μ_k = s_k / b,  s_k ~ Bernoulli(b) iid   (Δt = h)
 *   SGD, epoch shuffles:   μ_k = s_k / b,  s_k = 1 at one step per epoch of 1/b steps   (Δt = h)
 * Mean and variance of Δt·μ_k are h and h²(1 − b)/b for SGF at Δt = h and for both SGD laws alike.
 */
import { gridStep, noiseStrength, type Params, type TheoryAlgorithm } from '../params';
import type { Random } from '../random';

export interface KickLaw {
  /** 'gaussian' (SGF and GD), 'bernoulli' (uniform SGD) or 'epoch' (epoch-shuffled SGD). */
  kind: 'gaussian' | 'bernoulli' | 'epoch';
  /**
   * True when μ_k is independent of everything before step k (SGF, uniform SGD): then E[μ_k X] = E[X] for
   * any X of the past, and the solver may use the lower-variance forms with μ_k averaged out.
   */
  independent: boolean;
  /** E[μ_k²]: 1 + κ²/Δt for the SGF, 1/b for SGD. */
  secondMoment: number;
  /** κ√Δt / Δt of the SGF (0 otherwise): μ_k = 1 + noiseRatio · ξ_k with ξ_k standard normal. */
  noiseRatio: number;
  /** Batch fraction b (1 for the SGF). */
  batchFraction: number;
}

/**
 * Why the DMFT of minibatch SGD equals that of the SGF for these parameters, or null where they differ:
 * at b = 1 both are gradient descent; for the square loss with independent batches at Δt = h only the kicks'
 * first two moments enter the kernels, and those are equal by construction.
 */
export function sgdTheoryCoincidence(params: Params): string | null {
  if (params.batchFraction === 1) return 'b = 1: both are gradient descent';
  if (params.model === 'linear' && params.sampling === 'uniform' && gridStep(params) === params.step) {
    return 'square loss, uniform batches: only two moments of the kicks enter';
  }
  return null;
}

/** Parameters of the SGD theory that the app draws beside the SGF theory of `params` (SGD has no finer grid). */
export function sgdTheoryParams(params: Params): Params {
  return { ...params, theoryAlgorithm: 'sgd', dt: null };
}

/** The kick law of a theory at these parameters; Δt is the theory's grid step (h for SGD). */
export function kickLaw(params: Params, dt: number): KickLaw {
  const algorithm: TheoryAlgorithm = params.theoryAlgorithm;
  // The one-pass limit is a deterministic map (theory/online.ts), not a DMFT with kicks.
  if (algorithm === 'online') throw new Error('the one-pass limit is solved by theory/online.ts, not by the DMFT solver');
  if (algorithm === 'gd' || params.batchFraction === 1) return { kind: 'gaussian', independent: true, secondMoment: 1, noiseRatio: 0, batchFraction: 1 };
  if (algorithm === 'sgf') {
    const kappaSquared = noiseStrength(params);
    return { kind: 'gaussian', independent: true, secondMoment: 1 + kappaSquared / dt, noiseRatio: Math.sqrt(kappaSquared / dt), batchFraction: 1 };
  }
  const b = params.batchFraction;
  const kind = params.sampling === 'epoch' ? 'epoch' : 'bernoulli';
  return { kind, independent: kind === 'bernoulli', secondMoment: 1 / b, noiseRatio: 0, batchFraction: b };
}

/**
 * Draws the multipliers μ_k of the SGD kicks, step by step, for `count` trajectories.
 * Epochs: epoch e covers the continuous step interval [e/b, (e+1)/b); a sample's use in it falls at
 * floor((e + U)/b), U uniform, so that for integer 1/b it is uniform over the epoch's steps and
 * independent across epochs. A use that would fall on the step of the previous use is redrawn
 * (a minibatch holds distinct samples).
 */
export class MinibatchKicks {
  private readonly nextUse: Int32Array;
  private readonly epoch: Int32Array;

  constructor(
    private readonly law: KickLaw,
    count: number,
    private readonly random: Random,
  ) {
    this.nextUse = new Int32Array(law.kind === 'epoch' ? count : 0);
    this.epoch = new Int32Array(law.kind === 'epoch' ? count : 0);
    for (let p = 0; p < this.nextUse.length; p++) this.nextUse[p] = this.useInEpoch(0, -1);
  }

  /** μ_k of trajectory p at step k; steps must be asked in order, each trajectory once per step. */
  multiplier(p: number, k: number): number {
    const b = this.law.batchFraction;
    if (this.law.kind === 'bernoulli') return this.random.uniform() < b ? 1 / b : 0;
    if (this.nextUse[p] !== k) return 0;
    const epoch = ++this.epoch[p];
    this.nextUse[p] = this.useInEpoch(epoch, k);
    return 1 / b;
  }

  private useInEpoch(epoch: number, previousUse: number): number {
    const length = 1 / this.law.batchFraction;
    for (;;) {
      const use = Math.floor((epoch + this.random.uniform()) * length);
      if (use > previousUse) return use;
    }
  }
}
