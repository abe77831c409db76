/**
 * Puts the page's modes on the root element, where the CSS (theme.css) reads them:
 * data-theme="light|dark" (absent: follow prefers-color-scheme), data-present, data-embed.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useUiStore } from '../uiStore';

const darkQuery = '(prefers-color-scheme: dark)';

function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(darkQuery).matches;
}

function subscribeToSystem(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const query = matchMedia(darkQuery);
  query.addEventListener?.('change', onChange);
  return () => query.removeEventListener?.('change', onChange);
}

/** The theme in effect: the chosen one, or the system's when the choice is auto. */
export function useEffectiveTheme(): 'light' | 'dark' {
  const theme = useUiStore((state) => state.theme);
  const systemDark = useSyncExternalStore(subscribeToSystem, systemPrefersDark, () => false);
  return theme === 'auto' ? (systemDark ? 'dark' : 'light') : theme;
}

function setFlag(root: HTMLElement, name: string, on: boolean): void {
  if (on) root.setAttribute(name, 'true');
  else root.removeAttribute(name);
}

export function useDocumentModes(): void {
  const theme = useUiStore((state) => state.theme);
  const present = useUiStore((state) => state.present);
  const embed = useUiStore((state) => state.embed);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'auto') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
    setFlag(root, 'data-present', present);
    setFlag(root, 'data-embed', embed);
  }, [theme, present, embed]);
}
