/**
 * What auto-layout needs to know about a device, apart from elk: its role row (rank), the order
 * of sites left to right, and an estimate of the node's size on the canvas.
 *
 * Rows, top to bottom: clients and consoles → LAN segments → servers (hosts) → FC switches, hubs
 * and bridges (fabrics) → disk arrays (storage) → tape and DVD-RAM libraries (backup). A WAN link
 * between two sites has no row: it is drawn in the gap between the sites' columns.
 *
 * Pure: no DOM, no React, no elk. Sizes measured by React Flow, when given, win over estimates.
 */
import type { Device, DeviceKind, Topology } from '../../model/topology.ts';
import { maxPortsOnHorizontalSide, placePorts } from '../design/port-layout.ts';

export interface Size {
  width: number;
  height: number;
}

/** Role row of each kind; a WAN link inside a single site sits with the fabrics. */
export const RANK_OF_KIND: Readonly<Record<DeviceKind, number>> = {
  client: 0,
  console: 0,
  lanSegment: 1,
  server: 2,
  fcSwitch: 3,
  fcHub: 3,
  bridge: 3,
  wanLink: 3,
  array: 4,
  tapeLibrary: 5,
  dvdLibrary: 5,
};
export const RANK_COUNT = 6;

// The node component's own constants (DeviceNode.tsx: HANDLE_PITCH_PX, MIN_WIDTH_PX) and the
// height of a plain node body (styles.css: contain-intrinsic-size 77px + padding and border).
const HANDLE_PITCH_PX = 13;
const MIN_WIDTH_PX = 200;
const PLAIN_HEIGHT_PX = 96;

/** The node's size as DeviceNode draws it before any replication or library badge grows it. */
export function estimateSize(device: Device): Size {
  const width = Math.max(MIN_WIDTH_PX, maxPortsOnHorizontalSide(placePorts(device)) * HANDLE_PITCH_PX + 24);
  return { width, height: PLAIN_HEIGHT_PX };
}

/** Measured size when known and sane, else the estimate. */
export function sizeOf(device: Device, measured: ReadonlyMap<string, Size> | undefined): Size {
  const m = measured?.get(device.id);
  if (m && m.width > 0 && m.height > 0) return { width: Math.ceil(m.width), height: Math.ceil(m.height) };
  return estimateSize(device);
}

/**
 * Site ids left to right: main sites first, then remote sites, each in document order; then
 * site ids that devices name but the document does not declare (a half-edited design).
 */
export function siteColumns(t: Topology): string[] {
  const main = t.sites.filter((s) => s.kind === 'main').map((s) => s.id);
  const remote = t.sites.filter((s) => s.kind !== 'main').map((s) => s.id);
  const out = [...main, ...remote];
  for (const d of t.devices) if (!out.includes(d.siteId)) out.push(d.siteId);
  return out;
}

/** The site ids of the devices at both ends of a WAN link's cables (at most two, sorted by column). */
export function wanEnds(t: Topology, wan: Device, columns: readonly string[]): string[] {
  const sites = new Set<string>();
  const byId = new Map(t.devices.map((d) => [d.id, d]));
  for (const l of t.links) {
    const other = l.a.deviceId === wan.id ? l.b.deviceId : l.b.deviceId === wan.id ? l.a.deviceId : null;
    const d = other === null ? undefined : byId.get(other);
    if (d) sites.add(d.siteId);
  }
  return [...sites].sort((a, b) => columns.indexOf(a) - columns.indexOf(b));
}

/** A WAN link whose cables reach two sites is drawn between their columns, not inside one. */
export function isBetweenSites(t: Topology, d: Device, columns: readonly string[]): boolean {
  return d.kind === 'wanLink' && wanEnds(t, d, columns).length >= 2;
}
