/**
 * The pin on a device node: always shown (filled) when the device is pinned, and offered
 * (outlined) while the node is hovered or selected. A click toggles the pin as one undoable
 * edit; `nodrag` keeps React Flow from starting a drag on it.
 */
import type { MouseEvent } from 'react';
import { setPinned } from './pin-edits.ts';
import './layout.css';

function toggle(e: MouseEvent, deviceId: string, pinned: boolean): void {
  e.stopPropagation();
  setPinned(deviceId, !pinned);
}

export function PinButton({ deviceId, pinned }: { deviceId: string; pinned: boolean }) {
  const title = pinned ? 'Pinned: auto-layout never moves this device. Click to unpin.' : 'Pin this position: auto-layout will not move it';
  return (
    <button
      type="button"
      className={`pin-button nodrag${pinned ? ' is-pinned' : ''}`}
      aria-label={pinned ? 'Unpin position' : 'Pin position'}
      aria-pressed={pinned}
      title={title}
      onClick={(e) => toggle(e, deviceId, pinned)}
    >
      <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
        <path d="M6 1.5h4l-.6 4 2.6 2.5v1.2H4V8l2.6-2.5z" />
        <path d="M8 9.2V15" />
      </svg>
    </button>
  );
}
