/** A typeset formula (KaTeX, with MathML for screen readers). */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

export interface FormulaProps {
  /** TeX source. */
  tex: string;
}

export function Formula({ tex }: FormulaProps) {
  const html = useMemo(() => katex.renderToString(tex, { throwOnError: false, output: 'htmlAndMathml' }), [tex]);
  return <span className="formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
