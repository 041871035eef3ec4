/** Console device › monitoring settings: defaults, rules, kinds, devices, automatic moves, the summary sentence. */
import { describe, expect, it } from 'vitest';
import { Monitoring } from '../../model/topology-monitoring.ts';
import type { Topology } from '../../model/topology.ts';
import { TOPOLOGY } from './monitor-fixtures.ts';
import { addRule, consoleMonitoring, monitoringOf, parseDeviceList, patchRule, removeRule, ruleSentence, setAutoMove, toggleKind, unknownDevices } from './monitoring-edits.ts';

const DEFAULTS = monitoringOf({ monitoring: undefined });

describe('console › monitoring settings', () => {
  it('fills in the schema’s defaults for a console without settings', () => {
    expect(DEFAULTS).toEqual({ parityGroupUtilPct: 80, responseMs: 20, rules: [] });
    expect(monitoringOf({ monitoring: { parityGroupUtilPct: 50, responseMs: 20, rules: [] } }).parityGroupUtilPct).toBe(50);
  });

  it('takes the first console with settings, else the first console, else none', () => {
    expect(consoleMonitoring(TOPOLOGY)).toEqual({ consoleId: 'con1', name: 'Console', monitoring: DEFAULTS });
    const two = {
      devices: [...TOPOLOGY.devices, { kind: 'console', id: 'con2', name: 'Second', monitoring: { parityGroupUtilPct: 60, responseMs: 5, rules: [] } }],
    } as unknown as Topology;
    expect(consoleMonitoring(two)?.consoleId).toBe('con2');
    expect(consoleMonitoring({ devices: [] })).toBeNull();
  });

  it('adds rules with unique ids, paging the storage administrator on warnings by default; every edit is valid for the schema', () => {
    let m = addRule(DEFAULTS);
    m = addRule(m);
    expect(m.rules.map((r) => r.id)).toEqual(['rule-1', 'rule-2']);
    m = addRule(removeRule(m, 0));
    expect(m.rules.map((r) => r.id)).toEqual(['rule-2', 'rule-3']);
    expect(m.rules[0]).toEqual({ id: 'rule-2', role: 'storage-admin', minSeverity: 'warning' });
    m = patchRule(m, 1, { role: 'operator', minSeverity: 'critical', deviceIds: ['sw1'] });
    expect(m.rules[1]).toEqual({ id: 'rule-3', role: 'operator', minSeverity: 'critical', deviceIds: ['sw1'] });
    m = patchRule(m, 1, { deviceIds: undefined });
    expect('deviceIds' in m.rules[1]).toBe(false);
    expect(Monitoring.safeParse(m).success).toBe(true);
  });

  it('toggles kinds; none left checked means every kind (absent, not an empty list)', () => {
    const rule = { id: 'r', role: 'x', minSeverity: 'warning' as const };
    const one = toggleKind(rule, 'fault', true);
    expect(one).toEqual({ kinds: ['fault'] });
    const two = toggleKind({ ...rule, kinds: ['fault'] }, 'path-lost', true);
    expect(two).toEqual({ kinds: ['fault', 'path-lost'] });
    expect(toggleKind({ ...rule, kinds: ['fault'] }, 'fault', false)).toEqual({ kinds: undefined });
  });

  it('parses a device list and names the ids the design does not have', () => {
    expect(parseDeviceList(' sw1, ar1 ,sw1,, ')).toEqual(['sw1', 'ar1']);
    expect(parseDeviceList('  ')).toBeUndefined();
    expect(parseDeviceList(undefined)).toBeUndefined();
    expect(unknownDevices(TOPOLOGY, ['sw1', 'l2', 'nope'])).toEqual(['nope']);
    expect(unknownDevices(TOPOLOGY, undefined)).toEqual([]);
  });

  it('switches automatic moves on with the schema’s defaults, and off', () => {
    const on = setAutoMove(DEFAULTS, true);
    expect(on.autoMove).toEqual(Monitoring.parse({ autoMove: {} }).autoMove);
    expect(setAutoMove(on, true)).toBe(on);
    expect('autoMove' in setAutoMove(on, false)).toBe(false);
  });

  it('sums a rule up in one sentence', () => {
    expect(ruleSentence({ id: 'r', role: 'storage-admin', minSeverity: 'warning' })).toBe('storage-admin is paged on warnings and critical alerts on any device');
    expect(ruleSentence({ id: 'r', role: 'operator', minSeverity: 'critical', kinds: ['fault', 'path-lost'], deviceIds: ['sw1', 'ar1'] })).toBe(
      'operator is paged on critical alerts of kinds Failure, No path left on sw1, ar1',
    );
    expect(ruleSentence({ id: 'r', role: 'tenant-a', minSeverity: 'info', kinds: ['volume-move'] })).toBe('tenant-a is paged on every alert of kind Volume move on any device');
  });
});
