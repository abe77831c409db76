/** The page's tools: copy a link to this figure, presentation mode, theme, keyboard shortcuts, exports. */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';
import { useUiStore } from '../uiStore';
import { usePinStore } from '../pins/pinStore';
import { optionsOf, pinnedParams, shareUrl } from '../urlState';
import { copyText } from './copyText';
import { ExportMenu } from './ExportMenu';
import { useEffectiveTheme } from './useDocumentModes';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; url: string };

/** Copies the link of the current figure; where the clipboard is unavailable, shows the link selected for copying by hand. */
export function CopyLinkButton() {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  useEffect(() => {
    if (state.kind !== 'copied') return;
    const timer = setTimeout(() => setState({ kind: 'idle' }), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async (): Promise<void> => {
    const url = shareUrl(useAppStore.getState().current.params, optionsOf(useUiStore.getState()), window.location, pinnedParams(usePinStore));
    setState((await copyText(url)) ? { kind: 'copied' } : { kind: 'manual', url });
  };
  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy()} title="copy a link that reopens this figure with these parameters">
        Copy link
      </button>
      <span className="copy-result" aria-live="polite">
        {state.kind === 'copied' && 'Link copied'}
      </span>
      {state.kind === 'manual' && (
        <input
          className="copy-fallback"
          aria-label="link to this figure (copy it by hand)"
          readOnly
          value={state.url}
          ref={(input) => input?.select()}
          onFocus={(event) => event.target.select()}
        />
      )}
    </span>
  );
}

export function Toolbar() {
  const { present, setPresent, setTheme, setShortcutsOpen } = useUiStore(
    useShallow((state) => ({ present: state.present, setPresent: state.setPresent, setTheme: state.setTheme, setShortcutsOpen: state.setShortcutsOpen })),
  );
  const dark = useEffectiveTheme() === 'dark';
  return (
    <div className="toolbar" role="group" aria-label="page tools">
      <CopyLinkButton />
      <button type="button" aria-pressed={present} onClick={() => setPresent(!present)} title="large type and thick lines for a projector; hides the advanced settings (URL: present=1)">
        Presentation mode
      </button>
      <button type="button" aria-pressed={dark} onClick={() => setTheme(dark ? 'light' : 'dark')} title="switch between the light and the dark theme (URL: theme=light|dark)">
        Dark theme
      </button>
      <button type="button" onClick={() => setShortcutsOpen(true)} title="keyboard shortcuts (?)" aria-keyshortcuts="?">
        Shortcuts <kbd>?</kbd>
      </button>
      <ExportMenu />
    </div>
  );
}
