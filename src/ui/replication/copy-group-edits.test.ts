/** The copy groups editor's edits and cross-field checks. */
import { describe, expect, it } from 'vitest';
import { twoSiteTopology } from '../../model/test-fixtures.ts';
import { CopyGroup as CopyGroupSchema, type CopyGroup, type DiskArray, type Topology } from '../../model/topology.ts';
import {
  addCopyGroup,
  addDevice,
  editCopyGroup,
  editDevice,
  groupIssues,
  KIND_LABEL,
  ldevChoices,
  poolChoices,
  removeDevice,
  setGroupKind,
  svolChoices,
} from './copy-group-edits.ts';
import { journalChoices, libraryChoices, wanChoices } from './remote-group-edits.ts';

const ldev = (id: string, capacityGiB = 100) => ({ id, name: `Volume ${id}`, parityGroupId: 'pg', capacityGiB, readOnly: false });

function topology(groups: CopyGroup[] = []): Topology {
  return {
    copyGroups: groups,
    links: [],
    devices: [
      { kind: 'server', id: 'srv', name: 'DB' },
      { kind: 'array', id: 'A', name: 'Array A', ldevs: [ldev('p', 200), ldev('s', 200), ldev('small', 100)], pools: [{ id: 'pool-1', name: 'Snap pool' }] },
      { kind: 'array', id: 'B', name: 'Array B', ldevs: [ldev('r', 200)], pools: [] },
    ],
  } as unknown as Topology;
}

const local = (devices: CopyGroup['devices']): CopyGroup => ({ id: 'G', kind: 'local', recordPositions: true, devices });

describe('copy group edits › add and edit', () => {
  it('adds a valid local group on the first LDEVs, with a unique id', () => {
    const t1 = addCopyGroup(topology());
    const t2 = addCopyGroup(t1);
    expect(t2.copyGroups.map((g) => g.id)).toEqual(['CG1', 'CG2']);
    expect(t1.copyGroups[0].devices).toEqual([{ name: 'dev1', pvol: 'p', svol: 's', mu: 0 }]);
    expect(CopyGroupSchema.safeParse(t1.copyGroups[0]).success).toBe(true);
  });

  it('switching kind brings in the field the kind needs and drops the others', () => {
    const t = addCopyGroup(topology());
    const mirror = setGroupKind(t, 'CG1', 'host-mirror').copyGroups[0];
    expect(mirror).toMatchObject({ kind: 'host-mirror', serverId: 'srv' });
    const snap = setGroupKind(setGroupKind(t, 'CG1', 'host-mirror'), 'CG1', 'snapshot').copyGroups[0];
    expect(snap).toMatchObject({ kind: 'snapshot', poolId: 'pool-1' });
    expect('serverId' in snap).toBe(false);
  });

  it('adds devices with the next name on free LDEVs; a snapshot device takes the next MU of the same P-VOL', () => {
    const t = topology([local([{ name: 'dev1', pvol: 'p', svol: 's', mu: 0 }])]);
    expect(addDevice(t, 'G').copyGroups[0].devices[1]).toEqual({ name: 'dev2', pvol: 'small', svol: 'r', mu: 0 });
    const snap = topology([{ id: 'S', kind: 'snapshot', poolId: 'pool-1', recordPositions: true, devices: [{ name: 'dev1', pvol: 'p', mu: 0 }] }]);
    expect(addDevice(snap, 'S').copyGroups[0].devices[1]).toEqual({ name: 'dev2', pvol: 'p', mu: 1 });
  });

  it('edits a device, clearing the S-VOL when set to none, and never removes the last device', () => {
    const t = topology([local([{ name: 'dev1', pvol: 'p', svol: 's', mu: 0 }])]);
    expect(editDevice(t, 'G', 0, { svol: undefined }).copyGroups[0].devices[0]).toEqual({ name: 'dev1', pvol: 'p', mu: 0 });
    expect(editDevice(t, 'G', 0, { mu: 3 }).copyGroups[0].devices[0].mu).toBe(3);
    expect(removeDevice(t, 'G', 0)).toEqual(t);
    expect(removeDevice(addDevice(t, 'G'), 'G', 0).copyGroups[0].devices.map((d) => d.name)).toEqual(['dev2']);
  });

  it('lists LDEVs with their array and capacity, and pools with their array', () => {
    expect(ldevChoices(topology())[0]).toEqual({ value: 'p', label: 'p · Array A · 200 GiB' });
    expect(poolChoices(topology())).toEqual([{ value: 'pool-1', label: 'pool-1 · Snap pool · Array A' }]);
  });
});

