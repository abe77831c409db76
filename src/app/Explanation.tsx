/** "What am I looking at?": a few sentences next to the plots (what each curve is, what to try), and the equations on request. */
import { useState } from 'react';
import { Formula } from './controls/Formula';
import { paperReference, TheoryNotes } from './TheoryNotes';

export function Explanation() {
  // The equations are typeset on first opening, not on page load.
  const [equationsShown, setEquationsShown] = useState(false);
  return (
    <section className="explanation" aria-labelledby="explanation-title">
      <h2 id="explanation-title">What am I looking at?</h2>
      <p>
        A generalized linear model (logistic or linear regression) is trained on <Formula tex="n = \alpha d" /> Gaussian samples. Minibatch SGD (batch fraction{' '}
        <Formula tex="b" />, step <Formula tex="h" />) is modelled by the stochastic gradient flow
      </p>
      <p className="display-formula">
        <Formula tex="d\theta = -\lambda\theta\,dt - \tfrac{1}{\alpha} X^\top\big[\ell'(X\theta) \circ (dt + \kappa\, dW_t)\big] ." />
      </p>
      <p>
        <strong>Black line</strong> (white in the dark theme): the dynamical mean-field theory of this flow, the exact <Formula tex="d \to \infty" /> limit
        (Monte Carlo over effective processes). <strong>Vermillion line</strong>: the same theory of minibatch SGD itself, each sample's kick being its
        batch membership instead of Gaussian noise (drawn only where it differs from the black one). <strong>Blue line and band</strong>: finite-
        <Formula tex="d" /> SGF, mean ± one standard error over seeds. <strong>Vermillion diamonds</strong>: minibatch SGD. Click a theory in a legend to
        hide or show it.
      </p>
      <ul>
        <li>Move b towards 1: the noise κ² vanishes and all three become gradient descent.</li>
        <li>Raise h: SGF matches SGD only to first order in h, and the two theories separate; SGD follows its own.</li>
        <li>Halving b at fixed h is like doubling the temperature.</li>
      </ul>
      <p className="reference">
        From {paperReference.authors},{' '}
        <a href={paperReference.url} target="_blank" rel="noopener">
          {paperReference.venue}
        </a>{' '}
        ({paperReference.year}).
      </p>
      <details className="theory-details" onToggle={(event) => event.currentTarget.open && setEquationsShown(true)}>
        <summary>The model, SGD, the SGF and the DMFT in equations</summary>
        {equationsShown && <TheoryNotes />}
      </details>
    </section>
  );
}
