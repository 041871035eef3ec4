/**
 * The fabrics' zoning while a run goes on: each switch's zoning database as the document has it,
 * replaced by `setZoning` (Fabric OS cfgenable / cfgdisable / zone edits), and whether it lets an
 * HBA reach an array port.
 *
 * Owns: the run-time zoning databases and the lookup of the fabric a path enters (the switch the
 * HBA is cabled to, else the one the array port is cabled to; none — a direct cable or a hub
 * only — means no zoning applies); the rules themselves are model/zoning.ts's.
 *
 * Invariants: answers depend only on the document and the databases set so far; the endpoints
 * of a device port (its WWPN, its `domain,port`) never change during a run.
 */
import type { Server, Topology, Zoning } from '../../model/topology.ts';
import { effectiveZoneSets, fabricSwitches, zoneEndpoint, zoningAllows, type ZoneEndpoint } from '../../model/zoning.ts';

export class ZoningState {
  private readonly t: Topology;
  private readonly zoning = new Map<string, Zoning | undefined>();
  private readonly domain = new Map<string, number>();
  private readonly endpoints = new Map<string, ZoneEndpoint>();
  private readonly attachedSwitch = new Map<string, string | null>();
  private readonly fabrics = new Map<string, string[]>();
  private readonly sets = new WeakMap<Zoning, Set<string>[] | null>();

  constructor(topology: Topology) {
    this.t = topology;
    for (const d of topology.devices) {
      if (d.kind !== 'fcSwitch') continue;
      this.zoning.set(d.id, d.zoning);
      this.domain.set(d.id, d.domainId);
    }
  }

  /** Replaces the zoning database of `switchId`; an error message, or null. */
  set(switchId: string, zoning: Zoning): string | null {
    if (!this.zoning.has(switchId)) return `no FC switch "${switchId}"`;
    this.zoning.set(switchId, zoning);
    return null;
  }

  /** The zoning database of `switchId` now (undefined: none). */
  get(switchId: string): Zoning | undefined {
    return this.zoning.get(switchId);
  }

  /** Whether the fabric's zoning lets HBA `hbaPortId` of `server` reach `arrayId`/`arrayPortId`. */
  allows(server: Server, hbaPortId: string, arrayId: string, arrayPortId: string): boolean {
    const sw = this.switchOf(server.id, hbaPortId) ?? this.switchOf(arrayId, arrayPortId);
    if (sw === null) return true;
    const zoning = this.principal(sw);
    if (zoning === undefined) return true;
    let sets = this.sets.get(zoning);
    if (sets === undefined) {
      sets = effectiveZoneSets(zoning);
      this.sets.set(zoning, sets);
    }
    return zoningAllows(zoning, this.endpoint(server.id, hbaPortId), this.endpoint(arrayId, arrayPortId), sets);
  }

  /** The zoning of the fabric of switch `sw`: its principal's (lowest domain ID holding a database). */
  private principal(sw: string): Zoning | undefined {
    let fabric = this.fabrics.get(sw);
    if (fabric === undefined) {
      fabric = fabricSwitches(this.t, sw);
      this.fabrics.set(sw, fabric);
    }
    let best: Zoning | undefined;
    let bestDomain = Infinity;
    for (const id of fabric) {
      const z = this.zoning.get(id);
      const domain = this.domain.get(id) ?? Infinity;
      if (z !== undefined && domain < bestDomain) [best, bestDomain] = [z, domain];
    }
    return best;
  }

  private endpoint(deviceId: string, portId: string): ZoneEndpoint {
    const key = `${deviceId}\u0000${portId}`;
    let e = this.endpoints.get(key);
    if (e === undefined) {
      e = zoneEndpoint(this.t, deviceId, portId);
      this.endpoints.set(key, e);
    }
    return e;
  }

  /** The FC switch the port is cabled to, or null. */
  private switchOf(deviceId: string, portId: string): string | null {
    const key = `${deviceId}\u0000${portId}`;
    let sw = this.attachedSwitch.get(key);
    if (sw === undefined) {
      sw = null;
      for (const l of this.t.links) {
        const other = l.a.deviceId === deviceId && l.a.portId === portId ? l.b : l.b.deviceId === deviceId && l.b.portId === portId ? l.a : null;
        if (other && this.zoning.has(other.deviceId)) sw = other.deviceId;
      }
      this.attachedSwitch.set(key, sw);
    }
    return sw;
  }
}
