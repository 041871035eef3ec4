/**
 * Redundancy rules from SAN practice (issue 6 "Design rules"): for every workload, the paths from
 * its server to the LDEV it drives should survive the loss of any one element — dual independent
 * fabrics, every host and array port on both. This module finds, per workload, each single point
 * of failure: an HBA port, a switch, hub or bridge, or an array port (among the ports with an LU
 * path of that LDEV) that every physical path passes through; and says when all paths cross one
 * fabric only.
 *
 * Owns warnings only (a single-fabric design is a choice, not an error). Physical cabling only:
 * zoning and host groups are the access rules' (design-rules-zoning.ts, lu-access).
 */
import type { IssueList } from './design-issue.ts';
import type { Device, Topology } from './topology.ts';
import { workloadLdevId } from './lookup.ts';

const TRANSIT = new Set(['fcSwitch', 'fcHub', 'bridge']);

interface Element {
  key: string;
  label: string;
}

interface Search {
  /** FC cables as adjacency: device → [{ myPort, otherDevice, otherPort }]. */
  adj: Map<string, { port: string; to: string; toPort: string }[]>;
  devices: Map<string, Device>;
}

function buildSearch(t: Topology): Search {
  const devices = new Map(t.devices.map((d) => [d.id, d]));
  const adj = new Map<string, { port: string; to: string; toPort: string }[]>();
  const add = (a: string, ap: string, b: string, bp: string): void => void (adj.get(a) ?? adj.set(a, []).get(a)!).push({ port: ap, to: b, toPort: bp });
  for (const l of t.links) {
    const pa = devices.get(l.a.deviceId)?.ports.find((p) => p.id === l.a.portId);
    if (pa?.kind !== 'fc') continue;
    add(l.a.deviceId, l.a.portId, l.b.deviceId, l.b.portId);
    add(l.b.deviceId, l.b.portId, l.a.deviceId, l.a.portId);
  }
  return { adj, devices };
}

/**
 * Whether `serverId` reaches one of `targetPorts` of `arrayId` without `excluded` (an element
 * key: `port:<device>/<port>` or `device:<id>`); collects the elements and fabrics it crossed.
 */
function reaches(s: Search, serverId: string, arrayId: string, targetPorts: Set<string>, excluded: string | null, seen?: { elements: Map<string, Element>; fabrics: Set<string> }): boolean {
  let found = false;
  for (const first of s.adj.get(serverId) ?? []) {
    const hba = `port:${serverId}/${first.port}`;
    if (hba === excluded) continue;
    // Breadth-first through transit devices from this HBA's cable.
    const visited = new Set<string>();
    const queue: { device: string; inPort: string }[] = [{ device: first.to, inPort: first.toPort }];
    let fabric: string | null = null;
    while (queue.length > 0) {
      const { device, inPort } = queue.shift()!;
      if (device === arrayId) {
        const port = `port:${arrayId}/${inPort}`;
        if (!targetPorts.has(inPort) || port === excluded) continue;
        found = true;
        if (seen) {
          seen.elements.set(hba, { key: hba, label: `HBA ${serverId}/${first.port}` });
          seen.elements.set(port, { key: port, label: `array port ${arrayId}/${inPort}` });
          for (const v of visited) seen.elements.set(`device:${v}`, { key: `device:${v}`, label: `${s.devices.get(v)?.kind === 'fcSwitch' ? 'switch' : s.devices.get(v)?.kind === 'fcHub' ? 'hub' : 'bridge'} ${v}` });
          seen.fabrics.add(fabric ?? `direct:${first.port}`);
        }
        continue;
      }
      const d = s.devices.get(device);
      if (!d || !TRANSIT.has(d.kind) || visited.has(device) || `device:${device}` === excluded) continue;
      visited.add(device);
      fabric ??= device;
      for (const e of s.adj.get(device) ?? []) queue.push({ device: e.to, inPort: e.toPort });
    }
    if (found && !seen) return true;
  }
  return found;
}

/** The fabric (connected transit devices) a device belongs to, named by its smallest id. */
function fabricName(s: Search, start: string): string {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const e of s.adj.get(id) ?? []) {
      const d = s.devices.get(e.to);
      if (d && TRANSIT.has(d.kind) && !seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
    }
  }
  return [...seen].sort()[0];
}

/** Single points of failure and single-fabric paths of every workload (warnings). */
export function checkRedundancy(t: Topology, issues: IssueList): void {
  const s = buildSearch(t);
  t.devices.forEach((server, si) => {
    if (server.kind !== 'server') return;
    server.workloads.forEach((w, wi) => {
      const array = t.devices.find((d) => d.id === w.target.arrayId);
      if (!array || array.kind !== 'array') return;
      const ldevId = workloadLdevId(array, server, w.target);
      if (ldevId === undefined) return;
      const targetPorts = new Set(array.luPaths.filter((p) => p.ldevId === ldevId).map((p) => p.portId));
      const seen = { elements: new Map<string, Element>(), fabrics: new Set<string>() };
      if (!reaches(s, server.id, array.id, targetPorts, null, seen)) return; // no path at all: the access rules say so
      const field = `devices[${si}].workloads[${wi}].target`;
      const what = `${server.id}/${w.id} → ${array.id} ${ldevId}`;
      const spofs = [...seen.elements.values()].filter((e) => !reaches(s, server.id, array.id, targetPorts, e.key)).sort((a, b) => (a.key < b.key ? -1 : 1));
      for (const e of spofs) {
        issues.warning(field, `${what}: ${e.label} is a single point of failure — every path from the server to the LDEV passes through it`, { deviceId: server.id });
      }
      const fabrics = new Set([...seen.fabrics].map((f) => (f.startsWith('direct:') ? f : fabricName(s, f))));
      if (fabrics.size === 1 && spofs.length === 0) {
        issues.warning(field, `${what}: every path crosses one fabric (${[...fabrics][0].replace(/^direct:.*/, 'a direct cable')}); dual independent fabrics keep the LDEV reachable when a fabric fails`, { deviceId: server.id });
      }
    });
  });
}

/** Whether an issue is one of these redundancy warnings (rule tests of other modules leave them out). */
export function isRedundancyIssue(i: { message: string }): boolean {
  return / is a single point of failure — | crosses one fabric \(/.test(i.message);
}
