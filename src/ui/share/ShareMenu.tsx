/**
 * The toolbar's Share menu: Copy share link, Export PNG, Export SVG (share-actions.ts does the
 * work). A small menu button: opens on click or ArrowDown, focus moves to the first item,
 * Escape returns focus to the button, a press outside closes it.
 */
import { useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { MENU_ITEM, MENU_PANEL, useOutsidePress } from '../design/toolbar-menu.ts';
import { copyShareLink, exportImage } from './share-actions.ts';
import { ShareLinkDialog } from './ShareLinkDialog.tsx';

const MENU: CSSProperties = { ...MENU_PANEL, minWidth: 220 };
const ITEM = MENU_ITEM;

const ITEMS = [
  { label: 'Copy share link', title: 'A link that carries the whole scenario (nothing is uploaded)', run: 'link' },
  { label: 'Export PNG', title: 'A picture of the design that reopens it when dropped on SANdbox', run: 'png' },
  { label: 'Export SVG', title: 'A vector drawing of the design that reopens it when dropped on SANdbox', run: 'svg' },
] as const;

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
