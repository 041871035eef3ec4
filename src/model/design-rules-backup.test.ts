/**
 * Library and backup-policy design rules, on the rule-clean fixture plus an LTO-8 library cabled
 * to the switch and one replica policy, broken one way at a time: each finding names its field.
 */
import { isRedundancyIssue } from './design-rules-redundancy.ts';
import { describe, expect, it } from 'vitest';
import { checkDesign, type DesignIssue } from './design-rules.ts';
import { windowStartsMin } from './design-rules-backup.ts';
import { newCartridges } from './factory.ts';
import { twoSiteTopology } from './test-fixtures.ts';
import { BackupPolicy, Topology, type DeviceOf, type DiskArray } from './topology.ts';

type Tape = DeviceOf<'tapeLibrary'>;

const policy = (over: Partial<BackupPolicy> = {}): BackupPolicy =>
  BackupPolicy.parse({ id: 'P1', tenant: 'Company A', ldevId: 'l1', method: 'replica', windowStart: '01:00', windowHours: 4, libraryId: 't1', path: 'lan-free', serverId: 's1', ...over });

/** twoSiteTopology + tape library t1 (devices[7], LTO-8, 2 drives, 24 slots, on sw1 p5) + free l3 + policy P1. */
function fixture(): Topology {
  const t = twoSiteTopology();
  const a1 = t.devices[3] as DiskArray;
  a1.ldevs.push({ id: 'l3', name: 'L3', parityGroupId: '1-1', capacityGiB: 100, readOnly: false, cacheResident: false });
  t.devices.push({
    id: 't1', name: 'Tape', kind: 'tapeLibrary', siteId: 'main', position: { x: 0, y: 600 },
    ports: [{ id: 'drive1', kind: 'fc', speedGbps: 8, wwpn: '21:00:00:24:ff:00:00:01' }],
    driveGeneration: 'LTO-8', driveCount: 2, slotCount: 24, ioSlotCount: 4, cartridges: newCartridges('SBX', 'L8', 4),
  });
  t.links.push({ id: 'f6', a: { deviceId: 't1', portId: 'drive1' }, b: { deviceId: 'sw1', portId: 'p5' }, lengthM: 10 });
  t.backup = { freeVolumes: ['l3'], policies: [policy()] };
  return Topology.parse(t);
}

const tape = (t: Topology) => t.devices[7] as Tape;
const issues = (t: Topology) => checkDesign(t).filter((i) => !isRedundancyIssue(i)).map((i: DesignIssue) => ({ severity: i.severity, field: i.field, message: i.message }));

interface Case {
  rule: string;
  mutate: (t: Topology) => void;
  expected: { severity: DesignIssue['severity']; field: string; message: RegExp };
}

