/**
 * The longer half of "What am I looking at?": the model, SGD, the SGF and the DMFT effective
 * processes in a few typeset equations (theory.md §1–§6), what the bands mean, and the reference.
 */
import { Formula } from './controls/Formula';

export const paperReference = {
  authors: 'Nishiyama & Imaizumi',
  title: 'High-Dimensional Limit of Stochastic Gradient Flow via Dynamical Mean-Field Theory',
  venue: 'arXiv:2602.06320',
  year: 2026,
  url: 'https://arxiv.org/abs/2602.06320',
};

export function TheoryNotes() {
  return (
    <div className="theory-notes">
      <h3>The model</h3>
      <p>
        <Formula tex="n = \alpha d" /> samples <Formula tex="x_i \sim \mathcal N(0, I_d/d)" /> are labelled by a teacher <Formula tex="\theta^* \sim \mathcal N(0, I_d)" />{' '}
        through its field <Formula tex="r^*_i = x_i\cdot\theta^*" />: logistic labels <Formula tex="y = \pm 1" /> with{' '}
        <Formula tex="P(y = 1) = \sigma(\beta r^*)" />, or linear labels <Formula tex="y = r^* + \sigma_\varepsilon \varepsilon" />. The student minimizes
      </p>
      <p className="display-formula">
        <Formula tex="F(\theta) = \frac{1}{\alpha}\sum_{i=1}^{n} \ell(x_i\cdot\theta;\, y_i) + \frac{\lambda}{2}\lVert\theta\rVert^2 ." />
      </p>
      <h3>SGD and the stochastic gradient flow</h3>
      <p>
        Minibatch SGD draws <Formula tex="B = b\,n" /> samples <Formula tex="S_k" /> per step and advances time by <Formula tex="h" />:
      </p>
      <p className="display-formula">
        <Formula tex="\theta_{k+1} = \theta_k - h\Big[\frac{1}{b\alpha}\sum_{i\in S_k} x_i\,\ell'(r_i; y_i) + \lambda\theta_k\Big],\qquad t_k = k h ." />
      </p>
      <p>The SGF matches the first two moments of that step with a Brownian motion W, one coordinate per sample:</p>
      <p className="display-formula">
        <Formula tex="d\theta = -\lambda\theta\,dt - \frac{1}{\alpha} X^\top\big[\ell'(X\theta; y)\circ(dt + \kappa\,dW_t)\big],\qquad \kappa^2 = \frac{h(1-b)}{b} ." />
      </p>
      <p>
        At <Formula tex="b = 1" /> the noise vanishes (gradient flow); halving <Formula tex="b" /> at fixed <Formula tex="h" /> doubles the temperature{' '}
        <Formula tex="\kappa^2/\alpha" />. The SGF agrees with SGD to first order in <Formula tex="h" />: at large steps they part.
      </p>
      <h3>The dynamical mean-field theory</h3>
      <p>
        As <Formula tex="d \to \infty" /> at fixed <Formula tex="\alpha" />, every sample and every weight coordinate behaves like one of two coupled scalar
        processes. A <em>sample process</em> feels a Gaussian field <Formula tex="\omega" /> (covariance <Formula tex="C" />, correlation{' '}
        <Formula tex="M" /> with <Formula tex="r^*" />) and its own past through the response <Formula tex="R" />:
      </p>
      <p className="display-formula">
        <Formula tex="r_k = \omega_k - \sum_{l<k} R_{kl}\,u_l,\qquad u_k = \frac{1}{\alpha}\,\ell'(r_k; y)\,(\Delta t + \kappa\,\Delta W_k) ." />
      </p>
      <p>
        A <em>parameter process</em> is driven by the memory kernel <Formula tex="\Gamma_{kl} = \mathbb E[\partial u_k/\partial\omega_l]" /> and a Gaussian noise{' '}
        <Formula tex="\xi" /> with covariance <Formula tex="\alpha Q_{kl} = \alpha\,\mathbb E[u_k u_l]" />:
      </p>
      <p className="display-formula">
        <Formula tex="\theta_{k+1} = (1-\lambda\Delta t)\,\theta_k - \alpha\sum_{l\le k}\Gamma_{kl}\,\theta_l - \alpha\,\Gamma^*_k\,\theta^* - \xi_k ." />
      </p>
      <p>
        Its statistics close the loop: <Formula tex="C_{kl} = \mathbb E[\theta_k\theta_l]" />, <Formula tex="M_k = \mathbb E[\theta_k\theta^*]" /> and the
        response <Formula tex="R" /> feed the sample process again. Everything is causal, so the app solves it in one forward sweep in time, with{' '}
        <Formula tex="N" /> Monte-Carlo trajectories of the sample process, and draws each time step as soon as it is known. The plotted observables are{' '}
        <Formula tex="q = \lVert\theta\rVert^2/d" />, <Formula tex="m = \theta\cdot\theta^*/d" />, the cosine <Formula tex="m/\sqrt q" />, the losses and the
        errors; the test quantities depend on <Formula tex="(q, m)" /> alone.
      </p>
      <h3>The curves and the bands</h3>
      <ul>
        <li>
          <strong>DMFT theory</strong> (black line; white in the dark theme): the <Formula tex="d\to\infty" /> limit. Its only error is Monte Carlo over the{' '}
          <Formula tex="N" /> trajectories, shrinking like <Formula tex="1/\sqrt N" /> (set N under Advanced settings).
        </li>
        <li>
          <strong>DMFT of SGD</strong> (vermillion line): the same solver with each sample's Gaussian kick{' '}
          <Formula tex="\Delta t + \kappa\,\Delta W_k" /> replaced by its minibatch membership <Formula tex="h\,s_k/b" />, <Formula tex="s_k \in \{0,1\}" />:
          independent draws (<Formula tex="s_k" /> Bernoulli(b)) or epochs (one use per pass), on SGD's own steps <Formula tex="\Delta t = h" />. Both kicks
          have the same mean and variance, so the two theories part only where the shape of the noise matters: large h, the first steps of the train error,
          and epochs. Where they coincide exactly (b = 1, or the square loss with independent draws) only the black line is drawn.
        </li>
        <li>
          <strong>One-pass SGD</strong> (green line, on request): SGD on fresh samples at every step, with the same batch size and step,
          in the limit <Formula tex="d \to \infty" />: a deterministic map for <Formula tex="(q, m)" /> at temperature{' '}
          <Formula tex="\tau = h/(b\alpha)" />, with no memory of past samples. Its train and test loss are the same; the gap to the black line is
          what reusing the <Formula tex="n" /> training samples does.
        </li>
        <li>
          <strong>SGF</strong> (blue line and band): the flow simulated at finite <Formula tex="d" />, averaged over independent seeds (datasets and noise).
          The band is ± one standard error of that mean: where the theory runs inside it, theory and simulation agree up to the finite-size fluctuations,
          which shrink like <Formula tex="1/\sqrt d" />.
        </li>
        <li>
          <strong>SGD</strong> (vermillion diamonds; hollow circles for a plot's second quantity): minibatch SGD on the same datasets, the seed mean.
        </li>
        <li>
          <strong>Exact theory</strong> (wide reddish-purple line, linear model only): the deterministic closed-form limit without Monte Carlo.
        </li>
      </ul>
      <p>
        The paper proves that the DMFT describes the SGF up to any finite horizon; for a nonlinear loss with noise, existence for all times is open, so
        long horizons are a numerical statement rather than a theorem.
      </p>
      <h3>Reference</h3>
      <p className="reference">
        {paperReference.authors}, “{paperReference.title}”,{' '}
        <a href={paperReference.url} target="_blank" rel="noopener">
          {paperReference.venue}
        </a>{' '}
        ({paperReference.year}).
      </p>
    </div>
  );
}
