/**
 * The alert log: notification rules (severity floor, kinds, devices; each role once), threshold
 * hysteresis, and the alerts the engine raises for a journal filling up and a backup window
 * missed — end to end from the built-in outage scenario and a SAN-manager plan.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../model/scenario.ts';
import { createSimulation } from '../simulation.ts';
import { backupScenario } from '../testing/backup-fixtures.ts';
import { AlertLog, notifiedRoles, THRESHOLD_REARM } from './alerts.ts';

describe('notification rules', () => {
  const rules = [
    { id: 'a', role: 'on-call', minSeverity: 'critical' as const },
    { id: 'b', role: 'admin', minSeverity: 'warning' as const },
    { id: 'c', role: 'mail team', minSeverity: 'info' as const, deviceIds: ['mail'] },
    { id: 'd', role: 'admin', minSeverity: 'info' as const, kinds: ['volume-move' as const] },
    { id: 'e', role: 'backup team', minSeverity: 'info' as const, kinds: ['window-miss' as const] },
  ];
  it('pages each matching role once, in rule order', () => {
    expect(notifiedRoles(rules, 'critical', 'fault', 'mail')).toEqual(['on-call', 'admin', 'mail team']);
    expect(notifiedRoles(rules, 'warning', 'path-failover', 'db')).toEqual(['admin']);
    expect(notifiedRoles(rules, 'info', 'repair', 'db')).toEqual([]);
    expect(notifiedRoles(rules, 'info', 'volume-move', 'array1')).toEqual(['admin']);
    expect(notifiedRoles(rules, 'warning', 'window-miss', 'lib1')).toEqual(['admin', 'backup team']);
  });
});

describe('threshold alerts', () => {
  it('are raised once per excursion and re-armed only under 90 % of the limit', () => {
    const log = new AlertLog(undefined);
    const seen = [95, 99, 85, 101, 89, 101, 50, 120].map((v, t) => log.threshold(t, 'k', 'arr', v, 90, () => `at ${v}`));
    // 95 raises; 99 still above; 85 is under the limit but above 81 (not re-armed); 101 nothing; 89 still ≥ 81; 101 nothing; 50 re-arms; 120 raises
    expect(seen).toEqual([true, false, false, false, false, false, false, true]);
    expect(THRESHOLD_REARM).toBe(0.9);
    expect(log.list.map((a) => [a.seq, a.timeUs, a.kind, a.message])).toEqual([
      [1, 0, 'threshold', 'at 95'],
      [2, 7, 'threshold', 'at 120'],
    ]);
  });
});

describe('alerts the engine raises', () => {
  it('a WAN outage: the link down, the master journal over 80 % (PFUL), then full past the watch (PFUS), and the link back', () => {
    const doc = Scenario.parse(JSON.parse(readFileSync('scenarios/remote-async-outage.json', 'utf8')));
    const sim = createSimulation(doc);
    sim.runUntil(sim.endUs());
    const alerts = sim.faultStatus().alerts;
    const kinds = alerts.map((a) => `${a.severity} ${a.kind}`);
    expect(kinds).toContain('critical fault');
    const pful = alerts.find((a) => a.kind === 'journal-full' && a.severity === 'warning');
    const pfus = alerts.find((a) => a.kind === 'journal-full' && a.severity === 'critical');
    expect(pful?.message).toMatch(/master journal over 80 % \(PFUL\)/);
    expect(pfus?.message).toMatch(/stayed full: suspended \(PFUS\)/);
    expect(pfus!.timeUs).toBeGreaterThan(pful!.timeUs);
    expect(kinds).toContain('info repair');
  });

  it('a backup planned to end after its window is flagged at the plan, and its lateness when the window closes', () => {
    const policy = (id: string) => ({ id, tenant: id, ldevId: 'P', method: 'direct' as const, path: 'server-less' as const, libraryId: 'lib1', windowStart: '00:00', windowHours: 0.2, dataGiB: 100 });
    const sim = createSimulation(backupScenario({ clockStart: '23:50', library: { drives: 2 }, durationS: 3_000, backup: { freeVolumes: [], policies: ['a', 'b', 'c'].map(policy) as never } }));
    sim.runUntil(sim.endUs());
    const miss = sim.faultStatus().alerts.filter((a) => a.kind === 'window-miss');
    expect(miss.map((a) => [a.severity, a.deviceId])).toEqual([['warning', 'lib1']]);
    expect(miss[0].message).toMatch(/^backup c-1 \(c, P\) is planned to end at 1426\.52\d* s, after its window closes at 1320 s$/);
    expect(miss[0].timeUs).toBe(1_000_000); // the first sample after the plan
  });
});
