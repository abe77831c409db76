/** "What am I looking at?": a few sentences next to the plots (what each curve is, what to try), and the equations on request. */
import { useState, type ReactNode } from 'react';
import { getModel } from '../core/models';
import { gridStep, type Params } from '../core/params';
import { formatNumber } from './format';
import { useAppStore } from './store';
import { useUiStore } from './uiStore';
import { Formula } from './controls/Formula';
import { paperReference, TheoryNotes } from './TheoryNotes';

/** The sentence on the model of the current run: what is learned, and the teacher's own parameters. */
function modelSentence(params: Params): ReactNode {
  const model = getModel(params.model);
  const name = model.label.charAt(0).toUpperCase() + model.label.slice(1);
  const teacher = model.ownParameters.map((key) =>
    key === 'beta' ? (
      params.beta === Infinity ? (
        <span key={key}> Its labels are the sign of a teacher’s field (no label noise).</span>
      ) : (
        <span key={key}>
          {' '}
          Its teacher has sharpness <Formula tex={String.raw`\beta = ${formatNumber(params.beta)}`} />.
        </span>
      )
    ) : key === 'labelNoise' ? (
      <span key={key}>
        {' '}
        Its labels carry noise <Formula tex={String.raw`\sigma_\varepsilon = ${formatNumber(params.labelNoise)}`} />.
      </span>
    ) : null,
  );
  if (model.kind === 'committee') {
    return (
      <>
        A two-layer committee machine, <Formula tex={String.raw`\hat y = \tfrac{1}{\sqrt{p}}\sum_a g(\theta^a\cdot x)`} /> with{' '}
        <Formula tex={`p = ${params.hidden}`} /> hidden units and <Formula tex={`g(x) = ${activationTex[params.activation]}`} />, is trained with the square
        loss on <Formula tex="n = \alpha d" /> Gaussian samples labelled by a teacher of the same form with <Formula tex={String.raw`p^* = ${params.teacherHidden}`} /> units.{teacher}
      </>
    );
  }
  return (
    <>
      {name} is trained on <Formula tex="n = \alpha d" /> Gaussian samples labelled by a teacher.{teacher}
    </>
  );
}

const activationTex: Record<Params['activation'], string> = { erf: String.raw`\operatorname{erf}(x/\sqrt{2})`, tanh: String.raw`\tanh x`, relu: String.raw`\max(0, x)` };

export function Explanation() {
  // What is drawn now: the model of the current run, whether the exact theory is shown, whether the grid is finer than h.
  const params = useAppStore((state) => state.current.params);
  const showsExact = useAppStore((state) => state.current.series.exact !== null);
  const showsOnline = useUiStore((state) => state.showOnline);
  const classifier = getModel(params.model).classifier;
  const committee = getModel(params.model).kind === 'committee';
  const fineGrid = gridStep(params) < params.step;
  // The equations are typeset on first opening, not on page load.
  const [equationsShown, setEquationsShown] = useState(false);
  return (
    <section className="explanation" aria-labelledby="explanation-title">
      <h2 id="explanation-title">What am I looking at?</h2>
      <p>
        {modelSentence(params)} Minibatch SGD (batch fraction <Formula tex="b" />, step <Formula tex="h" />) is modelled by the stochastic gradient flow
      </p>
      <p className="display-formula">
        {committee ? (
          <Formula tex="d\Theta = -\lambda\Theta\,dt - \tfrac{1}{\alpha} X^\top\big[F(X\Theta) \circ \big((dt + \kappa\, dW_t)\,\mathbf{1}_p^\top\big)\big]" />
        ) : (
          <Formula tex="d\theta = -\lambda\theta\,dt - \tfrac{1}{\alpha} X^\top\big[\ell'(X\theta) \circ (dt + \kappa\, dW_t)\big] ." />
        )}
      </p>
      {committee && (
        <p>
          (one noise per sample, shared by its <Formula tex="p" /> gradients). Units can be relabelled, so the line plots show summaries that do not
          depend on the labels: the mean norm <Formula tex="\operatorname{tr} q / p" />, the mean overlap <Formula tex="\bar M" /> and the mean cosine; the
          hidden-units panel shows the matrices <Formula tex="q = \Theta^\top\Theta/d" /> and <Formula tex="M = \Theta^\top\Theta^*/d" /> themselves.
        </p>
      )}
      <p>
        <strong>Black line</strong> (white in the dark theme): the dynamical mean-field theory of this flow, the exact <Formula tex="d \to \infty" /> limit
        (Monte Carlo over effective processes). <strong>Vermillion line</strong>: the same theory of minibatch SGD itself, each sample's kick being its
        batch membership instead of Gaussian noise (drawn only where it differs from the black one). <strong>Blue line and band</strong>: finite-
        <Formula tex="d" /> SGF, mean ± one standard error over seeds. <strong>Vermillion diamonds</strong>: minibatch SGD; in a plot of two quantities the
        second is dashed and its SGD markers are <strong>hollow circles</strong>
        {classifier ? ' (the train error, the cosine).' : ' (the cosine).'} Click a theory in a legend to hide or show it.
        {showsExact && (
          <>
            {' '}
            <strong>Wide reddish-purple line</strong>: the exact theory of the linear model, in closed form with no Monte Carlo; the black line runs inside it.
          </>
        )}
        {showsOnline && (
          <>
            {' '}
            <strong>Green line</strong>: one-pass SGD, the same batches drawn fresh at every step (no data reused), in the same limit.
          </>
        )}
      </p>
      {fineGrid && (
        <p>
          The theory and the SGF run on a grid <Formula tex={String.raw`\Delta t = ${formatNumber(gridStep(params))}`} /> finer than the step{' '}
          <Formula tex={`h = ${formatNumber(params.step)}`} /> (the continuous-time flow); SGD still takes steps of <Formula tex="h" />, so its markers stand{' '}
          <Formula tex="h" /> apart.
        </p>
      )}
      <ul>
        {params.batchFraction === 1 ? (
          <li>At b = 1 the noise κ² vanishes: SGF, SGD and the theory are all gradient descent. Move b down to add noise.</li>
        ) : (
          <li>Move b towards 1: the noise κ² vanishes and all three become gradient descent.</li>
        )}
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
