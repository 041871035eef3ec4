/**
 * Copy-group design rules, on the demo (a host mirror DB/db: db-primary → db-secondary, run by
 * db-server) broken one way at a time: each finding names the group's field.
 */
import { isRedundancyIssue } from './design-rules-redundancy.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDesign } from './design-rules.ts';
import { Scenario } from './scenario.ts';
import { twoSiteTopology } from './test-fixtures.ts';
import type { CopyGroup, Device, DiskArray, Topology, WanLink } from './topology.ts';

const demo = (): Topology =>
  Scenario.parse(JSON.parse(readFileSync(new URL('../../scenarios/embodiment-1-online-backup.json', import.meta.url), 'utf8'))).topology;
const arrayOf = (t: Topology): DiskArray => t.devices.find((d): d is DiskArray => d.kind === 'array')!;
const groupIssues = (t: Topology) => checkDesign(t).filter((i) => i.field.startsWith('copyGroups'));

describe('design rules › copy groups', () => {
  it('find nothing wrong with the demo mirror', () => {
    expect(groupIssues(demo())).toEqual([]);
  });

  it('name an unknown S-VOL, and an S-VOL equal to its P-VOL', () => {
    const t = demo();
    t.copyGroups[0].devices[0].svol = 'nope';
    expect(groupIssues(t)).toMatchObject([{ severity: 'error', field: 'copyGroups[0].devices[0].svol', message: 'DB/db: no LDEV "nope"' }]);
    t.copyGroups[0].devices[0].svol = 'db-primary';
    expect(groupIssues(t).map((i) => i.message)).toContain('DB/db: the S-VOL cannot be the P-VOL');
  });

  it('refuse a host mirror whose server cannot reach the S-VOL', () => {
    const t = demo();
    const array = arrayOf(t);
    array.luPaths = array.luPaths.filter((p) => !(p.hostGroupId === 'hg-db' && p.ldevId === 'db-secondary'));
    expect(groupIssues(t)).toMatchObject([{ severity: 'error', field: 'copyGroups[0].devices[0].svol', message: expect.stringMatching(/server db-server has no FC path and host group to an LU of "db-secondary"/) }]);
  });

  it('warn when another server can write the mirrored P-VOL past the mirror program', () => {
    const t = demo();
    const array = arrayOf(t);
    array.luPaths.push({ portId: 'CL2-A', hostGroupId: 'hg-backup', lun: 7, ldevId: 'db-primary' });
    expect(groupIssues(t)).toMatchObject([{ severity: 'warning', deviceId: 'backup-server', field: 'copyGroups[0].devices[0].pvol' }]);
  });

  it('warn about an S-VOL smaller than its P-VOL (paircreate would be refused)', () => {
    const t = demo();
    arrayOf(t).ldevs.find((l) => l.id === 'db-secondary')!.capacityGiB = 100;
    expect(groupIssues(t)).toMatchObject([{ severity: 'warning', message: expect.stringMatching(/EX_ENQSIZ/) }]);
  });

  it('refuse an LDEV that is the S-VOL of two pairs, and a snapshot group without a pool on its array', () => {
    const t = demo();
    t.copyGroups.push({ id: 'L', kind: 'local', recordPositions: true, devices: [{ name: 'd', pvol: 'db-primary', svol: 'db-secondary', mu: 1 }] });
    t.copyGroups.push({ id: 'S', kind: 'snapshot', recordPositions: true, poolId: 'pool9', devices: [{ name: 'g', pvol: 'db-primary', mu: 2 }] });
    const messages = groupIssues(t).map((i) => `${i.field}: ${i.message}`);
    expect(messages).toContain('copyGroups[1].devices[0].svol: L/d: LDEV "db-secondary" is already the S-VOL of DB/db');
    expect(messages).toContain('copyGroups[2].poolId: S/g: no snapshot pool "pool9" on array1, the array of "db-primary"');
  });
});

// ------------------------------------------------------------------ remote copy groups

