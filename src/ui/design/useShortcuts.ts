/**
 * Global keyboard shortcuts of the designer. Ignored while the user types in an input, select,
 * textarea or contenteditable, and while a modal dialog is open (the dialog owns the keyboard).
 * The list shown to people lives in ShortcutsDialog.tsx; keep the two in step.
 */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStore } from '../store/index.ts';
import { useDesignUi } from './useDesignUi.ts';
import { downloadScenario, openFilePicker } from './file-io.ts';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

function modalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/** Handle Ctrl/Cmd shortcuts; true when the key was used. */
function onModKey(e: KeyboardEvent): boolean {
  const s = useStore.getState();
  const key = e.key.toLowerCase();
  if (key === 'z' && !e.shiftKey) s.undo();
  else if ((key === 'z' && e.shiftKey) || key === 'y') s.redo();
  else if (key === 's') s.setNotice(`Saved ${downloadScenario(s.scenario)}`);
  else if (key === 'o') openFilePicker();
  else return false;
  return true;
}

/** Handle plain keys; true when the key was used. */
function onPlainKey(e: KeyboardEvent, fit: () => void): boolean {
  const s = useStore.getState();
  if (e.key === '?') useDesignUi.getState().setShortcutsOpen(true);
  else if (e.key === 'Delete' || e.key === 'Backspace') s.deleteSelection();
  else if (e.key === 'f' || e.key === 'F') fit();
  else if (e.key === 'Escape') s.select([], []);
  else return false;
  return true;
}

export function useShortcuts(): void {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const fit = () => void fitView({ padding: 0.15, maxZoom: 1.1, duration: 200 });
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e.target) || modalOpen()) return;
      const used = e.ctrlKey || e.metaKey ? onModKey(e) : e.altKey ? false : onPlainKey(e, fit);
      if (used) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [fitView]);
}
