/**
 * A small builder for SAN scenarios in code: tests and the benchmark describe topologies in a
 * few lines instead of hand-written JSON.
 *
 * Owns: generated ids for ports (`hba0`, `p0`, `fc0`…), WWPNs (unique per builder), links
 * (`l1`, `l2`…), and the plumbing of exposing an LDEV (host group + LU path).
 *
 * Invariants: `build()` returns a schema-parsed `Scenario` (defaults filled in), so whatever the
 * engine receives here is what a loaded file would give it.
 *
 * Does not handle: layout (positions are a simple grid), design-rule checks.
 */
import { Scenario, type Action, type Expectation } from '../../model/scenario.ts';
import type { z } from 'zod';
import { CopyGroup, type Device, type DiskArray, type Link, type ParityGroup, type Port, type Server, type RaidLevel, type Tier, type Workload } from '../../model/topology.ts';

type WorkloadInput = Partial<Omit<Workload, 'target'>> & Pick<Workload, 'id' | 'rw' | 'target'>;

export class SanBuilder {
  private readonly devices: Device[] = [];
  private readonly links: Link[] = [];
  private readonly timeline: { atS: number; action: Action }[] = [];
  private readonly expectations: Expectation[] = [];
  private readonly copyGroups: CopyGroup[] = [];
  private wwpnCounter = 0;

  constructor(private readonly name = 'test SAN') {}

