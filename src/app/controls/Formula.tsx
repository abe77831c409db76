/**
 * A typeset formula (KaTeX, with MathML for screen readers). KaTeX's code (~260 kB) is not in the first frame's
 * bundle: it loads once the page is idle, and until then the formula shows as plain text (texFallback), so the
 * first frame's task stays short (issue 14 item 3).
 */
import { startTransition, useEffect, useMemo, useState } from 'react';
// The style sheet stays with the page: added later, it would restyle the whole page in one long task.
import 'katex/dist/katex.min.css';

type Katex = typeof import('katex').default;

let katex: Katex | null = null;
let loading: Promise<void> | null = null;

/** Loads KaTeX once; `whenIdle` waits for idle time first (a short timer where requestIdleCallback is missing). */
export function preloadFormulas(whenIdle = false): Promise<void> {
  loading ??= new Promise<void>((resolve) => {
    if (!whenIdle) resolve();
    else if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 50);
  })
    .then(() => import('katex'))
    .then((module) => {
      katex = module.default;
    });
  return loading;
}

const symbols: Record<string, string> = {
  alpha: 'α', beta: 'β', kappa: 'κ', lambda: 'λ', theta: 'θ', sigma: 'σ', varepsilon: 'ε', epsilon: 'ε', Delta: 'Δ', tau: 'τ', omega: 'ω', Gamma: 'Γ',
  infty: '∞', to: '→', circ: '∘', top: 'ᵀ', cdot: '·', le: '≤', ge: '≥', partial: '∂', sum: 'Σ', approx: '≈', mathbb: '', mathrm: '', big: '', Big: '',
};

/** A readable plain-text stand-in for TeX while KaTeX loads: Greek letters and operators as characters, fractions as a/b. */
export function texFallback(tex: string): string {
  return tex
    .replace(/\\t?frac\{([^{}]*)\}\{([^{}]*)\}/g, '($1)/($2)')
    .replace(/\\([a-zA-Z]+)/g, (_whole, name: string) => symbols[name] ?? name)
    .replace(/\\[,;! ]/g, ' ')
    .replace(/[{}]/g, '')
    .replace(/\^2/g, '²')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface FormulaProps {
  /** TeX source. */
  tex: string;
}

export function Formula({ tex }: FormulaProps) {
  const [loaded, setLoaded] = useState(katex !== null);
  useEffect(() => {
    if (loaded) return;
    let mounted = true;
    // A transition: the page's formulas are typeset in slices, not in one long task.
    void preloadFormulas(true).then(() => mounted && startTransition(() => setLoaded(true)));
    return () => {
      mounted = false;
    };
  }, [loaded]);
  const html = useMemo(() => (loaded && katex ? katex.renderToString(tex, { throwOnError: false, output: 'htmlAndMathml' }) : null), [loaded, tex]);
  if (html === null) return <span className="formula formula-pending">{texFallback(tex)}</span>;
  return <span className="formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
