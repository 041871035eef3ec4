/**
 * The canvas's context-menu handlers (React Flow's onNodeContextMenu / onEdgeContextMenu): a
 * right-click — or the Menu key / Shift+F10 on a focused node or cable — opens the fault menu for
 * that device or cable where it happened. Replication overlays (pair edges) are not cables: the
 * browser's own menu stays for them.
 */
import type { MouseEvent as ReactMouseEvent } from 'react';
import type { Edge, Node } from '@xyflow/react';
import { useFaultUi } from './useFaultUi.ts';

/** The click point, or the element's centre for a menu opened from the keyboard (no pointer position). */
function pointOf(e: ReactMouseEvent): { x: number; y: number } {
  if (e.clientX !== 0 || e.clientY !== 0) return { x: e.clientX, y: e.clientY };
  const el = e.target instanceof Element ? e.target : null;
  const r = el?.getBoundingClientRect();
  return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : { x: 0, y: 0 };
}

export function onNodeContextMenu(e: ReactMouseEvent, node: Node): void {
  e.preventDefault();
  useFaultUi.getState().openMenu({ ...pointOf(e), target: { kind: 'device', id: node.id } });
}

export function onEdgeContextMenu(e: ReactMouseEvent, edge: Edge): void {
  if (edge.type !== undefined && edge.type !== 'san') return;
  e.preventDefault();
  useFaultUi.getState().openMenu({ ...pointOf(e), target: { kind: 'link', id: edge.id } });
}