const LIBRARY_CASES: Case[] = [
  { rule: 'unknown media ID', mutate: (t) => void (tape(t).cartridges[0].barcode = 'SBX001LS'), expected: { severity: 'error', field: 'devices[7].cartridges[0].barcode', message: /t1: cartridge SBX001LS: media ID "LS" is not one of L1-L9/ } },
  { rule: 'media ID SANdbox does not model', mutate: (t) => void (tape(t).cartridges[0].barcode = 'CLN001CU'), expected: { severity: 'error', field: 'devices[7].cartridges[0].barcode', message: /cleaning cartridges are not modelled/ } },
  { rule: 'DVD-RAM disc in a tape library', mutate: (t) => void (tape(t).cartridges[0].barcode = 'DVD001D1'), expected: { severity: 'error', field: 'devices[7].cartridges[0].barcode', message: /DVD-RAM media in a tape library \(its drives are LTO-8\)/ } },
  { rule: 'LTO generation the drives neither write nor read', mutate: (t) => void (tape(t).cartridges[0].barcode = 'OLD001L6'), expected: { severity: 'error', field: 'devices[7].cartridges[0].barcode', message: /LTO-8 drives can neither write nor read LTO-6 media/ } },
  { rule: 'scratch cartridge the drives read but cannot write', mutate: (t) => void Object.assign(tape(t), { driveGeneration: 'LTO-7', cartridges: [{ barcode: 'OLD001L5', slot: 1, scratch: true }] }), expected: { severity: 'warning', field: 'devices[7].cartridges[0].barcode', message: /LTO-7 drives read but cannot write LTO-5 media: restores only, it is never picked for a backup$/ } },
  { rule: 'full cartridge the drives read but cannot write', mutate: (t) => void Object.assign(tape(t), { driveGeneration: 'LTO-7', cartridges: [{ barcode: 'OLD001L5', slot: 1, scratch: false }] }), expected: { severity: 'warning', field: 'devices[7].cartridges[0].barcode', message: /LTO-7 drives read but cannot write LTO-5 media: restores only$/ } },
  { rule: 'scratch WORM cartridge', mutate: (t) => void (tape(t).cartridges[0].barcode = 'WRM001LY'), expected: { severity: 'warning', field: 'devices[7].cartridges[0].barcode', message: /t1: cartridge WRM001LY: WORM media is never picked as a scratch cartridge/ } },
  { rule: 'barcode twice in one library', mutate: (t) => void (tape(t).cartridges[1].barcode = 'SBX001L8'), expected: { severity: 'error', field: 'devices[7].cartridges[1].barcode', message: /barcode SBX001L8 is in the library twice/ } },
  { rule: 'two cartridges in one slot', mutate: (t) => void (tape(t).cartridges[2].slot = 1), expected: { severity: 'error', field: 'devices[7].cartridges[2].slot', message: /cartridge SBX003L8 is in slot 1, which already holds SBX001L8/ } },
  { rule: 'slot above slotCount', mutate: (t) => void (tape(t).cartridges[3].slot = 25), expected: { severity: 'error', field: 'devices[7].cartridges[3].slot', message: /in slot 25, but the library has 24 slots/ } },
  { rule: 'no FC port', mutate: (t) => { tape(t).ports = []; t.links.pop(); }, expected: { severity: 'warning', field: 'devices[7].ports', message: /t1 has no FC port/ } },
  { rule: 'used by a policy but not cabled', mutate: (t) => void t.links.pop(), expected: { severity: 'warning', field: 'devices[7].ports', message: /t1 is used by a backup policy but none of its FC ports is cabled/ } },
];

