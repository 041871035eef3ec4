/**
 * A two-site SAN for the remote-copy tests, the benchmark and the built-in remote scenarios:
 *
 *   main site                                         remote site
 *   db ─hba0── swM ── arrM/fc0          arrR/fc0 ── swR ── rpt ─hba0   (reporting server)
 *                      arrM/wan0 ── wan1 (end-a … end-b) ── arrR/wan0  (swR/wan0 with a library target)
 *
 * LDEVs on arrM: P0…P(n-1) (the P-VOLs); on arrR: S0…S(n-1) (the S-VOLs) and optional T0 (a
 * local replica of S0 for the reporting server). Copy group `RC` holds devices d0…d(n-1): Pk → Sk,
 * `remote-async` (journals 0 on both arrays, consistency group 0) or `remote-sync` (fence as
 * given). A library target (`toTape`) sends device `d0` to a tape library `libR` at the remote.
 *
 * Owns the fixture topology only; tests make the assertions.
 */
import { Scenario, type Action, type Expectation, type ScenarioInput } from '../../model/scenario.ts';
import type { Device, Link, Workload } from '../../model/topology.ts';
import { SanBuilder } from './san-builder.ts';

export interface RemoteSanOptions {
  mode?: 'sync' | 'async';
  fence?: 'data' | 'status' | 'never';
  volumes?: number;
  ldevGiB?: number;
  bandwidthMbps?: number;
  distanceKm?: number;
  lossPct?: number;
  jitterUs?: number;
  journalMiB?: number;
  restoreJournalMiB?: number;
  overflowWatchS?: number;
  /** A workload `oltp` on db over P0 … (one per volume when `perVolume`). */
  workload?: Partial<Omit<Workload, 'target' | 'id'>> | null;
  perVolume?: boolean;
  /**
   * `sync+async`: two copy groups side by side — RCS (remote-sync, d0: P0 → S0) and RCA
   * (remote-async, d1: P1 → S1) — each volume with its own workload (oltp0, oltp1).
   */
  groups?: 'one' | 'sync+async' | 'two-journals';
  /** Device d0 goes to a tape library at the remote site instead of S0. */
  toTape?: boolean;
  /** A local pair REP/r0: S0 → T0 on arrR, and the reporting server `rpt` reaching T0. */
  reportReplica?: boolean;
  /** A workload of the reporting server `rpt` at the remote site on LUN `lun` of arrR/fc0 (S0… then T0). */
  remoteWorkload?: Partial<Omit<Workload, 'target'>> & { id: string; lun: number };
  timeline?: { atS: number; action: Action }[];
  expectations?: Expectation[];
  runbooks?: ScenarioInput['runbooks'];
  clockStart?: string;
  durationS?: number;
  seed?: number;
  name?: string;
  description?: string;
}

export function remoteScenario(o: RemoteSanOptions = {}): Scenario {
  const n = o.volumes ?? 1;
  const gib = o.ldevGiB ?? 1;
  const b = new SanBuilder(o.name ?? 'remote copy SAN');
  b.server('db', { speedGbps: 16 }).fcSwitch('swM', { ports: 8, speedGbps: 16 });
  b.array('arrM', { ports: 1, speedGbps: 16, cacheGiB: 32 }).parityGroup('arrM', 'pg1', 'ssd', 'RAID5', 8);
  b.array('arrR', { ports: 2, speedGbps: 16, cacheGiB: 32 }).parityGroup('arrR', 'pg1', 'ssd', 'RAID5', 8);
  b.server('rpt', { speedGbps: 16 }).fcSwitch('swR', { ports: 8, speedGbps: 16 });
  for (let k = 0; k < n; k++) {
    b.ldev('arrM', `P${k}`, 'pg1', gib);
    b.ldev('arrR', `S${k}`, 'pg1', gib);
  }
  if (o.reportReplica) b.ldev('arrR', 'T0', 'pg1', gib);
  b.connect('db/hba0', 'swM').connect('swM', 'arrM/fc0').connect('rpt/hba0', 'swR').connect('swR', 'arrR/fc0').connect('swR', 'arrR/fc1');
  b.hostGroup('arrM', 'hg-db', 'fc0', { servers: ['db'] });
  for (let k = 0; k < n; k++) b.luPath('arrM', 'fc0', 'hg-db', k, `P${k}`);
  b.hostGroup('arrR', 'hg-rpt', 'fc0', { servers: ['rpt'] });
  for (let k = 0; k < n; k++) b.luPath('arrR', 'fc0', 'hg-rpt', k, `S${k}`);
  if (o.reportReplica) {
    b.luPath('arrR', 'fc0', 'hg-rpt', n, 'T0');
    b.copyGroup({ id: 'REP', kind: 'local', devices: [{ name: 'r0', pvol: 'S0', svol: 'T0' }] });
  }
  const mode = o.mode ?? 'async';
  if (o.groups === 'two-journals') {
    // One consistency group over two journals: RC (d0: P0 → S0, journals 0) and RC2 (d1: P1 → S1, journals 1).
    b.copyGroup({ id: 'RC', kind: 'remote-async', consistencyGroup: 0, masterJournal: 0, restoreJournal: 0, devices: [{ name: 'd0', pvol: 'P0', svol: 'S0' }] });
    b.copyGroup({ id: 'RC2', kind: 'remote-async', consistencyGroup: 0, masterJournal: 1, restoreJournal: 1, devices: [{ name: 'd1', pvol: 'P1', svol: 'S1' }] });
  } else if (o.groups === 'sync+async') {
    b.copyGroup({ id: 'RCS', kind: 'remote-sync', fence: o.fence ?? 'never', devices: [{ name: 'd0', pvol: 'P0', svol: 'S0' }] });
    b.copyGroup({ id: 'RCA', kind: 'remote-async', consistencyGroup: 0, masterJournal: 0, restoreJournal: 0, devices: [{ name: 'd1', pvol: 'P1', svol: 'S1' }] });
  } else b.copyGroup({
    id: 'RC',
    kind: mode === 'sync' ? 'remote-sync' : 'remote-async',
    ...(mode === 'sync' ? { fence: o.fence ?? 'never' } : { consistencyGroup: 0, masterJournal: 0, restoreJournal: 0 }),
    ...(o.toTape ? { targetLibraryId: 'libR' } : {}),
    devices: Array.from({ length: n }, (_, k) => (o.toTape && k === 0 ? { name: `d${k}`, pvol: `P${k}` } : { name: `d${k}`, pvol: `P${k}`, svol: `S${k}` })),
  });
  if (o.workload !== undefined && o.workload !== null) {
    const targets = o.perVolume ? n : 1;
    for (let k = 0; k < targets; k++) {
      b.workload('db', { rw: 'randwrite', bs: '4k', rate_iops: 1000, ...o.workload, id: targets === 1 ? 'oltp' : `oltp${k}`, target: { arrayId: 'arrM', portId: 'fc0', lun: k } });
    }
  }
  if (o.remoteWorkload) {
    const { lun, ...spec } = o.remoteWorkload;
    b.workload('rpt', { rw: 'randread', bs: '64k', ...(spec.rate_iops === undefined ? { iodepth: 8 } : {}), ...spec, target: { arrayId: 'arrR', portId: 'fc0', lun } });
  }
  for (const e of o.timeline ?? []) b.at(e.atS, e.action);
  for (const e of o.expectations ?? []) b.expect(e.path, e.op, e.value, e.description);
  const built = b.build({ seed: o.seed ?? 1, durationS: o.durationS ?? 60 });
  return twoSites(built, o);
}

