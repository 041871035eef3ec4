/**
 * Remote copy with exact numbers (issue 5 "Proof"): an outage's lag and its ordered drain, an
 * undersized journal's suspension and its bitmap, takeover and swap resync, fence levels,
 * distance and response time, a library target, site loss. Writes are the host probe's (one
 * whole track each), so counts are exact.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../model/scenario.ts';
import { createSimulation } from '../simulation.ts';
import type { EngineSimulationHandle } from '../simulation-types.ts';
import { remoteScenario, type RemoteSanOptions } from '../testing/remote-fixtures.ts';

const S = 1_000_000;

function sim(o: RemoteSanOptions): EngineSimulationHandle {
  return createSimulation(remoteScenario({ durationS: 600, ...o }));
}

function must(s: EngineSimulationHandle, a: Action): void {
  const r = s.apply(a);
  if (!r.ok) throw new Error(`${a.type}: ${r.message}`);
}

function write(s: EngineSimulationHandle, ldev: string, tracks: number[]): void {
  for (const t of tracks) {
    const refused = s.hostWriteTrack(ldev, t);
    if (refused !== null) throw new Error(`write ${ldev}:${t} refused: ${refused}`);
  }
}

const group = (s: EngineSimulationHandle) => s.remoteStatus().groups[0];
const pair = (s: EngineSimulationHandle, key = 'RC/d0') => s.replicationStatus().pairs.find((p) => p.key === key)!;
const distinct = (xs: number[]) => new Set(xs).size;
/** Deterministic track list with repeats: tracks i*7 mod span. */
const tracks = (n: number, span: number, from = 0) => Array.from({ length: n }, (_, i) => (from + i * 7) % span);

