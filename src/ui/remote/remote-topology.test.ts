/** Remote copy read off the design: the remote group keys, and the WAN link a cable plugs into. */
import { describe, expect, it } from 'vitest';
import { twoSiteTopology } from '../../model/test-fixtures.ts';
import { CopyGroup } from '../../model/topology.ts';
import { designRemoteKeys, wanLinkOfCable } from './remote-topology.ts';

const group = (g: object) => CopyGroup.parse(g);

describe('remote topology › design keys', () => {
  it('keys async groups by consistency group (default 0) and sync groups by name, sorted; local kinds are not remote', () => {
    const copyGroups = [
      group({ id: 'UR-DB', kind: 'remote-async', consistencyGroup: 3, devices: [{ name: 'db', pvol: 'l1', svol: 'r1' }] }),
      group({ id: 'UR-LOG', kind: 'remote-async', consistencyGroup: 3, devices: [{ name: 'log', pvol: 'l2', svol: 'r2' }] }),
      group({ id: 'UR-X', kind: 'remote-async', devices: [{ name: 'x', pvol: 'l3', svol: 'r3' }] }),
      group({ id: 'TC', kind: 'remote-sync', devices: [{ name: 'erp', pvol: 'l4', svol: 'r4' }] }),
      group({ id: 'SI', kind: 'local', devices: [{ name: 'si', pvol: 'l5', svol: 'l6' }] }),
    ];
    expect(designRemoteKeys({ copyGroups })).toEqual(['ctg-0', 'ctg-3', 'sync:TC']);
    expect(designRemoteKeys({ copyGroups: copyGroups.slice(4) })).toEqual([]);
  });
});

describe('remote topology › cables', () => {
  it('finds the WAN link device at either end of a cable, and nothing for other cables', () => {
    const t = twoSiteTopology();
    expect(wanLinkOfCable(t, 'w1')).toBe('wan1'); // a1 → wan1 (wan1 is end b)
    expect(wanLinkOfCable(t, 'w2')).toBe('wan1'); // wan1 → a2 (end a)
    expect(wanLinkOfCable(t, 'f1')).toBeNull();
    expect(wanLinkOfCable(t, 'nope')).toBeNull();
    // memoised per topology object: a new document is read afresh
    const t2 = { ...t, links: t.links.filter((l) => l.id !== 'w2') };
    expect(wanLinkOfCable(t2, 'w2')).toBeNull();
    expect(wanLinkOfCable(t, 'w2')).toBe('wan1');
  });
});
