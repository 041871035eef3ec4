/**
 * Hand-made fixtures for the Monitor tab's tests (unit and sim-slice tests): a design with one
 * array `ar1` (parity groups PG-1 15k HDD, PG-2 SSD, PG-3 7.2k HDD; LDEVs v1 and v2 on PG-1, v3
 * on PG-2, v4 on PG-3), a server `srv1` with two HBAs over cables l1/l2 and a switch `sw1`, a
 * console `con1`; and the fault statuses a trainer shows — healthy, a cut cable with the path
 * failing over (alerts: the fault, the failover, a threshold), a disk failure with the group
 * rebuilding, a volume move copying and one done with its measurement. Tests only: the app never
 * imports this file (it shows what the engine reports, nothing else).
 */
import type { AlertRecord, FaultStatus, MovePrediction, ParityGroupHealth, VolumeMoveStatus, WorkloadPaths } from '../../engine/api.ts';
import type { Topology } from '../../model/topology.ts';

export const TOPOLOGY = {
  sites: [{ id: 'main', name: 'Main', kind: 'main' }],
  devices: [
    { kind: 'server', id: 'srv1', name: 'DB server', siteId: 'main', workloads: [] },
    { kind: 'fcSwitch', id: 'sw1', name: 'Switch A', siteId: 'main' },
    {
      kind: 'array',
      id: 'ar1',
      name: 'Array 1',
      siteId: 'main',
      parityGroups: [
        { id: 'PG-1', tier: 'hdd15k', raid: 'RAID5', diskCount: 4 },
        { id: 'PG-2', tier: 'ssd', raid: 'RAID5', diskCount: 4 },
        { id: 'PG-3', tier: 'hdd7k', raid: 'RAID6', diskCount: 8 },
      ],
      ldevs: [
        { id: 'v1', name: 'db-data', parityGroupId: 'PG-1' },
        { id: 'v2', name: 'db-log', parityGroupId: 'PG-1' },
        { id: 'v3', name: 'fast', parityGroupId: 'PG-2' },
        { id: 'v4', name: 'archive', parityGroupId: 'PG-3' },
      ],
    },
    { kind: 'console', id: 'con1', name: 'Console', siteId: 'main' },
  ],
  links: [
    { id: 'l1', a: { deviceId: 'srv1', portId: 'hba0' }, b: { deviceId: 'sw1', portId: 'p0' } },
    { id: 'l2', a: { deviceId: 'srv1', portId: 'hba1' }, b: { deviceId: 'sw1', portId: 'p1' } },
  ],
  copyGroups: [],
} as unknown as Topology;

export function group(overrides: Partial<ParityGroupHealth> = {}): ParityGroupHealth {
  return {
    arrayId: 'ar1',
    parityGroupId: 'PG-1',
    tier: 'hdd15k',
    raid: 'RAID5',
    state: 'normal',
    failedDisks: [],
    rebuildPct: null,
    rebuildEndUs: null,
    utilPct: 62.5,
    meanUtilPct: 55,
    ...overrides,
  };
}

export const GROUPS: readonly ParityGroupHealth[] = [
  group(),
  group({ parityGroupId: 'PG-2', tier: 'ssd', utilPct: 8, meanUtilPct: 7.5 }),
  group({ parityGroupId: 'PG-3', tier: 'hdd7k', raid: 'RAID6', utilPct: 0, meanUtilPct: 1 }),
];

export function alert(seq: number, overrides: Partial<AlertRecord> = {}): AlertRecord {
  return { seq, timeUs: seq * 1_000_000, severity: 'warning', kind: 'threshold', deviceId: 'ar1', message: `alert ${seq}`, notified: [], ...overrides };
}

export function paths(overrides: Partial<WorkloadPaths> = {}): WorkloadPaths {
  return {
    serverId: 'srv1',
    workloadId: 'w1',
    ldevId: 'v1',
    policy: 'active-standby',
    paths: [
      { hbaPortId: 'hba0', arrayId: 'ar1', arrayPortId: 'CL1-A', lun: 0, state: 'active', ios: 1200 },
      { hbaPortId: 'hba1', arrayId: 'ar1', arrayPortId: 'CL2-A', lun: 0, state: 'standby', ios: 0 },
    ],
    ioErrors: 0,
    retriedIos: 0,
    failovers: 0,
    ...overrides,
  };
}