/**
 * The two-site fixture (a1 in main ── wan1 ── a2 in remote) with an S-VOL r1 on a2, journals 0 on
 * both arrays and a remote-async group UR (l1 → r1): rule-clean, so each test breaks one thing.
 */
function remoteDesign(kind: CopyGroup['kind'] = 'remote-async'): Topology {
  const t = twoSiteTopology();
  const [a1, a2] = ['a1', 'a2'].map((id) => t.devices.find((d): d is DiskArray => d.id === id)!);
  a2.parityGroups = [{ id: '2-1', tier: 'hdd7k', raid: 'RAID6', diskCount: 8, diskCapacityGiB: 1000 }];
  a2.ldevs = [{ id: 'r1', name: 'R1', parityGroupId: '2-1', capacityGiB: 100, readOnly: false, cacheResident: false }];
  a1.journals = [{ id: 0, capacityMiB: 10_240, overflowWatchS: 60 }];
  a2.journals = [{ id: 0, capacityMiB: 10_240, overflowWatchS: 60 }];
  const group: CopyGroup = { id: 'UR', kind, recordPositions: true, devices: [{ name: 'd1', pvol: 'l1', svol: 'r1', mu: 0 }] };
  if (kind === 'remote-async') Object.assign(group, { consistencyGroup: 0, masterJournal: 0, restoreJournal: 0 });
  if (kind === 'remote-sync') group.fence = 'data';
  t.copyGroups = [group];
  return t;
}

const fieldMessages = (t: Topology) => groupIssuesOf(t).map((i) => `${i.severity} ${i.field}: ${i.message}`);
const groupIssuesOf = (t: Topology) => checkDesign(t).filter((i) => i.field.startsWith('copyGroups') || i.field.endsWith('bandwidthMbps'));
const device = <K extends Device['kind']>(t: Topology, id: string) => t.devices.find((d) => d.id === id) as Extract<Device, { kind: K }>;

