/**
 * Writes scenarios/fig14-lun-security.json (SAN patent Fig. 14: the LUN manager and LUN
 * security) and scenarios/fig20-multi-tenant.json (Figs. 17–20: companies sharing one SAN in an
 * Internet data center) in the canonical form (serialize.ts).
 *
 *   npx tsx scripts/gen-lun-security-scenarios.ts   # rewrites both files; commit them with the change
 *
 * Invariant both keep: the topology at 0 s passes the design rules (a workload whose LU is
 * unavailable, or a server reaching another tenant's LU, is a design error), so every broken
 * state — an unregistered WWPN, a missing LU path, a wrong zone, a wrong LDEV at a LUN — is
 * entered by a timeline action, the way embodiment 3 starts with the backup server's WWPN out of
 * its host group.
 *
 * The expectation bands come from runs at seeds 1, 7, 14, 20 and 99999: open-loop (rate_iops)
 * workloads are refused once per arrival, so a refusal count is ≈ rate × the seconds refused.
 * Not handled here: multipath (each workload addresses one port) and backups of the tenants.
 */
import { writeFileSync } from 'node:fs';
import { serializeScenario } from '../src/model/serialize.ts';
import { Scenario, type Action, type Expectation } from '../src/model/scenario.ts';
import type { Zoning } from '../src/model/topology.ts';

const at = (atS: number, action: Action, note: string) => ({ atS, action, note });
const expect = (description: string, path: string, op: Expectation['op'], value: Expectation['value']): Expectation => ({ description, path, op, value });
/** Two expectations: `path` within [lo, hi]. */
const band = (description: string, path: string, lo: number, hi: number): Expectation[] => [
  expect(`${description} (at least ${lo})`, path, '>=', lo),
  expect(`${description} (at most ${hi})`, path, '<=', hi),
];
const switchPorts = Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, kind: 'fc' as const, speedGbps: 8 }));
const oltp = (id: string, name: string, portId: string, lun: number, rate: number, startAtS = 0) => ({
  id, name, target: { arrayId: 'array1', portId, lun }, rw: 'randrw', rwmixread: 70, bs: '8k', rate_iops: rate, size: '8g', skew: { kind: 'uniform', theta: 0.9 }, startAtS,
});
const scan = (id: string, name: string, portId: string, lun: number, rate: number) => ({
  id, name, target: { arrayId: 'array1', portId, lun }, rw: 'randread', bs: '64k', rate_iops: rate, size: '8g', skew: { kind: 'uniform', theta: 0.9 }, startAtS: 0,
});
const link = (id: string, a: string, ap: string, b: string, bp: string) => ({ id, a: { deviceId: a, portId: ap }, b: { deviceId: b, portId: bp }, lengthM: 10 });

// ---------------------------------------------------------------------------------------------
// Fig. 14: three servers on one array port, each in its own host group.

const w14 = (n: number) => `10:00:00:00:c9:14:00:0${n}`;
const CL1A_14 = '50:06:0e:80:14:14:00:00';

