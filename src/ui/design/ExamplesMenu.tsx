/**
 * The toolbar's Examples menu — the template gallery: every built-in scenario (`scenarios/*.json`,
 * bundled at build time) by name, with the first sentence of its description, in sections (the
 * demo; the JP2002-041345 embodiments; the SAN patent's figures; remote copy; training activities). Choosing one hands the parse
 * result to the toolbar, which loads it exactly as Open… loads a file (an invalid one is
 * reported in the import-error dialog and the canvas is kept).
 *
 * Owns: the menu's open state, focus (first item on open, arrow keys, Home/End, Escape and Tab
 * close and return focus to the button) and dismissal by a click outside. Names and
 * descriptions come from files: rendered as text, never as HTML. Styles are inline because the
 * menu has no stylesheet of its own; they use the theme's variables from styles.css.
 */
import { useCallback, useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { parseDocument, type ParseResult } from '../../model/parse.ts';
import { MENU_ITEM, MENU_PANEL, useOutsidePress } from './toolbar-menu.ts';

// Eager: a handful of small files, and the demo among them is bundled for start-up anyway.
const FILES = import.meta.glob<unknown>('../../../scenarios/*.json', { eager: true, import: 'default' });

/** Listed first: the demo the app starts with. */
const DEMO_FILE = 'embodiment-1-online-backup.json';

export interface Example {
  file: string;
  name: string;
  summary: string;
  result: ParseResult;
  /** The menu's section (`exampleGroup`). */
  group: string;
}

/** The menu's sections, in order; a file goes to the first whose test matches its name. */
const GROUPS: readonly { title: string; test: (file: string) => boolean }[] = [
  { title: 'Start here', test: (f) => f === DEMO_FILE },
  { title: 'JP2002-041345: backup without stopping the database', test: (f) => f.startsWith('embodiment-') || f.startsWith('prior-art') || f.startsWith('snapshot-') },
  { title: 'SAN patent figures', test: (f) => f.startsWith('fig') },
  { title: 'Remote copy', test: (f) => f.startsWith('remote-') },
  { title: 'Training activities', test: (f) => f.startsWith('activity-') },
];
const OTHER_GROUP = 'More';

/** The section a built-in file is listed under. */
export function exampleGroup(file: string): string {
  return GROUPS.find((g) => g.test(file))?.title ?? OTHER_GROUP;
}

/** File names compared with their numbers as numbers: fig4 < fig5a < fig10. */
export function compareFiles(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The first sentence of `text`: up to a `.`, `!` or `?` followed by a capital letter or the end ("Fig. 5a" stays whole). */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(?= [A-Z]|$)/.exec(flat);
  return m ? m[1] : flat;
}

function toExample(path: string, doc: unknown): Example {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const result = parseDocument(doc);
  const group = exampleGroup(file);
  if (!result.ok) return { file, name: file, summary: 'This file does not validate; choose it to see why.', result, group };
  return { file, name: result.scenario.name, summary: firstSentence(result.scenario.description), result, group };
}

let cache: Example[] | null = null;

const groupRank = (title: string): number => {
  const i = GROUPS.findIndex((g) => g.title === title);
  return i < 0 ? GROUPS.length : i;
};

/** The built-in examples by section (the demo first), then by file name, numbers as numbers (parsed once, on first use). */
export function examples(): Example[] {
  cache ??= Object.entries(FILES)
    .map(([path, doc]) => toExample(path, doc))
    .sort((a, b) => groupRank(a.group) - groupRank(b.group) || compareFiles(a.file, b.file));
  return cache;
}

/** The examples cut into their sections, in order. */
function sections(list: readonly Example[]): { title: string; items: { x: Example; i: number }[] }[] {
  const out: { title: string; items: { x: Example; i: number }[] }[] = [];
  list.forEach((x, i) => {
    const last = out[out.length - 1];
    if (last && last.title === x.group) last.items.push({ x, i });
    else out.push({ title: x.group, items: [{ x, i }] });
  });
  return out;
}

const ROOT: CSSProperties = { position: 'relative' };
/** Scrolls inside: 30-odd examples are taller than any window. */
const MENU: CSSProperties = { ...MENU_PANEL, width: 'min(460px, calc(100vw - 40px))', maxHeight: 'calc(100vh - 70px)', overflowY: 'auto', overscrollBehavior: 'contain' };
const ITEM: CSSProperties = { ...MENU_ITEM, display: 'flex', flexDirection: 'column', gap: 2 };
const ITEM_ACTIVE: CSSProperties = { ...ITEM, background: 'var(--accent-soft)' };
const NAME: CSSProperties = { fontWeight: 600 };
const SUMMARY: CSSProperties = { color: 'var(--muted)', fontSize: 12 };
const HEADER: CSSProperties = {
  padding: '8px 10px 3px', color: 'var(--muted)', fontSize: 11, fontWeight: 700, letterSpacing: '0.04em', textTransform: 'uppercase',
};

/** Moves focus among the menu's items for ArrowUp/ArrowDown/Home/End; true if the key was handled. */
function moveFocus(menu: HTMLElement, key: string): boolean {
  const items = Array.from(menu.querySelectorAll<HTMLElement>('[role="menuitem"]'));
  if (items.length === 0) return false;
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next: Record<string, number> = { ArrowDown: (at + 1) % items.length, ArrowUp: (at - 1 + items.length) % items.length, Home: 0, End: items.length - 1 };
  if (!(key in next)) return false;
  items[next[key]].focus();
  return true;
}

export function ExamplesMenu({ onChoose }: { onChoose: (result: ParseResult, label: string) => void }) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useOutsidePress(open, rootRef, close);
  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const closeToButton = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const choose = (x: Example) => {
    closeToButton();
    onChoose(x.result, `the example “${x.name}”`);
  };
  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key === 'Escape') closeToButton();
    else if (e.key === 'Tab') setOpen(false);
    else if (menuRef.current && moveFocus(menuRef.current, e.key)) e.preventDefault();
  };
  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' && !open) {
      e.preventDefault();
      setOpen(true);
    }
  };

  return (
    <div ref={rootRef} style={ROOT}>
      <button
        ref={buttonRef}
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title="Load a built-in example scenario"
        disabled={Object.keys(FILES).length === 0}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onButtonKey}
      >
        Examples ▾
      </button>
      {open && (
        <ul ref={menuRef} id={menuId} role="menu" aria-label="Example scenarios" style={MENU} onKeyDown={onMenuKey}>
          {sections(examples()).map((section, k) => (
            <li key={section.title} role="none">
              <div role="group" aria-labelledby={`${menuId}-g${k}`}>
                <div id={`${menuId}-g${k}`} style={HEADER}>
                  {section.title}
                </div>
                {section.items.map(({ x, i }) => (
                  <button
                    key={x.file}
                    type="button"
                    role="menuitem"
                    style={i === active ? ITEM_ACTIVE : ITEM}
                    title={x.file}
                    onClick={() => choose(x)}
                    onFocus={() => setActive(i)}
                    onMouseEnter={() => setActive(i)}
                  >
                    <span style={NAME}>{x.name}</span>
                    <span style={SUMMARY}>{x.summary}</span>
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
