/**
 * The toolbar's Share menu: Copy share link, Export PNG, Export SVG (share-actions.ts does the
 * work). A small menu button: opens on click or ArrowDown, focus moves to the first item,
 * Escape returns focus to the button, a press outside closes it.
 */
import { useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type RefObject } from 'react';
import { copyShareLink, exportImage } from './share-actions.ts';
import { ShareLinkDialog } from './ShareLinkDialog.tsx';

const MENU: CSSProperties = {
  position: 'absolute',
  top: 'calc(100% + 4px)',
  left: 0,
  zIndex: 1000,
  minWidth: 220,
  margin: 0,
  padding: 4,
  listStyle: 'none',
  background: 'var(--panel)',
  border: '1px solid var(--border)',
  borderRadius: 'var(--radius)',
  boxShadow: '0 12px 30px rgba(15, 23, 42, 0.18)',
};
const ITEM: CSSProperties = {
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

const ITEMS = [
  { label: 'Copy share link', title: 'A link that carries the whole scenario (nothing is uploaded)', run: 'link' },
  { label: 'Export PNG', title: 'A picture of the design that reopens it when dropped on SANdbox', run: 'png' },
  { label: 'Export SVG', title: 'A vector drawing of the design that reopens it when dropped on SANdbox', run: 'svg' },
] as const;

function useOutsidePress(open: boolean, root: RefObject<HTMLElement | null>, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) close();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open, root, close]);
}

export function ShareMenu() {
  const [open, setOpen] = useState(false);
  const [fallbackUrl, setFallbackUrl] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const close = useCallback(() => setOpen(false), []);
  const closeDialog = useCallback(() => setFallbackUrl(null), []);
  useOutsidePress(open, rootRef, close);
  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const choose = (run: (typeof ITEMS)[number]['run']) => {
    setOpen(false);
    buttonRef.current?.focus();
    if (run === 'link') void copyShareLink().then(setFallbackUrl);
    else void exportImage(run);
  };
  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const items = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      setOpen(false);
      buttonRef.current?.focus();
    } else if (e.key === 'Tab') setOpen(false);
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  };

  return (
    <div ref={rootRef} style={{ position: 'relative' }}>
      <button
        ref={buttonRef}
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Share the scenario as a link or an image"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Share ▾
      </button>
      {open && (
        <ul ref={menuRef} role="menu" aria-label="Share" style={MENU} onKeyDown={onMenuKey}>
          {ITEMS.map((item) => (
            <li key={item.run} role="none">
              <button type="button" role="menuitem" style={ITEM} title={item.title} onClick={() => choose(item.run)}>
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ShareLinkDialog url={fallbackUrl} onClose={closeDialog} />
    </div>
  );
}
