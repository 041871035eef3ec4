/**
 * Factory: new devices and sub-records with unique ids, readable names and sensible defaults.
 *
 * Owns: `createDevice` (one per palette entry), id and WWPN allocation (`nextId`, `nextWwpn`,
 * `nextDomainId`), and the helpers the inspector uses to add rows (`newLdev`, `newHostGroup`,
 * `newLuPath`, `newWorkload`, `newParityGroup`, `newPort`, `newCartridges`,
 * `scratchCartridgesFor`).
 * Invariants: every id and WWPN it hands out is unused in the document it was given; every
 * record it returns parses with the topology schema. It never mutates its inputs.
 * Does not own: cross-reference checks (design-rules.ts) or cabling rules (connect-rules.ts).
 *
 * Pure data: no DOM, no Node, no React.
 */
import { DEVICE_KIND_LABEL } from './lookup.ts';
import { DVD_RAM_MEDIA_ID, ltoMediaId } from './media-ids.ts';
import { fcReachableArrayPorts } from './routes.ts';
import type {
  Cartridge,
  Device,
  DeviceKind,
  DeviceOf,
  DiskArray,
  HostGroup,
  Ldev,
  LuPath,
  ParityGroup,
  Port,
  PortKind,
  Server,
  Topology,
  Workload,
} from './topology.ts';

export type XY = { x: number; y: number };
export type ServerClassName = Server['serverClass'];

/** Vendor WWPN prefixes (OUI-style): Emulex HBAs, Hitachi array ports, Brocade switch ports. */
export const WWPN_PREFIX = {
  hba: '10:00:00:00:c9',
  array: '50:06:0e:80',
  fcSwitch: '20:00:00:05:1e',
  other: '21:00:00:24:ff',
} as const;

/** Id prefix per device kind: ids read `server-1`, `switch-2`, `array-1` … */
export const ID_PREFIX: Record<DeviceKind, string> = {
  server: 'server',
  client: 'client',
  fcSwitch: 'switch',
  fcHub: 'hub',
  bridge: 'bridge',
  array: 'array',
  tapeLibrary: 'tape',
  dvdLibrary: 'dvd',
  lanSegment: 'lan',
  wanLink: 'wan',
  console: 'console',
};


const SERVER_CLASS_NAME: Record<ServerClassName, string> = { mainframe: 'Mainframe', unix: 'UNIX server', pc: 'PC server' };

