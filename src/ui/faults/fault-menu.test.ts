/**
 * The canvas's fault menu and the Inject fault dialog's picker (fault-menu.ts) and the commands
 * they send (fault-commands.ts): entries per device kind, Fail vs Repair by what is failed now,
 * the line each command is named by, and the run phase that enables them.
 */
import { describe, expect, it } from 'vitest';
import type { FaultStatus } from '../../engine/api.ts';
import { Action } from '../../model/scenario.ts';
import type { FaultComponent } from '../../model/scenario-faults.ts';
import { backupScenario } from '../../engine/testing/backup-fixtures.ts';
import { activeKeys, faultCommand, faultKey, runPhaseOf, siteLossCommand, unavailableReason } from './fault-commands.ts';
import { controllersOf, counterpartId, faultMenu, faultTargets, flattenMenu, type MenuItem } from './fault-menu.ts';

/** db (hba0) and bk (hba0) → sw1 → arr1 (fc0, fc1; pg1 RAID-5 of 8 disks); lib1 with 2 drives; lan1. */
const topology = backupScenario({ library: { drives: 2 } }).topology;
const none: ReadonlySet<string> = new Set();
const keys = (...cs: FaultComponent[]) => new Set(cs.map(faultKey));

/** The menu as `label` / `label ▸ [children]` lines, for readable expectations. */
function outline(items: readonly MenuItem[]): unknown[] {
  return items.map((it) => (it.children ? { [it.label]: outline(it.children) } : it.disabled ? `(${it.label})` : it.label));
}

const menu = (target: Parameters<typeof faultMenu>[1], active = none) => faultMenu(topology, target, active, 'active');

describe('fault menu › per device kind', () => {
  it('a cable: Fail link, or Repair link while it is failed', () => {
    const link: FaultComponent = { kind: 'link', linkId: 'fc-db' };
    expect(menu({ kind: 'link', id: 'fc-db' })).toEqual({
      title: 'Cable fc-db: db/hba0 ↔ sw1/p0',
      items: [{ id: 'fail:link fc-db', label: 'Fail link', command: { action: { type: 'setFault', component: link, failed: true }, line: 'fail link fc-db' } }],
    });
    const repair = menu({ kind: 'link', id: 'fc-db' }, keys(link)).items[0];
    expect(repair).toMatchObject({ label: 'Repair link', command: { action: { failed: false }, line: 'repair link fc-db' } });
  });

  it('a server: Fail HBA ▸ its FC ports, then Repair HBA ▸ the failed ones; a site disaster last', () => {
    expect(outline(menu({ kind: 'device', id: 'db' }).items)).toEqual([{ 'Fail HBA': ['hba0'] }, { Disaster: ['Lose site Main'] }]);
    const failed = menu({ kind: 'device', id: 'db' }, keys({ kind: 'port', deviceId: 'db', portId: 'hba0' }));
    expect(outline(failed.items)).toEqual([{ 'Repair HBA': ['hba0'] }, { Disaster: ['Lose site Main'] }]);
    const lost = menu({ kind: 'device', id: 'db' }, keys({ kind: 'site', siteId: 'main' }));
    expect(flattenMenu(lost.items).find((i) => i.label === 'Disaster › Restore site Main')?.command).toEqual({
      action: { type: 'setFault', component: { kind: 'site', siteId: 'main' }, failed: false },
      line: 'repair site main',
    });
    expect(flattenMenu(failed.items)[0].command).toEqual(faultCommand({ kind: 'port', deviceId: 'db', portId: 'hba0' }, false));
    const site = flattenMenu(failed.items)[1];
    expect(site).toMatchObject({ label: 'Disaster › Lose site Main', danger: true, command: siteLossCommand('main') });
  });

  it('a switch: Fail switch and Fail port ▸ its cabled ports only', () => {
    const items = menu({ kind: 'device', id: 'sw1' }).items;
    const ports = items.find((i) => i.label === 'Fail port')!.children!.map((c) => c.label);
    expect(items[0]).toMatchObject({ label: 'Fail switch', command: { line: 'fail device sw1' } });
    expect(ports).toEqual(['p0', 'p1', 'p2', 'p3', 'p8', 'p9']); // db, bk, arr1 ×2, lib1 ×2 — not the 10 free ports
    expect(menu({ kind: 'device', id: 'sw1' }, keys({ kind: 'device', deviceId: 'sw1' })).items[0].label).toBe('Repair switch');
  });

  it('an array: ports, controllers and disks by parity group, each disk 0-based', () => {
    const items = menu({ kind: 'device', id: 'arr1' }, keys({ kind: 'disk', arrayId: 'arr1', parityGroupId: 'pg1', disk: 2 })).items;
    expect(outline(items)).toEqual([
      { 'Fail port': ['fc0', 'fc1'] },
      { 'Fail controller': ['CL1'] },
      { 'Fail disk': [{ pg1: ['disk 0', 'disk 1', 'disk 3', 'disk 4', 'disk 5', 'disk 6', 'disk 7'] }] },
      { 'Repair disk': [{ pg1: ['disk 2'] }] },
      { Disaster: ['Lose site Main'] },
    ]);
    const leaves = flattenMenu(items);
    expect(leaves.find((l) => l.label === 'Fail disk › pg1 › disk 7')!.command.action).toEqual({
      type: 'setFault', component: { kind: 'disk', arrayId: 'arr1', parityGroupId: 'pg1', disk: 7 }, failed: true,
    });
    expect(leaves.find((l) => l.label === 'Fail controller › CL1')!.command.line).toBe('fail controller arr1/CL1');
    expect(new Set(leaves.map((l) => l.id)).size).toBe(leaves.length);
  });

  it('a library: Fail drive ▸ drive n (0-based)', () => {
    const items = menu({ kind: 'device', id: 'lib1' }, keys({ kind: 'tapeDrive', libraryId: 'lib1', drive: 1 })).items;
    expect(outline(items)).toEqual([{ 'Fail drive': ['drive 0'] }, { 'Repair drive': ['drive 1'] }, { Disaster: ['Lose site Main'] }]);
    expect(flattenMenu(items)[1].command).toEqual({ action: { type: 'setFault', component: { kind: 'tapeDrive', libraryId: 'lib1', drive: 1 }, failed: false }, line: 'repair drive lib1#1' });
  });

  it('a LAN segment offers nothing; an unknown device or cable neither', () => {
    expect(outline(menu({ kind: 'device', id: 'lan1' }).items)).toEqual(['(No faults to inject here)']);
    expect(outline(menu({ kind: 'link', id: 'nope' }).items)).toEqual(['(No faults to inject here)']);
  });

  it('every command is a valid scenario action', () => {
    for (const { target } of faultTargets(topology)) {
      for (const leaf of flattenMenu(menu(target).items)) expect(Action.safeParse(leaf.command.action).success, leaf.label).toBe(true);
    }
  });
});

