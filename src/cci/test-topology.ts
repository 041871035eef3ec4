/**
 * A fixed topology and helpers for the console's tests: two arrays with CCI-style port names, a
 * local copy group and a snapshot group, and a fake `CciContext` whose clock, pair statuses and
 * engine verdicts the test controls. Test support only (imported by `*.test.ts`).
 *
 *   arr1 (Seq# 64001)  ports CL1-A (host groups hg-db = 0, hg-db2 = 1), CL2-A (hg-bk = 0)
 *     LDEVs db-p, db-s, log-p, log-s, 00:1A; pool pool0 "ti-pool"
 *     LU paths: CL1-A/hg-db LUN 0 db-p, 1 log-p; CL2-A/hg-bk LUN 0 db-s, 1 log-s;
 *               CL1-A/hg-db2 LUN 0 00:1A
 *   arr2 (Seq# 64002)  port CL1-A (hg-r = 0)  LDEV r-1 at LUN 0
 *   VG01 (local): dev1 db-p → db-s, dev2 log-p → log-s
 *   SNAP1 (snapshot, pool0): gen0 db-p MU 0 → 00:1A, gen1 db-p MU 1 (no S-VOL)
 */
import type { CommandResult, PairStatus, PoolStatus, ReplicationStatus } from '../engine/api.ts';
import type { Action } from '../model/scenario.ts';
import { Topology } from '../model/topology.ts';
import type { CciContext } from './execute.ts';

const place = { siteId: 'main', position: { x: 0, y: 0 } };
const fc = (id: string, n: number) => ({ id, kind: 'fc', speedGbps: 8, wwpn: `50:06:0e:80:00:00:00:${n.toString(16).padStart(2, '0')}` });
const ldev = (id: string) => ({ id, name: id, parityGroupId: 'pg1', capacityGiB: 10 });
const pg = { id: 'pg1', tier: 'ssd', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 1920 };

export const TOPOLOGY: Topology = Topology.parse({
  version: 2,
  name: 'cci test',
  sites: [{ id: 'main', name: 'Main', kind: 'main' }],
  links: [],
  devices: [
    {
      id: 'arr2',
      name: 'remote array',
      kind: 'array',
      ...place,
      ports: [fc('CL1-A', 9)],
      cacheGiB: 16,
      parityGroups: [pg],
      ldevs: [ldev('r-1')],
      hostGroups: [{ id: 'hg-r', name: 'r', portId: 'CL1-A', wwpns: [] }],
      luPaths: [{ portId: 'CL1-A', hostGroupId: 'hg-r', lun: 0, ldevId: 'r-1' }],
    },
    {
      id: 'arr1',
      name: 'main array',
      kind: 'array',
      ...place,
      ports: [fc('CL1-A', 1), fc('CL2-A', 2)],
      cacheGiB: 16,
      parityGroups: [pg],
      ldevs: ['db-p', 'db-s', 'log-p', 'log-s', '00:1A'].map(ldev),
      hostGroups: [
        { id: 'hg-db', name: 'db', portId: 'CL1-A', wwpns: [] },
        { id: 'hg-bk', name: 'backup', portId: 'CL2-A', wwpns: [] },
        { id: 'hg-db2', name: 'db2', portId: 'CL1-A', wwpns: [] },
      ],
      luPaths: [
        { portId: 'CL2-A', hostGroupId: 'hg-bk', lun: 1, ldevId: 'log-s' },
        { portId: 'CL1-A', hostGroupId: 'hg-db', lun: 0, ldevId: 'db-p' },
        { portId: 'CL1-A', hostGroupId: 'hg-db', lun: 1, ldevId: 'log-p' },
        { portId: 'CL2-A', hostGroupId: 'hg-bk', lun: 0, ldevId: 'db-s' },
        { portId: 'CL1-A', hostGroupId: 'hg-db2', lun: 0, ldevId: '00:1A' },
      ],
      pools: [{ id: 'pool0', name: 'ti-pool', parityGroupId: 'pg1', capacityGiB: 64 }],
    },
  ],
  copyGroups: [
    {
      id: 'VG01',
      kind: 'local',
      devices: [
        { name: 'dev1', pvol: 'db-p', svol: 'db-s' },
        { name: 'dev2', pvol: 'log-p', svol: 'log-s' },
      ],
    },
    {
      id: 'SNAP1',
      kind: 'snapshot',
      poolId: 'pool0',
      devices: [
        { name: 'gen0', pvol: 'db-p', svol: '00:1A', mu: 0 },
        { name: 'gen1', pvol: 'db-p', mu: 1 },
      ],
    },
  ],
});

/** A pair status with plausible defaults; `patch` sets what the test cares about. */
export function pair(group: string, device: string, pvol: string, svol: string | null, patch: Partial<PairStatus> = {}): PairStatus {
  return {
    key: `${group}/${device}`,
    group,
    device,
    kind: group === 'SNAP1' ? 'snapshot' : 'local',
    mu: 0,
    pvol,
    svol,
    state: 'PAIR',
    svolState: 'PAIR',
    copyPct: 100,
    pace: 3,
    pendingTracks: 0,
    pDirtyTracks: 0,
    sDirtyTracks: 0,
    dirtyTracks: 0,
    trackCount: 40960,
    tracksCopied: 40960,
    bytesCopied: 40960 * 262144,
    splitAtS: null,
    svolAccess: 'none',
    preservedTracks: 0,
    ...patch,
  };
}

export const POOL: PoolStatus = {
  key: 'arr1/pool0',
  arrayId: 'arr1',
  poolId: 'pool0',
  name: 'ti-pool',
  capacityTracks: 262144,
  usedTracks: 31457,
  usedPct: 12.0003,
  warningPct: 80,
  state: 'normal',
};

/** VG01 dev1 in PAIR, dev2 in COPY at 42.7 %; SNAP1 gen0 split holding 1234 tracks, gen1 SMPL. */
export function status(): ReplicationStatus {
  return {
    pairs: [
      pair('SNAP1', 'gen0', 'db-p', '00:1A', { state: 'PSUS', svolState: 'SSUS', svolAccess: 'rw', preservedTracks: 1234, splitAtS: 5 }),
      pair('SNAP1', 'gen1', 'db-p', null, { mu: 1, state: 'SMPL', svolState: 'SMPL' }),
      pair('VG01', 'dev1', 'db-p', 'db-s'),
      pair('VG01', 'dev2', 'log-p', 'log-s', { state: 'COPY', svolState: 'COPY', copyPct: 42.7 }),
    ],
    pools: [POOL],
  };
}

export interface FakeContext extends CciContext {
  applied: Action[];
  advances: number[];
  now: number;
  /** The clock stops here (the run's end). */
  endS: number;
  current: ReplicationStatus;
  /** Called after each clock move, to change `current` as the engine would. */
  onAdvance: (ctx: FakeContext) => void;
  verdict: (a: Action) => CommandResult;
}

export function fakeContext(patch: Partial<FakeContext> = {}): FakeContext {
  const ctx: FakeContext = {
    topology: TOPOLOGY,
    applied: [],
    advances: [],
    now: 10,
    endS: 600,
    current: status(),
    onAdvance: () => {},
    verdict: () => ({ ok: true }),
    nowS: () => ctx.now,
    apply: async (a) => {
      ctx.applied.push(a);
      return ctx.verdict(a);
    },
    replication: async () => ctx.current,
    advance: async (s) => {
      ctx.advances.push(s);
      ctx.now = Math.min(ctx.endS, ctx.now + s);
      ctx.onAdvance(ctx);
    },
    ...patch,
  };
  return ctx;
}
