/**
 * Designer edits as runtime actions: which edits have one, the actions' shape (each a valid
 * scenario `Action`), and the round trip — the actions applied to the document before the edit
 * give the document after it, as the run sees it — checked by hand-picked edits and by seeded
 * random edits (fast-check).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Action } from '../../model/scenario.ts';
import { twoSiteTopology, WWPN } from '../../model/test-fixtures.ts';
import type { Device, DiskArray, Topology, Workload, Zoning } from '../../model/topology.ts';
import { liveEditActions, sameData, workloadActions } from './live-edits.ts';
import { applyLiveActions, runtimeView } from './live-topology.ts';

type DeviceOf<K extends Device['kind']> = Extract<Device, { kind: K }>;

function edit<K extends Device['kind']>(t: Topology, id: string, kind: K, fn: (d: DeviceOf<K>) => DeviceOf<K>): Topology {
  return { ...t, devices: t.devices.map((d) => (d.id === id && d.kind === kind ? fn(d as DeviceOf<K>) : d)) };
}
const editWorkload = (t: Topology, fn: (w: Workload) => Workload) => edit(t, 's1', 'server', (s) => ({ ...s, workloads: s.workloads.map(fn) }));
const editArray = (t: Topology, fn: (a: DiskArray) => DiskArray) => edit(t, 'a1', 'array', fn);

/** The actions for an edit, checked: valid actions that reproduce `after` as the run sees it. */
function actionsFor(before: Topology, after: Topology) {
  const actions = liveEditActions(before, after);
  expect(actions).not.toBeNull();
  for (const a of actions!) expect(Action.safeParse(a).success, JSON.stringify(a)).toBe(true);
  expect(runtimeView(applyLiveActions(before, actions!))).toEqual(runtimeView(after));
  return actions!;
}

const ZONING: Zoning = {
  aliases: [],
  zones: [{ name: 'z_s1', members: [WWPN.s1hba0, WWPN.a1cl1a] }],
  cfgs: [{ name: 'cfg', members: ['z_s1'] }],
  effectiveCfg: 'cfg',
  defaultZone: 'noaccess',
};

describe('live edits › workloads', () => {
  it('turns a changed setting into setWorkload with only that field', () => {
    const t = twoSiteTopology();
    const after = editWorkload(t, (w) => ({ ...w, bs: '64k', rwmixread: 30 }));
    expect(actionsFor(t, after)).toEqual([{ type: 'setWorkload', serverId: 's1', workloadId: 'w1', changes: { rwmixread: 30, bs: '64k' } }]);
  });

  it('switches the load from iodepth to rate_iops and back, as the engine does (one replaces the other)', () => {
    const t = twoSiteTopology();
    const open = editWorkload(t, (w) => ({ ...w, iodepth: undefined, rate_iops: 1500 }));
    expect(actionsFor(t, open)).toEqual([{ type: 'setWorkload', serverId: 's1', workloadId: 'w1', changes: { rate_iops: 1500 } }]);
    const closed = editWorkload(open, (w) => ({ ...w, rate_iops: undefined, iodepth: 4 }));
    expect(actionsFor(open, closed)).toEqual([{ type: 'setWorkload', serverId: 's1', workloadId: 'w1', changes: { iodepth: 4 } }]);
    const faster = editWorkload(open, (w) => ({ ...w, rate_iops: 300 }));
    expect(actionsFor(open, faster)[0]).toMatchObject({ changes: { rate_iops: 300 } });
  });

  it('sets size, runtime and skew; a skew without theta means the default 0.9', () => {
    const t = twoSiteTopology();
    const after = editWorkload(t, (w) => ({ ...w, size: '10g', runtime: 30, skew: { kind: 'zipf', theta: 1.2 } }));
    expect(actionsFor(t, after)[0]).toEqual({
      type: 'setWorkload',
      serverId: 's1',
      workloadId: 'w1',
      changes: { size: '10g', skew: { kind: 'zipf', theta: 1.2 }, runtime: 30 },
    });
    const w = (t.devices[0] as DeviceOf<'server'>).workloads[0];
    expect(workloadActions('s1', w, { ...w, skew: { kind: 'uniform', theta: 0.9 } })).toEqual([]);
  });

  it('has no runtime equivalent for what the engine cannot set or clear', () => {
    const t = twoSiteTopology();
    const cases: [string, (w: Workload) => Workload][] = [
      ['rename', (w) => ({ ...w, name: 'other' })],
      ['retarget', (w) => ({ ...w, target: { ...w.target, lun: 1 } })],
      ['start time', (w) => ({ ...w, startAtS: 5 })],
      ['load cleared', (w) => ({ ...w, iodepth: undefined })],
    ];
    for (const [what, fn] of cases) expect(liveEditActions(t, editWorkload(t, fn)), what).toBeNull();
    const sized = editWorkload(t, (w) => ({ ...w, size: '1g', runtime: 9 }));
    // Even beside a setting that can change: the cleared field would silently stay in the run.
    expect(liveEditActions(sized, editWorkload(sized, (w) => ({ ...w, bs: '8k', size: undefined })))).toBeNull();
    expect(liveEditActions(sized, editWorkload(sized, (w) => ({ ...w, bs: '8k', runtime: undefined })))).toBeNull();
  });

  it('refuses workloads added or removed', () => {
    const t = twoSiteTopology();
    expect(liveEditActions(t, edit(t, 's1', 'server', (s) => ({ ...s, workloads: [] })))).toBeNull();
    expect(liveEditActions(t, edit(t, 's1', 'server', (s) => ({ ...s, workloads: [...s.workloads, { ...s.workloads[0], id: 'w2' }] })))).toBeNull();
  });
});