describe('remote copy › asynchronous journal', () => {
  it('an outage with N writes queued shows a lag of N and drains in sequence order, a prefix image at every step', () => {
    const s = sim({ mode: 'async', jitterUs: 20_000, distanceKm: 500 });
    must(s, { type: 'pairCreate', group: 'RC', pace: 15, split: false });
    s.runUntil(1 * S);
    expect(pair(s).state).toBe('PAIR');
    must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: false });
    const queued = tracks(300, 1000);
    write(s, 'P0', queued);
    const g = group(s);
    expect(g.lagWrites).toBe(300);
    expect(g.lagBytes).toBe(300 * 256 * 1024);
    expect(g.journals[0].entries).toBe(300);
    expect(g.appliedSeq).toBe(0);
    s.runUntil(3 * S);
    expect(group(s).lagWrites).toBe(300); // nothing crosses a link that is down
    must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: true });
    let last = 0;
    const seen = new Set<number>();
    for (let t = 3 * S; group(s).lagWrites > 0; t += 2000) {
      expect(t).toBeLessThan(30 * S);
      s.runUntil(t);
      const now = group(s);
      expect(now.appliedSeq).toBeGreaterThanOrEqual(last);
      expect(now.appliedSeq).toBeLessThanOrEqual(now.lastSeq);
      if (now.appliedSeq !== last && !seen.has(now.appliedSeq)) {
        seen.add(now.appliedSeq);
        const v = s.verifyRemote('RC')!;
        expect(v.verdict, v.message).toBe('PASS');
        expect(v.prefix).toBe(now.appliedSeq);
      }
      last = now.appliedSeq;
    }
    expect(seen.size).toBeGreaterThan(3); // intermediate prefixes were seen and verified
    expect(s.remoteStatus().wanLinks[0].reordered).toBeGreaterThan(0); // jitter reordered batches; apply waited for the gaps
    expect(group(s).appliedSeq).toBe(300);
    expect(s.ldevDigest('S0')).toBe(s.ldevDigest('P0'));
  });

  it('an undersized journal suspends the group at the expected write; the bitmap holds exactly the distinct tracks of the un-applied writes; resync copies them', () => {
    // 4 MiB journal = 16 whole-track entries; overflow watch 0: the 17th write suspends the group.
    const s = sim({ mode: 'async', journalMiB: 4, overflowWatchS: 0 });
    must(s, { type: 'pairCreate', group: 'RC', pace: 15, split: false });
    s.runUntil(1 * S);
    must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: false });
    const first16 = [5, 9, 5, 100, 200, 9, 300, 301, 302, 5, 400, 401, 500, 600, 700, 5];
    write(s, 'P0', first16);
    expect(group(s).state).toBe('PFUL'); // 100 % used
    expect(pair(s).state).toBe('PFUL');
    expect(group(s).suspendedAtS).toBeNull();
    write(s, 'P0', [800]); // write 17: no room → PFUS
    const g = group(s);
    expect(g.state).toBe('PFUS');
    expect(g.suspendedAtS).toBe(1);
    expect(g.lastSeq).toBe(17);
    expect(g.appliedSeq).toBe(0);
    expect(g.journals[0].entries).toBe(0);
    expect(pair(s).pDirtyTracks).toBe(distinct([...first16, 800]));
    // Suspended: more writes are bitmap bits, the remote stays frozen at its prefix.
    write(s, 'P0', [800, 801]);
    expect(pair(s).pDirtyTracks).toBe(distinct([...first16, 800, 801]));
    expect(s.verifyRemote('RC')!.verdict).toBe('PASS'); // frozen at prefix 0, still a prefix image
    s.runUntil(2 * S);
    must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: true });
    const dirty = pair(s).dirtyTracks;
    must(s, { type: 'pairResync', group: 'RC', restore: false, pace: 15 });
    expect(pair(s).state).toBe('COPY(RS)');
    expect(s.verifyRemote('RC')!.verdict).toBe('INCONSISTENT');
    s.runUntil(10 * S);
    expect(pair(s).state).toBe('PAIR');
    const report = s.report();
    const resync = report.pairs['RC/d0'].copies.at(-1)!;
    expect(resync.reason).toBe('resync-union');
    expect(resync.tracksPlanned).toBe(dirty);
    expect(resync.tracks).toBe(dirty);
    const v = s.verifyRemote('RC')!;
    expect(v.verdict).toBe('PASS');
    expect(v.prefix).toBe(19);
    expect(s.ldevDigest('S0')).toBe(s.ldevDigest('P0'));
    expect(report.remote.groups['ctg-0'].suspensions).toBe(1);
  });

  it('takeover (SSWS) keeps the remote prefix; the swap resync copies exactly the union of both sides and reverses the direction', () => {
    const s = sim({ mode: 'async', distanceKm: 100 });
    must(s, { type: 'pairCreate', group: 'RC', pace: 15, split: false });
    s.runUntil(1 * S);
    const a = tracks(40, 4096);
    write(s, 'P0', a);
    s.runUntil(2 * S);
    expect(group(s).lagWrites).toBe(0);
    must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: false });
    const b = tracks(25, 4096, 3);
    write(s, 'P0', b);
    expect(s.hostWriteTrack('S0', 1)).toBe('pair-state'); // the S-VOL is read-only while paired
    must(s, { type: 'pairSplit', group: 'RC', mode: 'steady', access: 'rw', takeover: true });
    expect(pair(s).state).toBe('SSWS');
    const atTakeover = s.verifyRemote('RC')!;
    expect(atTakeover.verdict).toBe('PASS');
    expect(atTakeover.prefix).toBe(40);
    const c = tracks(30, 4096, 5);
    write(s, 'S0', c);
    const st = pair(s);
    expect(st.pDirtyTracks).toBe(distinct(b));
    expect(st.sDirtyTracks).toBe(distinct(c));
    const union = distinct([...b, ...c]);
    expect(st.dirtyTracks).toBe(union);
    must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: true });
    must(s, { type: 'pairResync', group: 'RC', restore: false, swap: true, pace: 15 });
    const swapped = pair(s);
    expect(swapped.pvol).toBe('S0');
    expect(swapped.svol).toBe('P0');
    expect(swapped.remote?.swapped).toBe(true);
    expect(swapped.remote?.pArrayId).toBe('arrR');
    s.runUntil(10 * S);
    expect(pair(s).state).toBe('PAIR');
    const copy = s.report().pairs['RC/d0'].copies.at(-1)!;
    expect(copy.reason).toBe('swap-resync');
    expect(copy.tracksPlanned).toBe(union);
    expect(copy.tracks).toBe(union);
    expect(s.ldevDigest('P0')).toBe(s.ldevDigest('S0'));
    // The remote site is now the primary: its writes are journaled to the main site.
    expect(s.hostWriteTrack('P0', 1)).toBe('pair-state');
    write(s, 'S0', [7, 8, 9]);
    s.runUntil(11 * S);
    expect(group(s).lagWrites).toBe(0);
    expect(s.verifyRemote('RC')!.verdict).toBe('PASS');
    expect(s.ldevDigest('P0')).toBe(s.ldevDigest('S0'));
  });

  it('one consistency group over two journals applies in one sequence: both volumes show the same prefix at every step', () => {
    const s = sim({ mode: 'async', groups: 'two-journals', volumes: 2, jitterUs: 30_000, distanceKm: 800 });
    must(s, { type: 'pairCreate', group: 'RC', pace: 15, split: false });
    must(s, { type: 'pairCreate', group: 'RC2', pace: 15, split: false });
    s.runUntil(1 * S);
    const g0 = group(s);
    expect(g0.key).toBe('ctg-0');
    expect(g0.copyGroups).toEqual(['RC', 'RC2']);
    expect(g0.journals.filter((j) => j.role === 'master').map((j) => j.journalId)).toEqual([0, 1]);
    must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: false });
    // Interleaved writes to the two volumes: one sequence across both journals.
    for (let k = 0; k < 120; k++) write(s, k % 3 === 0 ? 'P1' : 'P0', [(k * 13) % 500]);
    expect(group(s).lagWrites).toBe(120);
    must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: true });
    let last = 0;
    let checks = 0;
    for (let t = 1 * S; group(s).lagWrites > 0; t += 1000) {
      expect(t).toBeLessThan(20 * S);
      s.runUntil(t);
      const n = group(s).appliedSeq;
      expect(n).toBeGreaterThanOrEqual(last);
      if (n !== last) {
        const v = s.verifyRemote('RC2')!; // either copy group names the whole consistency group
        expect(v.verdict, v.message).toBe('PASS');
        expect(v.prefix).toBe(n);
        checks++;
      }
      last = n;
    }
    expect(checks).toBeGreaterThan(2);
    expect(s.ldevDigest('S0')).toBe(s.ldevDigest('P0'));
    expect(s.ldevDigest('S1')).toBe(s.ldevDigest('P1'));
  });

  it('a library target at the remote site holds the primary after the applied prefix, written in sequence order', () => {
    const s = sim({ mode: 'async', toTape: true, volumes: 2 });
    must(s, { type: 'pairCreate', group: 'RC', pace: 15, split: false });
    write(s, 'P0', [1, 2, 3]);
    write(s, 'P1', [4]);
    s.runUntil(1 * S);
    expect(pair(s).state).toBe('PAIR');
    expect(pair(s).remote?.targetLibraryId).toBe('libR');
    write(s, 'P0', tracks(50, 4096));
    write(s, 'P1', tracks(50, 4096, 1));
    s.runUntil(3 * S);
    const v = s.verifyRemote('RC')!;
    expect(v.verdict, v.message).toBe('PASS');
    expect(v.prefix).toBe(104); // 4 writes before, 100 after
    expect(v.message).toContain('tape');
  });
});