const POLICY_CASES: Case[] = [
  { rule: 'duplicate policy id', mutate: (t) => void t.backup.policies.push(policy({ ldevId: 'l2', windowStart: '12:00' })), expected: { severity: 'error', field: 'backup.policies[1].id', message: /duplicate policy id "P1"/ } },
  { rule: 'unknown LDEV', mutate: (t) => void (t.backup.policies[0].ldevId = 'nope'), expected: { severity: 'error', field: 'backup.policies[0].ldevId', message: /policy P1: no LDEV "nope"/ } },
  { rule: 'library that is not a library', mutate: (t) => void (t.backup.policies[0].libraryId = 'a1'), expected: { severity: 'error', field: 'backup.policies[0].libraryId', message: /"a1" is not a tape or DVD-RAM library/ } },
  { rule: 'server that is not a server', mutate: (t) => void (t.backup.policies[0].serverId = 'sw1'), expected: { severity: 'error', field: 'backup.policies[0].serverId', message: /policy P1: "sw1" is not a server/ } },
  { rule: 'LAN-free without its server', mutate: (t) => void delete t.backup.policies[0].serverId, expected: { severity: 'error', field: 'backup.policies[0].serverId', message: /a LAN-free backup needs the server/ } },
  { rule: 'LAN without a backup server', mutate: (t) => void (t.backup.policies[0].path = 'lan'), expected: { severity: 'error', field: 'backup.policies[0].backupServerId', message: /a LAN backup needs the backup server/ } },
  { rule: 'backup server that is not a server', mutate: (t) => void Object.assign(t.backup.policies[0], { path: 'lan', backupServerId: 'lan1' }), expected: { severity: 'error', field: 'backup.policies[0].backupServerId', message: /"lan1" is not a server/ } },
  { rule: 'LAN backup between servers no LAN joins', mutate: (t) => { Object.assign(t.backup.policies[0], { path: 'lan', backupServerId: 's2' }); t.links = t.links.filter((l) => l.id !== 'e2'); }, expected: { severity: 'error', field: 'backup.policies[0].backupServerId', message: /no LAN connects s1 to the backup server s2/ } },
  { rule: 'replica without a large enough free volume', mutate: (t) => void (t.backup.freeVolumes = ['l2']), expected: { severity: 'error', field: 'backup.policies[0].method', message: /needs a free volume of at least 100 GiB on a1, the array of "l1"; the free-volume pool has none$/ } },
  { rule: 'SAN manager that is not a server', mutate: (t) => void (t.backup.managerServerId = 'a1'), expected: { severity: 'error', field: 'backup.managerServerId', message: /"a1" is not a server/ } },
  { rule: 'unknown free volume', mutate: (t) => void t.backup.freeVolumes.push('ghost'), expected: { severity: 'error', field: 'backup.freeVolumes[1]', message: /free volume "ghost": no such LDEV/ } },
  { rule: 'free volume listed twice', mutate: (t) => void t.backup.freeVolumes.push('l3'), expected: { severity: 'warning', field: 'backup.freeVolumes[1]', message: /"l3" is listed twice/ } },
  { rule: 'free volume that a workload uses', mutate: (t) => void t.backup.freeVolumes.push('l1'), expected: { severity: 'warning', field: 'backup.freeVolumes[1]', message: /"l1" is the LU of a server workload/ } },
  { rule: 'free volume in a copy group', mutate: (t) => { t.backup.freeVolumes.push('l2'); t.copyGroups.push({ id: 'G', kind: 'local', recordPositions: true, devices: [{ name: 'd', pvol: 'l3', svol: 'l2', mu: 0 }] }); }, expected: { severity: 'warning', field: 'backup.freeVolumes[1]', message: /"l2" is a volume of copy group pair G\/d/ } },
];

describe('design rules › backup', () => {
  it('find nothing wrong with the fixture (library, replica policy, free pool)', () => {
    expect(issues(fixture())).toEqual([]);
  });

  describe.each([
    ['libraries', LIBRARY_CASES],
    ['policies and free volumes', POLICY_CASES],
  ] as const)('%s', (_, cases) => {
    it.each(cases.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
      const t = fixture();
      c.mutate(t);
      expect(issues(t)).toContainEqual({ severity: c.expected.severity, field: c.expected.field, message: expect.stringMatching(c.expected.message) });
    });
  });

  it('refuse more cartridges than slots, naming the list and each slot past the end', () => {
    const t = fixture();
    tape(t).slotCount = 3;
    const found = issues(t);
    expect(found).toContainEqual({ severity: 'error', field: 'devices[7].cartridges', message: 't1: 4 cartridges do not fit in 3 slots' });
    expect(found.map((i) => i.field)).toContain('devices[7].cartridges[3].slot');
  });

  it('accept a full WORM cartridge and previous-generation media the drives write', () => {
    const t = fixture();
    tape(t).cartridges[0] = { barcode: 'WRM001LY', slot: 1, scratch: false };
    tape(t).cartridges[1].barcode = 'PRV001L7';
    expect(issues(t)).toEqual([]);
  });

  it('accept only DVD-RAM discs in a DVD library', () => {
    const t = fixture();
    t.devices.push({ id: 'd1', name: 'DVD', kind: 'dvdLibrary', siteId: 'main', position: { x: 0, y: 0 }, ports: [], driveCount: 1, slotCount: 10, ioSlotCount: 0, cartridges: [...newCartridges('DVD', 'D1', 2), { barcode: 'SBX009L8', slot: 3, scratch: true }] });
    const found = issues(t).filter((i) => i.field.startsWith('devices[8]'));
    expect(found).toEqual([
      { severity: 'error', field: 'devices[8].cartridges[2].barcode', message: 'd1: cartridge SBX009L8: LTO-8 media in a DVD-RAM library (DVD-RAM discs are D1)' },
      { severity: 'warning', field: 'devices[8].ports', message: expect.stringMatching(/no FC port/) },
    ]);
  });

  it('say which free volume is too far away when the only large one is on another array', () => {
    const t = fixture();
    const a2 = t.devices[6] as DiskArray;
    a2.parityGroups.push({ id: '2-1', tier: 'ssd', raid: 'RAID1', diskCount: 2, diskCapacityGiB: 500 });
    a2.ldevs.push({ id: 'r1', name: 'R1', parityGroupId: '2-1', capacityGiB: 200, readOnly: false, cacheResident: false });
    t.backup.freeVolumes = ['r1'];
    expect(issues(t)).toContainEqual({ severity: 'error', field: 'backup.policies[0].method', message: expect.stringMatching(/\(r1 is on another array; a replica is an array-internal copy\)/) });
  });

  it('a direct policy needs no free volume', () => {
    const t = fixture();
    t.backup.freeVolumes = [];
    t.backup.policies[0].method = 'direct';
    expect(issues(t)).toEqual([]);
  });

  it('a LAN backup between servers on one LAN segment is clean', () => {
    const t = fixture();
    Object.assign(t.backup.policies[0], { path: 'lan', backupServerId: 's2' });
    expect(issues(t)).toEqual([]);
  });
});

