/**
 * A small design and hand-made multipath status for the dlnkmgr tests. Test support only
 * (imported by `*.test.ts`).
 *
 *   h1: hba0 10:00:00:00:c9:00:00:01, hba1 …:02 — active/standby to vol1 (LUN 0) and vol2 (LUN 1)
 *       over CL1-A (hba0) and CL2-A (hba1);
 *   h2: hba0 …:03 — one path to vol2 (LUN 2) over CL1-A;
 *   h3: no workload; sw: an FC switch.
 *   arr1 (Seq# 64001): CL1-A 50:06:0e:80:00:00:00:01, CL2-A …:02.
 */
import type { FaultStatus, PathState, WorkloadPaths } from '../engine/api.ts';
import { Topology } from '../model/topology.ts';

const place = { siteId: 'main', position: { x: 0, y: 0 } };
const hba = (id: string, n: number) => ({ id, kind: 'fc', speedGbps: 16, wwpn: `10:00:00:00:c9:00:00:0${n}` });

export const HDLM_TOPOLOGY: Topology = Topology.parse({
  version: 2,
  name: 'hdlm test',
  sites: [{ id: 'main', name: 'Main', kind: 'main' }],
  devices: [
    { id: 'h1', name: 'host one', kind: 'server', ...place, serverClass: 'unix', ports: [hba('hba0', 1), hba('hba1', 2)] },
    { id: 'h2', name: 'host two', kind: 'server', ...place, serverClass: 'unix', ports: [hba('hba0', 3)] },
    { id: 'h3', name: 'host three', kind: 'server', ...place, serverClass: 'unix', ports: [hba('hba0', 4)] },
    { id: 'sw', name: 'sw', kind: 'fcSwitch', ...place, ports: [{ id: 'p0', kind: 'fc', speedGbps: 16 }], domainId: 1 },
    {
      id: 'arr1',
      name: 'array one',
      kind: 'array',
      ...place,
      ports: [
        { id: 'CL1-A', kind: 'fc', speedGbps: 16, wwpn: '50:06:0e:80:00:00:00:01' },
        { id: 'CL2-A', kind: 'fc', speedGbps: 16, wwpn: '50:06:0e:80:00:00:00:02' },
      ],
      cacheGiB: 16,
      parityGroups: [{ id: 'pg1', tier: 'ssd', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 1920 }],
      ldevs: [],
      hostGroups: [],
      luPaths: [],
    },
  ],
  links: [],
});

type PathSpec = [hba: string, port: string, lun: number, state: PathState, ios: number];

export function workload(serverId: string, workloadId: string, ldevId: string, paths: PathSpec[], extra: Partial<WorkloadPaths> = {}): WorkloadPaths {
  return {
    serverId,
    workloadId,
    ldevId,
    policy: 'active-standby',
    paths: paths.map(([hbaPortId, arrayPortId, lun, state, ios]) => ({ hbaPortId, arrayId: 'arr1', arrayPortId, lun, state, ios })),
    ioErrors: 0,
    retriedIos: 0,
    failovers: 0,
    ...extra,
  };
}

export function statusWith(paths: WorkloadPaths[]): FaultStatus {
  return { faults: [], alerts: [], alertCount: 0, paths, parityGroups: [], moves: [], health: {} };
}

/** h1's vol1 failed over from hba0 to hba1; vol2 still on hba0; h2 lost its only path (7 I/O errors). */
export function failedOverStatus(): FaultStatus {
  return statusWith([
    workload('h1', 'w1', 'vol1', [
      ['hba0', 'CL1-A', 0, 'failed', 900],
      ['hba1', 'CL2-A', 0, 'active', 400],
    ]),
    workload('h1', 'w2', 'vol2', [
      ['hba0', 'CL1-A', 1, 'active', 50],
      ['hba1', 'CL2-A', 1, 'standby', 0],
    ]),
    workload('h2', 'w3', 'vol2', [['hba0', 'CL1-A', 2, 'failed', 30]], { ioErrors: 7 }),
  ]);
}
