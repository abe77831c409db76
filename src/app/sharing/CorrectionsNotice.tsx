/**
 * The values of the opening URL that were replaced (src/core/urlCodec.ts corrections), listed once in
 * a dismissible notice. Everything from the URL is rendered as React text nodes, never as HTML.
 */
import { useUiStore } from '../uiStore';

export function CorrectionsNotice() {
  const corrections = useUiStore((state) => state.corrections);
  const dismiss = useUiStore((state) => state.dismissCorrections);
  if (corrections.length === 0) return null;
  return (
    <section className="notice" aria-labelledby="corrections-title" data-corrections={corrections.length}>
      <div className="notice-text">
        <h2 id="corrections-title">Some values in the link could not be used as given</h2>
        <ul>
          {corrections.map((correction, index) => (
            <li key={index} data-correction={correction.name}>
              <code>{correction.name}</code>: given “{correction.given}”, using <strong>{correction.used}</strong> ({correction.reason})
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="notice-dismiss" onClick={dismiss} title="hide this notice">
        Dismiss
      </button>
    </section>
  );
}
