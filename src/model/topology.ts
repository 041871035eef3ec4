/**
 * The topology document: the single source of truth for a SAN design.
 *
 * Owns: the zod schema (the only definition of the shape; the JSON Schema in `schema/` is
 * generated from it), the device kinds and their typed ports, and the TypeScript types derived
 * from the schema. Structural rules only live here (types, ranges, formats); cross-reference
 * rules (dangling links, duplicate WWPNs, missing routes …) live in `design-rules.ts` so that a
 * half-finished design on the canvas still parses and can be reported on.
 *
 * Pure data: no DOM, no Node, no React.
 */
import { z } from 'zod';
import { Monitoring, Multipath } from './topology-monitoring.ts';
import { Zoning } from './topology-zoning.ts';

export const TOPOLOGY_VERSION = 2 as const;

/** An id: letters, digits and `-_.:` (LDEV ids such as `00:1A` are allowed). */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'ids use letters, digits and - _ . : only');
export type Id = z.infer<typeof Id>;

/** A WWPN as 8 colon-separated hex bytes, lower case: `50:06:0e:80:00:00:00:01`. */
export const Wwpn = z
  .string()
  .regex(/^([0-9a-f]{2}:){7}[0-9a-f]{2}$/, 'a WWPN is 8 lower-case hex bytes joined by colons');
export type Wwpn = z.infer<typeof Wwpn>;

export const Position = z.object({ x: z.number().finite(), y: z.number().finite() });

export const SiteKind = z.enum(['main', 'remote']);
export const Site = z.object({ id: Id, name: z.string().min(1).max(80), kind: SiteKind });
export type Site = z.infer<typeof Site>;

/** Port kinds: FC (fibre channel, WWPN), LAN (Ethernet), WAN (long-distance circuit end). */
export const PortKind = z.enum(['fc', 'lan', 'wan']);
export type PortKind = z.infer<typeof PortKind>;

/** FC link speeds in GFC; 1 GFC ≈ 100 MB/s of payload (see engine/fabric constants). */
export const FcSpeedGbps = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(4),
  z.literal(8),
  z.literal(16),
  z.literal(32),
]);

export const Port = z.object({
  id: Id,
  kind: PortKind,
  /** Line rate in Gbit/s: FC in GFC (1…32), LAN in Gbit Ethernet (0.1…100). */
  speedGbps: z.number().positive().max(400),
  /** FC ports only: the port's world-wide port name. */
  wwpn: Wwpn.optional(),
  label: z.string().max(40).optional(),
});
export type Port = z.infer<typeof Port>;

// Every device object declares: id, name, kind, siteId, position, ports, then its own fields.
// (The declaration order is the key order of saved files; see serialize.ts.)
const DeviceHead = {
  id: Id,
  name: z.string().min(1).max(80),
};
const DeviceTail = {
  siteId: Id,
  position: Position,
  /** The user pinned the device where it is: auto-layout never moves it. */
  pinned: z.boolean().optional(),
  ports: z.array(Port).max(256),
};

// ---------------------------------------------------------------- servers and workloads

export const ServerClass = z.enum(['mainframe', 'unix', 'pc']);
export const ServerRole = z.enum([
  'database',
  'mirror-middleware',
  'backup-server',
  'backup-agent',
  'coordination-agent',
  'san-manager',
]);

/** A size in fio's notation: `4k`, `256k`, `1m`, `10g`, or plain bytes. */
export const SizeString = z
  .string()
  .regex(/^\d+(\.\d+)?\s*([kmgtKMGT]i?[bB]?)?$/, 'a size like 4k, 64k, 1m, 10g or a byte count');

export const FioRw = z.enum(['read', 'write', 'randread', 'randwrite', 'randrw', 'rw']);
export type FioRw = z.infer<typeof FioRw>;

/** The LU a workload drives, as the host addresses it: array, array port, LUN. */
export const LuTarget = z.object({ arrayId: Id, portId: Id, lun: z.number().int().min(0).max(2047) });
export type LuTarget = z.infer<typeof LuTarget>;

