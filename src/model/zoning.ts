/**
 * What a fabric's zoning lets through (Brocade Fabric OS semantics): whether an initiator and a
 * target may talk, given the fabric's zoning database (topology.ts `Zoning`).
 *
 * Owns the rules:
 * - no zoning database: everything may talk;
 * - no effective configuration: the default-zone policy decides (`allaccess` / `noaccess`);
 * - an effective configuration: two devices may talk when one zone of it lists both — a device
 *   matches a member by its WWPN or by the switch port it is cabled to (`domain,port`); alias
 *   members expand to the alias's members (aliases do not nest in Fabric OS); a name that is
 *   neither an alias nor a WWPN nor `d,p` matches nothing (the design rules report it).
 *
 * Pure; the engine (fabric/) and the design rules (model/) both call it.
 */
import type { DeviceOf, Topology, Zoning } from './topology.ts';

type FcSwitchDevice = DeviceOf<'fcSwitch'>;

/** How a device appears to zoning: its port WWPN and the switch port it is cabled to (`"1,4"`), if any. */
export interface ZoneEndpoint {
  wwpn: string | null;
  domainPort: string | null;
}

const WWPN = /^([0-9a-f]{2}:){7}[0-9a-f]{2}$/;
const DOMAIN_PORT = /^\d{1,3},\d{1,3}$/;

/** Canonical form of a member: a lower-case WWPN, `d,p` without leading zeros, or the name as is. */
export function canonicalMember(m: string): string {
  const lower = m.toLowerCase();
  if (WWPN.test(lower)) return lower;
  if (DOMAIN_PORT.test(m)) {
    const [d, p] = m.split(',');
    return `${Number(d)},${Number(p)}`;
  }
  return m;
}

/**
 * The zones of the effective configuration, each as its set of expanded members (WWPNs and
 * `d,p`); null when no configuration is effective (or the effective one is not defined).
 */
export function effectiveZoneSets(z: Zoning): Set<string>[] | null {
  if (z.effectiveCfg === undefined) return null;
  const cfg = z.cfgs.find((c) => c.name === z.effectiveCfg);
  if (!cfg) return null;
  const aliases = new Map(z.aliases.map((a) => [a.name, a.members.map(canonicalMember)]));
  const zones = new Map(z.zones.map((zone) => [zone.name, zone.members]));
  const out: Set<string>[] = [];
  for (const name of cfg.members) {
    const members = zones.get(name);
    if (!members) continue;
    const set = new Set<string>();
    for (const m of members) {
      const alias = aliases.get(m);
      if (alias) for (const a of alias) set.add(a);
      else set.add(canonicalMember(m));
    }
    out.push(set);
  }
  return out;
}

const matches = (set: Set<string>, e: ZoneEndpoint): boolean =>
  (e.wwpn !== null && set.has(e.wwpn.toLowerCase())) || (e.domainPort !== null && set.has(canonicalMember(e.domainPort)));

/** Whether zoning lets `a` and `b` talk (see the header). `zones` may be precomputed with `effectiveZoneSets`. */
export function zoningAllows(z: Zoning | undefined, a: ZoneEndpoint, b: ZoneEndpoint, zones?: Set<string>[] | null): boolean {
  if (z === undefined) return true;
  const sets = zones === undefined ? effectiveZoneSets(z) : zones;
  if (sets === null) return z.defaultZone === 'allaccess';
  return sets.some((set) => matches(set, a) && matches(set, b));
}

/** The names of the effective configuration's zones that let `a` and `b` talk (for the reach report). */
export function zonesJoining(z: Zoning, a: ZoneEndpoint, b: ZoneEndpoint): string[] {
  const cfg = z.effectiveCfg === undefined ? undefined : z.cfgs.find((c) => c.name === z.effectiveCfg);
  if (!cfg) return [];
  const sets = effectiveZoneSets(z) ?? [];
  const names = cfg.members.filter((n) => z.zones.some((zone) => zone.name === n));
  return names.filter((_, i) => sets[i] !== undefined && matches(sets[i], a) && matches(sets[i], b));
}

/** The FC switches of the fabric `switchId` belongs to (switches cabled to each other), sorted by id. */
export function fabricSwitches(t: Topology, switchId: string): string[] {
  const isSwitch = new Set(t.devices.filter((d) => d.kind === 'fcSwitch').map((d) => d.id));
  const seen = new Set([switchId]);
  const queue = [switchId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const l of t.links) {
      const other = l.a.deviceId === id ? l.b.deviceId : l.b.deviceId === id ? l.a.deviceId : null;
      if (other !== null && isSwitch.has(other) && !seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return [...seen].sort();
}

/** The zoning of the fabric of `switchId`: that of its principal switch (lowest domain ID holding a database), or undefined. */
export function fabricZoning(t: Topology, switchId: string): { switchId: string; zoning: Zoning } | undefined {
  const switches = fabricSwitches(t, switchId)
    .map((id) => t.devices.find((d) => d.id === id))
    .filter((d): d is FcSwitchDevice => d !== undefined && d.kind === 'fcSwitch' && d.zoning !== undefined)
    .sort((a, b) => a.domainId - b.domainId);
  return switches.length > 0 ? { switchId: switches[0].id, zoning: switches[0].zoning! } : undefined;
}

/** How the device at (deviceId, portId) appears to zoning: its WWPN and the `domain,port` of the switch port it is cabled to. */
export function zoneEndpoint(t: Topology, deviceId: string, portId: string): ZoneEndpoint {
  const device = t.devices.find((d) => d.id === deviceId);
  const wwpn = device?.ports.find((p) => p.id === portId)?.wwpn ?? null;
  let domainPort: string | null = null;
  for (const l of t.links) {
    const [mine, other] = l.a.deviceId === deviceId && l.a.portId === portId ? [l.a, l.b] : l.b.deviceId === deviceId && l.b.portId === portId ? [l.b, l.a] : [null, null];
    if (!mine || !other) continue;
    const sw = t.devices.find((d) => d.id === other.deviceId);
    if (sw?.kind === 'fcSwitch') domainPort = `${sw.domainId},${switchPortNumber(sw, other.portId)}`;
  }
  return { wwpn, domainPort };
}

/** A switch port's number as Fabric OS counts it: its index among the switch's FC ports. */
export function switchPortNumber(sw: FcSwitchDevice, portId: string): number {
  return sw.ports.filter((p) => p.kind === 'fc').findIndex((p) => p.id === portId);
}
