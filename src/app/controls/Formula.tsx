/**
 * A typeset formula (KaTeX, with MathML for screen readers). KaTeX (~270 kB with its style sheet) is not in the
 * first frame's bundle: it loads once the page is idle, and until then the formula shows as plain text
 * (texFallback), so the first frame's task stays short (issue 14 item 3).
 */
import { useEffect, useMemo, useState } from 'react';

type Renderer = typeof import('./katexRender');

let renderer: Renderer | null = null;
let loading: Promise<Renderer> | null = null;

/** Loads KaTeX once, in idle time (a fallback timer where requestIdleCallback is missing). */
function loadRenderer(): Promise<Renderer> {
  loading ??= new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 50);
  })
    .then(() => import('./katexRender'))
    .then((module) => (renderer = module));
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
  const [loaded, setLoaded] = useState(renderer !== null);
  useEffect(() => {
    if (loaded) return;
    let mounted = true;
    void loadRenderer().then(() => mounted && setLoaded(true));
    return () => {
      mounted = false;
    };
  }, [loaded]);
  const html = useMemo(() => (loaded && renderer ? renderer.renderTex(tex) : null), [loaded, tex]);
  if (html === null) return <span className="formula formula-pending">{texFallback(tex)}</span>;
  return <span className="formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
