import { describe, expect, it } from 'vitest';
import type { Report } from '../../engine/api.ts';
import type { Topology } from '../../model/topology.ts';
import { buildSummary, formatValue } from './RunSummary.tsx';

const ldev = (name: string, readIops: number) => ({
  arrayId: 'a1',
  name,
  readIops,
  writeIops: readIops / 2,
  readMBps: 0,
  writeMBps: 0,
  cacheHitPct: 90,
  responseMsMean: 1.5,
  responseMsP99: 9,
  completedIos: 0,
  rejectedIos: 0,
  series: { samples: 0, peakTotalIops: 0, minTotalIops: 0 },
});

const report = {
  scenario: 's',
  seed: 1,
  simSeconds: 10,
  eventLogHash: '',
  events: 5,
  ldevs: { l1: ldev('Primary', 1000), l2: ldev('Secondary', 10) },
  links: {
    k1: { kind: 'fc', utilizationPct: 5, peakUtilizationPct: 9, bytes: 0 },
    k2: { kind: 'fc', utilizationPct: 40, peakUtilizationPct: 50, bytes: 0 },
  },
  rejectedIos: { total: 3, byReason: { 'no-route': 1, 'not-in-host-group': 0, 'no-lu-path': 2, 'read-only': 0, 'queue-full': 0, 'pair-state': 0, 'backup-mode-full': 0 } },
  expectations: [],
} as unknown as Report;

const topology = {
  devices: [
    { id: 'srv', name: 'Server 1' },
    { id: 'sw', name: 'Switch' },
  ],
  links: [
    { id: 'k1', a: { deviceId: 'srv', portId: 'hba0' }, b: { deviceId: 'sw', portId: 'p0' }, lengthM: 1 },
    { id: 'k2', a: { deviceId: 'srv', portId: 'hba1' }, b: { deviceId: 'sw', portId: 'p1' }, lengthM: 1 },
  ],
} as unknown as Topology;

describe('buildSummary', () => {
  it('takes the selected LDEVs in selection order, links busiest first, every reject reason', () => {
    const s = buildSummary(report, ['l2', 'l1', 'gone'], topology);
    expect(s.ldevs.map((r) => [r.id, r.name, r.readIops, r.responseMsP99])).toEqual([
      ['l2', 'Secondary', 10, 9],
      ['l1', 'Primary', 1000, 9],
    ]);
    expect(s.links.map((r) => [r.id, r.utilizationPct, r.label])).toEqual([
      ['k2', 40, ['Server 1 hba1', '↔ Switch p1']],
      ['k1', 5, ['Server 1 hba0', '↔ Switch p0']],
    ]);
    expect(s.rejected.map((r) => [r.id, r.count])).toEqual([
      ['no-route', 1],
      ['not-in-host-group', 0],
      ['no-lu-path', 2],
      ['read-only', 0],
      ['queue-full', 0],
      ['pair-state', 0],
      ['backup-mode-full', 0],
      ['fence', 0],
      ['site-down', 0],
      ['zoning', 0],
      ['no-path', 0],
      ['ldev-blocked', 0],
    ]);
    expect(s.rejectedTotal).toBe(3);
  });

  it('formats like the labels: grouped integers, fixed decimals', () => {
    expect(formatValue(28747.175, 0)).toBe('28,747');
    expect(formatValue(97.104, 1)).toBe('97.1');
    expect(formatValue(0.389, 2)).toBe('0.39');
    expect(formatValue(Number.NaN, 2)).toBe('—');
  });
});