export const Workload = z
  .object({
    id: Id,
    name: z.string().min(1).max(80),
    target: LuTarget,
    /** fio `rw`. */
    rw: FioRw,
    /** fio `rwmixread`: percent of reads for randrw / rw. */
    rwmixread: z.number().int().min(0).max(100).default(70),
    /** fio `bs`: block size of each I/O. */
    bs: SizeString.default('4k'),
    /** fio `iodepth`: closed loop, this many I/Os outstanding. Mutually exclusive with rate_iops. */
    iodepth: z.number().int().min(1).max(1024).optional(),
    /** fio `rate_iops`: open loop, Poisson arrivals at this mean rate. */
    rate_iops: z.number().positive().max(10_000_000).optional(),
    /** fio `size`: the working set at the start of the LU (defaults to the whole LU). */
    size: SizeString.optional(),
    /** Access skew: uniform, or zipf with exponent theta (fio `random_distribution=zipf:θ`). */
    skew: z
      .object({ kind: z.enum(['uniform', 'zipf']), theta: z.number().min(0).max(3).default(0.9) })
      .default({ kind: 'uniform', theta: 0.9 }),
    /** fio `runtime` in seconds after it starts; absent = until stopped. */
    runtime: z.number().positive().optional(),
    /** Seconds after the run starts at which it begins; absent = only when a timeline action starts it. */
    startAtS: z.number().min(0).optional(),
  })
  .refine((w) => !(w.iodepth !== undefined && w.rate_iops !== undefined), {
    message: 'give either iodepth (closed loop) or rate_iops (open loop), not both',
    path: ['rate_iops'],
  });
export type Workload = z.infer<typeof Workload>;

export const Server = z.object({
  ...DeviceHead,
  kind: z.literal('server'),
  ...DeviceTail,
  serverClass: ServerClass,
  roles: z.array(ServerRole).max(6).default([]),
  workloads: z.array(Workload).max(64).default([]),
  /** The tenant (company) the server belongs to in a multi-tenant data center (SAN patent Fig. 20). */
  tenant: z.string().min(1).max(80).optional(),
  /** Multipath I/O over several HBAs (absent: active/standby with the defaults of `Multipath`). */
  multipath: Multipath.optional(),
});

export const Client = z.object({ ...DeviceHead, kind: z.literal('client'), ...DeviceTail });

export { ZoneMember, ZoneName, ZoneObject, Zoning } from './topology-zoning.ts';

export const FcSwitch = z.object({
  ...DeviceHead,
  kind: z.literal('fcSwitch'),
  ...DeviceTail,
  domainId: z.number().int().min(1).max(239),
  /** The fabric's zoning database (on the principal switch; absent: no zoning, all access). */
  zoning: Zoning.optional(),
});
export const FcHub = z.object({ ...DeviceHead, kind: z.literal('fcHub'), ...DeviceTail });
export const Bridge = z.object({ ...DeviceHead, kind: z.literal('bridge'), ...DeviceTail });

// ---------------------------------------------------------------- disk arrays

export const Tier = z.enum(['ssd', 'hdd15k', 'hdd7k']);
export type Tier = z.infer<typeof Tier>;
export const RaidLevel = z.enum(['RAID1', 'RAID5', 'RAID6']);
export type RaidLevel = z.infer<typeof RaidLevel>;

export const ParityGroup = z.object({
  id: Id,
  tier: Tier,
  raid: RaidLevel,
  diskCount: z.number().int().min(2).max(32),
  diskCapacityGiB: z.number().positive().max(100_000),
});
export type ParityGroup = z.infer<typeof ParityGroup>;

/** A logical device. `id` is unique in the whole document (reports are keyed by it). */
export const Ldev = z.object({
  id: Id,
  name: z.string().min(1).max(80),
  parityGroupId: Id,
  capacityGiB: z.number().positive().max(1_048_576),
  readOnly: z.boolean().default(false),
  /**
   * A cache-resident (virtual) volume: its tracks are pinned in cache and never touch disks
   * (the SAN patent's Fig. 11 intermediate volume). Its capacity still comes from the cache.
   */
  cacheResident: z.boolean().default(false),
  /** The tenant (company) whose data the LDEV holds (SAN patent Fig. 20). */
  tenant: z.string().min(1).max(80).optional(),
});
export type Ldev = z.infer<typeof Ldev>;

/** LUN security: a host group on one array port lists the WWPNs allowed to see its LUs. */
export const HostGroup = z.object({
  id: Id,
  name: z.string().min(1).max(64),
  portId: Id,
  wwpns: z.array(Wwpn).max(256),
});
export type HostGroup = z.infer<typeof HostGroup>;

/** (array port, host group, LUN) → LDEV. */
export const LuPath = z.object({
  portId: Id,
  hostGroupId: Id,
  lun: z.number().int().min(0).max(2047),
  ldevId: Id,
});
export type LuPath = z.infer<typeof LuPath>;

