/**
 * Per-document indexes for the canvas's narrow selectors, built once per topology object
 * (WeakMap) instead of once per node or edge per store update: a telemetry frame runs every
 * selector of every node and edge, so each must be O(1).
 */
import { linkKind } from '../../model/connect-rules.ts';
import type { PortKind, Topology } from '../../model/topology.ts';

interface TopologyMemo {
  /** Device id → its cabled port ids, sorted and comma-joined. */
  cabledPorts: Map<string, string>;
  /** Link id → the link's kind (null when its ends do not resolve or differ). */
  linkKinds: Map<string, PortKind | null>;
}

const memo = new WeakMap<Topology, TopologyMemo>();

function build(t: Topology): TopologyMemo {
  const ports = new Map<string, string[]>();
  const add = (deviceId: string, portId: string) => ports.set(deviceId, [...(ports.get(deviceId) ?? []), portId]);
  const linkKinds = new Map<string, PortKind | null>();
  for (const l of t.links) {
    add(l.a.deviceId, l.a.portId);
    add(l.b.deviceId, l.b.portId);
    linkKinds.set(l.id, linkKind(t, l));
  }
  const cabledPorts = new Map<string, string>();
  for (const [id, list] of ports) cabledPorts.set(id, list.sort().join(','));
  return { cabledPorts, linkKinds };
}

function memoOf(t: Topology): TopologyMemo {
  let m = memo.get(t);
  if (!m) {
    m = build(t);
    memo.set(t, m);
  }
  return m;
}

export function cabledPortsOf(t: Topology, deviceId: string): string {
  return memoOf(t).cabledPorts.get(deviceId) ?? '';
}

export function linkKindOf(t: Topology, linkId: string): PortKind | null {
  return memoOf(t).linkKinds.get(linkId) ?? null;
}
