/**
 * Copy-group design rules, on the demo (a host mirror DB/db: db-primary → db-secondary, run by
 * db-server) broken one way at a time: each finding names the group's field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDesign } from './design-rules.ts';
import { Scenario } from './scenario.ts';
import type { DiskArray, Topology } from './topology.ts';

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
