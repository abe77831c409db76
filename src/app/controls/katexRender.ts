/** KaTeX and its style sheet, loaded apart from the first frame (Formula.tsx imports this module lazily). */
import katex from 'katex';
import 'katex/dist/katex.min.css';

/** TeX → HTML with MathML for screen readers. */
export function renderTex(tex: string): string {
  return katex.renderToString(tex, { throwOnError: false, output: 'htmlAndMathml' });
}
