/** The copy groups editor's edits and cross-field checks. */
import { describe, expect, it } from 'vitest';
import { CopyGroup as CopyGroupSchema, type CopyGroup, type Topology } from '../../model/topology.ts';
import {
  addCopyGroup,
  addDevice,
  editDevice,
  groupIssues,
  ldevChoices,
  poolChoices,
  removeDevice,
  setGroupKind,
} from './copy-group-edits.ts';

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
