/**
 * Pure edits of a scenario document, used by the design slice. Every function returns a new
 * document (structural sharing: untouched devices and links keep their identity, which the
 * canvas's memoised nodes rely on) or the same object when nothing changed.
 *
 * No React, no store: these are easy to test and to reuse from `window.sandbox`.
 */
import type { Device, Link, Topology } from '../../model/topology.ts';
import type { Scenario } from '../../model/scenario.ts';

export const HISTORY_LIMIT = 200;

export interface DeviceMove {
  id: string;
  position: { x: number; y: number };
}

/** A fresh, empty scenario with one main site. */
export function emptyScenario(): Scenario {
  return {
    version: 2,
    kind: 'sandbox-scenario',
    name: 'Untitled design',
    description: '',
    seed: 1,
    durationS: 60,
    topology: {
      version: 2,
      name: 'Untitled design',
      sites: [{ id: 'main', name: 'Main site', kind: 'main' }],
      devices: [],
      links: [],
      copyGroups: [],
      backup: { freeVolumes: [], policies: [] },
    },
    clockStart: '00:00',
    timeline: [],
    runbooks: [],
    expectations: [],
  };
}

/** Push `entry` on a bounded history stack (oldest entries fall off). */
export function pushBounded<T>(stack: readonly T[], entry: T, limit = HISTORY_LIMIT): T[] {
  const next = [...stack, entry];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

export function withTopology(s: Scenario, topology: Topology): Scenario {
  return topology === s.topology ? s : { ...s, topology };
}

/** Replace one device by `updater(device)`; unchanged document when the id is unknown. */
export function updateDeviceIn(s: Scenario, id: string, updater: (d: Device) => Device): Scenario {
  const t = s.topology;
  const i = t.devices.findIndex((d) => d.id === id);
  if (i < 0) return s;
  const next = updater(t.devices[i]);
  if (next === t.devices[i]) return s;
  const devices = t.devices.slice();
  devices[i] = next;
  return withTopology(s, { ...t, devices });
}

export function updateLinkIn(s: Scenario, id: string, updater: (l: Link) => Link): Scenario {
  const t = s.topology;
  const i = t.links.findIndex((l) => l.id === id);
  if (i < 0) return s;
  const next = updater(t.links[i]);
  if (next === t.links[i]) return s;
  const links = t.links.slice();
  links[i] = next;
  return withTopology(s, { ...t, links });
}

/** Move devices; positions are rounded to whole pixels so saved files stay tidy. */
export function moveDevicesIn(s: Scenario, moves: readonly DeviceMove[]): Scenario {
  if (moves.length === 0) return s;
  const byId = new Map(moves.map((m) => [m.id, m.position]));
  let changed = false;
  const devices = s.topology.devices.map((d) => {
    const p = byId.get(d.id);
    if (!p) return d;
    const position = { x: Math.round(p.x), y: Math.round(p.y) };
    if (position.x === d.position.x && position.y === d.position.y) return d;
    changed = true;
    return { ...d, position };
  });
  return changed ? withTopology(s, { ...s.topology, devices }) : s;
}

/** Remove devices (and every link touching them) and links. */
export function removeFrom(s: Scenario, deviceIds: readonly string[], linkIds: readonly string[]): Scenario {
  const dead = new Set(deviceIds);
  const deadLinks = new Set(linkIds);
  const t = s.topology;
  const devices = t.devices.filter((d) => !dead.has(d.id));
  const links = t.links.filter((l) => !deadLinks.has(l.id) && !dead.has(l.a.deviceId) && !dead.has(l.b.deviceId));
  if (devices.length === t.devices.length && links.length === t.links.length) return s;
  return withTopology(s, { ...t, devices, links });
}

/** Keep only the selected ids that still exist in `s`. */
export function pruneSelection(s: Scenario, deviceIds: string[], linkIds: string[]): { selectedDeviceIds: string[]; selectedLinkIds: string[] } {
  const devices = new Set(s.topology.devices.map((d) => d.id));
  const links = new Set(s.topology.links.map((l) => l.id));
  const d = deviceIds.filter((id) => devices.has(id));
  const l = linkIds.filter((id) => links.has(id));
  return {
    selectedDeviceIds: d.length === deviceIds.length ? deviceIds : d,
    selectedLinkIds: l.length === linkIds.length ? linkIds : l,
  };
}
