/**
 * EngineHost and remote copy: every batch carries the WAN links and remote groups as of its
 * status, `remote()` and `verifyRemote()` answer from the loaded simulation (a verification
 * given while paused is flushed at once), the frames' remote series are transferred — against
 * the fake simulation (host-fakes.ts) and against the real engine on the built-in outage
 * scenario.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../engine/api.ts';
import { createSimulation } from '../engine/simulation.ts';
import { parseDocumentText } from '../model/parse.ts';
import { EngineHost, frameBuffers } from './engine-host.ts';
import type { TelemetryMessage } from './engine-api.ts';
import { SCENARIO, setup } from './host-fakes.ts';

describe('engine host › remote copy', () => {
  it('sends the WAN links and remote groups with every batch, as of its status (null when nothing is loaded)', () => {
    const { clock, host, messages } = setup();
    host.load({ ...SCENARIO, name: 'broken' });
    expect(messages.at(-1)?.remote).toBeNull();
    host.load(SCENARIO);
    host.play(10);
    clock.advance(2000);
    host.pause();
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages.slice(1)) expect(m.remote?.groups[0].lastSeq).toBe(Math.floor(m.status.nowUs / 100_000));
    expect(messages.at(-1)?.remote?.groups[0].lastSeq).toBeGreaterThan(0);
  });

  it('answers remote() from the loaded simulation; a WAN outage given while paused shows in the next batch', () => {
    const { host, messages } = setup();
    expect(host.remote()).toBeNull();
    host.load(SCENARIO);
    host.runUntil(3);
    expect(host.remote()?.wanLinks[0].up).toBe(true);
    const sent = messages.length;
    expect(host.apply({ type: 'setWanLink', wanLinkId: 'wan1', up: false })).toEqual({ ok: true });
    expect(messages.length).toBe(sent + 1);
    expect(messages.at(-1)?.remote?.wanLinks[0].up).toBe(false);
    expect(host.snapshot().remote.wanLinks[0].up).toBe(false);
    host.runUntil(5);
    // The remote froze at the outage: 30 written by 3 s, 10 of them not applied yet.
    expect(host.remote()?.groups[0]).toMatchObject({ lastSeq: 50, appliedSeq: 20, lagWrites: 30 });
  });

  it('verifyRemote() returns the verdict and flushes it while paused; an unknown group or no scenario gives null and no batch', () => {
    const { host, messages } = setup();
    expect(host.verifyRemote('G')).toBeNull();
    host.load(SCENARIO);
    host.runUntil(4);
    const sent = messages.length;
    const v = host.verifyRemote('G');
    expect(v).toMatchObject({ group: 'G', verdict: 'PASS', prefix: 30, lastSeq: 40, atS: 4 });
    expect(messages.length).toBe(sent + 1);
    expect(messages.at(-1)?.remote?.verifications).toEqual([v]);
    expect(host.verifyRemote('nope')).toBeNull();
    expect(messages.length).toBe(sent + 1);
  });

  it('lists the remote series buffers with the frame’s, so they are transferred too', () => {
    const frame = {
      timesS: new Float64Array(1),
      readIops: new Float64Array(1),
      writeIops: new Float64Array(1),
      cacheHitPct: new Float64Array(1),
      responseMsMean: new Float64Array(1),
      linkUtilPct: new Float64Array(1),
      rejected: new Float64Array(1),
      remoteKeys: ['ctg-0'],
      remoteLagS: new Float64Array(1),
      remoteLagWrites: new Float64Array(1),
      remoteJournalPct: new Float64Array(1),
      wanIds: ['w'],
      wanThroughputMBps: new Float64Array(1),
    } as unknown as TelemetryFrame;
    expect(frameBuffers(frame)).toHaveLength(11);
  });
});

describe('engine host › remote copy with the real engine', () => {
  it('the outage scenario: each batch’s remote status equals remote(), the frames carry the lag, and verifyRemote answers and flushes', () => {
    const parsed = parseDocumentText(readFileSync(new URL('../../scenarios/remote-async-outage.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
    const down = parsed.scenario.timeline.find((e) => e.action.type === 'setWanLink' && !e.action.up);
    const group = parsed.scenario.topology.copyGroups.find((g) => g.kind === 'remote-async');
    expect(down).toBeDefined();
    expect(group).toBeDefined();
    const messages: TelemetryMessage[] = [];
    const host = new EngineHost({ createSimulation, now: () => 0, schedule: () => undefined });
    host.subscribe({ postMessage: (m) => messages.push(m) });
    host.load(parsed.scenario);
    expect(messages.at(-1)!.remote!.wanLinks.every((l) => l.up)).toBe(true);
    host.runUntil((down?.atS ?? 0) + 5);
    const last = messages.at(-1)!;
    expect(last.remote).toEqual(host.remote());
    const g = last.remote!.groups.find((x) => x.copyGroups.includes(group!.id))!;
    expect(last.remote!.wanLinks.find((l) => l.id === g.wanLinkId)?.up).toBe(false);
    expect(g.lagWrites).toBeGreaterThan(0);
    expect(g.lagWrites).toBe(g.lastSeq - g.appliedSeq);
    // The frames' remote columns: the newest sample of the group's lag in writes is the status's.
    const frames = messages.flatMap((m) => (m.frame ? [m.frame] : []));
    const frame = frames.at(-1)!;
    const col = frame.remoteKeys.indexOf(g.key);
    expect(col).toBeGreaterThanOrEqual(0);
    const rows = frame.timesS.length;
    expect(frame.remoteLagWrites[(rows - 1) * frame.remoteKeys.length + col]).toBeGreaterThan(0);
    const sent = messages.length;
    const v = host.verifyRemote(group!.id);
    expect(v).toMatchObject({ verdict: 'PASS', prefix: g.appliedSeq, lastSeq: g.lastSeq });
    expect(messages.length).toBe(sent + 1);
    expect(messages.at(-1)!.remote!.verifications.at(-1)).toEqual(v);
  });
});