function fig14Topology() {
  const server = (n: number, id: string, name: string, x: number, workloads: unknown[]) => ({
    id, name, kind: 'server', siteId: 'main', position: { x, y: 0 }, serverClass: 'unix', roles: [],
    ports: [{ id: 'hba0', kind: 'fc', speedGbps: 8, wwpn: w14(n) }], workloads,
  });
  return {
    version: 2,
    name: 'Fig. 14 LUN security',
    sites: [{ id: 'main', name: 'Main site', kind: 'main' }],
    devices: [
      server(1, 'sales', 'Sales DB server', -300, [oltp('sales-db', 'Sales DB (200 I/O/s)', 'CL1-A', 0, 200), oltp('sales-scratch', 'Sales scratch (50 I/O/s)', 'CL1-A', 1, 50)]),
      server(2, 'mail', 'Mail server', 0, [oltp('mailstore', 'Mail store (100 I/O/s)', 'CL1-A', 0, 100)]),
      server(3, 'newsrv', 'New file server', 300, [oltp('files', 'File shares (80 I/O/s)', 'CL1-A', 0, 80)]),
      { id: 'sw1', name: 'FC switch', kind: 'fcSwitch', siteId: 'main', position: { x: 0, y: 180 }, domainId: 1, ports: switchPorts },
      {
        id: 'array1', name: 'Disk array (LUN manager)', kind: 'array', siteId: 'main', position: { x: 0, y: 360 },
        ports: [{ id: 'CL1-A', kind: 'fc', speedGbps: 8, wwpn: CL1A_14 }],
        cacheGiB: 16, trackKiB: 256,
        parityGroups: [{ id: '1-1', tier: 'hdd15k', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 600 }],
        ldevs: [
          { id: 'ldev-00', name: '00:00 sales DB', parityGroupId: '1-1', capacityGiB: 8 },
          { id: 'ldev-01', name: '00:01 sales scratch', parityGroupId: '1-1', capacityGiB: 8 },
          { id: 'ldev-02', name: '00:02 mail store', parityGroupId: '1-1', capacityGiB: 8 },
          { id: 'ldev-03', name: '00:03 file shares', parityGroupId: '1-1', capacityGiB: 8 },
        ],
        hostGroups: [
          { id: 'hg-sales', name: 'CL1-A-1 sales', portId: 'CL1-A', wwpns: [w14(1)] },
          { id: 'hg-mail', name: 'CL1-A-2 mail', portId: 'CL1-A', wwpns: [w14(2)] },
          { id: 'hg-files', name: 'CL1-A-3 files', portId: 'CL1-A', wwpns: [w14(3)] },
        ],
        luPaths: [
          { portId: 'CL1-A', hostGroupId: 'hg-sales', lun: 0, ldevId: 'ldev-00' },
          { portId: 'CL1-A', hostGroupId: 'hg-sales', lun: 1, ldevId: 'ldev-01' },
          { portId: 'CL1-A', hostGroupId: 'hg-mail', lun: 0, ldevId: 'ldev-02' },
          { portId: 'CL1-A', hostGroupId: 'hg-files', lun: 0, ldevId: 'ldev-03' },
        ],
        pools: [],
      },
    ],
    links: [
      link('l1', 'sales', 'hba0', 'sw1', 'p0'),
      link('l2', 'mail', 'hba0', 'sw1', 'p1'),
      link('l3', 'newsrv', 'hba0', 'sw1', 'p2'),
      link('l4', 'array1', 'CL1-A', 'sw1', 'p7'),
    ],
    copyGroups: [],
  };
}