describe('remote copy › synchronous', () => {
  const response = (km: number, mode: 'sync' | 'async') => {
    const s = sim({ mode, distanceKm: km, workload: { rate_iops: 200, size: '64m' }, durationS: 20, timeline: [{ atS: 0, action: { type: 'pairCreate', group: 'RC', pace: 15, split: false } }, { atS: 1, action: { type: 'startWorkload', serverId: 'db', workloadId: 'oltp' } }] });
    s.runUntil(20 * S);
    return s.report().remote.groups[mode === 'sync' ? 'sync:RC' : 'ctg-0'].writeResponseMsMean;
  };

  it('the host waits for the remote: 900 km more adds a 9 ms round trip to every write; asynchronous copy adds none', () => {
    const near = response(100, 'sync');
    const far = response(1000, 'sync');
    expect(far - near).toBeGreaterThan(8.9);
    expect(far - near).toBeLessThan(9.2);
    expect(Math.abs(response(1000, 'async') - response(100, 'async'))).toBeLessThan(0.01);
    expect(response(100, 'async')).toBeLessThan(near - 0.9);
  });

  for (const [fence, duringOutage, afterOutage] of [
    ['data', 'fence', 'fence'],
    ['status', 'fence', null],
    ['never', null, null],
  ] as const) {
    it(`fence level ${fence}: a write during a WAN outage is ${duringOutage ?? 'accepted'}, after it ${afterOutage ?? 'accepted'} (the pair is PSUE)`, () => {
      const s = sim({ mode: 'sync', fence });
      must(s, { type: 'pairCreate', group: 'RC', pace: 15, split: false });
      s.runUntil(1 * S);
      write(s, 'P0', [1]);
      expect(group(s).appliedSeq).toBe(1);
      must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: false });
      expect(pair(s).state).toBe('PSUE');
      expect(s.hostWriteTrack('P0', 2)).toBe(duringOutage);
      s.runUntil(2 * S);
      must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: true });
      expect(s.hostWriteTrack('P0', 3)).toBe(afterOutage);
      const accepted = [duringOutage, afterOutage].filter((x) => x === null).length;
      expect(pair(s).pDirtyTracks).toBe(accepted);
      expect(group(s).lastSeq).toBe(1 + accepted);
      must(s, { type: 'pairResync', group: 'RC', restore: false, pace: 15 });
      s.runUntil(4 * S);
      expect(pair(s).state).toBe('PAIR');
      expect(s.hostWriteTrack('P0', 4)).toBeNull();
      expect(s.ldevDigest('S0')).toBe(s.ldevDigest('P0'));
    });
  }
});

