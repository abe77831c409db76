/**
 * The two-layer committee machine (theory.md §10) in the registry: what it is and what it refuses. Its maths (the
 * activations, the loss of p fields, the block DMFT, the simulators) is in core/committee/, keyed by the params'
 * hidden units p, teacher units p* and activation.
 */
import type { CommitteeModel } from './model';

export const committee: CommitteeModel = {
  id: 'committee',
  kind: 'committee',
  label: 'two-layer committee machine',
  menuLabel: 'committee machine (two layers, p hidden units, square loss)',
  summary: 'ŷ = Σ_a g(r_a)/√p, y = Σ_b g(r*_b)/√p* + σ_ε ε; loss (ŷ − y)²/2; g = erf(x/√2), tanh or ReLU',
  classifier: false,
  ownParameters: ['labelNoise', 'hidden', 'teacherHidden', 'activation'],
  exactResponse: false,
  exactTheory: false,
  needsInitialOverlap: false,
  parameterProblems: (params) => {
    const problems: { name: 'initScale' | 'theoryAlgorithm' | 'estimator' | 'activation'; message: string }[] = [];
    // g'' = 0 almost everywhere: the pathwise response misses the kink term (ŷ − y) δ(r^a) (theory.md §10.8 item 8).
    if (params.activation === 'relu') problems.push({ name: 'activation', message: 'ReLU is not available yet: the DMFT’s pathwise response misses its kink (theory.md §10.8), so its theory would be wrong; use erf or tanh' });
    // At Θ = 0 every hidden unit gets the same update: a symmetric saddle the dynamics never leaves (theory.md §10.1).
    if (!(params.initScale > 0)) problems.push({ name: 'initScale', message: 'the committee machine needs σ₀ > 0 (at Θ = 0 every hidden unit gets the same update: a saddle it never leaves); try σ₀ = 0.5' });
    if (params.theoryAlgorithm === 'online') problems.push({ name: 'theoryAlgorithm', message: 'the one-pass limit of the committee machine is not implemented; use --algo sgf, sgd or gd' });
    // The block solver's Γ is the pathwise adjoint and its Γ* the teacher's forward tangent (theory.md §10.4).
    if (params.estimator !== 'auto' && params.estimator !== 'pathwise') problems.push({ name: 'estimator', message: 'the committee machine’s DMFT uses the pathwise response (estimator auto or pathwise)' });
    return problems;
  },
};
