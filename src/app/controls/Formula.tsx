/**
 * A typeset formula (KaTeX, with MathML for screen readers). KaTeX's code (~260 kB) is not in the first frame's
 * bundle: it loads once the page is idle, and until then the formula shows as plain text (texFallback), so the
 * first frame's task stays short (issue 14 item 3). The formulas waiting for it are then typeset a few at a time
 * (typesetInSlices), not all in one task.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
// The style sheet stays with the page: added later, it would restyle the whole page in one long task.
import 'katex/dist/katex.min.css';

type Katex = typeof import('katex').default;

let katex: Katex | null = null;
let loading: Promise<void> | null = null;

/** Longest wait for idle time (ms): a shorter one loaded KaTeX before the plots were drawn on a loaded machine. */
const idleTimeoutMs = 5000;

/** Loads KaTeX once; `whenIdle` waits for idle time first (a short timer where requestIdleCallback is missing). */
export function preloadFormulas(whenIdle = false): Promise<void> {
  loading ??= new Promise<void>((resolve) => {
    if (!whenIdle) resolve();
    else if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: idleTimeoutMs });
    else setTimeout(resolve, 50);
  })
    .then(() => import('katex'))
    .then((module) => {
      katex = module.default;
    });
  return loading;
}

/** The TeX typeset as HTML with MathML for screen readers (KaTeX loaded). */
function typeset(tex: string): string {
  if (katex === null) throw new Error('typeset before KaTeX loaded');
  return katex.renderToString(tex, { throwOnError: false, output: 'htmlAndMathml' });
}

/** Longest slice of typesetting in one task (ms): the page's ~20 formulas at once took one task of 50–100 ms. */
const typesetSliceMs = 8;
const typesetQueue: (() => void)[] = [];

/** Runs queued typesetting jobs in tasks of about typesetSliceMs each, yielding to the page between them. */
function typesetInSlices(job: () => void): void {
  typesetQueue.push(job);
  if (typesetQueue.length > 1) return;
  const slice = (): void => {
    const start = performance.now();
    while (typesetQueue.length > 0 && performance.now() - start < typesetSliceMs) {
      typesetQueue[0]();
      typesetQueue.shift();
    }
    if (typesetQueue.length > 0) setTimeout(slice);
  };
  setTimeout(slice);
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
  // Typeset by the slicing queue when KaTeX arrived after this formula mounted; in render once it is there.
  const [sliced, setSliced] = useState<{ tex: string; html: string } | null>(null);
  const latestTex = useRef(tex);
  latestTex.current = tex;
  useEffect(() => {
    if (loaded) return;
    let mounted = true;
    void preloadFormulas(true).then(() =>
      typesetInSlices(() => {
        if (!mounted) return;
        setSliced({ tex: latestTex.current, html: typeset(latestTex.current) });
        setLoaded(true);
      }),
    );
    return () => {
      mounted = false;
    };
  }, [loaded]);
  const html = useMemo(() => (sliced?.tex === tex ? sliced.html : loaded && katex ? typeset(tex) : null), [sliced, loaded, tex]);
  if (html === null) return <span className="formula formula-pending">{texFallback(tex)}</span>;
  return <span className="formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