/**
 * A snapshot pool (Thin Image): where copy-on-write snapshots keep the old content of the
 * tracks their P-VOLs overwrite. Its capacity sits on one parity group of the array.
 */
export const SnapshotPool = z.object({
  id: Id,
  name: z.string().min(1).max(80),
  parityGroupId: Id,
  capacityGiB: z.number().positive().max(1_048_576),
  /** Use above this percent puts the pool's snapshots in the warning state (PFUL/PFUS). */
  warningPct: z.number().int().min(1).max(99).default(80),
});
export type SnapshotPool = z.infer<typeof SnapshotPool>;

/**
 * A journal (Universal Replicator): a journal volume on the array that holds the writes of
 * asynchronous remote copy in sequence order — as the master journal at the main site until the
 * remote has applied them, as the restore journal at the remote until they are applied there.
 */
export const Journal = z.object({
  /** CCI journal ID, 0–255. */
  id: z.number().int().min(0).max(255),
  /** Capacity of the journal volume(s), MiB. */
  capacityMiB: z.number().positive().max(16_777_216),
  /**
   * Data overflow watch: seconds the master journal may stay full (host writes then wait for
   * space) before the whole consistency group suspends (PFUS). 0 suspends at once.
   */
  overflowWatchS: z.number().min(0).max(600).default(60),
});
export type Journal = z.infer<typeof Journal>;

export const DiskArray = z.object({
  ...DeviceHead,
  kind: z.literal('array'),
  ...DeviceTail,
  cacheGiB: z.number().positive().max(4096),
  /** Track size in KiB: the unit of cache slots, bitmaps and copies. */
  trackKiB: z.number().int().min(4).max(4096).default(256),
  parityGroups: z.array(ParityGroup).max(256).default([]),
  ldevs: z.array(Ldev).max(4096).default([]),
  hostGroups: z.array(HostGroup).max(1024).default([]),
  luPaths: z.array(LuPath).max(8192).default([]),
  pools: z.array(SnapshotPool).max(64).default([]),
  /** Journals for asynchronous remote copy (absent: none). */
  journals: z.array(Journal).max(256).optional(),
});
export type DiskArray = z.infer<typeof DiskArray>;

// ---------------------------------------------------------------- libraries, LAN, WAN, console

export const LtoGeneration = z.enum(['LTO-1', 'LTO-2', 'LTO-3', 'LTO-4', 'LTO-5', 'LTO-6', 'LTO-7', 'LTO-8', 'LTO-9']);

/**
 * A barcoded cartridge in a library slot. The label is 6 characters of volume serial and a
 * 2-character media ID: `ULT001L6` is LTO-6 (L1…L9 data, LT…LZ WORM for LTO-3…LTO-9), `DVD001D1`
 * a DVD-RAM disc. The engine checks the media against the drives (compile error naming the field).
 */
export const Cartridge = z.object({
  barcode: z.string().regex(/^[A-Z0-9]{6}[A-Z][A-Z0-9]$/, 'a barcode is 6 characters A-Z 0-9 and a media ID, e.g. ULT001L8 or DVD001D1'),
  /** Storage slot number, 1…slotCount. */
  slot: z.number().int().min(1).max(10_000),
  /** A cartridge already holding data is not scratch (blank) and is never picked for a new backup. */
  scratch: z.boolean().default(true),
});
export type Cartridge = z.infer<typeof Cartridge>;

const LibraryCommon = {
  slotCount: z.number().int().min(1).max(10_000),
  /** Import/export (mail) slots through which an operator adds or removes cartridges. */
  ioSlotCount: z.number().int().min(0).max(256).default(4),
  cartridges: z.array(Cartridge).max(10_000).default([]),
};

export const TapeLibrary = z.object({
  ...DeviceHead,
  kind: z.literal('tapeLibrary'),
  ...DeviceTail,
  driveGeneration: LtoGeneration,
  driveCount: z.number().int().min(1).max(64),
  ...LibraryCommon,
});
export const DvdLibrary = z.object({
  ...DeviceHead,
  kind: z.literal('dvdLibrary'),
  ...DeviceTail,
  driveCount: z.number().int().min(1).max(32),
  ...LibraryCommon,
});
export const LanSegment = z.object({ ...DeviceHead, kind: z.literal('lanSegment'), ...DeviceTail });
/**
 * A WAN circuit between two sites. Its two WAN ports attach to devices in different sites; its
 * own `siteId` is the site it is drawn in (conventionally the main site).
 */
