/**
 * The WAN link inspector's derived numbers and facts: one-way delay and round trip from the
 * distance (5 µs per km of fibre each way, the engine's constant), the line rate in MB/s, what
 * each end is cabled to (and in which site), and the remote copy groups that cross the link —
 * named in `wanLinkId`, or automatic and joining their arrays through it.
 */
import { isRemoteKind } from '../../model/design-rules-remote.ts';
import type { Topology, WanLink } from '../../model/topology.ts';
import { joins, wanReaches } from '../../model/wan-routes.ts';

/** Fibre propagation, one way (DESIGN.md, "Performance model"). */
export const FIBRE_US_PER_KM = 5;

export interface WanDelays {
  oneWayMs: number;
  rttMs: number;
  /** Line rate as payload bytes per second, MB/s (10^6). */
  lineMBps: number;
}

export function wanDelays(w: Pick<WanLink, 'distanceKm' | 'bandwidthMbps'>): WanDelays {
  const oneWayMs = (w.distanceKm * FIBRE_US_PER_KM) / 1000;
  return { oneWayMs, rttMs: 2 * oneWayMs, lineMBps: w.bandwidthMbps / 8 };
}

export interface WanEndInfo {
  portId: string;
  /** `Array 1 (a1) · site main`, or null when the end is not cabled. */
  attached: string | null;
}

export interface WanInfo {
  ends: WanEndInfo[];
  /** Remote copy groups crossing this link, in document order. */
  groups: string[];
}

function arrayOf(t: Topology, ldevId: string | undefined): string | undefined {
  if (ldevId === undefined) return undefined;
  return t.devices.find((d) => d.kind === 'array' && d.ldevs.some((l) => l.id === ldevId))?.id;
}

export function wanInfo(t: Topology, wanId: string): WanInfo {
  const reach = wanReaches(t).find((r) => r.wan.id === wanId);
  if (!reach) return { ends: [], groups: [] };
  const ends = reach.ends.map((e) => {
    const d = e.attachedId === null ? undefined : t.devices.find((x) => x.id === e.attachedId);
    return { portId: e.portId, attached: d ? `${d.name} (${d.id}) · site ${d.siteId}` : null };
  });
  const groups = (t.copyGroups ?? [])
    .filter((g) => {
      if (!isRemoteKind(g.kind)) return false;
      if (g.wanLinkId !== undefined) return g.wanLinkId === wanId;
      const first = g.devices[0];
      const p = arrayOf(t, first?.pvol);
      const s = arrayOf(t, first?.svol) ?? g.targetLibraryId;
      return p !== undefined && s !== undefined && joins(reach, p, s);
    })
    .map((g) => g.id);
  return { ends, groups };
}
