/**
 * Move a fixed-position window by dragging its header: the offset from the window's CSS
 * position, kept while the window lives. Pointer capture keeps the drag when the pointer
 * outruns the header; a press on a button inside the header is not a drag.
 */
import { useCallback, useState, type CSSProperties, type PointerEvent } from 'react';

export function useDragPosition(): { style: CSSProperties; onPointerDown(e: PointerEvent<HTMLElement>): void } {
  const [offset, setOffset] = useState({ x: 0, y: 0 });
  const onPointerDown = useCallback(
    (e: PointerEvent<HTMLElement>) => {
      if (e.button !== 0 || (e.target as HTMLElement).closest('button')) return;
      const el = e.currentTarget;
      const start = { x: e.clientX - offset.x, y: e.clientY - offset.y };
      el.setPointerCapture(e.pointerId);
      const move = (m: globalThis.PointerEvent) => setOffset({ x: m.clientX - start.x, y: Math.max(-40, m.clientY - start.y) });
      const up = () => {
        el.removeEventListener('pointermove', move);
        el.removeEventListener('pointerup', up);
        el.removeEventListener('pointercancel', up);
      };
      el.addEventListener('pointermove', move);
      el.addEventListener('pointerup', up);
      el.addEventListener('pointercancel', up);
    },
    [offset],
  );
  return { style: { transform: `translate(${offset.x}px, ${offset.y}px)` }, onPointerDown };
}