export const WanLink = z.object({
  ...DeviceHead,
  kind: z.literal('wanLink'),
  ...DeviceTail,
  bandwidthMbps: z.number().positive().max(400_000),
  distanceKm: z.number().min(0).max(20_000),
  lossPct: z.number().min(0).max(50).default(0),
  jitterUs: z.number().min(0).max(1_000_000).default(0),
});
/** The storage-management console (SAN patent Figs. 12–13): health, alerts, performance, volume moves. */
export const Console = z.object({ ...DeviceHead, kind: z.literal('console'), ...DeviceTail, monitoring: Monitoring.optional() });

export const Device = z.discriminatedUnion('kind', [
  Server,
  Client,
  FcSwitch,
  FcHub,
  Bridge,
  DiskArray,
  TapeLibrary,
  DvdLibrary,
  LanSegment,
  WanLink,
  Console,
]);
export type Device = z.infer<typeof Device>;
export type DeviceKind = Device['kind'];
export type DeviceOf<K extends DeviceKind> = Extract<Device, { kind: K }>;
export type Server = DeviceOf<'server'>;
export type WanLink = DeviceOf<'wanLink'>;

export const DEVICE_KINDS: readonly DeviceKind[] = [
  'server',
  'client',
  'fcSwitch',
  'fcHub',
  'bridge',
  'array',
  'tapeLibrary',
  'dvdLibrary',
  'lanSegment',
  'wanLink',
  'console',
];

// ---------------------------------------------------------------- links and the document

export const Endpoint = z.object({ deviceId: Id, portId: Id });
export type Endpoint = z.infer<typeof Endpoint>;

/** A cable between two ports. Its kind is the kind of both ports (they must match). */
export const Link = z.object({
  id: Id,
  a: Endpoint,
  b: Endpoint,
  /** Cable length in metres (FC/LAN); WAN distance lives on the WanLink device. */
  lengthM: z.number().min(0).max(100_000).default(10),
});
export type Link = z.infer<typeof Link>;

// ---------------------------------------------------------------- replication (copy groups)

/**
 * What kind of pairs a copy group holds:
 * - `local`: array-internal pairs (ShadowImage): P-VOL and S-VOL on one array, copied by the array;
 * - `host-mirror`: the data mirror program of a server (JP2002-041345) duplexes the server's
 *   writes to both volumes, which may sit on different arrays;
 * - `snapshot`: copy-on-write snapshots (Thin Image) of the P-VOL kept in a pool; `svol`, when
 *   given, is the LDEV through which hosts read the snapshot image;
 * - `remote-sync` (TrueCopy): the P-VOL's array sends each host write over a WAN link to the
 *   S-VOL's array in the other site and acknowledges the host after the remote has it;
 * - `remote-async` (Universal Replicator): the host is acknowledged at once; the write goes to
 *   the master journal with a sequence number of its consistency group, the remote pulls it over
 *   the WAN and applies the group's writes strictly in sequence order.
 */
export const CopyGroupKind = z.enum(['local', 'host-mirror', 'snapshot', 'remote-sync', 'remote-async']);
export type CopyGroupKind = z.infer<typeof CopyGroupKind>;

/** One pair of a copy group, addressed as CCI does: group name + device name. */
export const CopyGroupDevice = z.object({
  /** CCI `dev_name`. */
  name: Id,
  /** LDEV id of the P-VOL. */
  pvol: Id,
  /** LDEV id of the S-VOL (required for local, host-mirror and remote-sync pairs; a remote-async device without one writes `targetLibraryId`'s tape). */
  svol: Id.optional(),
  /** CCI mirror unit (MU#): several pairs or snapshot generations of one P-VOL use different MUs. */
  mu: z.number().int().min(0).max(1023).default(0),
});
export type CopyGroupDevice = z.infer<typeof CopyGroupDevice>;

