/**
 * A fixed two-site topology and engine statuses for the console's remote-copy tests, built from
 * the API types until (and beside) the engine's own remote copy. Test support only.
 *
 *   arr-m (Seq# 64001, main)    port CL1-A (hg-m = 0): LUN 0 m-1, 1 m-2, 2 m-3, 3 m-4
 *                               port CL3-A (hg-l = 0): LUN 0 m-4s     journals 1 (64 MiB, DOW 30), 5 (32 MiB)
 *   arr-r (Seq# 64002, remote)  port CL1-B (hg-r = 0): LUN 0 r-1, 1 r-2, 2 r-3  journal 2 (64 MiB)
 *   TC01 (remote-sync, fence data, wan1):  sdev1 m-1 → r-1
 *   UR01 (remote-async, CTG 2, jp 1, js 2, wan1): udev1 m-2 → r-2, udev2 m-3 → r-3
 *   LOC  (local): ldev1 m-4 → m-4s
 */
import type { JournalStatus, PairRemoteInfo, PairStatus, RemoteGroupStatus, RemoteStatus, ReplicationStatus, WanLinkStatus } from '../engine/api.ts';
import { Topology } from '../model/topology.ts';
import type { CciContext } from './execute.ts';
import { fakeContext, pair, type FakeContext } from './test-topology.ts';

const fc = (id: string, n: number) => ({ id, kind: 'fc', speedGbps: 8, wwpn: `50:06:0e:80:00:00:01:${n.toString(16).padStart(2, '0')}` });
const ldev = (id: string) => ({ id, name: id, parityGroupId: 'pg1', capacityGiB: 10 });
const pg = { id: 'pg1', tier: 'ssd', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 1920 };
const lu = (portId: string, hostGroupId: string, lun: number, ldevId: string) => ({ portId, hostGroupId, lun, ldevId });

export const REMOTE_TOPOLOGY: Topology = Topology.parse({
  version: 2,
  name: 'cci remote test',
  sites: [
    { id: 'main', name: 'Main', kind: 'main' },
    { id: 'dr', name: 'DR', kind: 'remote' },
  ],
  links: [],
  devices: [
    {
      id: 'arr-r',
      name: 'remote array',
      kind: 'array',
      siteId: 'dr',
      position: { x: 400, y: 0 },
      ports: [fc('CL1-B', 9)],
      cacheGiB: 16,
      parityGroups: [pg],
      ldevs: ['r-1', 'r-2', 'r-3'].map(ldev),
      hostGroups: [{ id: 'hg-r', name: 'r', portId: 'CL1-B', wwpns: [] }],
      luPaths: [lu('CL1-B', 'hg-r', 0, 'r-1'), lu('CL1-B', 'hg-r', 1, 'r-2'), lu('CL1-B', 'hg-r', 2, 'r-3')],
      journals: [{ id: 2, capacityMiB: 64 }],
    },
    {
      id: 'arr-m',
      name: 'main array',
      kind: 'array',
      siteId: 'main',
      position: { x: 0, y: 0 },
      ports: [fc('CL1-A', 1), fc('CL3-A', 2)],
      cacheGiB: 16,
      parityGroups: [pg],
      ldevs: ['m-1', 'm-2', 'm-3', 'm-4', 'm-4s'].map(ldev),
      hostGroups: [
        { id: 'hg-m', name: 'm', portId: 'CL1-A', wwpns: [] },
        { id: 'hg-l', name: 'l', portId: 'CL3-A', wwpns: [] },
      ],
      luPaths: [lu('CL1-A', 'hg-m', 0, 'm-1'), lu('CL1-A', 'hg-m', 1, 'm-2'), lu('CL1-A', 'hg-m', 2, 'm-3'), lu('CL1-A', 'hg-m', 3, 'm-4'), lu('CL3-A', 'hg-l', 0, 'm-4s')],
      journals: [
        { id: 5, capacityMiB: 32 },
        { id: 1, capacityMiB: 64, overflowWatchS: 30 },
      ],
    },
  ],
  copyGroups: [
    { id: 'TC01', kind: 'remote-sync', fence: 'data', wanLinkId: 'wan1', devices: [{ name: 'sdev1', pvol: 'm-1', svol: 'r-1' }] },
    {
      id: 'UR01',
      kind: 'remote-async',
      consistencyGroup: 2,
      masterJournal: 1,
      restoreJournal: 2,
      wanLinkId: 'wan1',
      devices: [
        { name: 'udev1', pvol: 'm-2', svol: 'r-2' },
        { name: 'udev2', pvol: 'm-3', svol: 'r-3' },
      ],
    },
    { id: 'LOC', kind: 'local', devices: [{ name: 'ldev1', pvol: 'm-4', svol: 'm-4s' }] },
  ],
});

function remoteInfo(patch: Partial<PairRemoteInfo>): PairRemoteInfo {
  return {
    groupKey: 'ctg-2',
    mode: 'async',
    fence: null,
    consistencyGroup: 2,
    masterJournal: 1,
    restoreJournal: 2,
    wanLinkId: 'wan1',
    pArrayId: 'arr-m',
    sArrayId: 'arr-r',
    pLdev: 'm-2',
    sLdev: 'r-2',
    targetLibraryId: null,
    swapped: false,
    ...patch,
  };
}