describe('copy group edits › checks', () => {
  it('finds nothing wrong with a good local pair', () => {
    const t = topology([local([{ name: 'dev1', pvol: 'p', svol: 's', mu: 0 }])]);
    expect(groupIssues(t, t.copyGroups[0])).toEqual({ group: {}, devices: [{}] });
  });

  it('says what is wrong with an S-VOL: missing, the P-VOL itself, another array, smaller, used twice', () => {
    const issues = (devices: CopyGroup['devices']) => {
      const t = topology([local(devices)]);
      return groupIssues(t, t.copyGroups[0]).devices.map((d) => d.svol);
    };
    expect(issues([{ name: 'd', pvol: 'p', mu: 0 }])).toEqual(['a local pair needs an S-VOL']);
    expect(issues([{ name: 'd', pvol: 'p', svol: 'p', mu: 0 }])).toEqual(['the S-VOL cannot be the P-VOL']);
    expect(issues([{ name: 'd', pvol: 'p', svol: 'r', mu: 0 }])[0]).toMatch(/must be on the P-VOL's array \(Array A\); "r" is on Array B/);
    expect(issues([{ name: 'd', pvol: 'p', svol: 'small', mu: 0 }])[0]).toMatch(/smaller than the P-VOL \(100 GiB < 200 GiB\)/);
    expect(issues([{ name: 'd', pvol: 'p', svol: 'nope', mu: 0 }])).toEqual(['no LDEV "nope"']);
    const twice = issues([
      { name: 'd1', pvol: 'p', svol: 's', mu: 0 },
      { name: 'd2', pvol: 'small', svol: 's', mu: 0 },
    ]);
    expect(twice[0]).toBe('"s" is the S-VOL of G/d1 and G/d2');
  });

  it('allows a host mirror across arrays but needs its server; a snapshot needs a pool on its P-VOL’s array', () => {
    const mirror: CopyGroup = { id: 'H', kind: 'host-mirror', recordPositions: true, devices: [{ name: 'm', pvol: 'p', svol: 'r', mu: 0 }] };
    const t = topology([mirror]);
    expect(groupIssues(t, mirror)).toEqual({ group: { serverId: 'a host-mirror group needs the server running the mirror' }, devices: [{}] });
    const snap: CopyGroup = { id: 'S', kind: 'snapshot', poolId: 'pool-1', recordPositions: true, devices: [{ name: 'g', pvol: 'r', mu: 0 }] };
    expect(groupIssues(topology([snap]), snap).devices[0]).toEqual({ pvol: 'the pool "pool-1" is not on Array B' });
    const noPool: CopyGroup = { ...snap, poolId: undefined, devices: [{ name: 'g', pvol: 'p', mu: 0 }] };
    expect(groupIssues(topology([noPool]), noPool).group.poolId).toMatch(/needs a pool/);
  });

  it('flags duplicate group ids and device names', () => {
    const g = local([
      { name: 'd', pvol: 'p', svol: 's', mu: 0 },
      { name: 'd', pvol: 'small', mu: 0 },
    ]);
    const t = topology([g, { ...g, devices: [g.devices[0]] }]);
    const issues = groupIssues(t, g);
    expect(issues.group.id).toBe('copy group "G" is defined twice');
    expect(issues.devices.map((d) => d.name)).toEqual(['"d" is in the group twice', '"d" is in the group twice']);
  });
});

// ------------------------------------------------------------------ remote kinds

/** The model's two-site fixture (a1 in main ── wan1 ── a2 in remote) with S-VOL candidates and journals on a2. */
function twoSites(): Topology {
  const t = twoSiteTopology();
  const a1 = t.devices.find((d): d is DiskArray => d.id === 'a1')!;
  const a2 = t.devices.find((d): d is DiskArray => d.id === 'a2')!;
  a2.parityGroups = [{ id: '2-1', tier: 'hdd7k', raid: 'RAID6', diskCount: 8, diskCapacityGiB: 1000 }];
  a2.ldevs = ['r1', 'r2'].map((id) => ({ id, name: id, parityGroupId: '2-1', capacityGiB: 100, readOnly: false, cacheResident: false }));
  a1.journals = [{ id: 5, capacityMiB: 2048, overflowWatchS: 60 }, { id: 0, capacityMiB: 512, overflowWatchS: 60 }];
  a2.journals = [{ id: 1, capacityMiB: 4096, overflowWatchS: 60 }];
  return t;
}

const asyncGroup = (t: Topology): Topology => setGroupKind(addCopyGroup(t), 'CG1', 'remote-async');

describe('copy group edits › remote kinds', () => {
  it('switching to remote-async moves the S-VOL to another site and takes the arrays’ first journals', () => {
    const t = addCopyGroup(twoSites());
    expect(t.copyGroups[0].devices[0]).toMatchObject({ pvol: 'l1', svol: 'l2' });
    const g = setGroupKind(setGroupKind(t, 'CG1', 'host-mirror'), 'CG1', 'remote-async').copyGroups[0];
    expect(g).toEqual({ id: 'CG1', kind: 'remote-async', recordPositions: true, consistencyGroup: 0, masterJournal: 5, restoreJournal: 1, devices: [{ name: 'dev1', pvol: 'l1', svol: 'r1', mu: 0 }] });
    expect(CopyGroupSchema.safeParse(g).success).toBe(true);
    expect(KIND_LABEL['remote-async']).toBe('Remote async (Universal Replicator)');
  });

  it('switching between remote kinds keeps the WAN link, brings the fence and drops the journals; local drops both', () => {
    const t = editCopyGroup(asyncGroup(twoSites()), 'CG1', (g) => ({ ...g, wanLinkId: 'wan1', targetLibraryId: 'tl' }));
    const sync = setGroupKind(t, 'CG1', 'remote-sync');
    expect(sync.copyGroups[0]).toEqual({ id: 'CG1', kind: 'remote-sync', recordPositions: true, fence: 'never', wanLinkId: 'wan1', devices: [{ name: 'dev1', pvol: 'l1', svol: 'r1', mu: 0 }] });
    const local = setGroupKind(sync, 'CG1', 'local').copyGroups[0];
    expect(Object.keys(local).sort()).toEqual(['devices', 'id', 'kind', 'recordPositions']);
  });

  it('offers S-VOLs in another site for remote kinds, every LDEV for others; adds remote devices across sites', () => {
    const t = twoSites();
    expect(svolChoices(t, 'remote-sync', 'l1').map((c) => c.value)).toEqual(['r1', 'r2']);
    expect(svolChoices(t, 'remote-sync', 'r1').map((c) => c.value)).toEqual(['l1', 'l2']);
    expect(svolChoices(t, 'local', 'l1').map((c) => c.value)).toEqual(['l1', 'l2', 'r1', 'r2']);
    expect(addDevice(asyncGroup(t), 'CG1').copyGroups[0].devices[1]).toEqual({ name: 'dev2', pvol: 'l2', svol: 'r2', mu: 0 });
  });

  it('lists journals of one array, libraries outside the P-VOLs’ site and every WAN link', () => {
    const t = twoSites();
    expect(journalChoices(t, 'a1')).toEqual([{ value: '5', label: 'JNL 5 · 2 GiB · Array 1' }, { value: '0', label: 'JNL 0 · 512 MiB · Array 1' }]);
    expect(journalChoices(t, 'nope')).toEqual([]);
    const lib = (id: string, siteId: string) => ({ id, name: `Tape ${id}`, kind: 'tapeLibrary', siteId, position: { x: 0, y: 0 }, ports: [], driveGeneration: 'LTO-8', driveCount: 1, slotCount: 4, ioSlotCount: 0, cartridges: [] }) as unknown as Topology['devices'][number];
    t.devices.push(lib('tm', 'main'), lib('tr', 'remote'));
    const g = asyncGroup(t).copyGroups[0];
    expect(libraryChoices(t, g)).toEqual([{ value: 'tr', label: 'Tape tr (tr) · site remote' }]);
    expect(wanChoices(t)).toEqual([{ value: 'wan1', label: 'WAN (wan1) · 1000 Mbit/s · 100 km' }]);
  });

  it('shows the model’s remote rules under the fields, without the group prefix', () => {
    const t = asyncGroup(twoSites());
    expect(groupIssues(t, t.copyGroups[0])).toEqual({ group: {}, devices: [{}], warnings: [] });
    const bad = editCopyGroup(t, 'CG1', (g) => ({ ...g, masterJournal: 9, devices: [{ name: 'dev1', pvol: 'l1', svol: 'l2', mu: 0 }] }));
    const issues = groupIssues(bad, bad.copyGroups[0]);
    expect(issues.group.masterJournal).toBe("array a1 (the P-VOLs' array) has no journal 9 for the master journal (it has 5, 0): add one in the array's Journals");
    expect(issues.devices[0].svol).toMatch(/^a remote-async pair joins two sites, but the S-VOL "l2" \(a1\) is in site main/);
    const tapeless = editDevice(t, 'CG1', 0, { svol: undefined });
    expect(groupIssues(tapeless, tapeless.copyGroups[0]).group.targetLibraryId).toMatch(/^dev1 has no S-VOL: name a tape or DVD library/);
  });

  it('lists a bandwidth warning apart from the errors', () => {
    const t = asyncGroup(twoSites());
    const w = (t.devices.find((d) => d.id === 's1') as Extract<Topology['devices'][number], { kind: 'server' }>).workloads[0];
    delete w.iodepth;
    Object.assign(w, { rate_iops: 10_000, bs: '64k', rw: 'write' });
    const issues = groupIssues(t, t.copyGroups[0]);
    expect(issues.group).toEqual({});
    expect(issues.warnings).toEqual([expect.stringMatching(/^Warning: the workloads on its P-VOLs write 655 MB\/s \(5243 Mbit\/s\) but WAN link wan1 carries 1000 Mbit\/s/)]);
  });
});