describe('remote copy › commands while the remote is unreachable', () => {
  it('paircreate and pairresync are refused while the WAN link is down; takeover is accepted', () => {
    const s = sim({ mode: 'async' });
    must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: false });
    const create = s.apply({ type: 'pairCreate', group: 'RC', pace: 15, split: false });
    expect(create).toMatchObject({ ok: false, code: 'EX_CMDRJE' });
    expect(create.message).toContain('wan1 is down');
    expect(pair(s).state).toBe('SMPL');
    must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: true });
    must(s, { type: 'pairCreate', group: 'RC', pace: 15, split: false });
    must(s, { type: 'pairSuspend', group: 'RC' });
    must(s, { type: 'setWanLink', wanLinkId: 'wan1', up: false });
    expect(s.apply({ type: 'pairResync', group: 'RC', restore: false })).toMatchObject({ ok: false, code: 'EX_CMDRJE' });
    expect(pair(s).state).toBe('PSUE');
    must(s, { type: 'pairSplit', group: 'RC', mode: 'steady', access: 'rw', takeover: true });
    expect(pair(s).state).toBe('SSWS');
  });
});

describe('remote copy › sites and determinism', () => {
  it('losing the main site stops its servers; the remote holds a prefix and takes over', () => {
    const s = sim({ mode: 'async', workload: { rate_iops: 2000, size: '256m' }, timeline: [
      { atS: 0, action: { type: 'pairCreate', group: 'RC', pace: 15, split: false } },
      { atS: 1, action: { type: 'startWorkload', serverId: 'db', workloadId: 'oltp' } },
      { atS: 5, action: { type: 'siteLoss', siteId: 'main' } },
      { atS: 6, action: { type: 'pairSplit', group: 'RC', mode: 'steady', access: 'rw', takeover: true } },
    ] });
    s.runUntil(7 * S);
    const g = group(s);
    expect(g.state).toBe('SSWS');
    expect(s.snapshot().workloads.find((w) => w.workloadId === 'oltp')!.active).toBe(false);
    expect(s.remoteStatus().wanLinks[0].up).toBe(false);
    const v = s.verifyRemote('RC')!;
    expect(v.verdict).toBe('PASS');
    expect(v.prefix).toBe(g.appliedSeq);
    expect(g.appliedSeq).toBeGreaterThan(7000);
    expect(s.hostWriteTrack('S0', 9)).toBeNull();
  });

  it('the same scenario and seed give the same event-log hash whole or in slices; a different seed another', () => {
    const o: RemoteSanOptions = { mode: 'async', jitterUs: 5000, lossPct: 2, workload: { rate_iops: 3000, size: '128m' }, durationS: 8, timeline: [
      { atS: 0, action: { type: 'pairCreate', group: 'RC', pace: 15, split: false } },
      { atS: 1, action: { type: 'startWorkload', serverId: 'db', workloadId: 'oltp' } },
      { atS: 3, action: { type: 'setWanLink', wanLinkId: 'wan1', up: false } },
      { atS: 4, action: { type: 'setWanLink', wanLinkId: 'wan1', up: true } },
    ] };
    const whole = sim(o);
    whole.runUntil(8 * S);
    const sliced = sim(o);
    for (let t = 0; t <= 8 * S; t += 333_333) sliced.runUntil(t);
    sliced.runUntil(8 * S);
    expect(sliced.eventLogHash()).toBe(whole.eventLogHash());
    expect(JSON.stringify(sliced.report())).toBe(JSON.stringify(whole.report()));
    expect(whole.report().remote.wanLinks.wan1.retransmits).toBeGreaterThan(0);
    const other = sim({ ...o, seed: 2 });
    other.runUntil(8 * S);
    expect(other.eventLogHash()).not.toBe(whole.eventLogHash());
  });
});
