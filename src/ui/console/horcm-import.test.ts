/**
 * The horcm.conf import against the built-in demo design (array1: db-primary behind CL1-A LUN 0,
 * db-secondary behind CL2-A LUN 0): all or nothing, problems located by file and line, groups
 * added or replaced.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../model/parse.ts';
import type { DiskArray, Topology } from '../../model/topology.ts';
import { serialOf } from '../../cci/topology-view.ts';
import { P_FILE_LABEL, S_FILE_LABEL, importSummary, mergeCopyGroups, planHorcmImport } from './horcm-import.ts';

function demoTopology(): Topology {
  const parsed = parseDocument(JSON.parse(readFileSync(new URL('../../../scenarios/embodiment-1-online-backup.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error('demo scenario invalid');
  return parsed.scenario.topology;
}

const HORCM0 = `# horcm0.conf — P-VOL instance
HORCM_MON
#ip_address  service  poll(10ms)  timeout(10ms)
localhost    horcm0   1000        3000

HORCM_CMD
\\\\.\\CMD-64001:/dev/sd

HORCM_DEV
#dev_group  dev_name  port#  TargetID  LU#  MU#
VG01        dev1      CL1-A  0         0    0

HORCM_INST
#dev_group  ip_address  service
VG01        localhost   horcm1
`;

const HORCM1 = `HORCM_MON
localhost horcm1 1000 3000
HORCM_CMD
\\\\.\\CMD-64001:/dev/sd
HORCM_DEV
VG01 dev1 CL2-A 0 0 0
HORCM_INST
VG01 localhost horcm0
`;

describe('console › horcm.conf import › plan', () => {
  it('reads a two-instance configuration into a local copy group', () => {
    const plan = planHorcmImport({ pText: HORCM0, sText: HORCM1, kind: 'local' }, demoTopology());
    expect(plan).toMatchObject({ ok: true, added: ['VG01'], replaced: [], deviceCount: 1 });
    if (!plan.ok) return;
    expect(plan.groups[0]).toMatchObject({ id: 'VG01', kind: 'local', devices: [{ name: 'dev1', pvol: 'db-primary', svol: 'db-secondary', mu: 0 }] });
    expect(importSummary(plan)).toBe('Imported 1 copy group (1 device) from horcm.conf: VG01');
  });

  it('reports parse errors with the file and line, and resolves nothing', () => {
    const broken = HORCM0.replace('VG01        dev1      CL1-A  0         0    0', 'VG01 dev1 CL1-A 0 x');
    const plan = planHorcmImport({ pText: broken, sText: HORCM1, kind: 'local' }, demoTopology());
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toMatchObject({ file: P_FILE_LABEL, line: 11 });
    expect(plan.problems[0].message).toMatch(/LU#/);
  });

  it('reports volumes that the design does not have', () => {
    const plan = planHorcmImport({ pText: HORCM0, sText: HORCM1.replace('CL2-A 0 0 0', 'CL9-Z 0 0 0'), kind: 'local' }, demoTopology());
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.problems[0].message).toMatch(/CL9-Z/);
  });

  it('asks for what the kind needs before reading anything', () => {
    const t = demoTopology();
    const missingS = planHorcmImport({ pText: HORCM0, sText: '  ', kind: 'local' }, t);
    expect(missingS).toEqual({ ok: false, problems: [expect.objectContaining({ file: S_FILE_LABEL })] });
    const noServer = planHorcmImport({ pText: HORCM0, sText: HORCM1, kind: 'host-mirror' }, t);
    expect(noServer.ok).toBe(false);
    if (!noServer.ok) expect(noServer.problems[0].message).toMatch(/server/);
    const noPool = planHorcmImport({ pText: HORCM0, sText: '', kind: 'snapshot' }, t);
    expect(noPool.ok).toBe(false);
    if (!noPool.ok) expect(noPool.problems[0].message).toMatch(/pool/);
    const empty = planHorcmImport({ pText: '', sText: '', kind: 'snapshot', poolId: 'p1' }, t);
    expect(empty.ok).toBe(false);
  });

  it('sets the server of a host-mirror group', () => {
    const plan = planHorcmImport({ pText: HORCM0, sText: HORCM1, kind: 'host-mirror', serverId: 'db-server', recordPositions: false }, demoTopology());
    expect(plan.ok && plan.groups[0]).toMatchObject({ kind: 'host-mirror', serverId: 'db-server', recordPositions: false });
  });
});

describe('console › horcm.conf import › merge', () => {
  it('replaces groups with the same id in place and appends new ones', () => {
    const t = demoTopology();
    const old = { id: 'VG01', kind: 'local' as const, recordPositions: true, devices: [{ name: 'x', pvol: 'a', svol: 'b', mu: 0 }] };
    const other = { ...old, id: 'KEEP' };
    const base = { ...t, copyGroups: [old, other] };
    const plan = planHorcmImport({ pText: HORCM0, sText: HORCM1, kind: 'local' }, base);
    expect(plan).toMatchObject({ ok: true, replaced: ['VG01'], added: [] });
    if (!plan.ok) return;
    expect(importSummary(plan)).toMatch(/VG01 \(replaced\)/);
    const merged = mergeCopyGroups(base, plan.groups);
    expect(merged.copyGroups.map((g) => g.id)).toEqual(['VG01', 'KEEP']);
    expect(merged.copyGroups[0].devices[0].name).toBe('dev1');
    expect(merged.copyGroups[1]).toBe(other);
  });
});

describe('console › horcm.conf import › remote kinds', () => {
  it('reads a TrueCopy pair whose S-VOL is on the remote site’s array (HORCM_LDEV serials pick the arrays)', () => {
    const t = demoTopology();
    const main = t.devices.find((d): d is DiskArray => d.kind === 'array')!;
    t.sites.push({ id: 'dr', name: 'DR site', kind: 'remote' });
    const dr: DiskArray = { ...structuredClone(main), id: 'array-dr', name: 'DR array', siteId: 'dr', ports: [], hostGroups: [], luPaths: [] };
    dr.ldevs = [{ id: 'dr-vol', name: 'DR', parityGroupId: main.parityGroups[0].id, capacityGiB: 1000, readOnly: false, cacheResident: false }];
    t.devices.push(dr);
    const serial = serialOf(t, 'array-dr');
    const sSide = `HORCM_MON\nlocalhost horcm1 1000 3000\nHORCM_CMD\n\\\\\\\\.\\\\CMD-${serial}:/dev/sd\nHORCM_LDEV\nVG01 dev1 ${serial} dr-vol 0\nHORCM_INST\nVG01 localhost horcm0\n`;
    const plan = planHorcmImport({ pText: HORCM0, sText: sSide, kind: 'remote-sync' }, t);
    expect(plan.ok ? [] : plan.problems).toEqual([]);
    expect(plan).toMatchObject({ ok: true, added: ['VG01'] });
    if (!plan.ok) return;
    expect(plan.groups[0]).toMatchObject({ id: 'VG01', kind: 'remote-sync', devices: [{ name: 'dev1', pvol: 'db-primary', svol: 'dr-vol', mu: 0 }] });
  });
});
