/**
 * Writes scenarios/fig13-fabric-failover.json (SAN patent Figs. 12–13: the management console
 * watches every device while things fail) in the canonical form (serialize.ts).
 *
 *   npx tsx scripts/gen-fault-scenarios.ts      # rewrites the file; commit it with the change
 *
 * The database server has an HBA on each of two fabrics (multipath, active/standby); the mail
 * server has one HBA, on fabric A only — the single point of failure the design-rule panel
 * names. The timeline cuts fabric A's array-side cable, repairs it, fails a disk of the
 * database's parity group (RAID-5 rebuild onto a spare) and then array controller 2.
 */
import { writeFileSync } from 'node:fs';
import { serializeScenario } from '../src/model/serialize.ts';
import { Scenario, type Action, type Expectation } from '../src/model/scenario.ts';

const at = (atS: number, action: Action, note?: string) => ({ atS, action, ...(note ? { note } : {}) });
const expect = (description: string, path: string, op: Expectation['op'], value: Expectation['value']): Expectation => ({ description, path, op, value });
const wwpn = (n: number) => `10:00:00:00:c9:13:00:0${n}`;
const switchPorts = Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, kind: 'fc' as const, speedGbps: 8 }));

export function fabricFailoverScenario(): Scenario {
  return Scenario.parse({
    version: 2,
    kind: 'sandbox-scenario',
    name: 'Figs. 12–13: a cable, a disk and a controller fail while the console watches',
    description:
      'The management console of SAN patent Figs. 12–13 watches a dual-fabric SAN while parts of it fail. ' +
      'The database server has one HBA on each fabric (multipath, active/standby, 5 s failover); the mail server has a single HBA on fabric A. ' +
      'At 10 s fabric A\'s cable to the array (l3) is cut: the database\'s I/O stalls for the failover time and moves to fabric B, while the mail server, with no path left, gets I/O errors. ' +
      'At 25 s the cable is repaired: at the next path check both servers take it back. At 35 s a disk of the database\'s RAID-5 group fails: a spare takes its place and the rebuild slows the group until it is done. ' +
      'At 45 s array controller 2 (port CL2-A) fails and is repaired at 60 s. Every failure, failover, rebuild and repair appears in the console\'s alert list, paged to the roles its rules name.',
    seed: 13,
    durationS: 90,
    topology: {
      version: 2,
      name: 'Dual-fabric SAN under faults',
      sites: [{ id: 'main', name: 'Main site', kind: 'main' }],
      devices: [
        {
          id: 'db', name: 'Database server', kind: 'server', siteId: 'main', position: { x: 0, y: 0 },
          ports: [{ id: 'hba0', kind: 'fc', speedGbps: 8, wwpn: wwpn(1) }, { id: 'hba1', kind: 'fc', speedGbps: 8, wwpn: wwpn(2) }],
          serverClass: 'unix', roles: ['database'],
          workloads: [{ id: 'oltp', name: 'OLTP (8 KiB, 70 % reads)', target: { arrayId: 'array1', portId: 'CL1-A', lun: 0 }, rw: 'randrw', rwmixread: 70, bs: '8k', rate_iops: 600, size: '8g', skew: { kind: 'zipf', theta: 0.9 }, startAtS: 0 }],
          multipath: { policy: 'active-standby', failoverS: 5, checkIntervalS: 5 },
        },
        {
          id: 'mail', name: 'Mail server', kind: 'server', siteId: 'main', position: { x: -320, y: 0 },
          ports: [{ id: 'hba0', kind: 'fc', speedGbps: 8, wwpn: wwpn(3) }],
          serverClass: 'pc', roles: [],
          workloads: [{ id: 'mail', name: 'Mail store (16 KiB, 50 % reads)', target: { arrayId: 'array1', portId: 'CL1-A', lun: 1 }, rw: 'randrw', rwmixread: 50, bs: '16k', rate_iops: 300, size: '4g', skew: { kind: 'uniform', theta: 0.9 }, startAtS: 0 }],
        },
        { id: 'fab-a', name: 'FC switch (fabric A)', kind: 'fcSwitch', siteId: 'main', position: { x: -160, y: 220 }, domainId: 1, ports: switchPorts },
        { id: 'fab-b', name: 'FC switch (fabric B)', kind: 'fcSwitch', siteId: 'main', position: { x: 200, y: 220 }, domainId: 2, ports: switchPorts },
        {
          id: 'array1', name: 'Disk array', kind: 'array', siteId: 'main', position: { x: 20, y: 460 },
          ports: [
            { id: 'CL1-A', kind: 'fc', speedGbps: 8, wwpn: '50:06:0e:80:13:13:00:00' },
            { id: 'CL2-A', kind: 'fc', speedGbps: 8, wwpn: '50:06:0e:80:13:13:00:10' },
          ],
          cacheGiB: 2, trackKiB: 256,
          parityGroups: [
            { id: '1-1', tier: 'hdd15k', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 2 },
            { id: '1-2', tier: 'hdd15k', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 600 },
          ],
          ldevs: [
            { id: 'db-data', name: 'database data', parityGroupId: '1-1', capacityGiB: 8 },
            { id: 'mail-store', name: 'mail store', parityGroupId: '1-2', capacityGiB: 4 },
          ],
          hostGroups: [
            { id: 'hg-a', name: 'fabric A hosts', portId: 'CL1-A', wwpns: [wwpn(1), wwpn(3)] },
            { id: 'hg-b', name: 'fabric B hosts', portId: 'CL2-A', wwpns: [wwpn(2)] },
          ],
          luPaths: [
            { portId: 'CL1-A', hostGroupId: 'hg-a', lun: 0, ldevId: 'db-data' },
            { portId: 'CL1-A', hostGroupId: 'hg-a', lun: 1, ldevId: 'mail-store' },
            { portId: 'CL2-A', hostGroupId: 'hg-b', lun: 0, ldevId: 'db-data' },
          ],
          pools: [],
        },
        {
          id: 'console1', name: 'Management console', kind: 'console', siteId: 'main', position: { x: 360, y: 0 },
          ports: [{ id: 'eth0', kind: 'lan', speedGbps: 1 }],
          monitoring: {
            parityGroupUtilPct: 90, responseMs: 200,
            rules: [
              { id: 'oncall', role: 'storage on-call', minSeverity: 'critical' },
              { id: 'admin', role: 'storage administrator', minSeverity: 'warning' },
              { id: 'mail-team', role: 'mail team', minSeverity: 'info', deviceIds: ['mail'] },
            ],
          },
        },
      ],
      links: [
        { id: 'l1', a: { deviceId: 'db', portId: 'hba0' }, b: { deviceId: 'fab-a', portId: 'p0' }, lengthM: 10 },
        { id: 'l2', a: { deviceId: 'db', portId: 'hba1' }, b: { deviceId: 'fab-b', portId: 'p0' }, lengthM: 10 },
        { id: 'l3', a: { deviceId: 'fab-a', portId: 'p4' }, b: { deviceId: 'array1', portId: 'CL1-A' }, lengthM: 10 },
        { id: 'l4', a: { deviceId: 'fab-b', portId: 'p4' }, b: { deviceId: 'array1', portId: 'CL2-A' }, lengthM: 10 },
        { id: 'l5', a: { deviceId: 'mail', portId: 'hba0' }, b: { deviceId: 'fab-a', portId: 'p1' }, lengthM: 10 },
      ],
      copyGroups: [],
    },
    timeline: [
      at(10, { type: 'setFault', component: { kind: 'link', linkId: 'l3' }, failed: true },
        'Fabric A\'s cable to the array is cut. Both servers keep sending on it until they notice (5 s): their I/O stalls. Then the database fails over to fabric B; the mail server has no other path and its I/Os fail.'),
      at(25, { type: 'setFault', component: { kind: 'link', linkId: 'l3' }, failed: false },
        'The cable is repaired. At the next path check (5 s) both servers take the path back: the database fails back to fabric A, the mail server\'s I/O resumes.'),
      at(35, { type: 'setFault', component: { kind: 'disk', arrayId: 'array1', parityGroupId: '1-1', disk: 3 }, failed: true },
        'A disk of the database\'s RAID-5 group fails. A spare takes its place and the rebuild starts; reads of the lost disk are rebuilt from the other seven, so the database\'s response time rises until the rebuild ends.'),
      at(45, { type: 'setFault', component: { kind: 'controller', arrayId: 'array1', controller: 2 }, failed: true },
        'Array controller 2 fails: port CL2-A goes down. The database is on fabric A again, so only its standby path is lost.'),
      at(60, { type: 'setFault', component: { kind: 'controller', arrayId: 'array1', controller: 2 }, failed: false }, 'Controller 2 is replaced; the standby path comes back at the next check.'),
    ],
    expectations: [
      expect('the database never saw an I/O error (multipath)', 'faults.ioErrors.db', '==', 0),
      expect('the mail server, with one path, saw I/O errors while the cable was cut', 'faults.ioErrors.mail', '>', 0),
      expect('its errors are the no-path rejects', 'rejectedIos.byReason.no-path', '>', 0),
      expect('nothing was refused for access (zoning, LUN security)', 'rejectedIos.byReason.zoning', '==', 0),
      expect('failovers: db to fabric B, mail lost its path, db lost its standby to controller 2', 'faults.failovers', '==', 3),
      expect('I/Os lost on the cut cable were retried on a survivor', 'faults.retriedIos', '>', 0),
      expect('the rebuild finished: the group is redundant again', 'faults.parityGroups.array1/1-1.state', '==', 'normal'),
      expect('one rebuild ran', 'faults.parityGroups.array1/1-1.rebuilds', '==', 1),
      expect('no acknowledged write was lost', 'faults.ackCheck.ok', '==', true),
      expect('the console raised the database\'s failover', 'faults.alerts.byKind.path-failover', '>=', 2),
      expect('and the mail server\'s lost path', 'faults.alerts.byKind.path-lost', '==', 1),
      expect('the cut cable is paged to on-call first', 'faults.alerts.list[0].notified[0]', '==', 'storage on-call'),
    ],
  });
}

writeFileSync('scenarios/fig13-fabric-failover.json', serializeScenario(fabricFailoverScenario()));
console.log('wrote scenarios/fig13-fabric-failover.json');