export function fig14Scenario(): Scenario {
  return Scenario.parse({
    version: 2,
    kind: 'sandbox-scenario',
    name: 'Fig. 14: LUN security — each server sees only its own LUs on a shared port',
    description:
      'Three servers share one array port, and the LUN manager\'s host groups let each reach only its own LDEVs (SAN patent Fig. 14). ' +
      'A host addresses a volume as (port, LUN); the array maps that address per host group, which lists the WWNs allowed in. ' +
      'The sales server (200 I/O/s on LUN 0, 50 I/O/s on LUN 1) and the mail server (100 I/O/s on LUN 0) both use port CL1-A, and both use LUN 0, yet the array maps sales\' LUN 0 to LDEV 00:00 and mail\'s to 00:02. ' +
      'A new file server is cabled to the same switch but its WWN is not yet registered: its 80 I/O/s are refused with not-in-host-group until the administrator adds it to host group CL1-A-3 at 20 s. ' +
      'At 60 s the administrator deletes the LU path of sales\' LUN 1: the scratch workload is refused with no-lu-path from then on, while every other LU keeps running.',
    seed: 14,
    durationS: 90,
    topology: fig14Topology(),
    timeline: [
      at(0, { type: 'setHostGroupWwpn', arrayId: 'array1', hostGroupId: 'hg-files', wwpn: w14(3), member: false },
        'Start of the story: the new file server is cabled and its LU 00:03 is prepared in host group CL1-A-3, but its WWN is not registered yet. Every I/O it sends to port CL1-A is refused: not-in-host-group. Meanwhile sales and mail both address LUN 0 of the same port and each reaches only its own LDEV.'),
      at(20, { type: 'setHostGroupWwpn', arrayId: 'array1', hostGroupId: 'hg-files', wwpn: w14(3), member: true },
        'The administrator registers the file server\'s WWN 10:00:00:00:c9:14:00:03 in host group CL1-A-3 (raidcom add hba_wwn). From this instant its LUN 0 is LDEV 00:03 and its I/O flows: watch 00:03 go from 0 to about 80 I/O/s.'),
      at(60, { type: 'setLuPath', arrayId: 'array1', portId: 'CL1-A', hostGroupId: 'hg-sales', lun: 1 },
        'The administrator deletes the LU path of sales\' LUN 1 (raidcom delete lun). The scratch workload still sends 50 I/O/s to LUN 1, and the array refuses each one: no-lu-path. Sales\' LUN 0, mail and the file server are not affected.'),
    ],
    expectations: [
      expect('the unregistered file server was refused: not in the host group', 'rejectedIos.byReason.not-in-host-group', '>', 0),
      ...band('≈ 1,600 refusals: 80 I/O/s for the 20 s before registration', 'rejectedIos.byReason.not-in-host-group', 1450, 1750),
      ...band('≈ 1,500 refusals after the LU path was deleted: 50 I/O/s for 30 s', 'rejectedIos.byReason.no-lu-path', 1350, 1650),
      expect('every server has a route to CL1-A: no refusal was for want of a path', 'rejectedIos.byReason.no-route', '==', 0),
      expect('no refusal was a zoning one (no zoning on this switch)', 'rejectedIos.byReason.zoning', '==', 0),
      ...band('after registration the file server\'s I/O reached its LDEV 00:03 (≈ 5,600: 80 I/O/s for 70 s)', 'ldevs.ldev-03.completedIos', 5100, 6100),
      expect('LDEV 00:03 reached its rate once the WWN was registered (peak second ≥ 60 I/O/s)', 'ldevs.ldev-03.series.peakTotalIops', '>=', 60),
      expect('LDEV 00:03 saw no I/O in its first seconds (min second 0)', 'ldevs.ldev-03.series.minTotalIops', '==', 0),
      ...band('sales\' LUN 0 is LDEV 00:00: it carries sales\' 200 I/O/s (reads ≈ 140/s)', 'ldevs.ldev-00.readIops', 125, 155),
      ...band('mail\'s LUN 0 on the same port is LDEV 00:02: it carries mail\'s 100 I/O/s only (reads ≈ 70/s)', 'ldevs.ldev-02.readIops', 60, 80),
      expect('sales\' LUN 0 never refused an I/O', 'ldevs.ldev-00.rejectedIos', '==', 0),
      expect('mail\'s LUN 0 never refused an I/O', 'ldevs.ldev-02.rejectedIos', '==', 0),
      ...band('the scratch LDEV 00:01 served sales\' LUN 1 until the path was deleted (≈ 3,000: 50 I/O/s for 60 s)', 'ldevs.ldev-01.completedIos', 2700, 3300),
      expect('after the deletion LDEV 00:01 received nothing (min second 0)', 'ldevs.ldev-01.series.minTotalIops', '==', 0),
      expect('sales\' LUN 0 kept its load in every second despite the changes (≥ 140 I/O/s)', 'ldevs.ldev-00.series.minTotalIops', '>=', 140),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Figs. 17–20: three companies on a dual-fabric SAN, zoned per tenant, host groups per tenant.

const TENANTS = [
  { key: 'a', n: 1, company: 'Company A', server: 'web-a', name: 'Company A web server', x: -320 },
  { key: 'b', n: 2, company: 'Company B', server: 'app-b', name: 'Company B application server', x: 0 },
  { key: 'c', n: 3, company: 'Company C', server: 'batch-c', name: 'Company C batch server', x: 320 },
] as const;
/** HBA `hba` (0: fabric A, 1: fabric B) of tenant server `n`. */
const w20 = (n: number, hba: number) => `10:00:00:00:c9:20:0${n}:0${hba}`;
const CL1A = '50:06:0e:80:20:20:00:00';
const CL2A = '50:06:0e:80:20:20:00:10';

/** Single-initiator zones, one per tenant per fabric; `bMember` is what zone z_b lists as its initiator. */
function fabricZoning(hba: number, target: string, bMember = w20(2, hba)): Zoning {
  return {
    aliases: [{ name: 'array1_port', members: [target] }],
    zones: [
      { name: 'z_company_a', members: [w20(1, hba), 'array1_port'] },
      { name: 'z_company_b', members: [bMember, 'array1_port'] },
      { name: 'z_company_c', members: [w20(3, hba), 'array1_port'] },
    ],
    cfgs: [{ name: 'idc_prod', members: ['z_company_a', 'z_company_b', 'z_company_c'] }],
    effectiveCfg: 'idc_prod',
    defaultZone: 'noaccess',
  };
}

function fig20Array() {
  const hostGroups = TENANTS.flatMap((t) => [
    { id: `hg-${t.key}-1`, name: `CL1-A ${t.company}`, portId: 'CL1-A', wwpns: [w20(t.n, 0)] },
    { id: `hg-${t.key}-2`, name: `CL2-A ${t.company}`, portId: 'CL2-A', wwpns: [w20(t.n, 1)] },
  ]);
  const ldevs = [
    { id: 'a-web', name: 'Company A web content', parityGroupId: '1-1', capacityGiB: 8, tenant: 'Company A' },
    { id: 'b-app', name: 'Company B application DB', parityGroupId: '1-1', capacityGiB: 8, tenant: 'Company B' },
    { id: 'b-archive', name: 'Company B archive', parityGroupId: '1-2', capacityGiB: 8, tenant: 'Company B' },
    { id: 'c-batch', name: 'Company C batch data', parityGroupId: '1-2', capacityGiB: 8, tenant: 'Company C' },
  ];
  const paths = (key: string, lun: number, ldevId: string) =>
    ['1', '2'].map((p) => ({ portId: p === '1' ? 'CL1-A' : 'CL2-A', hostGroupId: `hg-${key}-${p}`, lun, ldevId }));
  return {
    id: 'array1', name: 'Shared disk array', kind: 'array', siteId: 'main', position: { x: 0, y: 380 },
    ports: [{ id: 'CL1-A', kind: 'fc', speedGbps: 8, wwpn: CL1A }, { id: 'CL2-A', kind: 'fc', speedGbps: 8, wwpn: CL2A }],
    cacheGiB: 32, trackKiB: 256,
    parityGroups: [
      { id: '1-1', tier: 'hdd15k', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 600 },
      { id: '1-2', tier: 'hdd15k', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 600 },
    ],
    ldevs, hostGroups,
    luPaths: [...paths('a', 0, 'a-web'), ...paths('b', 0, 'b-app'), ...paths('b', 1, 'b-archive'), ...paths('c', 0, 'c-batch')],
    pools: [],
  };
}

function fig20Topology() {
  const workloads: Record<string, unknown[]> = {
    a: [oltp('web', 'Web content (200 I/O/s, fabric A)', 'CL1-A', 0, 200)],
    b: [oltp('app', 'Application DB (150 I/O/s, fabric A)', 'CL1-A', 0, 150), scan('archive-scan', 'Archive scan (50 I/O/s, 64 KiB reads, fabric A)', 'CL1-A', 1, 50)],
    c: [oltp('batch', 'Batch (100 I/O/s, fabric B)', 'CL2-A', 0, 100)],
  };
  const servers = TENANTS.map((t) => ({
    id: t.server, name: t.name, kind: 'server', siteId: 'main', position: { x: t.x, y: 0 }, serverClass: 'pc', roles: [], tenant: t.company,
    ports: [{ id: 'hba0', kind: 'fc', speedGbps: 8, wwpn: w20(t.n, 0) }, { id: 'hba1', kind: 'fc', speedGbps: 8, wwpn: w20(t.n, 1) }],
    workloads: workloads[t.key],
  }));
  return {
    version: 2,
    name: 'Fig. 20 multi-tenant data center',
    sites: [{ id: 'main', name: 'Internet data center', kind: 'main' }],
    devices: [
      ...servers,
      { id: 'fab-a', name: 'FC switch (fabric A)', kind: 'fcSwitch', siteId: 'main', position: { x: -180, y: 190 }, domainId: 1, ports: switchPorts, zoning: fabricZoning(0, CL1A) },
      { id: 'fab-b', name: 'FC switch (fabric B)', kind: 'fcSwitch', siteId: 'main', position: { x: 180, y: 190 }, domainId: 2, ports: switchPorts, zoning: fabricZoning(1, CL2A) },
      fig20Array(),
    ],
    links: [
      ...TENANTS.flatMap((t, i) => [link(`l${t.key}0`, t.server, 'hba0', 'fab-a', `p${i}`), link(`l${t.key}1`, t.server, 'hba1', 'fab-b', `p${i}`)]),
      link('la', 'array1', 'CL1-A', 'fab-a', 'p7'),
      link('lb', 'array1', 'CL2-A', 'fab-b', 'p7'),
    ],
    copyGroups: [],
  };
}

export function fig20Scenario(): Scenario {
  return Scenario.parse({
    version: 2,
    kind: 'sandbox-scenario',
    name: 'Fig. 20: three companies share one SAN — zoning and LUN security keep them apart',
    description:
      'Three companies share a dual-fabric SAN and one array, kept apart by per-tenant zoning and per-tenant host groups, until two operator mistakes show what each layer protects (SAN patent Figs. 17–20). ' +
      'Each company\'s server has one HBA on each fabric; each fabric has one single-initiator zone per company with the shared array port, and each array port a host group per company, so every company\'s LUN 0 is its own LDEV. ' +
      'Company A\'s web server runs 200 I/O/s and Company B\'s application server 150 I/O/s plus a 50 I/O/s archive scan, all on fabric A; Company C\'s batch server runs 100 I/O/s on fabric B. ' +
      'At 30 s an operator edits fabric A\'s zone for Company B and types Company C\'s fabric-B WWN instead of B\'s: every I/O of Company B is refused with zoning until the zone is corrected at 45 s; A and C never notice. ' +
      'At 60 s an administrator maps the wrong LDEV at Company B\'s LUN 1: B\'s archive scan now reads Company A\'s web content, and nothing refuses it; the mapping is put back at 80 s.',
    seed: 20,
    durationS: 100,
    topology: fig20Topology(),
    timeline: [
      at(30, { type: 'setZoning', switchId: 'fab-a', zoning: fabricZoning(0, CL1A, w20(3, 1)) },
        'Mis-zoning: editing zone z_company_b on fabric A, the operator enters 10:00:00:00:c9:20:03:01 (Company C\'s fabric-B HBA) instead of Company B\'s 10:00:00:00:c9:20:02:00 and enables the configuration. Company B\'s HBA is now in no zone with the array port and the default zone is noaccess: all 200 I/O/s of Company B are refused with zoning. A and C keep running.'),
      at(45, { type: 'setZoning', switchId: 'fab-a', zoning: fabricZoning(0, CL1A) },
        'The operator corrects z_company_b and enables idc_prod again (cfgenable): Company B\'s I/O flows again at once.'),
      at(60, { type: 'setLuPath', arrayId: 'array1', portId: 'CL1-A', hostGroupId: 'hg-b-1', lun: 1, ldevId: 'a-web' },
        'Isolation broken: re-mapping Company B\'s LUN 1 on CL1-A, the administrator picks LDEV a-web (Company A\'s) instead of b-archive. Zoning and the host group both admit B\'s HBA, so nothing refuses it: B\'s archive scan now reads Company A\'s web content. Watch a-web\'s read rate jump by 50 I/O/s and b-archive fall to 0. (The design-rule panel would flag this mapping as a cross-tenant error.)'),
      at(80, { type: 'setLuPath', arrayId: 'array1', portId: 'CL1-A', hostGroupId: 'hg-b-1', lun: 1, ldevId: 'b-archive' },
        'The audit catches it: LUN 1 of Company B maps b-archive again, and every company once more reaches only its own LDEVs.'),
    ],
    expectations: [
      ...band('the mis-zoning refused Company B\'s I/O (≈ 3,000: 200 I/O/s for 15 s)', 'rejectedIos.byReason.zoning', 2700, 3300),
      expect('every refusal of the run was a zoning one: LUN security refused nothing', 'rejectedIos.total', '==', { path: 'rejectedIos.byReason.zoning' }),
      ...band('of them ≈ 2,250 were Company B\'s application DB (150 I/O/s for 15 s)', 'ldevs.b-app.rejectedIos', 2000, 2500),
      expect('Company A\'s volume never refused an I/O', 'ldevs.a-web.rejectedIos', '==', 0),
      expect('Company C\'s volume never refused an I/O', 'ldevs.c-batch.rejectedIos', '==', 0),
      expect('Company A kept its full rate in every second, through both mistakes (≥ 145 I/O/s)', 'ldevs.a-web.series.minTotalIops', '>=', 145),
      expect('Company C kept its rate in every second (≥ 65 I/O/s)', 'ldevs.c-batch.series.minTotalIops', '>=', 65),
      expect('Company B\'s application DB saw seconds with no I/O (the mis-zoned window)', 'ldevs.b-app.series.minTotalIops', '==', 0),
      ...band('Company B\'s application DB otherwise ran at 150 I/O/s (≈ 12,750 over the 85 s it was zoned)', 'ldevs.b-app.completedIos', 12000, 13500),
      ...band('the wrong LU path sent B\'s 64 KiB scan to Company A\'s volume: a-web read ≈ 0.6 MB/s of it on top of A\'s own ≈ 1.15 MB/s', 'ldevs.a-web.readMBps', 1.5, 2.1),
      expect('a-web peaked above A\'s own 200 I/O/s while B\'s scan read it', 'ldevs.a-web.series.peakTotalIops', '>=', 230),
      ...band('b-archive served B\'s scan only while it was mapped and zoned (≈ 3,250: 50 I/O/s for 65 s)', 'ldevs.b-archive.completedIos', 2950, 3550),
      expect('b-archive was never written: the scan only reads', 'ldevs.b-archive.writtenTracks', '==', 0),
      expect('Company C (fabric B) carried its I/O on its fabric-B link', 'links.lc1.bytes', '>', 0),
      expect('Company C sent nothing on fabric A', 'links.lc0.bytes', '==', 0),
    ],
  });
}

for (const [file, s] of [['scenarios/fig14-lun-security.json', fig14Scenario()], ['scenarios/fig20-multi-tenant.json', fig20Scenario()]] as const) {
  writeFileSync(file, serializeScenario(s));
  console.log(`wrote ${file}`);
}
