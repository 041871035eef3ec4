import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Action } from '../../model/scenario.ts';
import { actionFamily, describeAction, FAMILY_LABEL } from './describe-action.ts';

type ActionType = z.infer<typeof Action>['type'];

/** One document-shaped example per action type (parsed, so defaults are filled in). */
const SAMPLES: Record<ActionType, z.input<typeof Action>> = {
  startWorkload: { type: 'startWorkload', serverId: 'srv1', workloadId: 'oltp' },
  stopWorkload: { type: 'stopWorkload', serverId: 'srv1', workloadId: 'oltp' },
  setWorkload: { type: 'setWorkload', serverId: 'srv1', workloadId: 'oltp', changes: { rate_iops: 500, skew: { kind: 'zipf', theta: 1.1 } } },
  pairCreate: { type: 'pairCreate', group: 'db' },
  pairSplit: { type: 'pairSplit', group: 'db', device: 'dev1', mode: 'quick' },
  pairSuspend: { type: 'pairSuspend', group: 'db' },
  pairDelete: { type: 'pairDelete', group: 'db' },
  pairResync: { type: 'pairResync', group: 'db', restore: true },
  setReadOnly: { type: 'setReadOnly', ldevId: 'ld1', readOnly: true },
  dbBackupMode: { type: 'dbBackupMode', serverId: 'srv1', on: true },
  mountVolume: { type: 'mountVolume', serverId: 'srv2', ldevId: 'ld2' },
  unmountVolume: { type: 'unmountVolume', serverId: 'srv2', ldevId: 'ld2' },
  setHostGroupWwpn: { type: 'setHostGroupWwpn', arrayId: 'ar1', hostGroupId: 'hg1', wwpn: '50:06:0e:80:00:00:00:01', member: false },
  backupJob: { type: 'backupJob', job: 'b1', source: 'ld2', libraryId: 'lib1' },
  restoreJob: { type: 'restoreJob', job: 'r1', fromJob: 'b1', target: 'ld1' },
  copyJob: { type: 'copyJob', job: 'c1', source: 'ld1', target: 'ld3', serverId: 'srv1', via: 'lan', targetServerId: 'srv3' },
  mountCartridge: { type: 'mountCartridge', libraryId: 'lib1', barcode: 'A00001' },
  unmountCartridge: { type: 'unmountCartridge', libraryId: 'lib1', barcode: 'A00001' },
  startRunbook: { type: 'startRunbook', runbook: 'nightly' },
  pauseRunbook: { type: 'pauseRunbook', runbook: 'nightly', beforeStep: 2 },
  resumeRunbook: { type: 'resumeRunbook', runbook: 'nightly', oneStep: true },
  setPolicy: { type: 'setPolicy', policy: { id: 'p1', tenant: 'Company A', ldevId: 'ld1', windowStart: '01:00', windowHours: 2, libraryId: 'lib1' } },
  runPolicy: { type: 'runPolicy', policyId: 'p1' },
  setWanLink: { type: 'setWanLink', wanLinkId: 'wan1', up: false },
  siteLoss: { type: 'siteLoss', siteId: 'main' },
  verifyRemote: { type: 'verifyRemote', group: 'rc' },
  setZoning: { type: 'setZoning', switchId: 'sw1', zoning: { effectiveCfg: 'prod' } },
  setLuPath: { type: 'setLuPath', arrayId: 'ar1', portId: 'CL1-A', hostGroupId: 'hg1', lun: 3, ldevId: 'ld4' },
  setHostGroup: { type: 'setHostGroup', arrayId: 'ar1', hostGroupId: 'hg2', portId: 'CL2-A', present: true },
  setFault: { type: 'setFault', component: { kind: 'disk', arrayId: 'ar1', parityGroupId: 'PG1', disk: 2 }, failed: true },
  moveVolume: { type: 'moveVolume', ldevId: 'ld1', parityGroupId: 'PG-SSD' },
};

/** Every member of the zod union, by its `type` literal. */
const UNION_TYPES = Action.options.map((o) => (o.shape.type as { value: string }).value);

describe('player › describeAction', () => {
  it.each(UNION_TYPES)('every action of the schema has a description: %s', (type) => {
    const input = (SAMPLES as Record<string, unknown>)[type];
    expect(input, `add a sample (and a description) for action "${type}"`).toBeDefined();
    const action = Action.parse(input);
    const text = describeAction(action);
    expect(text.length).toBeGreaterThan(type.length);
    expect(text).not.toBe(type); // the run-time fallback for an unknown type
    expect(text).not.toMatch(/undefined|\[object Object\]/);
    expect(Object.keys(FAMILY_LABEL)).toContain(actionFamily(action));
  });

  it('the samples cover exactly the union (no stale sample)', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...UNION_TYPES].sort());
  });

  it('names what the action acts on', () => {
    const d = (x: z.input<typeof Action>) => describeAction(Action.parse(x));
    expect(d(SAMPLES.pairSplit)).toBe('pairsplit db/dev1 (quick)');
    expect(d(SAMPLES.pairResync)).toBe('pairresync db -restore (S-VOL → P-VOL)');
    expect(d(SAMPLES.setFault)).toBe('Fail disk ar1/PG1#2');
    expect(d({ ...SAMPLES.setFault, failed: false } as z.input<typeof Action>)).toBe('Repair disk ar1/PG1#2');
    expect(d(SAMPLES.setWanLink)).toBe('WAN link wan1 down');
    expect(d(SAMPLES.setWorkload)).toBe('Change workload oltp on srv1: rate_iops=500, skew=zipf(1.1)');
    expect(d(SAMPLES.pauseRunbook)).toBe('Pause runbook nightly before step 3');
    expect(d({ type: 'setLuPath', arrayId: 'ar1', portId: 'CL1-A', hostGroupId: 'hg1', lun: 3 })).toBe('Delete LUN 3 at ar1 CL1-A/hg1');
  });

  it('puts actions in the families of the issue (workload, pair, backup, remote, fault, zoning/LUN)', () => {
    const f = (x: z.input<typeof Action>) => actionFamily(Action.parse(x));
    expect(f(SAMPLES.startWorkload)).toBe('workload');
    expect(f(SAMPLES.pairCreate)).toBe('pair');
    expect(f(SAMPLES.backupJob)).toBe('backup');
    expect(f(SAMPLES.startRunbook)).toBe('backup');
    expect(f(SAMPLES.siteLoss)).toBe('remote');
    expect(f(SAMPLES.setFault)).toBe('fault');
    expect(f(SAMPLES.setZoning)).toBe('access');
    expect(f(SAMPLES.setLuPath)).toBe('access');
  });
});