/** A CCI device group (`dev_group` of horcm.conf): the pairs commands address together. */
export const CopyGroup = z.object({
  /** CCI `dev_group`. */
  id: Id,
  kind: CopyGroupKind,
  /** host-mirror: the server whose mirror program duplexes the writes. */
  serverId: Id.optional(),
  /**
   * host-mirror: whether the mirror program records the positions written while split
   * (differential resync) or not (every resync is a full copy), as in the patent's two variants.
   */
  recordPositions: z.boolean().default(true),
  /** snapshot: the pool (on the P-VOLs' array) that holds the preserved tracks. */
  poolId: Id.optional(),
  /**
   * remote-sync: the fence level — what a write does when its update cannot reach the S-VOL:
   * `data` refuses it (and every write while the pair is suspended by the error), `status`
   * refuses it only when the S-VOL cannot be marked suspended (the remote is unreachable),
   * `never` accepts it and records it in the bitmap. Default `never`.
   */
  fence: z.enum(['data', 'status', 'never']).optional(),
  /** remote-async: the consistency group (CTG, 0–255): every group with the same number applies in one sequence. Default 0. */
  consistencyGroup: z.number().int().min(0).max(255).optional(),
  /** remote-async: the master journal's ID on the P-VOLs' array (default 0). */
  masterJournal: z.number().int().min(0).max(255).optional(),
  /** remote-async: the restore journal's ID on the S-VOLs' array (default 0). */
  restoreJournal: z.number().int().min(0).max(255).optional(),
  /** remote: the WAN link the copy crosses (default: the one that joins the two arrays). */
  wanLinkId: Id.optional(),
  /**
   * remote-async: a tape or DVD-RAM library at the remote site; devices without `svol` are
   * copied to its cartridges, written sequentially in sequence order (the patent's cheaper copy).
   */
  targetLibraryId: Id.optional(),
  devices: z.array(CopyGroupDevice).min(1).max(1024),
});
export type CopyGroup = z.infer<typeof CopyGroup>;

// ---------------------------------------------------------------- backup (the SAN manager)

/** How a backup reaches the library (SAN patent Fig. 8). */
export const BackupPath = z.enum(['lan', 'lan-free', 'server-less']);
export type BackupPath = z.infer<typeof BackupPath>;

/** "HH:MM", 24-hour clock. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM, e.g. 01:30');

/**
 * A backup policy for one data set (volume), as the SAN manager keeps it (Figs. 12, 19):
 * how often, in which window, to which library, kept how long.
 */
export const BackupPolicy = z.object({
  id: Id,
  /** The tenant (company) owning the data set, e.g. "Company A". */
  tenant: z.string().min(1).max(80),
  /** The data set: the LDEV to back up. */
  ldevId: Id,
  /**
   * `replica`: the manager takes a free LDEV at least as large as the data set from the free
   * pool, copies and splits it at the window start, backs the replica up and returns it to the
   * pool (Fig. 19). `direct`: the volume itself is read.
   */
  method: z.enum(['replica', 'direct']).default('replica'),
  frequency: z.enum(['daily', 'weekly']).default('daily'),
  /** Weekly policies: the day, 0 = Sunday. */
  weekday: z.number().int().min(0).max(6).default(0),
  windowStart: ClockTime,
  windowHours: z.number().positive().max(24),
  libraryId: Id,
  path: BackupPath.default('server-less'),
  /** The server that reads the volume (lan, lan-free); absent for server-less. */
  serverId: Id.optional(),
  /** lan: the backup server that writes the tape. */
  backupServerId: Id.optional(),
  retentionDays: z.number().int().min(1).max(3650).default(7),
  /** The data size the SAN manager's estimate uses, GiB; absent: the volume's written data when it plans. */
  dataGiB: z.number().positive().max(1_048_576).optional(),
});
export type BackupPolicy = z.infer<typeof BackupPolicy>;

/** The SAN manager: where it runs, its pool of free volumes for replicas, its policies. */
export const BackupConfig = z.object({
  /** The management server running the SAN manager (role san-manager). */
  managerServerId: Id.optional(),
  /** LDEVs the manager may take as replicas (Fig. 19 free-volume pool). */
  freeVolumes: z.array(Id).max(4096).default([]),
  policies: z.array(BackupPolicy).max(1024).default([]),
});
export type BackupConfig = z.infer<typeof BackupConfig>;

export const Topology = z.object({
  version: z.literal(TOPOLOGY_VERSION),
  name: z.string().min(1).max(120),
  sites: z.array(Site).min(1).max(8),
  devices: z.array(Device).max(5000),
  links: z.array(Link).max(20000),
  /** CCI copy groups (horcm.conf HORCM_DEV): local pairs, host mirrors and snapshots. */
  copyGroups: z.array(CopyGroup).max(256).default([]),
  /** Backup policies and the SAN manager's free-volume pool. */
  backup: BackupConfig.default({ freeVolumes: [], policies: [] }),
});
export type Topology = z.infer<typeof Topology>;
