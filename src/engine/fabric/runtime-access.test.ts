/**
 * LUN security changed while a run goes on (runtime-access.ts, `setHostGroupWwpn`; embodiment 3:
 * the backup server's WWN allowed for the backup window only): a refused workload succeeds from
 * the instant its WWPN is added and is refused again from the instant it is removed; a volume
 * mount follows the same rule; the membership and the LAN paths of RuntimeAccess on their own.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../compile.ts';
import { REJECT_ROUND_TRIP_US } from '../constants.ts';
import { createSimulation } from '../simulation.ts';
import type { CompletedIo } from '../simulation-types.ts';
import { backupScenario } from '../testing/backup-fixtures.ts';
import { lunTarget, smallSan } from '../testing/small-sans.ts';
import { RuntimeAccess } from './runtime-access.ts';

function foreignGroupRun() {
  const b = smallSan({ foreignHostGroup: true }); // hg1 admits another WWPN, not h1's
  b.workload('h1', { id: 'w', rw: 'randrw', iodepth: 2, startAtS: 0, target: lunTarget(0) });
  const ios: CompletedIo[] = [];
  const sim = createSimulation(b.build({ durationS: 10 }), { onComplete: (io) => ios.push(io) });
  return { sim, ios, wwpn: b.wwpnOf('h1', 'hba0') };
}

describe('runtime access › host group membership', () => {
  it('lets a refused workload through from the instant its WWPN is added, and refuses it again once removed', () => {
    const { sim, ios, wwpn } = foreignGroupRun();
    sim.runUntil(1e6);
    expect(ios.length).toBeGreaterThan(1000);
    expect(ios.every((io) => io.rejected)).toBe(true);
    expect(sim.report().rejectedIos.byReason['not-in-host-group']).toBe(ios.length + 2); // two still in flight
    const add = sim.apply({ type: 'setHostGroupWwpn', arrayId: 'arr1', hostGroupId: 'hg1', wwpn, member: true });
    expect(add).toEqual({ ok: true });
    const addedUs = sim.nowUs();
    sim.runUntil(2e6);
    const allowed = ios.filter((io) => io.issueUs > addedUs);
    expect(allowed.length).toBeGreaterThan(1000);
    expect(allowed.every((io) => !io.rejected && io.ldevId === 'ssd0')).toBe(true);
    expect(allowed[0].issueUs).toBeLessThanOrEqual(addedUs + REJECT_ROUND_TRIP_US); // the next I/O after the refused ones in flight
    expect(sim.apply({ type: 'setHostGroupWwpn', arrayId: 'arr1', hostGroupId: 'hg1', wwpn, member: false })).toEqual({ ok: true });
    const removedUs = sim.nowUs();
    sim.runUntil(3e6);
    const refused = ios.filter((io) => io.issueUs > removedUs);
    expect(refused.length).toBeGreaterThan(1000);
    expect(refused.every((io) => io.rejected)).toBe(true);
    expect(sim.snapshot().workloads[0]).toMatchObject({ rejectReason: 'not-in-host-group' });
  });

  it('refuses a mount while the server is not allowed and accepts it once it is', () => {
    const { sim, wwpn } = foreignGroupRun();
    const refused = sim.apply({ type: 'mountVolume', serverId: 'h1', ldevId: 'ssd0', readOnly: true });
    expect(refused.ok).toBe(false);
    expect(refused.message).toBe('mount refused: h1 cannot reach ssd0 (arr1/fc0 LUN 0): not-in-host-group');
    expect(sim.backupStatus().mounts).toEqual([]);
    sim.apply({ type: 'setHostGroupWwpn', arrayId: 'arr1', hostGroupId: 'hg1', wwpn, member: true });
    expect(sim.apply({ type: 'mountVolume', serverId: 'h1', ldevId: 'ssd0', readOnly: true })).toEqual({ ok: true });
    expect(sim.backupStatus().mounts).toEqual([{ serverId: 'h1', ldevId: 'ssd0', readOnly: true }]);
  });

  it('refuses an unknown array or host group and changes nothing', () => {
    const { sim, wwpn } = foreignGroupRun();
    expect(sim.apply({ type: 'setHostGroupWwpn', arrayId: 'nope', hostGroupId: 'hg1', wwpn, member: true })).toEqual({ ok: false, message: 'no array "nope"' });
    expect(sim.apply({ type: 'setHostGroupWwpn', arrayId: 'arr1', hostGroupId: 'hg9', wwpn, member: true })).toEqual({ ok: false, message: 'arr1: no host group "hg9"' });
    sim.runUntil(1e6);
    expect(sim.report().ldevs.ssd0.completedIos).toBe(0);
  });

  it('lets a backup job read a volume through a WWPN added at run time (embodiment 3 window)', () => {
    const sim = createSimulation(backupScenario({}));
    const server = sim.scenario.topology.devices.find((d) => d.id === 'bk')!;
    const bk = server.ports.find((p) => p.id === 'hba0')!.wwpn!;
    const first = sim.apply({ type: 'backupJob', job: 'no', source: 'P', libraryId: 'lib1', path: 'lan-free', serverId: 'bk' });
    expect(first.ok).toBe(false);
    expect(sim.apply({ type: 'setHostGroupWwpn', arrayId: 'arr1', hostGroupId: 'hg-db', wwpn: bk, member: true })).toEqual({ ok: true });
    expect(sim.apply({ type: 'backupJob', job: 'yes', source: 'P', libraryId: 'lib1', path: 'lan-free', serverId: 'bk' })).toEqual({ ok: true });
  });
});

describe('runtime access › RuntimeAccess', () => {
  const scenario = backupScenario({});
  const model = compileScenario(scenario, 1);

  it('keeps its own copy of the membership and lists only the host groups changed, sorted', () => {
    const access = new RuntimeAccess(scenario.topology, model.graph);
    const w = '10:00:00:00:00:00:00:99';
    expect(access.membership()).toEqual([]);
    expect(access.setMember('arr1', 'hg-bk', w, true)).toBeNull();
    expect(access.setMember('arr1', 'hg-bk', w, true)).toBeNull(); // no-op change is fine
    expect(access.isMember('arr1', 'hg-bk', w)).toBe(true);
    const hgBk = scenario.topology.devices.find((d) => d.kind === 'array')!;
    expect(hgBk.kind === 'array' && hgBk.hostGroups.find((g) => g.id === 'hg-bk')!.wwpns).not.toContain(w); // the document is untouched
    const [[key, members]] = access.membership();
    expect(key).toBe('arr1/hg-bk WWPNs');
    expect(members.split(' ')).toContain(w);
    access.setMember('arr1', 'hg-bk', w, false);
    expect(access.isMember('arr1', 'hg-bk', w)).toBe(false);
  });

  it('finds a LAN path only through LAN segments, in the direction of the data', () => {
    const access = new RuntimeAccess(scenario.topology, model.graph);
    const path = access.lanPath('db', 'bk')!;
    expect(access.linkIds(path.resources)).toEqual(['lan-db', 'lan-bk']);
    const back = access.lanPath('bk', 'db')!;
    expect(back.resources).toEqual([...path.resources].reverse().map((r) => r ^ 1)); // the same links, each the other way
    expect(access.lanPath('db', 'arr1')).toBeNull(); // no LAN port on the array
  });
});