describe('design rules › backup › windows', () => {
  const twoOnOneDrive = (second: Partial<BackupPolicy>) => {
    const t = fixture();
    tape(t).driveCount = 1;
    t.backup.policies[0].method = 'direct';
    t.backup.policies.push(policy({ id: 'P2', ldevId: 'l2', method: 'direct', ...second }));
    return issues(t).filter((i) => i.field.endsWith('windowStart'));
  };

  it('open windows of every day and of one weekday', () => {
    expect(windowStartsMin({ frequency: 'daily', weekday: 0, windowStart: '01:30' })).toEqual([90, 1530, 2970, 4410, 5850, 7290, 8730]);
    expect(windowStartsMin({ frequency: 'weekly', weekday: 3, windowStart: '23:00' })).toEqual([3 * 1440 + 1380]);
  });

  it('warn on the policy whose window opens while more windows are open on its library than it has drives', () => {
    expect(twoOnOneDrive({ windowStart: '02:00' })).toEqual([
      { severity: 'warning', field: 'backup.policies[1].windowStart', message: 'policy P2: at Sun 02:00 the windows of 2 policies (P1, P2) are open on t1, which has 1 drive: some jobs will wait for a drive' },
    ]);
    expect(twoOnOneDrive({ windowStart: '01:00' }).map((i) => i.field)).toEqual(['backup.policies[0].windowStart', 'backup.policies[1].windowStart']);
  });

  it('stay quiet when the windows do not meet, or the library has a drive for each', () => {
    expect(twoOnOneDrive({ windowStart: '05:00' })).toEqual([]);
    expect(twoOnOneDrive({ frequency: 'weekly', weekday: 3, windowStart: '10:00' })).toEqual([]);
    const t = fixture();
    t.backup.policies[0].method = 'direct';
    t.backup.policies.push(policy({ id: 'P2', ldevId: 'l2', method: 'direct' }));
    expect(issues(t)).toEqual([]);
  });

  it('treat windows as half-open, and see one that wraps past midnight on Saturday into Sunday', () => {
    const found = twoOnOneDrive({ frequency: 'weekly', weekday: 0, windowStart: '00:00', windowHours: 1 });
    expect(found).toEqual([]);
    const t = fixture();
    tape(t).driveCount = 1;
    Object.assign(t.backup.policies[0], { method: 'direct', windowStart: '22:00', windowHours: 4 });
    t.backup.policies.push(policy({ id: 'P2', ldevId: 'l2', method: 'direct', frequency: 'weekly', weekday: 0, windowStart: '01:00', windowHours: 1 }));
    expect(issues(t).map((i) => i.message)).toContain('policy P2: at Sun 01:00 the windows of 2 policies (P1, P2) are open on t1, which has 1 drive: some jobs will wait for a drive');
  });
});
