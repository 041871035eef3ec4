/**
 * Small SANs for the fault property tests (faults/faults.prop.test.ts), each with the list of
 * components a random fault program may fail and, per multipath path, the components whose
 * failure breaks it — so a test can tell from a program alone whether a path stayed whole.
 *
 *  dual   — two fabrics, one LU on both controllers:
 *             h1/hba0 ── l1 ── swA ── l2 ── arr1/CL1-A
 *             h1/hba1 ── l3 ── swB ── l4 ── arr1/CL2-A
 *  mesh   — one fabric with a redundant inter-switch route (FSPF re-routes around a cut):
 *             h1/hba0 ── l1 ── s1 ── l2 ── s2 ── l3 ── arr1/CL1-A
 *                              s1 ── l4 ── s3 ── l5 ── s2
 *  mirror — `dual` plus a host mirror (copy group `M`, created at 0 s) whose S-VOL `m0` is on an
 *           SSD parity group (`pg2`), mapped on both ports; the P-VOL `d0` is on `pg1` (HDD).
 *
 * Every workload is `h1/w` on `d0`, randrw 70 % reads, 8 KiB, closed (iodepth) or open
 * (rate_iops) loop. Disks are small (`diskCapacityGiB` 1) so a rebuild ends within seconds.
 *
 * Owns: the topologies, the fault candidates (`components`, with their fabric: 'A', 'B' or
 * null for array-internal parts), and the path table (`paths`: `required` keys, and route
 * alternatives — the path has a route while one alternative is whole).
 *
 * Does not handle: running the programs or checking anything (the property test does).
 */
import type { Action, Scenario } from '../../model/scenario.ts';
import type { FaultComponent } from '../../model/scenario-faults.ts';
import type { Multipath } from '../../model/topology-monitoring.ts';
import { componentKey } from '../faults/fault-system.ts';
import { SanBuilder } from './san-builder.ts';

export type FaultSanKind = 'dual' | 'mesh' | 'mirror';

export interface FaultSanOptions {
  kind: FaultSanKind;
  multipath: Multipath;
  /** Closed loop with this iodepth, or open loop at this rate. */
  load: { iodepth: number } | { rateIops: number };
  durationS: number;
  seed: number;
  timeline?: readonly { atS: number; action: Action }[];
}

export interface FaultCandidate {
  component: FaultComponent;
  key: string;
  /** The fabric the component belongs to, or null (disks: inside the array). */
  fabric: 'A' | 'B' | null;
}

export interface PathComponents {
  /** Keys whose failure breaks the path whatever the route. */
  required: readonly string[];
  /** Route alternatives: the path has a route while every key of one of them works. */
  routes: readonly (readonly string[])[];
}

export interface FaultSan {
  scenario: Scenario;
  components: readonly FaultCandidate[];
  /** Per path label `hba→arrayPort` (host/multipath.ts `label`). */
  paths: ReadonlyMap<string, PathComponents>;
  /** The LDEVs of the workload's I/O (the P-VOL, and the S-VOL of a mirror). */
  ldevIds: readonly string[];
}

export const SERVER_ID = 'h1';
export const WORKLOAD_ID = 'w';
export const MIRROR_GROUP = 'M';

const link = (linkId: string): FaultComponent => ({ kind: 'link', linkId });
const port = (deviceId: string, portId: string): FaultComponent => ({ kind: 'port', deviceId, portId });
const device = (deviceId: string): FaultComponent => ({ kind: 'device', deviceId });
const disk = (parityGroupId: string, n: number): FaultComponent => ({ kind: 'disk', arrayId: 'arr1', parityGroupId, disk: n });

/** The components of link `id` as keys: the link and the ports at its ends. */
function linkKeys(s: Scenario, id: string): string[] {
  const l = s.topology.links.find((x) => x.id === id)!;
  return [componentKey(link(id)), componentKey(port(l.a.deviceId, l.a.portId)), componentKey(port(l.b.deviceId, l.b.portId))];
}