describe('live edits › zoning', () => {
  it('replaces the switch zoning database with setZoning', () => {
    const t = twoSiteTopology();
    const zoned = edit(t, 'sw1', 'fcSwitch', (s) => ({ ...s, zoning: ZONING }));
    expect(actionsFor(t, zoned)).toEqual([{ type: 'setZoning', switchId: 'sw1', zoning: ZONING }]);
    const allAccess = edit(zoned, 'sw1', 'fcSwitch', (s) => ({ ...s, zoning: { ...ZONING, effectiveCfg: undefined, defaultZone: 'allaccess' } }));
    expect(actionsFor(zoned, allAccess)).toHaveLength(1);
  });

  it('cannot remove a zoning database at run time', () => {
    const t = edit(twoSiteTopology(), 'sw1', 'fcSwitch', (s) => ({ ...s, zoning: ZONING }));
    expect(liveEditActions(t, edit(t, 'sw1', 'fcSwitch', (s) => ({ ...s, zoning: undefined })))).toBeNull();
  });
});

describe('live edits › LUN security', () => {
  it('adds and removes WWPNs of a host group', () => {
    const t = twoSiteTopology();
    const after = editArray(t, (a) => ({ ...a, hostGroups: a.hostGroups.map((g) => (g.id === 'hg1' ? { ...g, wwpns: [WWPN.s1hba1, WWPN.s2hba0] } : g)) }));
    expect(actionsFor(t, after)).toEqual([
      { type: 'setHostGroupWwpn', arrayId: 'a1', hostGroupId: 'hg1', wwpn: WWPN.s1hba0, member: false },
      { type: 'setHostGroupWwpn', arrayId: 'a1', hostGroupId: 'hg1', wwpn: WWPN.s2hba0, member: true },
    ]);
  });

  it('creates a host group with its members and LU paths, in the order the engine needs', () => {
    const t = twoSiteTopology();
    const after = editArray(t, (a) => ({
      ...a,
      hostGroups: [...a.hostGroups, { id: 'hg3', name: 'backup', portId: 'CL2-A', wwpns: [WWPN.s1hba0] }],
      luPaths: [...a.luPaths, { portId: 'CL2-A', hostGroupId: 'hg3', lun: 4, ldevId: 'l1' }],
    }));
    expect(actionsFor(t, after).map((a) => a.type)).toEqual(['setHostGroup', 'setHostGroupWwpn', 'setLuPath']);
  });

  it('deletes a host group once (its LU paths go with it) and moves one to another port by delete and create', () => {
    const t = twoSiteTopology();
    const gone = editArray(t, (a) => ({ ...a, hostGroups: a.hostGroups.filter((g) => g.id !== 'hg2'), luPaths: a.luPaths.filter((p) => p.hostGroupId !== 'hg2') }));
    expect(actionsFor(t, gone)).toEqual([{ type: 'setHostGroup', arrayId: 'a1', hostGroupId: 'hg2', portId: 'CL2-A', present: false }]);
    const moved = editArray(t, (a) => ({
      ...a,
      hostGroups: a.hostGroups.map((g) => (g.id === 'hg2' ? { ...g, portId: 'CL1-A' } : g)),
      luPaths: a.luPaths.map((p) => (p.hostGroupId === 'hg2' ? { ...p, portId: 'CL1-A' } : p)),
    }));
    expect(actionsFor(t, moved).map((a) => `${a.type}${'present' in a ? `:${a.present}` : ''}`)).toEqual([
      'setHostGroup:false',
      'setHostGroup:true',
      'setHostGroupWwpn',
      'setLuPath',
    ]);
  });

  it('maps, remaps and removes LU paths', () => {
    const t = twoSiteTopology();
    const after = editArray(t, (a) => ({
      ...a,
      luPaths: [
        { portId: 'CL1-A', hostGroupId: 'hg1', lun: 0, ldevId: 'l2' },
        { portId: 'CL1-A', hostGroupId: 'hg1', lun: 1, ldevId: 'l1' },
      ],
    }));
    expect(actionsFor(t, after)).toEqual([
      { type: 'setLuPath', arrayId: 'a1', portId: 'CL2-A', hostGroupId: 'hg2', lun: 0 },
      { type: 'setLuPath', arrayId: 'a1', portId: 'CL1-A', hostGroupId: 'hg1', lun: 0, ldevId: 'l2' },
      { type: 'setLuPath', arrayId: 'a1', portId: 'CL1-A', hostGroupId: 'hg1', lun: 1, ldevId: 'l1' },
    ]);
  });

  it('has no runtime equivalent for a host group rename or a reorder the run cannot see', () => {
    const t = twoSiteTopology();
    expect(liveEditActions(t, editArray(t, (a) => ({ ...a, hostGroups: a.hostGroups.map((g) => ({ ...g, name: `${g.name}x` })) })))).toBeNull();
    expect(liveEditActions(t, editArray(t, (a) => ({ ...a, luPaths: [...a.luPaths].reverse() })))).toBeNull();
  });
});

