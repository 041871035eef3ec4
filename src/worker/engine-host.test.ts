/**
 * EngineHost under a fake wall clock and a fake simulation (host-fakes.ts): the timing loop
 * (paced and 'max'), slicing, telemetry batching, state transitions and cost accounting, without
 * a worker. Remote copy through the host: engine-host-remote.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../engine/api.ts';
import { createSimulation } from '../engine/simulation.ts';
import { lunTarget, smallSan } from '../engine/testing/small-sans.ts';
import { parseDocumentText } from '../model/parse.ts';
import { EngineHost, FLUSH_INTERVAL_MS, SLICE_MS, frameBuffers } from './engine-host.ts';
import type { TelemetryMessage } from './engine-api.ts';
import { SCENARIO, seconds, setup } from './host-fakes.ts';

describe('engine host › load', () => {
  it('is ready at t=0 after a load and reports compile errors by device and field', () => {
    const { host } = setup();
    expect(host.load(SCENARIO)).toEqual({ ok: true });
    expect(host.status()).toMatchObject({ runState: 'ready', nowUs: 0, endUs: 60e6 });
    const bad = host.load({ ...SCENARIO, name: 'broken' });
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('arr-1');
    expect(host.status().runState).toBe('error');
  });
});

describe('engine host › play', () => {
  it('advances simulated time at speed × wall time, batching telemetry at ~4 Hz', () => {
    const { clock, host, messages } = setup();
    host.load(SCENARIO);
    messages.length = 0;
    host.play(10);
    clock.advance(1000);
    expect(seconds(host)).toBeGreaterThan(9.5);
    expect(seconds(host)).toBeLessThanOrEqual(10);
    const batches = messages.filter((m) => m.status.runState === 'playing').length;
    expect(batches).toBeGreaterThanOrEqual(1000 / FLUSH_INTERVAL_MS - 1);
    expect(batches).toBeLessThanOrEqual(1000 / FLUSH_INTERVAL_MS + 2);
    host.pause(); // flushes the rest: every completed simulated second arrives exactly once
    const samples = messages.reduce((n, m) => n + (m.frame ? m.frame.timesS.length : 0), 0);
    expect(samples).toBe(Math.floor(seconds(host)));
  });

  it("at 'max' runs in slices of about SLICE_MS and yields between them", () => {
    const { clock, host, messages } = setup(0.05); // 2,000 events per slice cost 100 ms
    host.load(SCENARIO);
    host.play('max');
    clock.advance(50);
    expect(seconds(host)).toBeGreaterThan(0);
    expect(seconds(host)).toBeLessThan(60);
    expect(clock.maxSliceMs).toBeLessThanOrEqual(SLICE_MS + 2000 * 0.05);
    clock.advance(60_000);
    expect(host.status().runState).toBe('finished');
    expect(seconds(host)).toBe(60);
    expect(messages.at(-1)?.status.runState).toBe('finished');
    expect(clock.pending()).toBe(0);
  });

  it('keeps slices short when events are cheap', () => {
    const { clock, host } = setup(0.004);
    host.load(SCENARIO);
    host.play('max');
    clock.advance(1000);
    expect(clock.maxSliceMs).toBeLessThanOrEqual(SLICE_MS + 2000 * 0.004);
  });

  it('slows down instead of sprinting when a paced run cannot keep up', () => {
    const { clock, host } = setup(0.5); // 100 events per sim second cost 50 ms wall
    host.load(SCENARIO);
    host.play(1000);
    clock.advance(2000);
    const t = seconds(host);
    expect(t).toBeGreaterThan(5);
    expect(t).toBeLessThan(60);
  });
});

describe('engine host › pause, step, runUntil, reset', () => {
  it('pause stops the clock and leaves no live timer', () => {
    const { clock, host } = setup();
    host.load(SCENARIO);
    host.play(1);
    clock.advance(2000);
    host.pause();
    const t = seconds(host);
    clock.advance(5000);
    expect(seconds(host)).toBe(t);
    expect(host.status().runState).toBe('paused');
  });

  it('step advances exactly one simulated second; runUntil runs to N and reports', () => {
    const { host, messages } = setup();
    host.load(SCENARIO);
    host.step();
    expect(seconds(host)).toBe(1);
    host.step();
    expect(seconds(host)).toBe(2);
    expect(messages.at(-1)?.frame?.timesS[0]).toBe(2);
    const report = host.runUntil(30);
    expect(report.simSeconds).toBe(30);
    expect(host.status().runState).toBe('paused');
    expect(host.runUntil(999).simSeconds).toBe(60);
    expect(host.status().runState).toBe('finished');
  });

  it('a second play does not start a second loop', () => {
    const { clock, host } = setup();
    host.load(SCENARIO);
    host.play(1);
    host.play(1);
    clock.advance(1000);
    expect(seconds(host)).toBeLessThanOrEqual(1);
    expect(clock.pending()).toBe(1);
  });

  it('reset goes back to t=0 and bumps the generation', () => {
    const { host } = setup();
    host.load(SCENARIO);
    const g = host.status().generation;
    host.runUntil(10);
    host.reset();
    expect(host.status()).toMatchObject({ runState: 'ready', nowUs: 0, generation: g + 1 });
  });
});

describe('engine host › snapshot', () => {
  it('returns the loaded simulation’s snapshot as of now, without moving the clock or the state', () => {
    const { host, messages } = setup();
    expect(() => host.snapshot()).toThrow(/no scenario/);
    host.load(SCENARIO);
    expect(host.snapshot()).toMatchObject({ nowUs: 0, endUs: 60e6, events: 0 });
    host.runUntil(3);
    const sent = messages.length;
    expect(host.snapshot()).toMatchObject({ nowUs: 3e6, events: 300 });
    expect(host.status()).toMatchObject({ runState: 'paused', nowUs: 3e6 });
    expect(messages.length).toBe(sent); // no flush, no telemetry
  });

  it('with the real engine equals a direct run’s snapshot at the same time', () => {
    const b = smallSan();
    b.workload('h1', { id: 'w', rw: 'randrw', iodepth: 2, startAtS: 0, target: lunTarget(0) });
    const scenario = b.build({ durationS: 10 });
    const host = new EngineHost({ createSimulation, now: () => 0, schedule: () => undefined });
    host.load(scenario);
    host.runUntil(2);
    const direct = createSimulation(scenario);
    direct.runUntil(2_000_000);
    const snap = host.snapshot();
    expect(snap).toEqual(direct.snapshot());
    expect(snap.workloads[0]).toMatchObject({ serverId: 'h1', workloadId: 'w', active: true, ldevId: 'ssd0' });
    expect(snap.workloads[0].completedIos).toBeGreaterThan(0);
  });
});

describe('engine host › replication', () => {
  it('sends the pairs and pools with every batch (null when nothing is loaded)', () => {
    const { clock, host, messages } = setup();
    host.load({ ...SCENARIO, name: 'broken' });
    expect(messages.at(-1)?.replication).toBeNull();
    host.load(SCENARIO);
    host.play(10);
    clock.advance(1000);
    host.pause();
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages.slice(1)) expect(m.replication?.pairs[0].copyPct).toBe(Math.min(100, m.status.nowUs / 1e6));
  });

  it('answers replication() and pairBitmap() from the loaded simulation', () => {
    const { host } = setup();
    expect(host.replication()).toBeNull();
    expect(host.pairBitmap('G/d1', 16)).toBeNull();
    host.load(SCENARIO);
    expect(host.replication()?.pairs.map((p) => p.state)).toEqual(['SMPL']);
    expect(host.pairBitmap('G/d1', 16)).toMatchObject({ key: 'G/d1', tracksPerCell: 4 });
    expect(host.pairBitmap('nope', 16)).toBeNull();
  });

  it('with the real engine: a pair created through the host shows in the next batch and in its bitmap', () => {
    const b = smallSan();
    b.workload('h1', { id: 'w', rw: 'randwrite', rate_iops: 50, size: '64m', startAtS: 0, target: lunTarget(0) });
    b.copyGroup({ id: 'G', kind: 'local', devices: [{ name: 'd1', pvol: 'ssd0', svol: 'hdd0' }] });
    const messages: TelemetryMessage[] = [];
    const host = new EngineHost({ createSimulation, now: () => 0, schedule: () => undefined });
    host.subscribe({ postMessage: (m) => messages.push(m) });
    host.load(b.build({ durationS: 30 }));
    expect(messages.at(-1)?.replication?.pairs.map((p) => [p.key, p.state])).toEqual([['G/d1', 'SMPL']]);
    host.runUntil(2);
    expect(host.apply({ type: 'pairCreate', group: 'G', device: 'd1', pace: 15, split: false })).toEqual({ ok: true });
    expect(messages.at(-1)?.replication?.pairs[0].state).toBe('COPY');
    host.runUntil(20);
    expect(host.replication()?.pairs[0].state).toBe('PAIR');
    const bitmap = host.pairBitmap('G/d1', 256)!;
    expect(bitmap.cells.length).toBeLessThanOrEqual(256);
    expect(bitmap.tracksPerCell * bitmap.cells.length).toBeGreaterThanOrEqual(bitmap.trackCount);
    expect(Array.from(bitmap.cells).some((c) => c !== 0)).toBe(true);
  });

  it('flushes after an accepted command while paused, so the new state shows at once', () => {
    const { host, messages } = setup();
    host.load(SCENARIO);
    host.runUntil(2);
    const sent = messages.length;
    expect(host.apply({ type: 'pairCreate', group: 'G', pace: 3, split: false })).toEqual({ ok: true });
    expect(messages.length).toBe(sent + 1);
    expect(messages.at(-1)?.replication?.pairs[0].state).toBe('PAIR');
    const rejected = host.apply({ type: 'pairCreate', group: 'G', pace: 3, split: false });
    expect(rejected).toMatchObject({ ok: false, code: 'EX_INVSTP' });
    expect(messages.length).toBe(sent + 1); // a rejected command changed nothing: no batch
  });
});

describe('engine host › backup', () => {
  it('sends the libraries, jobs and runbooks with every batch, as of its status (null when nothing is loaded)', () => {
    const { clock, host, messages } = setup();
    host.load({ ...SCENARIO, name: 'broken' });
    expect(messages.at(-1)?.backup).toBeNull();
    host.load(SCENARIO);
    host.play(10);
    clock.advance(2000);
    host.pause();
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages.slice(1)) expect(m.backup?.jobs[0].bytesDone).toBe(Math.min(60, Math.floor(m.status.nowUs / 1e6)) * 1e6);
    expect(messages.at(-1)?.backup?.jobs[0].bytesDone).toBeGreaterThan(0);
  });

  it('answers backup() from the loaded simulation, and a runbook started while paused shows in the next batch', () => {
    const { host, messages } = setup();
    expect(host.backup()).toBeNull();
    host.load(SCENARIO);
    expect(host.backup()?.runbooks.map((r) => [r.id, r.state])).toEqual([['rb', 'idle']]);
    host.runUntil(3);
    const sent = messages.length;
    expect(host.apply({ type: 'startRunbook', runbook: 'rb' })).toEqual({ ok: true });
    expect(messages.length).toBe(sent + 1);
    expect(messages.at(-1)?.backup?.runbooks[0].state).toBe('running');
    expect(host.snapshot().backup.runbooks[0].state).toBe('running');
    expect(host.apply({ type: 'startRunbook', runbook: 'nope' })).toMatchObject({ ok: false });
    expect(messages.length).toBe(sent + 1);
  });
});

describe('engine host › backup with the real engine', () => {
  it('the demo’s runbook is idle in the first batch, runs once the timeline starts it, and each batch equals backup()', () => {
    const parsed = parseDocumentText(readFileSync(new URL('../../scenarios/embodiment-1-online-backup.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
    const start = parsed.scenario.timeline.find((e) => e.action.type === 'startRunbook');
    expect(start).toBeDefined();
    const messages: TelemetryMessage[] = [];
    const host = new EngineHost({ createSimulation, now: () => 0, schedule: () => undefined });
    host.subscribe({ postMessage: (m) => messages.push(m) });
    host.load(parsed.scenario);
    const first = messages.at(-1)!.backup!;
    expect(first.runbooks.map((r) => r.state)).toEqual(['idle']);
    expect(first.libraries.length).toBeGreaterThan(0);
    host.runUntil((start?.atS ?? 0) + 2);
    const later = messages.at(-1)!.backup!;
    expect(['running', 'waiting']).toContain(later.runbooks[0].state);
    expect(later.runbooks[0].steps[0].state).toBe('done');
    expect(later).toEqual(host.backup());
  });
});

describe('engine host › telemetry cost', () => {
  it('accounts drain + post inside busy time and counts frames', () => {
    const { clock, host } = setup();
    host.load(SCENARIO);
    host.play(10);
    clock.advance(3000);
    const stats = host.stats();
    expect(stats.frames).toBeGreaterThan(5);
    expect(stats.busyMs).toBeGreaterThan(0);
    expect(stats.telemetryMs).toBeLessThanOrEqual(stats.busyMs);
  });

  it('lists each buffer behind a frame once, so it can be transferred', () => {
    const buffer = new ArrayBuffer(64);
    const a = new Float64Array(buffer, 0, 4);
    const b = new Float64Array(buffer, 32, 4);
    const frame = { timesS: a, readIops: b, writeIops: a, cacheHitPct: a, responseMsMean: a, linkUtilPct: a, rejected: a };
    expect(frameBuffers(frame as unknown as TelemetryFrame)).toEqual([buffer]);
  });
});