/** Link and switch-port candidates of the links `ids`, in `fabric`. */
function linkCandidates(s: Scenario, ids: readonly string[], fabric: 'A' | 'B'): FaultCandidate[] {
  const out: FaultCandidate[] = [];
  for (const id of ids) {
    const l = s.topology.links.find((x) => x.id === id)!;
    out.push({ component: link(id), key: componentKey(link(id)), fabric });
    for (const end of [l.a, l.b]) {
      const c = port(end.deviceId, end.portId);
      if (!out.some((o) => o.key === componentKey(c))) out.push({ component: c, key: componentKey(c), fabric });
    }
  }
  return out;
}

const candidate = (component: FaultComponent, fabric: 'A' | 'B' | null): FaultCandidate => ({ component, key: componentKey(component), fabric });

function workloadSpec(o: FaultSanOptions): Parameters<SanBuilder['workload']>[1] {
  const load = 'iodepth' in o.load ? { iodepth: o.load.iodepth } : { rate_iops: o.load.rateIops };
  return { id: WORKLOAD_ID, rw: 'randrw', rwmixread: 70, bs: '8k', startAtS: 0, target: { arrayId: 'arr1', portId: 'CL1-A', lun: 0 }, ...load };
}

function finish(b: SanBuilder, o: FaultSanOptions): Scenario {
  for (const t of o.timeline ?? []) b.at(t.atS, t.action);
  const s = b.build({ seed: o.seed, durationS: o.durationS });
  for (const d of s.topology.devices) if (d.kind === 'array') for (const pg of d.parityGroups) pg.diskCapacityGiB = 1;
  return s;
}

function dualOrMirror(o: FaultSanOptions): FaultSan {
  const mirror = o.kind === 'mirror';
  const b = new SanBuilder(`fault SAN ${o.kind}`);
  b.server(SERVER_ID, { hbas: 2, multipath: o.multipath });
  b.fcSwitch('swA', { ports: 4, domainId: 1 }).fcSwitch('swB', { ports: 4, domainId: 2 });
  b.array('arr1', { portIds: ['CL1-A', 'CL2-A'], cacheGiB: 4 });
  b.parityGroup('arr1', 'pg1', 'hdd15k', 'RAID5', 8).ldev('arr1', 'd0', 'pg1', 4);
  b.connect('h1/hba0', 'swA').connect('swA', 'arr1/CL1-A').connect('h1/hba1', 'swB').connect('swB', 'arr1/CL2-A');
  b.hostGroup('arr1', 'hgA', 'CL1-A', { servers: [SERVER_ID] }).hostGroup('arr1', 'hgB', 'CL2-A', { servers: [SERVER_ID] });
  b.luPath('arr1', 'CL1-A', 'hgA', 0, 'd0').luPath('arr1', 'CL2-A', 'hgB', 0, 'd0');
  if (mirror) {
    b.parityGroup('arr1', 'pg2', 'ssd', 'RAID5', 8).ldev('arr1', 'm0', 'pg2', 4);
    b.luPath('arr1', 'CL1-A', 'hgA', 1, 'm0').luPath('arr1', 'CL2-A', 'hgB', 1, 'm0');
    b.copyGroup({ id: MIRROR_GROUP, kind: 'host-mirror', serverId: SERVER_ID, devices: [{ name: 'db', pvol: 'd0', svol: 'm0' }] });
  }
  b.workload(SERVER_ID, workloadSpec(o));
  if (mirror) b.at(0, { type: 'pairCreate', group: MIRROR_GROUP, pace: 3, split: false });
  const s = finish(b, o);
  const k = componentKey;
  const components: FaultCandidate[] = [
    candidate(port('h1', 'hba0'), 'A'),
    candidate(device('swA'), 'A'),
    ...linkCandidates(s, ['l1', 'l2'], 'A').filter((c) => c.key !== k(port('h1', 'hba0'))),
    candidate({ kind: 'controller', arrayId: 'arr1', controller: 1 }, 'A'),
    candidate(port('h1', 'hba1'), 'B'),
    candidate(device('swB'), 'B'),
    ...linkCandidates(s, ['l3', 'l4'], 'B').filter((c) => c.key !== k(port('h1', 'hba1'))),
    candidate({ kind: 'controller', arrayId: 'arr1', controller: 2 }, 'B'),
    ...[0, 1, 2].map((n) => candidate(disk('pg1', n), null)),
    ...(mirror ? [0, 1].map((n) => candidate(disk('pg2', n), null)) : []),
  ];
  const fabricPath = (ctl: number, sw: string, links: string[]): PathComponents => ({
    required: [k({ kind: 'controller', arrayId: 'arr1', controller: ctl }), k(device(sw)), ...links.flatMap((l) => linkKeys(s, l))],
    routes: [[]],
  });
  const paths = new Map<string, PathComponents>([
    ['hba0→CL1-A', fabricPath(1, 'swA', ['l1', 'l2'])],
    ['hba1→CL2-A', fabricPath(2, 'swB', ['l3', 'l4'])],
  ]);
  return { scenario: s, components, paths, ldevIds: mirror ? ['d0', 'm0'] : ['d0'] };
}

