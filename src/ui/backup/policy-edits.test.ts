/** The backup policies editor's edits, choices and per-field findings. */
import { describe, expect, it } from 'vitest';
import { checkDesign } from '../../model/design-rules.ts';
import { BackupPolicy as BackupPolicySchema, type Topology } from '../../model/topology.ts';
import {
  addFreeVolume,
  addPolicy,
  backupOf,
  findingsUnder,
  freeVolumeCandidates,
  libraryChoices,
  newPolicy,
  otherPolicyIds,
  patchPolicy,
  removeFreeVolume,
  removePolicy,
  setManagerServer,
  setPolicyPath,
  windowLabel,
} from './policy-edits.ts';

const ldev = (id: string, capacityGiB = 100) => ({ id, name: `Volume ${id}`, parityGroupId: 'pg', capacityGiB, readOnly: false, cacheResident: false });

/** A partial document: enough for the edits (not for the design rules). */
function topology(backup?: Topology['backup']): Topology {
  return {
    copyGroups: [{ id: 'G', kind: 'local', recordPositions: true, devices: [{ name: 'd', pvol: 'p', svol: 's', mu: 0 }] }],
    links: [],
    devices: [
      { kind: 'server', id: 'db', name: 'DB', roles: ['database'], workloads: [], ports: [] },
      { kind: 'server', id: 'bk', name: 'Backup', roles: ['backup-server'], workloads: [], ports: [] },
      { kind: 'array', id: 'A', name: 'Array A', ldevs: [ldev('p', 200), ldev('s', 200), ldev('f1', 300), ldev('f2', 50)], hostGroups: [], luPaths: [] },
      { kind: 'tapeLibrary', id: 'tape1', name: 'Tape', driveGeneration: 'LTO-8', driveCount: 2, cartridges: [] },
    ],
    ...(backup ? { backup } : {}),
  } as unknown as Topology;
}

describe('policy edits › policies', () => {
  it('adds valid policies with unique ids on LDEVs no policy covers yet, even when the document has no backup section', () => {
    const t1 = addPolicy(topology());
    const t2 = addPolicy(t1);
    expect(backupOf(t2).policies.map((p) => [p.id, p.ldevId, p.libraryId])).toEqual([
      ['BP1', 'p', 'tape1'],
      ['BP2', 's', 'tape1'],
    ]);
    expect(BackupPolicySchema.safeParse(backupOf(t1).policies[0]).success).toBe(true);
    expect(backupOf(t1).freeVolumes).toEqual([]);
  });

  it('picks replica when the pool has a free volume, direct when it is empty', () => {
    expect(newPolicy(topology()).method).toBe('direct');
    expect(newPolicy(topology({ freeVolumes: ['f1'], policies: [] })).method).toBe('replica');
  });

  it('switching path brings in the servers the path needs and drops the others', () => {
    const t = addPolicy(topology());
    const lan = backupOf(setPolicyPath(t, 0, 'lan')).policies[0];
    expect(lan).toMatchObject({ path: 'lan', serverId: 'db', backupServerId: 'bk' });
    const lanFree = backupOf(setPolicyPath(setPolicyPath(t, 0, 'lan'), 0, 'lan-free')).policies[0];
    expect(lanFree).toMatchObject({ path: 'lan-free', serverId: 'db' });
    expect('backupServerId' in lanFree).toBe(false);
    const serverLess = backupOf(setPolicyPath(setPolicyPath(t, 0, 'lan'), 0, 'server-less')).policies[0];
    expect('serverId' in serverLess || 'backupServerId' in serverLess).toBe(false);
  });

  it('keeps a server already chosen when the path changes', () => {
    const t = patchPolicy(setPolicyPath(addPolicy(topology()), 0, 'lan-free'), 0, { serverId: 'bk' });
    expect(backupOf(setPolicyPath(t, 0, 'lan')).policies[0]).toMatchObject({ serverId: 'bk', backupServerId: 'bk' });
  });

  it('patches and removes by index, so a duplicated id can still be fixed', () => {
    let t = addPolicy(addPolicy(topology()));
    t = patchPolicy(t, 1, { id: 'BP1' });
    expect(otherPolicyIds(t, 0)).toEqual(new Set(['BP1']));
    t = patchPolicy(t, 1, { id: 'nightly', windowHours: 6 });
    expect(backupOf(t).policies.map((p) => [p.id, p.windowHours])).toEqual([['BP1', 4], ['nightly', 6]]);
    expect(backupOf(removePolicy(t, 0)).policies.map((p) => p.id)).toEqual(['nightly']);
  });

  it('labels windows, with the day after when they pass midnight', () => {
    expect(windowLabel({ frequency: 'daily', weekday: 0, windowStart: '01:00', windowHours: 4 })).toBe('daily 01:00–05:00');
    expect(windowLabel({ frequency: 'weekly', weekday: 6, windowStart: '22:30', windowHours: 4 })).toBe('Saturdays 22:30–02:30 (+1 day)');
    expect(windowLabel({ frequency: 'daily', weekday: 0, windowStart: '00:00', windowHours: 1.5 })).toBe('daily 00:00–01:30');
  });
});

