/** A few sentences next to the plots: what each curve is and what to try. */
import { Formula } from './controls/Formula';

export function Explanation() {
  return (
    <section className="explanation" aria-labelledby="explanation-title">
      <h2 id="explanation-title">What you are looking at</h2>
      <p>
        A generalized linear model (logistic or linear regression) is trained on <Formula tex="n = \alpha d" /> Gaussian samples. Minibatch SGD (batch fraction{' '}
        <Formula tex="b" />, step <Formula tex="h" />) is modelled by the stochastic gradient flow
      </p>
      <p className="display-formula">
        <Formula tex="d\theta = -\lambda\theta\,dt - \tfrac{1}{\alpha} X^\top\big[\ell'(X\theta) \circ (dt + \kappa\, dW_t)\big] ." />
      </p>
      <p>
        <strong>Black line</strong>: the dynamical mean-field theory, the exact <Formula tex="d \to \infty" /> limit (Monte Carlo over
        effective processes). <strong>Blue line and band</strong>: finite-<Formula tex="d" /> SGF, mean ± one standard error over
        seeds. <strong>Vermillion diamonds</strong>: minibatch SGD.
      </p>
      <ul>
        <li>Move b towards 1: the noise κ² vanishes and all three become gradient descent.</li>
        <li>Raise h: SGF matches SGD only to first order in h, and the two separate.</li>
        <li>Halving b at fixed h is like doubling the temperature.</li>
      </ul>
    </section>
  );
}
