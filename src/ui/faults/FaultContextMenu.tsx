/**
 * The canvas's right-click menu of faults (fault-menu.ts builds the entries): a title naming the
 * device or cable, then Fail / Repair entries and submenus (▸). Choosing an entry sends its
 * command (run-fault-command.ts) and closes the menu; the answer shows under the fault list.
 *
 * Keys follow the WAI-ARIA menu pattern: ↑ ↓ Home End move, → Enter Space open a submenu, ←
 * Esc close it (Esc on the first level closes the menu), Tab closes. A click outside, a resize
 * or the window losing focus closes it too. Disabled lines stay focusable (aria-disabled) so a
 * screen reader reads why nothing can be done.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from '../store/index.ts';
import { activeKeys, type FaultCommand } from './fault-commands.ts';
import { faultMenu, type MenuItem } from './fault-menu.ts';
import { runFaultCommand } from './run-fault-command.ts';
import { useRunPhase } from './useActiveFaults.ts';
import { useFaultUi, type OpenMenu } from './useFaultUi.ts';
import './faults.css';

const EDGE_PX = 4;

export function FaultContextMenu() {
  const menu = useFaultUi((s) => s.menu);
  return menu ? createPortal(<OpenFaultMenu menu={menu} />, document.body) : null;
}

const close = () => useFaultUi.getState().closeMenu();

function OpenFaultMenu({ menu }: { menu: OpenMenu }) {
  const topology = useStore((s) => s.scenario.topology);
  const faults = useStore((s) => s.sim.faults);
  const phase = useRunPhase();
  const { title, items } = useMemo(() => faultMenu(topology, menu.target, activeKeys(faults), phase), [topology, menu.target, faults, phase]);
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: menu.x, top: menu.y });
  useLayoutEffect(() => {
    const r = ref.current?.getBoundingClientRect();
    if (!r) return;
    setPos({ left: Math.max(EDGE_PX, Math.min(menu.x, window.innerWidth - r.width - EDGE_PX)), top: Math.max(EDGE_PX, Math.min(menu.y, window.innerHeight - r.height - EDGE_PX)) });
  }, [menu.x, menu.y]);
  useEffect(() => {
    const outside = (e: PointerEvent) => {
      if (!(e.target instanceof Node) || !ref.current?.contains(e.target)) close();
    };
    document.addEventListener('pointerdown', outside, true);
    window.addEventListener('resize', close);
    window.addEventListener('blur', close);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      window.removeEventListener('resize', close);
      window.removeEventListener('blur', close);
    };
  }, []);
  const choose = (cmd: FaultCommand) => {
    close();
    void runFaultCommand(cmd);
  };
  return (
    <div ref={ref} className="fault-menu" style={pos} data-testid="fault-menu" onContextMenu={(e) => e.preventDefault()}>
      <div className="fault-menu-title" id="fault-menu-title">
        {title}
      </div>
      <MenuList items={items} labelledBy="fault-menu-title" onChoose={choose} onExit={close} focusFirst />
    </div>
  );
}

interface ListProps {
  items: readonly MenuItem[];
  labelledBy: string;
  onChoose(cmd: FaultCommand): void;
  /** Leave this list: close the menu (first level) or this submenu (focus back on its parent entry). */
  onExit(): void;
  focusFirst: boolean;
  submenu?: boolean;
}

function MenuList({ items, labelledBy, onChoose, onExit, focusFirst, submenu = false }: ListProps) {
  const [open, setOpen] = useState<{ id: string; byKey: boolean } | null>(null);
  const [flip, setFlip] = useState(false);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusFirst) refs.current[0]?.focus();
  }, [focusFirst]);
  useLayoutEffect(() => {
    const r = listRef.current?.getBoundingClientRect();
    if (submenu && r && r.right > window.innerWidth - EDGE_PX) setFlip(true);
  }, [submenu]);
  const focusAt = (i: number) => refs.current[(i + items.length) % items.length]?.focus();
  const activate = (it: MenuItem, byKey: boolean) => {
    if (it.disabled) return;
    if (it.children) setOpen((o) => (o?.id === it.id && !byKey ? null : { id: it.id, byKey }));
    else if (it.command) onChoose(it.command);
  };
  const onKeyDown = (e: KeyboardEvent, i: number, it: MenuItem) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusAt(i + 1),
      ArrowUp: () => focusAt(i - 1),
      Home: () => focusAt(0),
      End: () => focusAt(items.length - 1),
      ArrowRight: () => it.children && activate(it, true),
      Enter: () => activate(it, true),
      ' ': () => activate(it, true),
      ArrowLeft: () => submenu && onExit(),
      Escape: () => onExit(),
      Tab: () => close(),
    };
    const run = keys[e.key];
    if (!run) return;
    e.preventDefault();
    e.stopPropagation();
    run();
  };
  const leafOnly = items.every((it) => !it.children);
  return (
    <div ref={listRef} role="menu" aria-labelledby={labelledBy} className={`fault-menu-list${submenu ? ' is-sub' : ''}${flip ? ' is-flipped' : ''}${leafOnly ? ' is-leaves' : ''}`}>
      {items.map((it, i) => (
        <div key={it.id} role="none" className="fault-menu-row" onMouseEnter={() => setOpen(it.children && !it.disabled ? { id: it.id, byKey: false } : null)}>
          <button
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="menuitem"
            id={`fault-mi-${it.id}`}
            tabIndex={-1}
            className={`fault-menu-item${it.danger ? ' is-danger' : ''}`}
            aria-disabled={it.disabled ? true : undefined}
            aria-haspopup={it.children ? 'menu' : undefined}
            aria-expanded={it.children ? open?.id === it.id : undefined}
            onClick={() => activate(it, false)}
            onKeyDown={(e) => onKeyDown(e, i, it)}
          >
            <span>{it.label}</span>
            {it.children && (
              <span className="fault-menu-arrow" aria-hidden="true">
                ▸
              </span>
            )}
          </button>
          {it.children && open?.id === it.id && (
            <MenuList
              items={it.children}
              labelledBy={`fault-mi-${it.id}`}
              onChoose={onChoose}
              onExit={() => {
                setOpen(null);
                refs.current[i]?.focus();
              }}
              focusFirst={open.byKey}
              submenu
            />
          )}
        </div>
      ))}
    </div>
  );
}