function mesh(o: FaultSanOptions): FaultSan {
  const b = new SanBuilder('fault SAN mesh');
  b.server(SERVER_ID, { hbas: 1, multipath: o.multipath });
  b.fcSwitch('s1', { ports: 4, domainId: 1 }).fcSwitch('s2', { ports: 4, domainId: 2 }).fcSwitch('s3', { ports: 4, domainId: 3 });
  b.array('arr1', { portIds: ['CL1-A'], cacheGiB: 4 });
  b.parityGroup('arr1', 'pg1', 'hdd15k', 'RAID5', 8).ldev('arr1', 'd0', 'pg1', 4);
  b.connect('h1/hba0', 's1').connect('s1', 's2').connect('s2', 'arr1/CL1-A').connect('s1', 's3').connect('s3', 's2');
  b.hostGroup('arr1', 'hg', 'CL1-A', { servers: [SERVER_ID] }).luPath('arr1', 'CL1-A', 'hg', 0, 'd0');
  b.workload(SERVER_ID, workloadSpec(o));
  const s = finish(b, o);
  const k = componentKey;
  const components: FaultCandidate[] = [
    ...linkCandidates(s, ['l1', 'l2', 'l3', 'l4', 'l5'], 'A'),
    candidate(device('s1'), 'A'),
    candidate(device('s2'), 'A'),
    candidate(device('s3'), 'A'),
    candidate({ kind: 'controller', arrayId: 'arr1', controller: 1 }, 'A'),
    ...[0, 1, 2].map((n) => candidate(disk('pg1', n), null)),
  ];
  const paths = new Map<string, PathComponents>([
    [
      'hba0→CL1-A',
      {
        required: [k({ kind: 'controller', arrayId: 'arr1', controller: 1 }), k(device('s1')), k(device('s2')), ...linkKeys(s, 'l1'), ...linkKeys(s, 'l3')],
        routes: [linkKeys(s, 'l2'), [...linkKeys(s, 'l4'), k(device('s3')), ...linkKeys(s, 'l5')]],
      },
    ],
  ]);
  return { scenario: s, components, paths, ldevIds: ['d0'] };
}

export function faultSan(o: FaultSanOptions): FaultSan {
  return o.kind === 'mesh' ? mesh(o) : dualOrMirror(o);
}

/** Whether a path kept a route all along, given the keys of every component failed at some time. */
export function pathNeverBroken(p: PathComponents, everFailed: ReadonlySet<string>): boolean {
  return p.required.every((key) => !everFailed.has(key)) && p.routes.some((r) => r.every((key) => !everFailed.has(key)));
}