/** Moves the remote half to site `remote`, adds WAN ports, the WAN link, journals and the library. */
function twoSites(built: Scenario, o: RemoteSanOptions): Scenario {
  const remoteIds = new Set(['arrR', 'swR', 'rpt', 'libR']);
  const journal = (mib: number) => [0, ...(o.groups === 'two-journals' ? [1] : [])].map((id) => ({ id, capacityMiB: mib, overflowWatchS: o.overflowWatchS ?? 60 }));
  const devices: Device[] = built.topology.devices.map((d) => {
    const siteId = remoteIds.has(d.id) ? 'remote' : 'main';
    if (d.id === 'swR') return { ...d, siteId, ports: [...d.ports, { id: 'wan0', kind: 'wan', speedGbps: 10 }] };
    if (d.kind !== 'array') return { ...d, siteId };
    return { ...d, siteId, ports: [...d.ports, { id: 'wan0', kind: 'wan', speedGbps: 10 }], journals: journal(d.id === 'arrM' ? (o.journalMiB ?? 1024) : (o.restoreJournalMiB ?? o.journalMiB ?? 1024)) };
  });
  devices.push({
    id: 'wan1', name: 'WAN main–remote', kind: 'wanLink', siteId: 'main', position: { x: 400, y: 0 },
    ports: [{ id: 'end-a', kind: 'wan', speedGbps: 10 }, { id: 'end-b', kind: 'wan', speedGbps: 10 }],
    bandwidthMbps: o.bandwidthMbps ?? 1000, distanceKm: o.distanceKm ?? 100, lossPct: o.lossPct ?? 0, jitterUs: o.jitterUs ?? 0,
  });
  const links: Link[] = [
    ...built.topology.links,
    { id: 'wan-a', a: { deviceId: 'arrM', portId: 'wan0' }, b: { deviceId: 'wan1', portId: 'end-a' }, lengthM: 10 },
    // The remote end lands on the remote switch's FCIP port when a library is a target (the array and the library behind it).
    { id: 'wan-b', a: { deviceId: 'wan1', portId: 'end-b' }, b: o.toTape ? { deviceId: 'swR', portId: 'wan0' } : { deviceId: 'arrR', portId: 'wan0' }, lengthM: 10 },
  ];
  if (o.toTape) {
    devices.push({
      id: 'libR', name: 'Remote tape library', kind: 'tapeLibrary', siteId: 'remote', position: { x: 800, y: 300 },
      ports: [{ id: 'drive0', kind: 'fc', speedGbps: 8, wwpn: '50:01:43:80:00:00:09:01' }],
      driveGeneration: 'LTO-8', driveCount: 1, slotCount: 20, ioSlotCount: 2,
      cartridges: [{ barcode: 'RMT001L8', slot: 1, scratch: true }],
    });
    links.push({ id: 'fc-libR', a: { deviceId: 'libR', portId: 'drive0' }, b: { deviceId: 'swR', portId: 'p7' }, lengthM: 10 });
  }
  const input: ScenarioInput = {
    ...built,
    name: o.name ?? built.name,
    description: o.description ?? '',
    topology: { ...built.topology, sites: [{ id: 'main', name: 'Main site', kind: 'main' }, { id: 'remote', name: 'Remote site', kind: 'remote' }], devices, links },
    runbooks: o.runbooks ?? [],
    clockStart: o.clockStart ?? '00:00',
  };
  return Scenario.parse(input);
}
