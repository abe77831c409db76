/**
 * Presets: parameter sets that each teach one idea, with a one-paragraph caption.
 * Each is a full Params (defaults plus its changes), so a preset is also a URL.
 */
import { defaultParams, type Params } from './params';

export interface Preset {
  /** Stable id, used in URLs (`preset=<id>`) and tests. */
  id: string;
  /** Short title for a menu. */
  title: string;
  /** One paragraph: what to look at and why. */
  caption: string;
  params: Params;
  /** Overlays the figure draws with this preset: the one-pass limit (theory.md §11). */
  overlays: readonly 'online'[];
}

const preset = (id: string, title: string, caption: string, changes: Partial<Params>, overlays: readonly 'online'[] = []): Preset => ({
  id,
  title,
  caption,
  params: { ...defaultParams, ...changes },
  overlays,
});

export const presets: readonly Preset[] = [
  preset(
    'gd-vs-sgd',
    'Gradient descent vs SGD',
    'With the batch fraction at b = 1 every step uses all samples: κ² = 0, the SGF is gradient flow and SGD is plain gradient descent, so the three curves coincide with no noise band. Drag b down and watch the noise strength κ² = h(1 − b)/b grow: the train loss rises above the gradient-descent curve and the simulations spread into a band.',
    { batchFraction: 1 },
  ),
  preset(
    'hot-noise',
    'Smaller batches = hotter noise',
    'A batch of 2% of the samples at h = 0.1: κ² = h(1 − b)/b ≈ 4.9, a temperature κ²/α ≈ 2.5. Halving the batch fraction at fixed h is like doubling the temperature. The noise keeps the weights from settling: the norm q keeps growing and the train loss stays high, although the overlap m with the teacher still improves.',
    { batchFraction: 0.02 },
  ),
  preset(
    'overparameterized',
    'Over-parameterized: α = 0.5 < 1',
    'Fewer samples than parameters (n = d/2) and a noiseless sign teacher: the data are separable, the train loss falls towards zero and the norm keeps growing without ridge, while the test error levels off well above zero — the model fits the training set but learns the teacher only partly.',
    { alpha: 0.5, beta: Infinity, ridge: 0, horizon: 10 },
  ),
  preset(
    'underparameterized',
    'Under-parameterized: α = 4 > 1',
    'Four samples per parameter: the training set pins the teacher down, so train and test loss stay much closer than with α < 1, the test error keeps falling and the overlap m climbs steadily. Compare with the over-parameterized preset, where train and test part ways.',
    { alpha: 4, beta: Infinity, ridge: 0.01 },
  ),
  preset(
    'sgf-vs-sgd',
    'Where SGF and SGD part ways',
    'The stochastic gradient flow matches SGD only to first order in h. Here the SGF is solved and simulated on a fine grid Δt = h/10 (close to the paper’s continuous-time flow), while SGD takes steps of h = 0.2. Two theories are drawn: the DMFT of the SGF (black) and the DMFT of SGD itself (orange, on SGD’s own steps). The SGD markers follow the orange line, not the flow: at t = 1 the train loss is about 0.39 for SGD against 0.20 for the SGF (0.195 in the continuous limit). The noise is strong here (κ²/α ≈ 1.1), so the Monte-Carlo theory is noisy: the pink band is the exact theory of the SGF.',
    { model: 'linear', alpha: 0.7, batchFraction: 0.2, step: 0.2, ridge: 0, dt: 0.02, horizon: 4 },
  ),
  preset(
    'epochs-vs-uniform',
    'Epochs or independent draws',
    'SGD at a large step h = 0.5 with b = 0.1, its batches taken by walking a shuffled permutation (each sample once per epoch of 10 steps). The DMFT of SGD (orange) follows these SGD markers: the train loss is about 0.35 at t = 15, against 0.42 for the SGF theory (black), which is what independent draws give. Switch the sampling to uniform in the advanced settings and both rise onto the black line.',
    { step: 0.5, horizon: 15, sampling: 'epoch' },
  ),
  preset(
    'reuse-vs-fresh',
    'Reusing data vs fresh data',
    'The same SGD twice: on a fixed training set of n = 2d samples, reused at every pass (the DMFT, black), and on fresh samples at every step with the same batch size (one-pass SGD, green: the limit where memory terms vanish). Reusing the data drives the train loss down, to about 0.38 at t = 10 against 0.63 for fresh data (where train and test are the same), while the test loss rises after t ≈ 1, to 0.79 against 0.63, and the test error stalls at 0.42 against 0.35: the multi-pass run overfits its n samples; by t = 10 the one-pass run has drawn 20d fresh ones.',
    { horizon: 10 },
    ['online'],
  ),
  preset(
    'linear',
    'The linear model',
    'Square loss with a linear teacher y = r* + σ_ε ε. Its DMFT response is exact (no Monte Carlo), and the whole limit has a closed form (homogenized SGD), drawn as the exact-theory band under the DMFT line: the Monte-Carlo theory, the exact theory and the simulations agree.',
    { model: 'linear' },
  ),
  preset(
    'divergence',
    'Too hot: divergence',
    'Linear model, b = 0.02 and h = 0.2: κ²/(2α) ≈ 2.5 exceeds 1, the stability limit of the noisy dynamics (for the linear model at λ = 0 the loss stays bounded only while κ²/(2α) < 1). The multiplicative noise feeds the loss faster than the gradient removes it, and theory and simulations blow up together; each series stops where it diverged and is marked there.',
    { model: 'linear', alpha: 2, batchFraction: 0.02, step: 0.2, ridge: 0, horizon: 10 },
  ),
  preset(
    'committee-plateau',
    'Two-layer network: plateau, then specialization',
    'A committee machine with p = 2 hidden units (erf) learns a teacher of two units from noiseless labels, α = 8, SGD with b = 0.2 and h = 0.8. It starts small (σ₀ = 0.1) with a tiny planted overlap ε = 0.03 with the teacher (larger than the d^−1/2 fluctuations of a finite run, which would otherwise decide when the plateau ends). First both student units copy the teacher’s average: every entry of M is about 0.4 and the test loss sits on a plateau near 0.0065 from t ≈ 10 to t ≈ 50 (tick “log scale” on the test loss to see it). Then the units specialize, each onto its own teacher unit: in the hidden-units panel M[1,1] and M[2,2] climb towards 0.8 while M[1,2] and M[2,1] fall towards 0.13 by t = 150, and the test loss drops to about 0.002. Move its time slider to watch the matrices change.',
    { model: 'committee', hidden: 2, teacherHidden: 2, activation: 'erf', labelNoise: 0, alpha: 8, batchFraction: 0.2, step: 0.8, ridge: 0, initScale: 0.1, initOverlap: 0.03, horizon: 150, samples: 5000, responseSamples: 2000, dim: 1000, seeds: 4 },
  ),
  preset(
    'committee-noise',
    'Two-layer network: SGD noise shortens the plateau',
    'The plateau preset with hotter SGD: b = 0.05 instead of 0.2 (κ²/α ≈ 1.9). The noise kicks the units off the symmetric saddle sooner: at t = 80 M[1,1] is about 0.63 here, against about 0.58 at b = 0.2 and 0.56–0.58 for gradient descent (b = 1), so the units specialize earlier. Pin this run, then set b = 1, to see both.',
    { model: 'committee', hidden: 2, teacherHidden: 2, activation: 'erf', labelNoise: 0, alpha: 8, batchFraction: 0.05, step: 0.8, ridge: 0, initScale: 0.1, initOverlap: 0.03, horizon: 150, samples: 5000, responseSamples: 2000, dim: 1000, seeds: 4 },
  ),
];

export function findPreset(id: string): Preset | undefined {
  return presets.find((candidate) => candidate.id === id);
}