describe('live edits › everything else', () => {
  it('is nothing to record when only positions or pins changed, even many at once (auto-layout)', () => {
    const t = twoSiteTopology();
    const moved = { ...t, devices: t.devices.map((d, i) => ({ ...d, position: { x: i * 7, y: -i } })) };
    expect(liveEditActions(t, moved)).toEqual([]);
    expect(liveEditActions(t, t)).toEqual([]);
    // A pin only keeps auto-layout off a device: layout, like a position.
    expect(liveEditActions(t, edit(moved, 's2', 'server', (s) => ({ ...s, pinned: true })))).toEqual([]);
  });

  it('is null for devices or cables added or removed, renames, hardware, copy groups and sites', () => {
    const t = twoSiteTopology();
    const cases: [string, Topology][] = [
      ['device removed', { ...t, devices: t.devices.slice(1) }],
      ['cable removed', { ...t, links: t.links.slice(1) }],
      ['rename', edit(t, 's2', 'server', (s) => ({ ...s, name: 'Renamed' }))],
      ['array cache', editArray(t, (a) => ({ ...a, cacheGiB: 32 }))],
      ['ldev added', editArray(t, (a) => ({ ...a, ldevs: [...a.ldevs, { ...a.ldevs[0], id: 'l3' }] }))],
      ['document name', { ...t, name: 'other' }],
      ['a workload edit together with a rename', edit(editWorkload(t, (w) => ({ ...w, bs: '8k' })), 's2', 'server', (s) => ({ ...s, name: 'R' }))],
    ];
    for (const [what, after] of cases) expect(liveEditActions(t, after), what).toBeNull();
  });

  it('collects the actions of several devices edited at once, in document order', () => {
    const t = twoSiteTopology();
    const after = editArray(
      edit(editWorkload(t, (w) => ({ ...w, iodepth: 2 })), 'sw1', 'fcSwitch', (s) => ({ ...s, zoning: ZONING })),
      (a) => ({ ...a, luPaths: a.luPaths.slice(0, 1) }),
    );
    expect(actionsFor(t, after).map((a) => a.type)).toEqual(['setWorkload', 'setZoning', 'setLuPath']);
  });
});