const SYNC_INFO = (): PairRemoteInfo =>
  remoteInfo({ groupKey: 'sync:TC01', mode: 'sync', fence: 'data', consistencyGroup: null, masterJournal: null, restoreJournal: null, pLdev: 'm-1', sLdev: 'r-1' });

/** TC01 PAIR; UR01 udev1 PAIR, udev2 PFUL; LOC PSUS. */
export function remotePairs(): PairStatus[] {
  return [
    pair('TC01', 'sdev1', 'm-1', 'r-1', { kind: 'remote-sync', remote: SYNC_INFO() }),
    pair('UR01', 'udev1', 'm-2', 'r-2', { kind: 'remote-async', remote: remoteInfo({}) }),
    pair('UR01', 'udev2', 'm-3', 'r-3', { kind: 'remote-async', state: 'PFUL', svolState: 'PFUL', remote: remoteInfo({ pLdev: 'm-3', sLdev: 'r-3' }) }),
    pair('LOC', 'ldev1', 'm-4', 'm-4s', { state: 'PSUS', svolState: 'SSUS', svolAccess: 'rw', splitAtS: 3 }),
  ];
}

/** UR01 after `pairsplit -RS` then `pairresync -swaps`: r-2 is the P-VOL now, COPY(RS) towards m-2. */
export function swappedPairs(): PairStatus[] {
  const swapped = (device: string, p: string, s: string) =>
    pair('UR01', device, p, s, {
      kind: 'remote-async',
      state: 'COPY(RS)',
      svolState: 'COPY(RS)',
      copyPct: 12.5,
      remote: remoteInfo({ pArrayId: 'arr-r', sArrayId: 'arr-m', pLdev: s, sLdev: p, masterJournal: 2, restoreJournal: 1, swapped: true }),
    });
  return [swapped('udev1', 'm-2', 'r-2'), swapped('udev2', 'm-3', 'r-3')];
}

export const WAN1: WanLinkStatus = {
  id: 'wan1',
  name: 'WAN 100 km',
  up: true,
  bandwidthMbps: 1000,
  distanceKm: 100,
  oneWayMs: 0.5,
  lossPct: 0,
  jitterMs: 0,
  bytes: 123456789,
  inFlight: 2,
  retransmits: 0,
  reordered: 0,
  utilizationPct: 12,
  throughputMBps: 15,
};

const MIB = 1024 * 1024;

function journal(patch: Partial<JournalStatus>): JournalStatus {
  return { arrayId: 'arr-m', journalId: 1, role: 'master', capacityBytes: 64 * MIB, usedBytes: 0, usedPct: 0, entries: 0, state: 'normal', ...patch };
}

export function urGroup(patch: Partial<RemoteGroupStatus> = {}): RemoteGroupStatus {
  return {
    key: 'ctg-2',
    mode: 'async',
    copyGroups: ['UR01'],
    pairs: ['UR01/udev1', 'UR01/udev2'],
    state: 'PAIR',
    fence: null,
    wanLinkId: 'wan1',
    lastSeq: 4660,
    appliedSeq: 4620,
    lagWrites: 40,
    lagBytes: 40 * 65536,
    lagS: 0.8,
    consistent: true,
    bitmapTracks: 0,
    journals: [
      journal({ usedBytes: 54 * MIB, usedPct: 84.4, entries: 40, state: 'PFUL' }),
      journal({ arrayId: 'arr-r', journalId: 2, role: 'restore', usedBytes: 3 * MIB, usedPct: 4.7, entries: 3 }),
    ],
    suspendedAtS: null,
    suspendReason: null,
    fencedWrites: 0,
    ...patch,
  };
}

function tcGroup(): RemoteGroupStatus {
  return { ...urGroup(), key: 'sync:TC01', mode: 'sync', copyGroups: ['TC01'], pairs: ['TC01/sdev1'], fence: 'data', lastSeq: 10, appliedSeq: 10, lagWrites: 0, lagBytes: 0, lagS: 0, journals: [] };
}

/** wan1 up; the UR group over its high-water mark (PFUL); a sync group; journal 5 unused. */
export function remoteStatus(patch: Partial<RemoteGroupStatus> = {}, up = true): RemoteStatus {
  return { wanLinks: [{ ...WAN1, up }], groups: [urGroup(patch), tcGroup()].sort((a, b) => (a.key < b.key ? -1 : 1)), verifications: [] };
}

export interface RemoteFakeContext extends FakeContext {
  remoteNow: RemoteStatus;
}

/** A fake console over REMOTE_TOPOLOGY; `withRemote` false builds a context without `remote()`. */
export function remoteContext(patch: Partial<FakeContext> = {}, withRemote = true): RemoteFakeContext {
  const replication: ReplicationStatus = { pairs: remotePairs(), pools: [] };
  const ctx = fakeContext({ topology: REMOTE_TOPOLOGY, current: replication, ...patch }) as RemoteFakeContext;
  ctx.remoteNow = remoteStatus();
  if (withRemote) (ctx as CciContext).remote = async () => ctx.remoteNow;
  return ctx;
}
