/**
 * The device palette: every device kind as a button with its icon and label, grouped.
 * Mouse: drag an entry onto the canvas (HTML5 drag and drop, dropped through
 * `screenToFlowPosition` as in xyflow's DragNDrop example). Keyboard: Tab/arrow keys move
 * between entries; Enter or Space (or a click) adds the device at the viewport centre and
 * selects it.
 */
import type { DragEvent, KeyboardEvent } from 'react';
import { DeviceIcon } from './icons.tsx';
import { DRAG_MIME, PALETTE_GROUPS, type DragPayload, type PaletteEntry } from './palette-entries.ts';
import { useAddAtViewportCentre } from './useAddAtViewportCentre.ts';

function onDragStart(e: DragEvent<HTMLButtonElement>, entry: PaletteEntry): void {
  const payload: DragPayload = { kind: entry.kind, serverClass: entry.serverClass };
  e.dataTransfer.setData(DRAG_MIME, JSON.stringify(payload));
  e.dataTransfer.setData('text/plain', entry.label);
  e.dataTransfer.effectAllowed = 'copy';
}

/** Arrow keys (and Home/End) move focus between palette buttons. */
function onPaletteKeyDown(e: KeyboardEvent<HTMLElement>): void {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(e.key)) return;
  const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button.palette-item'));
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next =
    e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : e.key === 'ArrowDown' ? Math.min(i + 1, buttons.length - 1) : Math.max(i - 1, 0);
  buttons[next]?.focus();
  e.preventDefault();
}

export function Palette() {
  const add = useAddAtViewportCentre();
  return (
    <nav className="palette" aria-label="Device palette" onKeyDown={onPaletteKeyDown}>
      <p className="palette-help">Drag onto the canvas, or press Enter to add.</p>
      {PALETTE_GROUPS.map((group) => (
        <section key={group.title} className="palette-group" aria-label={group.title}>
          <h2 className="palette-group-title">{group.title}</h2>
          {group.entries.map((entry) => (
            <button
              key={entry.key}
              type="button"
              className={`palette-item kind-${entry.kind}`}
              draggable
              title={entry.hint}
              data-palette={entry.key}
              onDragStart={(e) => onDragStart(e, entry)}
              onClick={() => add(entry.kind, entry.serverClass)}
            >
              <span className="palette-icon">
                <DeviceIcon icon={entry.icon} size={22} />
              </span>
              <span className="palette-label">{entry.label}</span>
            </button>
          ))}
        </section>
      ))}
    </nav>
  );
}