describe('fault menu › run phase', () => {
  it('before the run and after it, one disabled line says why', () => {
    expect(faultMenu(topology, { kind: 'link', id: 'fc-db' }, none, 'none').items).toEqual([{ id: 'unavailable', label: 'Start the run to inject faults', disabled: true }]);
    expect(faultMenu(topology, { kind: 'device', id: 'db' }, none, 'finished').items[0]).toMatchObject({ disabled: true, label: 'The run has finished: Reset and play to inject faults' });
    expect(flattenMenu(faultMenu(topology, { kind: 'device', id: 'db' }, none, 'none').items)).toEqual([]);
  });

  it('is active while playing or paused only', () => {
    expect(['idle', 'loading', 'ready', 'playing', 'paused', 'finished', 'error'].map(runPhaseOf)).toEqual(['none', 'none', 'none', 'active', 'active', 'finished', 'none']);
    expect(unavailableReason('active')).toBeNull();
  });
});

describe('fault menu › picker and keys', () => {
  it('lists the devices that can fail, then every cable, with their titles', () => {
    const t = faultTargets(topology);
    expect(t.filter((x) => x.target.kind === 'device').map((x) => x.target.id)).toEqual(['db', 'bk', 'sw1', 'arr1', 'lib1']);
    expect(t.filter((x) => x.target.kind === 'link')).toHaveLength(topology.links.length);
    expect(t[0].label).toBe('db · Server');
  });

  it('keys active faults by their component label', () => {
    const status = { faults: [{ component: { kind: 'port', deviceId: 'db', portId: 'hba0' }, label: 'port db/hba0', deviceId: 'db', sinceUs: 1 }] } as unknown as FaultStatus;
    expect([...activeKeys(status)]).toEqual(['port db/hba0']);
    expect(activeKeys(null).size).toBe(0);
  });

  it('pairs each Fail entry with its Repair entry, so the picker keeps the component after Apply', () => {
    const hba: FaultComponent = { kind: 'port', deviceId: 'db', portId: 'hba0' };
    const failId = flattenMenu(menu({ kind: 'device', id: 'db' }).items)[0].id;
    const repairId = flattenMenu(menu({ kind: 'device', id: 'db' }, keys(hba)).items)[0].id;
    expect([failId, repairId]).toEqual(['fail:port db/hba0', 'repair:port db/hba0']);
    expect(counterpartId(failId)).toBe(repairId);
    expect(counterpartId(repairId)).toBe(failId);
    expect(counterpartId('site:main')).toBe('site:main');
  });

  it('numbers controllers from CLn- port ids; others belong to controller 1', () => {
    expect(controllersOf(['CL2-A', 'CL1-A', 'CL1-B', 'CL2-B'])).toEqual([1, 2]);
    expect(controllersOf(['fc0', 'CL3-A'])).toEqual([1, 3]);
  });
});