describe('design rules › remote copy groups › sites and WAN', () => {
  it('find nothing wrong with an async pair across the WAN link, nor with a sync one', () => {
    expect(checkDesign(remoteDesign()).filter((i) => !isRedundancyIssue(i))).toEqual([]);
    expect(checkDesign(remoteDesign('remote-sync')).filter((i) => !isRedundancyIssue(i))).toEqual([]);
  });

  it('refuse an S-VOL in the P-VOL’s site (the local one-array rule does not apply: the clean design above has two arrays)', () => {
    const t = remoteDesign();
    t.copyGroups[0].devices[0] = { name: 'd1', pvol: 'l2', svol: 'l1', mu: 0 };
    expect(fieldMessages(t)).toEqual([
      'error copyGroups[0].devices[0].svol: UR/d1: a remote-async pair joins two sites, but the S-VOL "l1" (a1) is in site main like the P-VOL "l2" (a1): pick an S-VOL on an array in another site',
    ]);
  });

  it('refuse arrays with different track sizes (remote copy copies whole tracks)', () => {
    const t = remoteDesign('remote-sync');
    device<'array'>(t, 'a2').trackKiB = 512;
    expect(fieldMessages(t)).toEqual([
      'error copyGroups[0].devices[0].svol: UR/d1: the arrays of "l1" (a1, 256 KiB tracks) and "r1" (a2, 512 KiB tracks) use different track sizes: remote copy copies whole tracks',
    ]);
  });

  it('refuse a pair when no WAN link joins the two arrays', () => {
    const t = remoteDesign();
    t.links = t.links.filter((l) => l.id !== 'w2');
    expect(fieldMessages(t)).toEqual([
      'error copyGroups[0].wanLinkId: copy group UR: no WAN link joins a1 (site main) and a2 (site remote): add a WAN link and cable its two ends to their WAN ports (or to FC switches cabled to them)',
    ]);
  });

  it('accept a WAN link cabled to an FC switch’s WAN port when the switch reaches the array over FC', () => {
    const t = remoteDesign();
    const sw = device<'fcSwitch'>(t, 'sw1');
    sw.ports.push({ id: 'wan0', kind: 'wan', speedGbps: 10 });
    t.links = t.links.map((l) => (l.id === 'w1' ? { ...l, a: { deviceId: 'sw1', portId: 'wan0' } } : l));
    expect(fieldMessages(t)).toEqual([]);
    // Without the FC cables from the switch to a1 the switch no longer reaches it.
    t.links = t.links.filter((l) => l.id !== 'f4' && l.id !== 'f5');
    expect(fieldMessages(t)).toEqual([expect.stringMatching(/^error copyGroups\[0\]\.wanLinkId: copy group UR: no WAN link joins a1/)]);
  });

  it('refuse a named wanLinkId that is not a WAN link or does not join the arrays', () => {
    const t = remoteDesign();
    t.copyGroups[0].wanLinkId = 'sw1';
    expect(fieldMessages(t)).toEqual(['error copyGroups[0].wanLinkId: copy group UR: "sw1" is not a WAN link']);
    t.copyGroups[0].wanLinkId = 'wan1';
    expect(fieldMessages(t)).toEqual([]);
    t.links = t.links.filter((l) => l.id !== 'w1');
    expect(fieldMessages(t)).toEqual([expect.stringMatching(/^error copyGroups\[0\]\.wanLinkId: copy group UR: WAN link wan1 does not join a1 \(site main\) and a2 \(site remote\)/)]);
  });

  it('warn when two WAN links join the arrays and none is named', () => {
    const t = remoteDesign();
    const wan2: WanLink = { ...device<'wanLink'>(t, 'wan1'), id: 'wan2', name: 'WAN 2' };
    t.devices.push(wan2);
    device<'array'>(t, 'a1').ports.push({ id: 'wan1', kind: 'wan', speedGbps: 10 });
    device<'array'>(t, 'a2').ports.push({ id: 'wan1', kind: 'wan', speedGbps: 10 });
    t.links.push({ id: 'w3', a: { deviceId: 'a1', portId: 'wan1' }, b: { deviceId: 'wan2', portId: 'w0' }, lengthM: 10 });
    t.links.push({ id: 'w4', a: { deviceId: 'wan2', portId: 'w1' }, b: { deviceId: 'a2', portId: 'wan1' }, lengthM: 10 });
    expect(fieldMessages(t)).toEqual(['warning copyGroups[0].wanLinkId: copy group UR: WAN links wan1, wan2 all join a1 and a2; wan1, the first by id, is used: name the one to use in wanLinkId']);
    t.copyGroups[0].wanLinkId = 'wan2';
    expect(fieldMessages(t)).toEqual([]);
  });
});