describe('policy edits › free volumes and SAN manager', () => {
  it('offers only LDEVs not in the pool and not in use by a copy group or a policy', () => {
    let t = addPolicy(topology({ freeVolumes: [], policies: [] }));
    t = patchPolicy(t, 0, { ldevId: 'f2' });
    expect(freeVolumeCandidates(t).map((c) => c.value)).toEqual(['f1']);
    t = addFreeVolume(t, 'f1');
    expect(backupOf(t).freeVolumes).toEqual(['f1']);
    expect(freeVolumeCandidates(t)).toEqual([]);
    expect(backupOf(addFreeVolume(t, 'f1')).freeVolumes).toEqual(['f1']);
    expect(backupOf(removeFreeVolume(t, 0)).freeVolumes).toEqual([]);
  });

  it('sets and clears the SAN manager server', () => {
    const t = setManagerServer(topology(), 'bk');
    expect(backupOf(t).managerServerId).toBe('bk');
    expect('managerServerId' in backupOf(setManagerServer(t, undefined))).toBe(false);
  });

  it('lists libraries with their drives', () => {
    expect(libraryChoices(topology())).toEqual([{ value: 'tape1', label: 'Tape (2 × LTO-8)' }]);
  });
});

describe('policy edits › findings', () => {
  const issues = [
    { severity: 'warning' as const, field: 'backup.policies[1].windowStart', message: 'overlap' },
    { severity: 'error' as const, field: 'backup.policies[1].ldevId', message: 'no LDEV' },
    { severity: 'error' as const, field: 'backup.policies[10].ldevId', message: 'not mine' },
    { severity: 'warning' as const, field: 'backup.freeVolumes[0]', message: 'in use' },
    { severity: 'error' as const, field: 'backup.policies[1].ldevId', message: 'twice' },
  ];

  it('groups findings by field under one policy, never another index that shares the digits', () => {
    const f = findingsUnder(issues, 'backup.policies[1]');
    expect([...f.keys()].sort()).toEqual(['ldevId', 'windowStart']);
    expect(f.get('ldevId')).toEqual({ severity: 'error', message: 'no LDEV; twice' });
    expect(findingsUnder(issues, 'backup.freeVolumes[0]').get('')).toEqual({ severity: 'warning', message: 'in use' });
  });

  it('reads the real design rules: a LAN policy without a LAN shows under backupServerId', () => {
    const t = setPolicyPath(addPolicy(topology()), 0, 'lan');
    const head: Record<string, unknown> = { version: 2, name: 'x', sites: [{ id: 'main', name: 'Main', kind: 'main' }] };
    const place: Record<string, unknown> = { siteId: 'main', position: { x: 0, y: 0 }, ports: [] };
    const devices = t.devices.map((d) => ({ ...place, ...d, ...(d.kind === 'array' ? { parityGroups: [{ id: 'pg', tier: 'ssd', raid: 'RAID1', diskCount: 2, diskCapacityGiB: 1000 }], pools: [] } : {}), ...(d.kind === 'tapeLibrary' ? { slotCount: 10, ioSlotCount: 0 } : {}) }));
    const full = { ...head, ...t, devices } as unknown as Topology;
    const f = findingsUnder(checkDesign(full), 'backup.policies[0]');
    expect(f.get('backupServerId')?.message).toMatch(/no LAN connects db to the backup server bk/);
  });
});
