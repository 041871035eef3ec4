/**
 * The last step of auto-layout: fit a computed layout around the devices the user pinned.
 *
 * Invariants:
 * - A pinned device's position is returned exactly as it is in the document (not rounded).
 * - The computed layout is only translated, never scaled: with one pinned device (or none) the
 *   result is the computed layout to the pixel, so its rows and spacing survive.
 * - No unpinned box overlaps a pinned box or another unpinned box it was checked against
 *   (boxes are kept `CLEARANCE_PX` apart).
 *
 * Translation: onto the first pinned device in document order; with none pinned, so the layout's
 * top-left corner is the old design's top-left corner (the design stays where the view is).
 * Overlaps: unpinned boxes, taken row by row (top, then left), move right along their row past
 * whatever they hit. Does not handle: a pinned device outside the layout (it just stays put).
 */
import type { Device } from '../../model/topology.ts';

export interface Position {
  x: number;
  y: number;
}
export interface Box extends Position {
  width: number;
  height: number;
}

export const CLEARANCE_PX = 24;

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width + CLEARANCE_PX && b.x < a.x + a.width + CLEARANCE_PX && a.y < b.y + b.height + CLEARANCE_PX && b.y < a.y + a.height + CLEARANCE_PX;
}

/** The translation that puts the layout where the document anchors it. */
function offsetOf(devices: readonly Device[], boxes: ReadonlyMap<string, Box>): Position {
  const anchor = devices.find((d) => d.pinned && boxes.has(d.id));
  if (anchor) {
    const b = boxes.get(anchor.id)!;
    return { x: anchor.position.x - b.x, y: anchor.position.y - b.y };
  }
  const laid = [...boxes.values()];
  const oldLeft = Math.min(...devices.map((d) => d.position.x));
  const oldTop = Math.min(...devices.map((d) => d.position.y));
  return { x: oldLeft - Math.min(...laid.map((b) => b.x)), y: oldTop - Math.min(...laid.map((b) => b.y)) };
}

/** Move `box` right until it overlaps none of `placed`; at most one step per placed box. */
function clearOf(box: Box, placed: readonly Box[]): Box {
  let b = box;
  for (let step = 0; step <= placed.length; step++) {
    const hit = placed.find((p) => overlaps(b, p));
    if (!hit) return b;
    b = { ...b, x: hit.x + hit.width + CLEARANCE_PX };
  }
  return b;
}

/**
 * Final positions (top-left) for `devices`, from the computed `laid` boxes (any origin).
 * Devices without a computed box keep their position.
 */
export function placeAroundPinned(devices: readonly Device[], laid: readonly (Box & { id: string })[]): Map<string, Position> {
  const boxes = new Map(laid.map((b) => [b.id, b]));
  const out = new Map<string, Position>();
  if (boxes.size === 0) return new Map(devices.map((d) => [d.id, d.position]));
  const off = offsetOf(devices, boxes);
  const placed: Box[] = [];
  const free: (Box & { id: string })[] = [];
  for (const d of devices) {
    const b = boxes.get(d.id);
    if (d.pinned || !b) {
      out.set(d.id, { x: d.position.x, y: d.position.y });
      if (b) placed.push({ ...d.position, width: b.width, height: b.height });
    } else {
      free.push({ id: d.id, x: Math.round(b.x + off.x), y: Math.round(b.y + off.y), width: b.width, height: b.height });
    }
  }
  free.sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id));
  for (const f of free) {
    const b = clearOf(f, placed);
    placed.push(b);
    out.set(f.id, { x: b.x, y: b.y });
  }
  return new Map(devices.filter((d) => out.has(d.id)).map((d) => [d.id, out.get(d.id)!]));
}
