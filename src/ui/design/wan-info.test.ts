/** The WAN link inspector's derived numbers, ends and crossing groups. */
import { describe, expect, it } from 'vitest';
import { twoSiteTopology } from '../../model/test-fixtures.ts';
import type { DiskArray } from '../../model/topology.ts';
import { wanDelays, wanInfo } from './wan-info.ts';

describe('WAN link info', () => {
  it('derives 5 µs per km one way, twice that round trip, and the line rate in MB/s', () => {
    expect(wanDelays({ distanceKm: 100, bandwidthMbps: 1000 })).toEqual({ oneWayMs: 0.5, rttMs: 1, lineMBps: 125 });
    expect(wanDelays({ distanceKm: 1000, bandwidthMbps: 155 })).toEqual({ oneWayMs: 5, rttMs: 10, lineMBps: 19.375 });
  });

  it('says what each end is cabled to and which remote groups cross the link', () => {
    const t = twoSiteTopology();
    const a2 = t.devices.find((d): d is DiskArray => d.id === 'a2')!;
    a2.ldevs = [{ id: 'r1', name: 'r1', parityGroupId: 'x', capacityGiB: 100, readOnly: false, cacheResident: false }];
    t.copyGroups = [
      { id: 'AUTO', kind: 'remote-sync', recordPositions: true, devices: [{ name: 'd', pvol: 'l1', svol: 'r1', mu: 0 }] },
      { id: 'ELSE', kind: 'remote-async', recordPositions: true, wanLinkId: 'other', devices: [{ name: 'd', pvol: 'l2', svol: 'r1', mu: 0 }] },
      { id: 'LOCAL', kind: 'local', recordPositions: true, devices: [{ name: 'd', pvol: 'l1', svol: 'l2', mu: 0 }] },
    ];
    expect(wanInfo(t, 'wan1')).toEqual({
      ends: [
        { portId: 'w0', attached: 'Array 1 (a1) · site main' },
        { portId: 'w1', attached: 'Array 2 (a2) · site remote' },
      ],
      groups: ['AUTO'],
    });
    t.links = t.links.filter((l) => l.id !== 'w2');
    expect(wanInfo(t, 'wan1')).toEqual({ ends: [{ portId: 'w0', attached: 'Array 1 (a1) · site main' }, { portId: 'w1', attached: null }], groups: [] });
    expect(wanInfo(t, 'nope')).toEqual({ ends: [], groups: [] });
  });
});
