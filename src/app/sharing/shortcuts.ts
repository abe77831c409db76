/**
 * Keyboard shortcuts: space play/pause, r restart, ? the shortcuts dialog. Ignored while typing in a
 * field (inputs, including sliders, whose arrow keys keep working), on controls where the key has
 * its own meaning (space on a button reached by keyboard), and when Ctrl, Alt or Meta is held.
 */
import { useEffect } from 'react';
import type { AppStore } from '../store';
import type { UiStore } from '../uiStore';

export type ShortcutAction = 'toggle-play' | 'restart' | 'help';

export interface ShortcutInfo {
  /** Key as shown to the user. */
  key: string;
  /** What it does. */
  description: string;
}

export const shortcutList: readonly ShortcutInfo[] = [
  { key: 'Space', description: 'play / pause the computation' },
  { key: 'r', description: 'restart the run (same parameters and seed)' },
  { key: '?', description: 'show this list of shortcuts' },
  { key: 'Esc', description: 'close this dialog' },
  { key: '← → on a slider', description: 'step the slider through its values' },
];

/** Elements whose keys belong to them: text fields, sliders, selects, editable content. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return true;
  return false;
}

/** Elements that a space press activates. */
function isActivatedBySpace(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, summary, a[href], [role="button"], [role="checkbox"], [role="switch"]') !== null;
}

/** The shortcut a key press means, or null when it means none (or belongs to the focused control). */
export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target' | 'defaultPrevented' | 'repeat'>): ShortcutAction | null {
  if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return null;
  if (isTypingTarget(event.target)) return null;
  if (event.key === '?') return 'help';
  if (event.repeat) return null;
  if (event.key === ' ' || event.key === 'Spacebar') return isActivatedBySpace(event.target) ? null : 'toggle-play';
  if (event.key === 'r' || event.key === 'R') return 'restart';
  return null;
}

/** Controls that keep the focus after a mouse click, where a later Space would press them again. */
const pointerFocusable = 'button, summary, input[type="checkbox"]';

/**
 * After a mouse or touch click (detail > 0; a keyboard "click" has detail 0) on a button, the button
 * lets go of the focus, so that Space means play / pause rather than pressing the last clicked button
 * again. Keyboard users keep Space on the button they tabbed to.
 */
function releasePointerFocus(event: Event): void {
  if (!(event instanceof MouseEvent) || event.detail === 0 || !(event.target instanceof Element)) return;
  const control = event.target.closest(pointerFocusable);
  if (control instanceof HTMLElement && document.activeElement === control) control.blur();
}

/** Listens for the shortcuts on `target` (the window) while mounted. */
export function useShortcuts(appStore: AppStore, uiStore: UiStore, target: Window = window): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const action = shortcutFor(event);
      if (action === null) return;
      const ui = uiStore.getState();
      if (ui.shortcutsOpen && action !== 'help') return; // the dialog is modal
      event.preventDefault();
      if (action === 'help') ui.setShortcutsOpen(!ui.shortcutsOpen);
      else if (action === 'restart') appStore.getState().restart();
      else appStore.getState().setPlaying(!appStore.getState().playing);
    };
    target.addEventListener('keydown', onKeyDown);
    target.addEventListener('click', releasePointerFocus);
    return () => {
      target.removeEventListener('keydown', onKeyDown);
      target.removeEventListener('click', releasePointerFocus);
    };
  }, [appStore, uiStore, target]);
}
