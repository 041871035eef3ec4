/**
 * Remote copy read off the design, pure: the remote group keys the design defines (known before
 * the engine reports them: the tab's count and its empty state), and which WAN link device a
 * cable plugs into — memoised per topology object so the canvas's edges look it up on every
 * store change in O(1) (a cable to a WAN link that is down is drawn as down).
 */
import type { Topology } from '../../model/topology.ts';

const memo = new WeakMap<Topology, Map<string, string>>();

function build(t: Topology): Map<string, string> {
  const wan = new Set(t.devices.filter((d) => d.kind === 'wanLink').map((d) => d.id));
  const out = new Map<string, string>();
  if (wan.size === 0) return out;
  for (const l of t.links) {
    if (wan.has(l.a.deviceId)) out.set(l.id, l.a.deviceId);
    else if (wan.has(l.b.deviceId)) out.set(l.id, l.b.deviceId);
  }
  return out;
}

/** The id of the WAN link device at either end of cable `linkId`, or null. */
export function wanLinkOfCable(t: Topology, linkId: string): string | null {
  let m = memo.get(t);
  if (!m) {
    m = build(t);
    memo.set(t, m);
  }
  return m.get(linkId) ?? null;
}

/**
 * The remote group keys the design defines, sorted as the engine sorts them: `ctg-N` for every
 * consistency group of remote-async copy groups, `sync:<group>` for each remote-sync group.
 */
export function designRemoteKeys(t: Pick<Topology, 'copyGroups'>): string[] {
  const keys = new Set<string>();
  for (const g of t.copyGroups ?? []) {
    if (g.kind === 'remote-async') keys.add(`ctg-${g.consistencyGroup ?? 0}`);
    else if (g.kind === 'remote-sync') keys.add(`sync:${g.id}`);
  }
  return [...keys].sort();
}
