/** Formulas while KaTeX loads apart from the first frame (issue 14 item 3): a readable plain-text stand-in, then the typeset formula. */
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Formula, preloadFormulas, texFallback } from '../../src/app/controls/Formula';

afterEach(cleanup);

describe('Formula', () => {
  it('stands in plain text: Greek letters, fractions, operators', () => {
    expect(texFallback(String.raw`\kappa^2 = \frac{h\,(1-b)}{b} = 0.9`)).toBe('κ² = (h (1-b))/(b) = 0.9');
    expect(texFallback(String.raw`d \to \infty`)).toBe('d → ∞');
    expect(texFallback(String.raw`\sigma_\varepsilon = 0.5`)).toBe('σ_ε = 0.5');
  });

  it('shows the stand-in first, then typesets once KaTeX has loaded', async () => {
    const { container } = render(<Formula tex={String.raw`\alpha = 2`} />);
    const before = container.querySelector('.formula');
    expect(before?.classList.contains('formula-pending')).toBe(true); // nothing loaded KaTeX in this file yet
    expect(before?.textContent).toBe('α = 2');
    await act(() => preloadFormulas());
    await act(async () => {
      for (let i = 0; i < 50 && !container.querySelector('.katex'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(container.querySelector('.katex math')).not.toBeNull();
    expect(container.querySelector('.formula-pending')).toBeNull();
  });

  it('typesets every formula that waited for KaTeX, each with the TeX it has when its turn comes', async () => {
    const texts = Array.from({ length: 30 }, (_, i) => String.raw`x_{${i}} = \frac{${i}}{2}`);
    function Many({ last }: { last: string }) {
      return (
        <>
          {texts.map((tex) => (
            <Formula key={tex} tex={tex} />
          ))}
          <Formula tex={last} />
        </>
      );
    }
    const { container, rerender } = render(<Many last="a = 1" />);
    rerender(<Many last="a = 2" />);
    await act(() => preloadFormulas());
    await act(async () => {
      for (let i = 0; i < 100 && container.querySelectorAll('.formula-pending').length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(container.querySelectorAll('.formula-pending')).toHaveLength(0);
    expect(container.querySelectorAll('.katex')).toHaveLength(texts.length + 1);
    expect(container.querySelectorAll('.katex annotation')[texts.length].textContent).toBe('a = 2');
  });
});