describe('live edits › sameData', () => {
  it('ignores key order and keys set to undefined, not values', () => {
    expect(sameData({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(sameData({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameData([1, 2], [2, 1])).toBe(false);
    expect(sameData({ a: [] }, { a: {} })).toBe(false);
  });
});

// ---------------------------------------------------------------- seeded random edits

const WWPNS = [WWPN.s1hba0, WWPN.s1hba1, WWPN.s2hba0];
const arbWorkloadEdit = fc.record(
  {
    rw: fc.constantFrom<Workload['rw'][]>('read', 'write', 'randread', 'randwrite', 'randrw', 'rw'),
    rwmixread: fc.integer({ min: 0, max: 100 }),
    bs: fc.constantFrom('4k', '8k', '64k', '1m'),
    load: fc.oneof(fc.record({ iodepth: fc.integer({ min: 1, max: 64 }) }), fc.record({ rate_iops: fc.integer({ min: 1, max: 50_000 }) })),
    size: fc.constantFrom('1g', '10g', '50g'),
    runtime: fc.integer({ min: 1, max: 600 }),
  },
  { requiredKeys: [] },
);
const arbGroup = fc.record({
  id: fc.constantFrom('hg1', 'hg2', 'hg3', 'hg4'),
  portId: fc.constantFrom('CL1-A', 'CL2-A'),
  wwpns: fc.uniqueArray(fc.constantFrom(...WWPNS), { maxLength: 3 }),
});
const arbPath = fc.record({ lun: fc.integer({ min: 0, max: 3 }), ldevId: fc.constantFrom('l1', 'l2'), group: fc.nat({ max: 3 }) });

type WorkloadEdit = Partial<Pick<Workload, 'rw' | 'rwmixread' | 'bs' | 'size' | 'runtime'>> & { load?: { iodepth?: number; rate_iops?: number } };

function applyWorkloadEdit(w: Workload, e: WorkloadEdit): Workload {
  const { load, ...rest } = e;
  const next: Workload = { ...w, ...rest };
  if (load) {
    delete next.iodepth;
    delete next.rate_iops;
    Object.assign(next, load);
  }
  return next;
}

describe('live edits › random edits of workloads and LUN security (seeded)', () => {
  it('reproduce the edited document when their actions are applied', () => {
    fc.assert(
      fc.property(arbWorkloadEdit, fc.uniqueArray(arbGroup, { selector: (g) => g.id, maxLength: 4 }), fc.array(arbPath, { maxLength: 6 }), (we, groups, paths) => {
        const t = twoSiteTopology();
        const hostGroups = groups.map((g) => ({ ...g, name: g.id === 'hg1' ? 's1' : g.id === 'hg2' ? 's2' : g.id }));
        const luPaths = new Map<string, DiskArray['luPaths'][number]>();
        for (const p of paths) {
          const g = hostGroups[p.group % Math.max(1, hostGroups.length)];
          if (g) luPaths.set(`${g.id} ${p.lun}`, { portId: g.portId, hostGroupId: g.id, lun: p.lun, ldevId: p.ldevId });
        }
        const after = editArray(
          editWorkload(t, (w) => applyWorkloadEdit(w, we)),
          (a) => ({ ...a, hostGroups, luPaths: [...luPaths.values()] }),
        );
        const actions = liveEditActions(t, after);
        if (sameData(runtimeView(t), runtimeView(after))) return; // nothing the run can see
        expect(actions).not.toBeNull();
        for (const a of actions!) expect(Action.safeParse(a).success).toBe(true);
        expect(runtimeView(applyLiveActions(t, actions!))).toEqual(runtimeView(after));
      }),
      { seed: 7070, numRuns: 300 },
    );
  });
});