describe('design rules › remote copy groups › journals, libraries, bandwidth', () => {
  it('refuse a master journal missing on the P-VOLs’ array and a restore journal missing on the S-VOLs’', () => {
    const t = remoteDesign();
    t.copyGroups[0].masterJournal = 3;
    device<'array'>(t, 'a2').journals = [];
    expect(fieldMessages(t)).toEqual([
      "error copyGroups[0].masterJournal: copy group UR: array a1 (the P-VOLs' array) has no journal 3 for the master journal (it has 0): add one in the array's Journals",
      "error copyGroups[0].restoreJournal: copy group UR: array a2 (the S-VOLs' array) has no journal 0 for the restore journal (it has none): add one in the array's Journals",
    ]);
  });

  it('do not ask a sync group for journals', () => {
    const t = remoteDesign('remote-sync');
    device<'array'>(t, 'a1').journals = undefined;
    device<'array'>(t, 'a2').journals = undefined;
    expect(fieldMessages(t)).toEqual([]);
  });

  it('refuse a sync device without S-VOL; an async one needs a target library in the remote site', () => {
    const sync = remoteDesign('remote-sync');
    delete sync.copyGroups[0].devices[0].svol;
    expect(fieldMessages(sync)).toEqual(['error copyGroups[0].devices[0].svol: UR/d1: a remote-sync pair needs an S-VOL (only remote-async devices may copy to a tape or DVD library)']);
    const t = remoteDesign();
    delete t.copyGroups[0].devices[0].svol;
    expect(fieldMessages(t)).toEqual(['error copyGroups[0].targetLibraryId: copy group UR: d1 has no S-VOL: name a tape or DVD library in the remote site in targetLibraryId, or give each device an S-VOL']);
    t.copyGroups[0].targetLibraryId = 'a2';
    expect(fieldMessages(t)).toEqual(['error copyGroups[0].targetLibraryId: copy group UR: "a2" is not a tape or DVD library']);
  });

  it('accept a tape library at the remote site reached over the WAN through its FC switch; refuse one in the main site', () => {
    const t = remoteDesign();
    delete t.copyGroups[0].devices[0].svol;
    t.copyGroups[0].targetLibraryId = 'tl1';
    t.devices.push(
      { id: 'sw2', name: 'Remote switch', kind: 'fcSwitch', siteId: 'remote', position: { x: 600, y: 200 }, domainId: 2, ports: [{ id: 'p0', kind: 'fc', speedGbps: 8 }, { id: 'wan0', kind: 'wan', speedGbps: 10 }] },
      { id: 'tl1', name: 'Tape', kind: 'tapeLibrary', siteId: 'remote', position: { x: 700, y: 200 }, driveGeneration: 'LTO-8', driveCount: 1, slotCount: 10, ioSlotCount: 0, cartridges: [], ports: [{ id: 'drive1', kind: 'fc', speedGbps: 8 }] },
    );
    t.links = t.links.map((l) => (l.id === 'w2' ? { ...l, b: { deviceId: 'sw2', portId: 'wan0' } } : l));
    t.links.push({ id: 'f9', a: { deviceId: 'sw2', portId: 'p0' }, b: { deviceId: 'tl1', portId: 'drive1' }, lengthM: 10 });
    expect(fieldMessages(t)).toEqual([]);
    t.links = t.links.filter((l) => l.id !== 'f9');
    expect(fieldMessages(t)).toEqual([
      "error copyGroups[0].wanLinkId: copy group UR: no WAN link joins a1 (site main) and tl1 (site remote): add a WAN link and cable one end to a1's WAN port (or to an FC switch cabled to it) and the other to the WAN port of an FC switch cabled to tl1",
    ]);
    device<'tapeLibrary'>(t, 'tl1').siteId = 'main';
    expect(fieldMessages(t)).toContain('error copyGroups[0].targetLibraryId: copy group UR: library tl1 is in site main with the P-VOLs; a remote copy target must be in another site');
  });

  it('warn when the workloads on the P-VOLs write faster than the WAN link carries', () => {
    const t = remoteDesign();
    const w = device<'server'>(t, 's1').workloads[0];
    delete w.iodepth;
    // 2,000 IOPS × 64 KiB × 30 % writes = 39.3 MB/s = 314.6 Mbit/s: a 1,000 Mbit/s link is enough.
    Object.assign(w, { rate_iops: 2000, bs: '64k', rw: 'randrw', rwmixread: 70 });
    expect(fieldMessages(t)).toEqual([]);
    device<'wanLink'>(t, 'wan1').bandwidthMbps = 300;
    expect(groupIssuesOf(t)).toEqual([
      {
        severity: 'warning',
        deviceId: 'wan1',
        field: 'devices[5].bandwidthMbps',
        message: 'copy group UR: the workloads on its P-VOLs write 39.3 MB/s (315 Mbit/s) but WAN link wan1 carries 300 Mbit/s: the journal will grow until it fills',
      },
    ]);
    // A read-only workload writes nothing; a closed-loop one has no known rate.
    w.rw = 'randread';
    expect(fieldMessages(t)).toEqual([]);
  });
});