  private nextWwpn(): string {
    const n = ++this.wwpnCounter;
    const bytes = [0x50, 0x06, 0x0e, 0x80, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
  }

  private fcPorts(prefix: string, count: number, speedGbps: number, wwpn: boolean): Port[] {
    return Array.from({ length: count }, (_, i) => ({
      id: `${prefix}${i}`,
      kind: 'fc' as const,
      speedGbps,
      ...(wwpn ? { wwpn: this.nextWwpn() } : {}),
    }));
  }

  private base(id: string): { id: string; name: string; siteId: string; position: { x: number; y: number } } {
    const i = this.devices.length;
    return { id, name: id, siteId: 'main', position: { x: (i % 8) * 160, y: Math.floor(i / 8) * 120 } };
  }

  server(id: string, opts: { hbas?: number; speedGbps?: number; multipath?: Server['multipath'] } = {}): this {
    const ports = this.fcPorts('hba', opts.hbas ?? 1, opts.speedGbps ?? 8, true);
    this.devices.push({ ...this.base(id), kind: 'server', serverClass: 'unix', ports, roles: [], workloads: [], ...(opts.multipath ? { multipath: opts.multipath } : {}) });
    return this;
  }

  fcSwitch(id: string, opts: { ports?: number; speedGbps?: number; domainId?: number } = {}): this {
    const ports = this.fcPorts('p', opts.ports ?? 16, opts.speedGbps ?? 8, false);
    this.devices.push({ ...this.base(id), kind: 'fcSwitch', domainId: opts.domainId ?? 1, ports });
    return this;
  }

  fcHub(id: string, opts: { ports?: number; speedGbps?: number } = {}): this {
    this.devices.push({ ...this.base(id), kind: 'fcHub', ports: this.fcPorts('p', opts.ports ?? 8, opts.speedGbps ?? 1, false) });
    return this;
  }

  /** `portIds` names the ports (e.g. CCI's `CL1-A`, `CL2-A`: controller 1 and 2); default `fc0`, `fc1` … */
  array(id: string, opts: { ports?: number; speedGbps?: number; cacheGiB?: number; trackKiB?: number; portIds?: string[] } = {}): this {
    const ports = this.fcPorts('fc', opts.portIds?.length ?? opts.ports ?? 2, opts.speedGbps ?? 8, true);
    opts.portIds?.forEach((pid, i) => (ports[i].id = pid));
    const device: DiskArray = {
      ...this.base(id),
      kind: 'array',
      ports,
      cacheGiB: opts.cacheGiB ?? 16,
      trackKiB: opts.trackKiB ?? 256,
      parityGroups: [],
      ldevs: [],
      hostGroups: [],
      luPaths: [],
      pools: [],
    };
    this.devices.push(device);
    return this;
  }

  parityGroup(arrayId: string, id: string, tier: Tier, raid: RaidLevel = 'RAID5', diskCount = 8): this {
    const pg: ParityGroup = { id, tier, raid, diskCount, diskCapacityGiB: tier === 'ssd' ? 1920 : 1200 };
    this.arrayOf(arrayId).parityGroups.push(pg);
    return this;
  }

  ldev(arrayId: string, id: string, parityGroupId: string, capacityGiB = 10, readOnly = false): this {
    this.arrayOf(arrayId).ldevs.push({ id, name: id, parityGroupId, capacityGiB, readOnly, cacheResident: false });
    return this;
  }

  /** Host group on `portId` admitting `wwpns` (or every HBA of the given servers). */
  hostGroup(arrayId: string, id: string, portId: string, members: { servers?: string[]; wwpns?: string[] }): this {
    const wwpns = [...(members.wwpns ?? [])];
    for (const s of members.servers ?? []) wwpns.push(...this.device(s).ports.filter((p) => p.wwpn).map((p) => p.wwpn!));
    this.arrayOf(arrayId).hostGroups.push({ id, name: id, portId, wwpns });
    return this;
  }

  luPath(arrayId: string, portId: string, hostGroupId: string, lun: number, ldevId: string): this {
    this.arrayOf(arrayId).luPaths.push({ portId, hostGroupId, lun, ldevId });
    return this;
  }

  /** Cables `a` to `b` ("device" or "device/port"); a bare device uses its first unlinked FC port. */
  connect(a: string, b: string, lengthM = 10): this {
    const id = `l${this.links.length + 1}`;
    this.links.push({ id, a: this.endpoint(a), b: this.endpoint(b), lengthM });
    return this;
  }

  workload(serverId: string, w: WorkloadInput): this {
    const server = this.device(serverId);
    if (server.kind !== 'server') throw new Error(`${serverId} is not a server`);
    server.workloads.push({ name: w.id, rwmixread: 70, bs: '4k', skew: { kind: 'uniform', theta: 0.9 }, ...w } as Workload);
    return this;
  }

  /** A snapshot pool on `arrayId` (Thin Image). */
  pool(arrayId: string, id: string, parityGroupId: string, capacityGiB: number, warningPct = 80): this {
    this.arrayOf(arrayId).pools.push({ id, name: id, parityGroupId, capacityGiB, warningPct });
    return this;
  }

  /** A CCI copy group (local pairs, host mirror or snapshots). */
  copyGroup(group: z.input<typeof CopyGroup>): this {
    this.copyGroups.push(CopyGroup.parse(group));
    return this;
  }

  at(atS: number, action: Action): this {
    this.timeline.push({ atS, action });
    return this;
  }

  expect(path: string, op: Expectation['op'], value: Expectation['value'], description = path): this {
    this.expectations.push({ description, path, op, value });
    return this;
  }

  build(opts: { seed?: number; durationS?: number } = {}): Scenario {
    return Scenario.parse({
      version: 2,
      kind: 'sandbox-scenario',
      name: this.name,
      seed: opts.seed ?? 1,
      durationS: opts.durationS ?? 10,
      topology: { version: 2, name: this.name, sites: [{ id: 'main', name: 'Main', kind: 'main' }], devices: this.devices, links: this.links, copyGroups: this.copyGroups },
      timeline: this.timeline,
      expectations: this.expectations,
    });
  }

  wwpnOf(deviceId: string, portId: string): string {
    return this.device(deviceId).ports.find((p) => p.id === portId)!.wwpn!;
  }

  private device(id: string): Device {
    const d = this.devices.find((x) => x.id === id);
    if (!d) throw new Error(`builder: no device ${id}`);
    return d;
  }

  private arrayOf(id: string): DiskArray {
    const d = this.device(id);
    if (d.kind !== 'array') throw new Error(`builder: ${id} is not an array`);
    return d;
  }

  private endpoint(ref: string): { deviceId: string; portId: string } {
    const [deviceId, portId] = ref.split('/');
    if (portId !== undefined) return { deviceId, portId };
    const used = new Set(this.links.flatMap((l) => [`${l.a.deviceId}/${l.a.portId}`, `${l.b.deviceId}/${l.b.portId}`]));
    const free = this.device(deviceId).ports.find((p) => p.kind === 'fc' && !used.has(`${deviceId}/${p.id}`));
    if (!free) throw new Error(`builder: ${deviceId} has no free FC port`);
    return { deviceId, portId: free.id };
  }
}
