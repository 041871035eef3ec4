/**
 * What the toolbar's drop-down menus share (Examples, Share): the panel and item styles (the
 * theme's variables from styles.css), closing on a press outside, and arrow-key focus movement.
 */
import { useEffect, type CSSProperties, type RefObject } from 'react';

/** The drop-down panel under its button. */
export const MENU_PANEL: CSSProperties = {
  position: 'absolute',
  top: 'calc(100% + 4px)',
  left: 0,
  zIndex: 1000,
  margin: 0,
  padding: 4,
  listStyle: 'none',
  background: 'var(--panel)',
  border: '1px solid var(--border)',
  borderRadius: 'var(--radius)',
  boxShadow: '0 12px 30px rgba(15, 23, 42, 0.18)',
};

/** One item (a full-width button). */
export const MENU_ITEM: CSSProperties = {
  display: 'block',
  width: '100%',
  padding: '6px 8px',
  border: 0,
  borderRadius: 4,
  background: 'transparent',
  color: 'var(--text)',
  font: 'inherit',
  textAlign: 'left',
  cursor: 'pointer',
};

/** Closes the menu on a pointer press outside `root`. */
export function useOutsidePress(open: boolean, root: RefObject<HTMLElement | null>, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) close();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open, root, close]);
}