export function healthy(overrides: Partial<FaultStatus> = {}): FaultStatus {
  return { faults: [], alerts: [], alertCount: 0, paths: [paths()], parityGroups: [...GROUPS], moves: [], health: {}, ...overrides };
}

/** Cable l1 cut at 12 s: the host failed over to hba1 at 17 s; PG-1 crossed its threshold at 20 s. */
export function linkCut(): FaultStatus {
  const alerts = [
    alert(1, { timeUs: 12_000_000, severity: 'critical', kind: 'fault', deviceId: 'l1', message: 'link l1 failed', notified: ['storage-admin', 'operator'] }),
    alert(2, { timeUs: 17_000_000, severity: 'warning', kind: 'path-failover', deviceId: 'srv1', message: 'srv1 w1: path hba0 → CL1-A failed, I/O moves to hba1', notified: ['operator'] }),
    alert(3, { timeUs: 20_000_000, severity: 'warning', kind: 'threshold', deviceId: 'ar1', message: 'ar1 PG-1 busy 85 % (limit 80 %)' }),
    alert(4, { timeUs: 21_000_000, severity: 'info', kind: 'volume-move', deviceId: 'ar1', message: 'v1: move PG-1 → PG-2 started' }),
  ];
  return healthy({
    faults: [{ component: { kind: 'link', linkId: 'l1' }, label: 'link l1', deviceId: 'l1', sinceUs: 12_000_000 }],
    alerts,
    alertCount: alerts.length,
    paths: [
      paths({
        paths: [
          { hbaPortId: 'hba0', arrayId: 'ar1', arrayPortId: 'CL1-A', lun: 0, state: 'failed', ios: 1200 },
          { hbaPortId: 'hba1', arrayId: 'ar1', arrayPortId: 'CL2-A', lun: 0, state: 'active', ios: 300 },
        ],
        retriedIos: 8,
        failovers: 1,
      }),
    ],
    health: { l1: 'failed', srv1: 'degraded' },
  });
}

/** Disk 2 of PG-1 failed at 5 s: the group rebuilds onto a spare (35 % done). */
export function diskRebuilding(): FaultStatus {
  return healthy({
    faults: [{ component: { kind: 'disk', arrayId: 'ar1', parityGroupId: 'PG-1', disk: 2 }, label: 'disk ar1/PG-1#2', deviceId: 'ar1', sinceUs: 5_000_000 }],
    parityGroups: [group({ state: 'rebuilding', failedDisks: [2], rebuildPct: 35, rebuildEndUs: 60_000_000, utilPct: 91 }), ...GROUPS.slice(1)],
    health: { ar1: 'degraded' },
  });
}

export const PREDICTION: MovePrediction = {
  ldevId: 'v1',
  arrayId: 'ar1',
  fromGroup: 'PG-1',
  toGroup: 'PG-2',
  windowS: 10,
  ldevUtilPct: 40,
  before: { fromUtilPct: 62.5, toUtilPct: 8 },
  after: { fromUtilPct: 22.5, toUtilPct: 14 },
};

export function move(overrides: Partial<VolumeMoveStatus> = {}): VolumeMoveStatus {
  return {
    ldevId: 'v1',
    arrayId: 'ar1',
    fromGroup: 'PG-1',
    toGroup: 'PG-2',
    state: 'copying',
    copiedPct: 40,
    startedUs: 21_000_000,
    switchedUs: null,
    automatic: false,
    prediction: PREDICTION,
    measured: null,
    ...overrides,
  };
}

/** v1 moved PG-1 → PG-2 (switched at 51 s), measured 10 s later: PG-1 at 24 %, PG-2 at 13.1 %. */
export function moved(): FaultStatus {
  return healthy({
    moves: [move({ state: 'done', copiedPct: 100, switchedUs: 51_000_000, measured: { fromUtilPct: 24, toUtilPct: 13.1 } })],
    parityGroups: [group({ utilPct: 24 }), group({ parityGroupId: 'PG-2', tier: 'ssd', utilPct: 13.1 }), GROUPS[2]],
  });
}
