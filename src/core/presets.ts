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
}

const preset = (id: string, title: string, caption: string, changes: Partial<Params>): Preset => ({
  id,
  title,
  caption,
  params: { ...defaultParams, ...changes },
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
    'The stochastic gradient flow matches SGD only to first order in h. Here the SGF is solved and simulated on a fine grid Δt = h/10 (the paper’s continuous-time flow), while SGD takes steps of h = 0.2. SGD follows the discrete-time theory, not the flow: at t = 1 its train loss is about 0.39 against 0.195 for the SGF (both from the exact closed-form theory of the linear model).',
    { model: 'linear', alpha: 0.7, batchFraction: 0.2, step: 0.2, ridge: 0, dt: 0.02, horizon: 4 },
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
];

export function findPreset(id: string): Preset | undefined {
  return presets.find((candidate) => candidate.id === id);
}
