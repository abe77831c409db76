/**
 * What a committee-machine run reads (theory.md §10): the shape of the network and the run parameters
 * shared with the single-index models. Normalization as everywhere: h (`step`) in units of continuous time,
 * κ² = h(1 − b)/b, n = αd; the planted overlap is M(0) = ε·I (p×p*, ε on the first min(p, p*) diagonal entries).
 */
import type { BatchSampling, Params, TheoryAlgorithm } from '../params';
import type { CommitteeShape } from './committee';

export type CommitteeParams = CommitteeShape &
  Pick<
    Params,
    | 'alpha'
    | 'batchFraction'
    | 'step'
    | 'ridge'
    | 'horizon'
    | 'initScale'
    | 'initOverlap'
    | 'dt'
    | 'samples'
    | 'responseSamples'
    | 'dim'
    | 'seeds'
    | 'seed'
  > & { sampling: BatchSampling; theoryAlgorithm: TheoryAlgorithm };

/** Case (i) of theory.md §10.6: p = p* = 2, erf, α = 2, b = 0.1, h = 0.1, λ = 0.01, σ₀ = 0.5, σ_ε = 0.1, M0 = 0. */
export const committeeDefaults: Readonly<CommitteeParams> = Object.freeze({
  hidden: 2,
  teacherHidden: 2,
  activation: 'erf',
  labelNoise: 0.1,
  alpha: 2,
  batchFraction: 0.1,
  step: 0.1,
  ridge: 0.01,
  horizon: 10,
  initScale: 0.5,
  initOverlap: 0,
  dt: null,
  samples: 20000,
  responseSamples: 1000,
  dim: 1000,
  seeds: 4,
  seed: 1,
  sampling: 'uniform',
  theoryAlgorithm: 'sgf',
});

/** M(0) = ε·I as a p×p* row-major matrix. */
export function initialOverlapMatrix(params: Pick<CommitteeParams, 'hidden' | 'teacherHidden' | 'initOverlap'>): Float64Array {
  const M0 = new Float64Array(params.hidden * params.teacherHidden);
  for (let a = 0; a < Math.min(params.hidden, params.teacherHidden); a++) M0[a * params.teacherHidden + a] = params.initOverlap;
  return M0;
}
