/**
 * EngineHost and the monitoring console's data: every batch carries the fault status (faults,
 * alerts, parity groups, volume moves, health) as of its status, `faults()` and `predictMove()`
 * answer from the loaded simulation, and a fault or a move given while paused shows in the next
 * batch at once — against the fake simulation (host-fakes.ts).
 */
import { describe, expect, it } from 'vitest';
import { SCENARIO, setup } from './host-fakes.ts';

describe('engine host › faults', () => {
  it('sends the fault status with every batch (null when nothing is loaded)', () => {
    const { clock, host, messages } = setup();
    host.load({ ...SCENARIO, name: 'broken' });
    expect(messages.at(-1)?.faults).toBeNull();
    host.load(SCENARIO);
    expect(messages.at(-1)?.faults).toMatchObject({ faults: [], alerts: [], alertCount: 0, health: {} });
    host.play(10);
    clock.advance(1000);
    host.pause();
    for (const m of messages.slice(1)) expect(m.faults?.parityGroups.map((g) => g.parityGroupId)).toEqual(['PG-1', 'PG-2']);
  });

  it('a fault given while paused shows in the next batch: active fault, alert, device health', () => {
    const { host, messages } = setup();
    expect(host.faults()).toBeNull();
    host.load(SCENARIO);
    host.runUntil(2);
    const sent = messages.length;
    expect(host.apply({ type: 'setFault', component: { kind: 'link', linkId: 'l3' }, failed: true })).toEqual({ ok: true });
    expect(messages.length).toBe(sent + 1);
    const f = messages.at(-1)?.faults;
    expect(f?.faults.map((x) => x.label)).toEqual(['link l3']);
    expect(f?.health).toEqual({ l3: 'failed' });
    expect(f?.alerts).toEqual([{ seq: 1, timeUs: 2_000_000, severity: 'critical', kind: 'fault', deviceId: 'l3', message: 'link l3 failed', notified: ['storage-admin'] }]);
    // A redundant fault changes nothing and (like any accepted command) flushes once more.
    expect(host.apply({ type: 'setFault', component: { kind: 'link', linkId: 'l3' }, failed: true })).toEqual({ ok: true, redundant: true });
    expect(host.faults()?.alertCount).toBe(1);
    host.apply({ type: 'setFault', component: { kind: 'link', linkId: 'l3' }, failed: false });
    expect(messages.at(-1)?.faults?.health).toEqual({});
    expect(messages.at(-1)?.faults?.alerts.map((a) => a.kind)).toEqual(['fault', 'repair']);
  });

  it('predictMove() answers from the loaded simulation; a move follows the clock to done with its measurement', () => {
    const { host } = setup();
    expect(host.predictMove('v1', 'PG-2')).toBeNull();
    host.load(SCENARIO);
    expect(host.predictMove('v1', 'PG-2')).toMatchObject({ fromGroup: 'PG-1', toGroup: 'PG-2', after: { fromUtilPct: 20, toUtilPct: 50 } });
    expect(host.predictMove('v1', 'PG-9')).toEqual({ error: 'no parity group PG-9 in ar1 (or v1 is already there)' });
    host.runUntil(1);
    expect(host.apply({ type: 'moveVolume', ldevId: 'v1', parityGroupId: 'PG-2' })).toEqual({ ok: true });
    host.runUntil(6);
    expect(host.faults()?.moves[0]).toMatchObject({ state: 'copying', copiedPct: 50, measured: null });
    host.runUntil(12);
    expect(host.faults()?.moves[0]).toMatchObject({ state: 'done', copiedPct: 100, switchedUs: 11_000_000, measured: { fromUtilPct: 21, toUtilPct: 48 } });
  });

  it('a new run (reset) starts with no faults and no alerts', () => {
    const { host, messages } = setup();
    host.load(SCENARIO);
    host.apply({ type: 'setFault', component: { kind: 'device', deviceId: 'sw1' }, failed: true });
    expect(host.faults()?.alertCount).toBe(1);
    host.reset();
    expect(messages.at(-1)?.faults).toMatchObject({ faults: [], alertCount: 0 });
    expect(messages.at(-1)?.status.generation).toBe(2);
  });
});
