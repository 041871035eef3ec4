/**
 * Translate React Flow change lists into design-slice actions: position changes become device
 * moves (a drag streams 'drag' moves and ends with one 'end' commit), select changes become the
 * slice's selection. Removal changes are ignored: deletion goes through `deleteSelection` so it
 * is one undoable edit that also removes the links of deleted devices.
 */
import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { DeviceMove, MovePhase } from '../store/design-slice.ts';

export function movesOf(changes: readonly NodeChange[]): { moves: DeviceMove[]; phase: MovePhase } | null {
  const moves: DeviceMove[] = [];
  let dragging = false;
  let any = false;
  for (const c of changes) {
    if (c.type !== 'position') continue;
    any = true;
    if (c.dragging) dragging = true;
    if (c.position) moves.push({ id: c.id, position: c.position });
  }
  return any ? { moves, phase: dragging ? 'drag' : 'end' } : null;
}

/** Apply select changes to a selection; null when the changes hold none. */
export function nextSelection(changes: readonly (NodeChange | EdgeChange)[], current: readonly string[]): string[] | null {
  let set: Set<string> | null = null;
  for (const c of changes) {
    if (c.type !== 'select') continue;
    set ??= new Set(current);
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  if (!set) return null;
  const out = [...set];
  const same = out.length === current.length && out.every((id, i) => id === current[i]);
  return same ? null : out;
}