/** The largest `n` among strings shaped `${prefix}-${n}`. */
function maxSuffix(ids: Iterable<string>, prefix: string): number {
  let max = 0;
  const head = `${prefix}-`;
  for (const id of ids) {
    if (!id.startsWith(head)) continue;
    const n = Number(id.slice(head.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max;
}

/** Every id used by devices and links of the document. */
function documentIds(topology: Topology): string[] {
  return [...topology.devices.map((d) => d.id), ...topology.links.map((l) => l.id)];
}

/** `prefix-(n+1)` where n is the largest suffix in use among devices and links. */
export function nextId(topology: Topology, prefix: string): string {
  return `${prefix}-${maxSuffix(documentIds(topology), prefix) + 1}`;
}

/** Every WWPN carried by a port in the document. */
export function usedWwpns(topology: Topology): Set<string> {
  const used = new Set<string>();
  for (const d of topology.devices) for (const p of d.ports) if (p.wwpn) used.add(p.wwpn);
  return used;
}

function wwpnFromCounter(prefix: string, counter: number): string {
  const freeBytes = 8 - prefix.split(':').length;
  const hex = counter.toString(16).padStart(freeBytes * 2, '0');
  const bytes = hex.match(/../g) ?? [];
  return [prefix, ...bytes].join(':');
}

/**
 * The next unused WWPN with `vendorPrefix` (colon-separated hex bytes, 1…7 of them): one above
 * the highest in use with that prefix. `alsoUsed` holds WWPNs allocated but not yet in the document.
 */
export function nextWwpn(topology: Topology, vendorPrefix: string, alsoUsed: Iterable<string> = []): string {
  const used = usedWwpns(topology);
  for (const w of alsoUsed) used.add(w);
  let max = 0;
  for (const w of used) {
    if (!w.startsWith(`${vendorPrefix}:`)) continue;
    const n = parseInt(w.slice(vendorPrefix.length + 1).replaceAll(':', ''), 16);
    if (n > max) max = n;
  }
  return wwpnFromCounter(vendorPrefix, max + 1);
}

/** The smallest FC domain id (1…239) no switch in the document uses. */
export function nextDomainId(topology: Topology): number {
  const used = new Set(topology.devices.flatMap((d) => (d.kind === 'fcSwitch' ? [d.domainId] : [])));
  for (let id = 1; id <= 239; id++) if (!used.has(id)) return id;
  return 239;
}

/** Allocates port records for one new device, keeping WWPNs unique across the batch. */
class PortBuilder {
  readonly ports: Port[] = [];
  private readonly topology: Topology;
  constructor(topology: Topology) {
    this.topology = topology;
  }
  add(id: string, kind: PortKind, speedGbps: number, wwpnPrefix?: string, label?: string): this {
    const port: Port = { id, kind, speedGbps };
    if (wwpnPrefix) port.wwpn = nextWwpn(this.topology, wwpnPrefix, this.ports.flatMap((p) => (p.wwpn ? [p.wwpn] : [])));
    if (label) port.label = label;
    this.ports.push(port);
    return this;
  }
  many(count: number, idOf: (i: number) => string, kind: PortKind, speedGbps: number, wwpnPrefix?: string): this {
    for (let i = 0; i < count; i++) this.add(idOf(i), kind, speedGbps, wwpnPrefix);
    return this;
  }
}

/** Default ports of a new device of `kind`. */
export function defaultPorts(topology: Topology, kind: DeviceKind): Port[] {
  const b = new PortBuilder(topology);
  switch (kind) {
    case 'server':
      return b.add('hba0', 'fc', 16, WWPN_PREFIX.hba).add('hba1', 'fc', 16, WWPN_PREFIX.hba).add('nic0', 'lan', 10).ports;
    case 'fcSwitch':
      return b.many(16, (i) => `p${i}`, 'fc', 16, WWPN_PREFIX.fcSwitch).add('wan0', 'wan', 1).ports;
    case 'fcHub':
      return b.many(8, (i) => `p${i}`, 'fc', 4).ports;
    case 'bridge':
      return b.many(2, (i) => `fc${i}`, 'fc', 8, WWPN_PREFIX.other).ports;
    case 'array':
      for (const id of ['CL1-A', 'CL1-B', 'CL2-A', 'CL2-B']) b.add(id, 'fc', 16, WWPN_PREFIX.array);
      return b.add('wan0', 'wan', 1).ports;
    case 'tapeLibrary':
      return b.add('drive1', 'fc', 8, WWPN_PREFIX.other, 'Drive 1').add('drive2', 'fc', 8, WWPN_PREFIX.other, 'Drive 2').ports;
    case 'dvdLibrary':
      return b.add('fc0', 'fc', 4, WWPN_PREFIX.other).ports;
    case 'lanSegment':
      return b.many(24, (i) => `lan${i + 1}`, 'lan', 10).ports;
    case 'client':
    case 'console':
      return b.add('nic0', 'lan', 1).ports;
    case 'wanLink':
      return b.add('end-a', 'wan', 1).add('end-b', 'wan', 1).ports;
  }
}

/** A readable default name: `Disk array 2`, `UNIX server 1`. */
function defaultName(kind: DeviceKind, id: string, serverClass?: ServerClassName): string {
  const n = id.slice(id.lastIndexOf('-') + 1);
  const base = kind === 'server' ? SERVER_CLASS_NAME[serverClass ?? 'unix'] : DEVICE_KIND_LABEL[kind];
  return `${base} ${n}`;
}

/** A default parity group: 15k HDD, RAID5 7D+1P of 1.2 TB disks. */
export function newParityGroup(array: DiskArray): ParityGroup {
  const id = `pg-${maxSuffix(array.parityGroups.map((p) => p.id), 'pg') + 1}`;
  return { id, tier: 'hdd15k', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 1117 };
}

/** The kind-specific fields of a new device of `kind`. */
function kindFields(topology: Topology, kind: DeviceKind, serverClass: ServerClassName): Record<string, unknown> {
  switch (kind) {
    case 'server':
      return { serverClass, roles: [], workloads: [] };
    case 'fcSwitch':
      return { domainId: nextDomainId(topology) };
    case 'array': {
      const empty = { parityGroups: [], ldevs: [], hostGroups: [], luPaths: [] } as unknown as DiskArray;
      return { cacheGiB: 64, trackKiB: 256, parityGroups: [newParityGroup(empty)], ldevs: [], hostGroups: [], luPaths: [], pools: [] };
    }
    case 'tapeLibrary':
      return { driveGeneration: 'LTO-8', driveCount: 2, slotCount: 24, ioSlotCount: 4, cartridges: newCartridges('SBX', 'L8', 8) };
    case 'dvdLibrary':
      return { driveCount: 1, slotCount: 50, ioSlotCount: 4, cartridges: newCartridges('DVD', 'D1', 10) };
    case 'wanLink':
      return { bandwidthMbps: 1000, distanceKm: 100, lossPct: 0, jitterUs: 0 };
    default:
      return {};
  }
}

/**
 * A new device of `kind` at `position` in `siteId` (default: the document's first site), with a
 * unique id, a readable name and default ports. Servers take `serverClass` (default UNIX).
 */
export function createDevice<K extends DeviceKind>(
  topology: Topology,
  kind: K,
  position: XY,
  siteId?: string,
  serverClass: ServerClassName = 'unix',
): DeviceOf<K> {
  const id = nextId(topology, ID_PREFIX[kind]);
  const device = {
    id,
    kind,
    name: defaultName(kind, id, serverClass),
    siteId: siteId ?? topology.sites[0]?.id ?? 'main',
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    ports: defaultPorts(topology, kind),
    ...kindFields(topology, kind, serverClass),
  };
  return device as unknown as DeviceOf<K>;
}

/** A new port for a device: an FC HBA with an auto WWPN, or a LAN NIC. */
export function newPort(topology: Topology, device: Device, kind: PortKind): Port {
  const prefix = kind === 'fc' ? 'hba' : kind === 'lan' ? 'nic' : 'wan';
  let n = 0;
  while (device.ports.some((p) => p.id === `${prefix}${n}`)) n++;
  const port: Port = { id: `${prefix}${n}`, kind, speedGbps: kind === 'fc' ? 16 : kind === 'lan' ? 10 : 1 };
  if (kind === 'fc') {
    port.wwpn = nextWwpn(topology, device.kind === 'array' ? WWPN_PREFIX.array : device.kind === 'server' ? WWPN_PREFIX.hba : WWPN_PREFIX.other);
  }
  return port;
}

/** Every LDEV id in the document (LDEV ids are unique document-wide). */
function allLdevIds(topology: Topology | undefined, array: DiskArray): string[] {
  if (!topology) return array.ldevs.map((l) => l.id);
  return topology.devices.flatMap((d) => (d.kind === 'array' ? d.ldevs.map((l) => l.id) : []));
}

/** A new 100 GiB LDEV on the array's first parity group; its id is unique in `topology` when given. */
export function newLdev(array: DiskArray, topology?: Topology): Ldev {
  const n = maxSuffix(allLdevIds(topology, array), 'ldev') + 1;
  return { id: `ldev-${n}`, name: `Volume ${n}`, parityGroupId: array.parityGroups[0]?.id ?? 'pg-1', capacityGiB: 100, readOnly: false, cacheResident: false };
}

/** A new, empty host group on `portId`. */
export function newHostGroup(array: DiskArray, portId: string): HostGroup {
  const n = maxSuffix(array.hostGroups.map((h) => h.id), `${array.id}-hg`) + 1;
  const onPort = array.hostGroups.filter((h) => h.portId === portId).length;
  return { id: `${array.id}-hg-${n}`, name: `${portId}-G${String(onPort).padStart(2, '0')}`, portId, wwpns: [] };
}

/** Highest LUN an LU path may have (the schema's limit). */
const LUN_MAX = 2047;

/**
 * The lowest LUN not used in host group `hostGroupId`, or null when all 0–2047 are: each host
 * group has its own LUN space (Hitachi LUN Manager), so two groups on one port both start at 0.
 */
export function nextFreeLun(array: DiskArray, hostGroupId: string): number | null {
  const used = new Set(array.luPaths.filter((p) => p.hostGroupId === hostGroupId).map((p) => p.lun));
  for (let lun = 0; lun <= LUN_MAX; lun++) if (!used.has(lun)) return lun;
  return null;
}

/**
 * A new LU path in host group `hostGroupId`: the group's next free LUN (as `raidcom add lun`
 * without `-lun_id` gives) and the first LDEV not yet mapped there. Null when the host group is
 * unknown, the array has no LDEV or the group has no LUN left.
 */
export function newLuPath(array: DiskArray, hostGroupId: string): LuPath | null {
  const group = array.hostGroups.find((h) => h.id === hostGroupId);
  if (!group || array.ldevs.length === 0) return null;
  const lun = nextFreeLun(array, hostGroupId);
  if (lun === null) return null;
  const mapped = new Set(array.luPaths.filter((p) => p.hostGroupId === hostGroupId).map((p) => p.ldevId));
  const ldev = array.ldevs.find((l) => !mapped.has(l.id)) ?? array.ldevs[0];
  return { portId: group.portId, hostGroupId, lun, ldevId: ldev.id };
}

/** An LU as a host addresses it, with the LDEV behind it. */
export interface VisibleLu {
  arrayId: string;
  portId: string;
  lun: number;
  ldevId: string;
}

/**
 * The LUs a server can use: reachable over FC cables, in a host group that lists one of the
 * server's WWPNs. Zoning is not considered (the engine applies it).
 */
export function visibleLus(topology: Topology, server: Server): VisibleLu[] {
  const reachable = fcReachableArrayPorts(topology, server.id);
  const wwpns = new Set(server.ports.flatMap((p) => (p.wwpn ? [p.wwpn] : [])));
  const out: VisibleLu[] = [];
  for (const d of topology.devices) {
    if (d.kind !== 'array') continue;
    for (const path of d.luPaths) {
      if (!reachable.has(`${d.id}/${path.portId}`)) continue;
      const group = d.hostGroups.find((h) => h.id === path.hostGroupId);
      if (!group || !group.wwpns.some((w) => wwpns.has(w))) continue;
      out.push({ arrayId: d.id, portId: path.portId, lun: path.lun, ldevId: path.ldevId });
    }
  }
  return out;
}

/** Every LU path of the document, as targets (used when a server sees none yet). */
export function allLus(topology: Topology): VisibleLu[] {
  return topology.devices.flatMap((d) =>
    d.kind === 'array' ? d.luPaths.map((p) => ({ arrayId: d.id, portId: p.portId, lun: p.lun, ldevId: p.ldevId })) : [],
  );
}

/**
 * A new workload for `server`: random 70/30 read/write 8k at iodepth 8, starting with the run,
 * on the first LU the server can see (else the first LU of the document). Null when the document
 * has no LU at all.
 */
export function newWorkload(server: Server, topology: Topology): Workload | null {
  const lu = visibleLus(topology, server)[0] ?? allLus(topology)[0];
  if (!lu) return null;
  const n = maxSuffix(server.workloads.map((w) => w.id), 'wl') + 1;
  return {
    id: `wl-${n}`,
    name: `Workload ${n}`,
    target: { arrayId: lu.arrayId, portId: lu.portId, lun: lu.lun },
    rw: 'randrw',
    rwmixread: 70,
    bs: '8k',
    iodepth: 8,
    skew: { kind: 'uniform', theta: 0.9 },
    startAtS: 0,
  };
}

/** Usable GiB of a parity group: RAID1 halves it, RAID5 loses one disk, RAID6 two. */
export function usableCapacityGiB(pg: ParityGroup): number {
  const dataDisks = pg.raid === 'RAID1' ? pg.diskCount / 2 : pg.raid === 'RAID5' ? pg.diskCount - 1 : pg.diskCount - 2;
  return Math.max(0, dataDisks) * pg.diskCapacityGiB;
}

/** `count` scratch cartridges labelled `<prefix>001<mediaId>`… in slots 1…count. */
export function newCartridges(prefix: string, mediaId: string, count: number): Cartridge[] {
  return Array.from({ length: count }, (_, i) => ({ barcode: `${prefix}${String(i + 1).padStart(3, '0')}${mediaId}`, slot: i + 1, scratch: true }));
}

/** A volume-serial prefix for `scratchCartridgesFor`: 1–5 of A–Z, 0–9 (the rest of the 6 characters is the number). */
export const CARTRIDGE_PREFIX = /^[A-Z0-9]{1,5}$/;

/** The media ID new cartridges of a library get: its drives' own LTO generation, or D1 for DVD-RAM. */
export function libraryMediaId(library: DeviceOf<'tapeLibrary'> | DeviceOf<'dvdLibrary'>): string {
  return library.kind === 'tapeLibrary' ? ltoMediaId(library.driveGeneration) : DVD_RAM_MEDIA_ID;
}

/**
 * Up to `count` new scratch cartridges for `library`: labels `<prefix><number><mediaId>`, the
 * number zero-padded to fill the 6-character volume serial and counting on from the highest
 * number the library already uses with this prefix; each in the lowest free slot. Fewer (maybe
 * none) when the library runs out of slots or the prefix out of numbers; none for a bad prefix.
 */
export function scratchCartridgesFor(library: DeviceOf<'tapeLibrary'> | DeviceOf<'dvdLibrary'>, prefix: string, count: number): Cartridge[] {
  if (!CARTRIDGE_PREFIX.test(prefix) || !(count > 0)) return [];
  const digits = 6 - prefix.length;
  const numbered = new RegExp(`^${prefix}(\\d{${digits}})`);
  let n = 0;
  for (const c of library.cartridges) {
    const m = numbered.exec(c.barcode);
    if (m) n = Math.max(n, Number(m[1]));
  }
  const mediaId = libraryMediaId(library);
  const taken = new Set(library.cartridges.map((c) => c.slot));
  const labels = new Set(library.cartridges.map((c) => c.barcode));
  const out: Cartridge[] = [];
  for (let slot = 1; slot <= library.slotCount && out.length < Math.floor(count); slot++) {
    if (taken.has(slot)) continue;
    let barcode = '';
    do {
      n++;
      barcode = `${prefix}${String(n).padStart(digits, '0')}${mediaId}`;
    } while (labels.has(barcode) && n < 10 ** digits);
    if (n >= 10 ** digits) break;
    labels.add(barcode);
    out.push({ barcode, slot, scratch: true });
  }
  return out;
}
