/**
 * Drive allocation (drive-allocator.ts): worked examples of each rule and rejection, then a
 * model-based test — random sequences of request / release / unmount / cancel / add-scratch /
 * drive failure / drive repair run against the allocator and against `Model` below, a deliberately simple mutable
 * re-statement of the rules (loops over arrays, no shared code). After every step: same
 * acceptance, same events, same drives / queue / pool, the allocator's invariants, and the
 * brief's properties checked directly against the state before the step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addScratch,
  cancelRequest,
  checkAllocatorInvariants,
  createDriveAllocator,
  failDrive,
  releaseDrive,
  repairDrive,
  requestDrive,
  unmountDrive,
  type AllocatorEvent,
  type AllocatorResult,
  type DriveAllocatorState,
} from './drive-allocator.ts';

function ok(r: AllocatorResult): { state: DriveAllocatorState; events: AllocatorEvent[] } {
  if (!r.ok) throw new Error(`rejected: ${r.reason}`);
  return r;
}

function grants(events: AllocatorEvent[]): Array<[number, number, string]> {
  return events.flatMap((e) => (e.kind === 'driveGranted' ? [[e.requestId, e.driveIndex, e.barcode] as [number, number, string]] : []));
}

describe('drive allocator › examples', () => {
  it('grants the lowest free drive at once, then queues with a 1-based position', () => {
    let s = createDriveAllocator({ driveCount: 2 });
    const a = ok(requestDrive(s, { agentId: 'A', jobId: 'j1', cartridge: 'ULT001L6', atUs: 0 }));
    expect(grants(a.events)).toEqual([[1, 0, 'ULT001L6']]);
    s = ok(releaseDrive(a.state, { agentId: 'A', driveIndex: 0, atUs: 1 })).state; // drive 0 free again
    s = ok(requestDrive(s, { agentId: 'B', jobId: 'j1', cartridge: 'ULT002L6', atUs: 2 })).state;
    s = ok(requestDrive(s, { agentId: 'C', jobId: 'j1', cartridge: 'ULT003L6', atUs: 3 })).state;
    expect(s.drives.map((d) => d?.agentId)).toEqual(['B', 'C']);
    const q = ok(requestDrive(s, { agentId: 'D', jobId: 'j1', cartridge: 'ULT004L6', atUs: 4 }));
    const q2 = ok(requestDrive(q.state, { agentId: 'E', jobId: 'j1', cartridge: 'ULT005L6', atUs: 5 }));
    expect(q.events[0]).toMatchObject({ kind: 'requestQueued', position: 1, reason: 'noFreeDrive' });
    expect(q2.events[0]).toMatchObject({ kind: 'requestQueued', position: 2, reason: 'noFreeDrive' });
  });

  it('a released drive goes to the longest waiter, with its wait measured', () => {
    let s = createDriveAllocator({ driveCount: 1 });
    s = ok(requestDrive(s, { agentId: 'A', jobId: 'j', cartridge: 'T1', atUs: 0 })).state;
    s = ok(requestDrive(s, { agentId: 'B', jobId: 'j', cartridge: 'T2', atUs: 10 })).state;
    s = ok(requestDrive(s, { agentId: 'C', jobId: 'j', cartridge: 'T3', atUs: 20 })).state;
    const r = ok(releaseDrive(s, { agentId: 'A', driveIndex: 0, atUs: 100 }));
    expect(r.events.map((e) => e.kind)).toEqual(['driveReleased', 'driveGranted']);
    expect(r.events[1]).toMatchObject({ agentId: 'B', driveIndex: 0, barcode: 'T2', waitedUs: 90 });
    expect(r.state.queue.map((q) => q.agentId)).toEqual(['C']);
  });

  it('a waiter whose cartridge is in another drive is skipped, not allowed to block the queue', () => {
    let s = createDriveAllocator({ driveCount: 2 });
    s = ok(requestDrive(s, { agentId: 'A', jobId: 'j', cartridge: 'T1', atUs: 0 })).state;
    s = ok(requestDrive(s, { agentId: 'B', jobId: 'j', cartridge: 'T2', atUs: 0 })).state;
    const blocked = ok(requestDrive(s, { agentId: 'C', jobId: 'j', cartridge: 'T1', atUs: 1 }));
    s = ok(requestDrive(blocked.state, { agentId: 'D', jobId: 'j', cartridge: 'T4', atUs: 2 })).state;
    const r = ok(releaseDrive(s, { agentId: 'B', driveIndex: 1, atUs: 3 }));
    expect(grants(r.events)).toEqual([[4, 1, 'T4']]); // D, although C waited longer: T1 is still in drive 0
    const r2 = ok(releaseDrive(r.state, { agentId: 'A', driveIndex: 0, atUs: 4 }));
    expect(grants(r2.events)).toEqual([[3, 0, 'T1']]); // now C gets T1, in the drive it left
    // Queued with a free drive only because the cartridge was busy: the reason says so.
    const s3 = ok(releaseDrive(r2.state, { agentId: 'D', driveIndex: 1, atUs: 5 })).state;
    const q = ok(requestDrive(s3, { agentId: 'E', jobId: 'j', cartridge: 'T1', atUs: 6 }));
    expect(q.events[0]).toMatchObject({ kind: 'requestQueued', reason: 'cartridgeInUse' });
  });

  it('scratch requests take the lowest blank barcode; an empty pool queues until addScratch', () => {
    let s = createDriveAllocator({ driveCount: 3, scratch: ['S2', 'S1'] });
    const a = ok(requestDrive(s, { agentId: 'A', jobId: 'j', cartridge: 'scratch', atUs: 0 }));
    expect(grants(a.events)).toEqual([[1, 0, 'S1']]);
    s = ok(requestDrive(a.state, { agentId: 'B', jobId: 'j', cartridge: 'scratch', atUs: 0 })).state;
    const c = ok(requestDrive(s, { agentId: 'C', jobId: 'j', cartridge: 'scratch', atUs: 0 }));
    expect(c.events[0]).toMatchObject({ kind: 'requestQueued', reason: 'noScratch' });
    expect(c.state.scratch).toEqual([]);
    const r = ok(addScratch(c.state, { barcode: 'S9', atUs: 5 }));
    expect(grants(r.events)).toEqual([[3, 2, 'S9']]);
    expect(addScratch(r.state, { barcode: 'S1', atUs: 6 })).toMatchObject({ ok: false, code: 'cartridgeBusy', reason: 'cartridge S1 is mounted in drive 0' });
  });

  it('rejects with reasons that name the drive, agent and request, leaving the state unchanged', () => {
    let s = createDriveAllocator({ driveCount: 3, queueLimit: 1 });
    s = ok(requestDrive(s, { agentId: 'A', jobId: 'j', cartridge: 'T1', atUs: 10 })).state;
    s = ok(requestDrive(s, { agentId: 'B', jobId: 'j', cartridge: 'T2', atUs: 10 })).state;
    s = ok(requestDrive(s, { agentId: 'C', jobId: 'j', cartridge: 'T3', atUs: 10 })).state;
    s = ok(requestDrive(s, { agentId: 'D', jobId: 'j', cartridge: 'T4', atUs: 10 })).state;
    const cases: Array<[AllocatorResult, string, string]> = [
      [releaseDrive(s, { agentId: 'X', driveIndex: 2, atUs: 11 }), 'driveNotHeld', 'drive 2 is not held by agent X (held by C)'],
      [releaseDrive(s, { agentId: 'A', driveIndex: 3, atUs: 11 }), 'unknownDrive', 'drive 3 does not exist (drives 0..2)'],
      [requestDrive(s, { agentId: 'A', jobId: 'j', cartridge: 'T9', atUs: 11 }), 'jobAlreadyActive', 'job j of agent A already has drive 0'],
      [requestDrive(s, { agentId: 'D', jobId: 'j', cartridge: 'T9', atUs: 11 }), 'jobAlreadyActive', 'job j of agent D already has request 4 queued'],
      [requestDrive(s, { agentId: 'E', jobId: 'j', cartridge: 'T5', atUs: 11 }), 'queueFull', '1 requests already wait (limit 1)'],
      [requestDrive(s, { agentId: 'E', jobId: 'j', cartridge: 'T5', atUs: 9 }), 'timeWentBackwards', 'time 9 us is before the last operation at 10 us'],
      [cancelRequest(s, { agentId: 'A', requestId: 4, atUs: 11 }), 'requestNotOwned', 'request 4 belongs to agent D, not A'],
      [cancelRequest(s, { agentId: 'A', requestId: 1, atUs: 11 }), 'requestNotQueued', 'request 1 already holds drive 0; release it instead'],
      [requestDrive(s, { agentId: 'E', jobId: 'j', cartridge: '', atUs: 11 }), 'badInput', `cartridge "" is not a barcode or 'scratch'`],
    ];
    for (const [r, code, reason] of cases) {
      expect(r).toMatchObject({ ok: false, code, reason });
      expect(r.state).toBe(s);
    }
    const freed = ok(unmountDrive(s, { driveIndex: 1, atUs: 12 })).state; // operator unmount: D gets drive 1
    expect(releaseDrive(ok(unmountDrive(freed, { driveIndex: 1, atUs: 13 })).state, { agentId: 'D', driveIndex: 1, atUs: 14 }))
      .toMatchObject({ ok: false, code: 'driveFree', reason: 'drive 1 holds no cartridge (agent D holds no drive 1)' });
  });

  it('an agent cancels its queued request; the others keep their order', () => {
    let s = createDriveAllocator({ driveCount: 1 });
    s = ok(requestDrive(s, { agentId: 'A', jobId: 'j', cartridge: 'T1', atUs: 0 })).state;
    s = ok(requestDrive(s, { agentId: 'B', jobId: 'j', cartridge: 'T2', atUs: 1 })).state;
    s = ok(requestDrive(s, { agentId: 'C', jobId: 'j', cartridge: 'T3', atUs: 2 })).state;
    s = ok(cancelRequest(s, { agentId: 'B', requestId: 2, atUs: 3 })).state;
    expect(grants(ok(releaseDrive(s, { agentId: 'A', driveIndex: 0, atUs: 4 })).events)).toEqual([[3, 0, 'T3']]);
  });
});

describe('drive allocator › drive failures', () => {
  it('a failed drive ends its hold, keeps the cartridge stuck, is never granted; the repair serves the queue', () => {
    let s = createDriveAllocator({ driveCount: 2 });
    s = ok(requestDrive(s, { agentId: 'A', jobId: 'j', cartridge: 'T1', atUs: 0 })).state;
    s = ok(requestDrive(s, { agentId: 'B', jobId: 'j', cartridge: 'T2', atUs: 0 })).state;
    const f = ok(failDrive(s, { driveIndex: 0, atUs: 10 }));
    expect(f.events).toEqual([{ kind: 'driveFailed', driveIndex: 0, requestId: 1, agentId: 'A', jobId: 'j', barcode: 'T1', atUs: 10 }]);
    expect([f.state.drives[0], f.state.down[0], f.state.stuck[0]]).toEqual([null, true, 'T1']);
    checkAllocatorInvariants(f.state);
    // A asks again for another cartridge: drive 0 is down and drive 1 busy, so it waits (not refused).
    const again = ok(requestDrive(f.state, { agentId: 'A', jobId: 'j', cartridge: 'T3', atUs: 11 }));
    expect(again.events[0]).toMatchObject({ kind: 'requestQueued', reason: 'noFreeDrive' });
    // The stuck cartridge is unavailable even with a free drive.
    const freed = ok(releaseDrive(again.state, { agentId: 'B', driveIndex: 1, atUs: 12 }));
    expect(grants(freed.events)).toEqual([[3, 1, 'T3']]);
    const wantsStuck = ok(requestDrive(ok(releaseDrive(freed.state, { agentId: 'A', driveIndex: 1, atUs: 13 })).state, { agentId: 'C', jobId: 'j', cartridge: 'T1', atUs: 14 }));
    expect(wantsStuck.events[0]).toMatchObject({ kind: 'requestQueued', reason: 'cartridgeInUse' });
    expect(addScratch(wantsStuck.state, { barcode: 'T1', atUs: 15 })).toMatchObject({ ok: false, code: 'cartridgeBusy', reason: 'cartridge T1 is stuck in failed drive 0' });
    // The repair returns T1: C gets it, in the lowest free drive (0).
    const r = ok(repairDrive(wantsStuck.state, { driveIndex: 0, atUs: 20 }));
    expect(r.events.map((e) => e.kind)).toEqual(['driveRepaired', 'driveGranted']);
    expect(r.events[0]).toMatchObject({ barcode: 'T1' });
    expect(grants(r.events)).toEqual([[4, 0, 'T1']]);
    checkAllocatorInvariants(r.state);
  });

  it('refuses a second failure, a repair of a working drive and an unknown drive, state unchanged', () => {
    const s = ok(failDrive(createDriveAllocator({ driveCount: 1 }), { driveIndex: 0, atUs: 0 })).state;
    const cases: Array<[AllocatorResult, string, string]> = [
      [failDrive(s, { driveIndex: 0, atUs: 1 }), 'driveDown', 'drive 0 is already down'],
      [repairDrive(ok(repairDrive(s, { driveIndex: 0, atUs: 1 })).state, { driveIndex: 0, atUs: 2 }), 'driveUp', 'drive 0 is not down'],
      [failDrive(s, { driveIndex: 1, atUs: 1 }), 'unknownDrive', 'drive 1 does not exist (drives 0..0)'],
      [releaseDrive(s, { agentId: 'A', driveIndex: 0, atUs: 1 }), 'driveFree', 'drive 0 holds no cartridge (agent A holds no drive 0)'],
    ];
    for (const [r, code, reason] of cases) expect(r).toMatchObject({ ok: false, code, reason });
    expect(failDrive(s, { driveIndex: 0, atUs: 1 }).state).toBe(s);
  });
});

// ------------------------------------------------------------------ the model

const DRIVES_MAX = 3;
const AGENTS = ['A', 'B', 'C', 'D'];
const JOBS = ['j1', 'j2'];
const NAMED = ['T1', 'T2', 'T3'];
const BLANKS = ['S1', 'S2', 'S3', 'T1'];
const QUEUE_LIMIT = 5;

interface MReq { id: number; agent: string; job: string; want: string }

/** The rules restated plainly, with mutable arrays. */
class Model {
  drives: Array<{ req: MReq; barcode: string } | null>;
  down: boolean[];
  stuck: Array<string | null>;
  waiting: MReq[] = [];
  pool: string[];
  nextId = 1;
  constructor(driveCount: number, pool: string[]) {
    this.drives = Array.from({ length: driveCount }, () => null);
    this.down = Array.from({ length: driveCount }, () => false);
    this.stuck = Array.from({ length: driveCount }, () => null);
    this.pool = [...pool].sort();
  }
  mounted(barcode: string): boolean {
    return this.drives.some((d) => d !== null && d.barcode === barcode) || this.stuck.includes(barcode);
  }
  cartridgeFor(want: string): string | null {
    if (want === 'scratch') return this.pool.length > 0 ? this.pool[0] : null;
    return this.mounted(want) ? null : want;
  }
  busy(agent: string, job: string): boolean {
    return this.drives.some((d) => d?.req.agent === agent && d.req.job === job) || this.waiting.some((w) => w.agent === agent && w.job === job);
  }
  /** Returns the grants made, as [requestId, drive, barcode]. */
  give(req: MReq): [number, number, string] | null {
    let drive = -1;
    for (let i = this.drives.length - 1; i >= 0; i--) if (this.drives[i] === null && !this.down[i]) drive = i;
    const barcode = this.cartridgeFor(req.want);
    if (drive < 0 || barcode === null) return null;
    this.drives[drive] = { req, barcode };
    this.pool = this.pool.filter((b) => b !== barcode);
    return [req.id, drive, barcode];
  }
  serveWaiters(): Array<[number, number, string]> {
    const out: Array<[number, number, string]> = [];
    for (const w of [...this.waiting]) {
      const g = this.give(w);
      if (g) {
        out.push(g);
        this.waiting = this.waiting.filter((x) => x !== w);
      }
    }
    return out;
  }
  request(agent: string, job: string, want: string): { ok: boolean; grants: Array<[number, number, string]> } {
    if (this.busy(agent, job)) return { ok: false, grants: [] };
    const req = { id: this.nextId, agent, job, want };
    const g = this.give(req);
    if (g) {
      this.nextId++;
      return { ok: true, grants: [g] };
    }
    if (this.waiting.length >= QUEUE_LIMIT) return { ok: false, grants: [] };
    this.nextId++;
    this.waiting.push(req);
    return { ok: true, grants: [] };
  }
  free(drive: number, agent: string | null): { ok: boolean; grants: Array<[number, number, string]> } {
    const d = this.drives[drive];
    if (drive >= this.drives.length || d === null || (agent !== null && d.req.agent !== agent)) return { ok: false, grants: [] };
    this.drives[drive] = null;
    return { ok: true, grants: this.serveWaiters() };
  }
  cancel(agent: string, id: number): { ok: boolean; grants: Array<[number, number, string]> } {
    const w = this.waiting.find((x) => x.id === id);
    if (!w || w.agent !== agent) return { ok: false, grants: [] };
    this.waiting = this.waiting.filter((x) => x !== w);
    return { ok: true, grants: [] };
  }
  fail(drive: number): { ok: boolean; grants: Array<[number, number, string]> } {
    if (drive >= this.drives.length || this.down[drive]) return { ok: false, grants: [] };
    this.stuck[drive] = this.drives[drive]?.barcode ?? null;
    this.drives[drive] = null;
    this.down[drive] = true;
    return { ok: true, grants: [] };
  }
  repair(drive: number): { ok: boolean; grants: Array<[number, number, string]> } {
    if (drive >= this.drives.length || !this.down[drive]) return { ok: false, grants: [] };
    this.down[drive] = false;
    this.stuck[drive] = null;
    return { ok: true, grants: this.serveWaiters() };
  }
  addBlank(barcode: string): { ok: boolean; grants: Array<[number, number, string]> } {
    if (this.mounted(barcode) || this.pool.includes(barcode)) return { ok: false, grants: [] };
    this.pool.push(barcode);
    this.pool.sort();
    return { ok: true, grants: this.serveWaiters() };
  }
}

type Op =
  | { kind: 'request'; agent: number; job: number; want: number }
  | { kind: 'release'; agent: number; drive: number }
  | { kind: 'unmount'; drive: number }
  | { kind: 'cancel'; agent: number; id: number }
  | { kind: 'addScratch'; blank: number }
  | { kind: 'fail'; drive: number }
  | { kind: 'repair'; drive: number }
  | { kind: 'wait'; us: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('request' as const), agent: fc.nat(AGENTS.length - 1), job: fc.nat(JOBS.length - 1), want: fc.nat(NAMED.length) }) },
  // Releases mostly by the holder (agent -1 = whoever holds the drive), sometimes by a stranger.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('release' as const), agent: fc.integer({ min: -1, max: AGENTS.length - 1 }), drive: fc.nat(DRIVES_MAX) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unmount' as const), drive: fc.nat(DRIVES_MAX) }) },
  // Cancel: id offset back from the newest request, so it usually names a real one.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), agent: fc.integer({ min: -1, max: AGENTS.length - 1 }), id: fc.nat(6) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('addScratch' as const), blank: fc.nat(BLANKS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), us: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fail' as const), drive: fc.nat(DRIVES_MAX) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repair' as const), drive: fc.nat(DRIVES_MAX) }) },
);

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/** Applies one op to both sides; returns the allocator's result and the model's. */
function apply(s: DriveAllocatorState, m: Model, op: Op, nowUs: number): [AllocatorResult, { ok: boolean; grants: Array<[number, number, string]> }] {
  switch (op.kind) {
    case 'request': {
      const want = op.want === NAMED.length ? 'scratch' : NAMED[op.want];
      const agentId = AGENTS[op.agent];
      const jobId = JOBS[op.job];
      return [requestDrive(s, { agentId, jobId, cartridge: want, atUs: nowUs }), m.request(agentId, jobId, want)];
    }
    case 'release': {
      const holder = m.drives[op.drive]?.req.agent ?? 'A';
      const agentId = op.agent < 0 ? holder : AGENTS[op.agent];
      return [releaseDrive(s, { agentId, driveIndex: op.drive, atUs: nowUs }), m.free(op.drive, agentId)];
    }
    case 'unmount':
      return [unmountDrive(s, { driveIndex: op.drive, atUs: nowUs }), m.free(op.drive, null)];
    case 'cancel': {
      const id = m.nextId - 1 - op.id;
      const owner = m.waiting.find((w) => w.id === id)?.agent ?? 'A';
      const agentId = op.agent < 0 ? owner : AGENTS[op.agent];
      return [cancelRequest(s, { agentId, requestId: id, atUs: nowUs }), m.cancel(agentId, id)];
    }
    case 'addScratch':
      return [addScratch(s, { barcode: BLANKS[op.blank], atUs: nowUs }), m.addBlank(BLANKS[op.blank])];
    case 'fail':
      return [failDrive(s, { driveIndex: op.drive, atUs: nowUs }), m.fail(op.drive)];
    case 'repair':
      return [repairDrive(s, { driveIndex: op.drive, atUs: nowUs }), m.repair(op.drive)];
    case 'wait':
      throw new Error('unreachable');
  }
}

/** The brief's properties, checked on the step from `before` to `r` directly (not via the model). */
function checkStep(before: DriveAllocatorState, op: Op, r: AllocatorResult): void {
  const held = r.state.drives.flatMap((d) => (d ? [d.barcode] : []));
  expect(new Set(held).size).toBe(held.length); // a cartridge is never in two drives
  if (!r.ok) return;
  const newId = op.kind === 'request' ? before.nextRequestId : -1;
  const waitingBefore = before.queue.map((q) => q.requestId);
  let view = before;
  for (const e of r.events) {
    if (e.kind === 'driveReleased') view = { ...view, drives: view.drives.map((d, i) => (i === e.driveIndex ? null : d)) };
    if (e.kind === 'scratchAdded') view = { ...view, scratch: [...view.scratch, e.barcode].sort() };
    if (e.kind === 'driveRepaired') view = { ...view, down: view.down.map((x, i) => (i === e.driveIndex ? false : x)), stuck: view.stuck.map((b, i) => (i === e.driveIndex ? null : b)) };
    if (e.kind !== 'driveGranted') continue;
    // Every grant is to a waiting request or to the new one, into a drive that was free.
    expect(e.requestId === newId || waitingBefore.includes(e.requestId)).toBe(true);
    expect(view.drives[e.driveIndex]).toBeNull();
    expect(view.down[e.driveIndex]).toBe(false); // never a failed drive
    expect(view.drives.findIndex((d, i) => d === null && !view.down[i])).toBe(e.driveIndex); // the lowest free drive
    if (e.requestId !== newId) {
      // The longest waiter that could use the drive: everyone ahead of it could not.
      const ahead = view.queue.filter((q) => q.requestId < e.requestId);
      for (const q of ahead) {
        const mountedElsewhere = q.cartridge !== 'scratch' && (view.drives.some((d) => d?.barcode === q.cartridge) || view.stuck.includes(q.cartridge));
        const noBlank = q.cartridge === 'scratch' && view.scratch.length === 0;
        expect(mountedElsewhere || noBlank).toBe(true);
      }
    }
    const drives = view.drives.slice();
    drives[e.driveIndex] = { requestId: e.requestId, agentId: e.agentId, jobId: e.jobId, barcode: e.barcode, requestedAtUs: e.requestedAtUs, grantedAtUs: e.grantedAtUs };
    view = { ...view, drives, queue: view.queue.filter((q) => q.requestId !== e.requestId), scratch: view.scratch.filter((b) => b !== e.barcode) };
  }
}

function project(s: DriveAllocatorState) {
  return {
    drives: s.drives.map((d) => (d ? [d.requestId, d.agentId, d.jobId, d.barcode] : null)),
    down: [...s.down],
    stuck: [...s.stuck],
    queue: s.queue.map((q) => [q.requestId, q.agentId, q.jobId, q.cartridge]),
    scratch: [...s.scratch],
  };
}

function projectModel(m: Model) {
  return {
    drives: m.drives.map((d) => (d ? [d.req.id, d.req.agent, d.req.job, d.barcode] : null)),
    down: [...m.down],
    stuck: [...m.stuck],
    queue: m.waiting.map((w) => [w.id, w.agent, w.job, w.want]),
    scratch: [...m.pool],
  };
}

describe('drive allocator › model', () => {
  it('matches the simple model under random request / release / unmount / cancel / add-scratch / fail / repair sequences', () => {
    const setupArb = fc.record({
      driveCount: fc.integer({ min: 1, max: DRIVES_MAX }),
      pool: fc.subarray(['S1', 'S2', 'S3']),
    });
    fc.assert(
      fc.property(setupArb, fc.array(opArb, { maxLength: 120 }), ({ driveCount, pool }, ops) => {
        let s = deepFreeze(createDriveAllocator({ driveCount, scratch: pool, queueLimit: QUEUE_LIMIT }));
        const m = new Model(driveCount, pool);
        let nowUs = 0;
        for (const op of ops) {
          if (op.kind === 'wait') {
            nowUs += op.us;
            continue;
          }
          const [r, expected] = apply(s, m, op, nowUs);
          expect(r.ok, `accepted: ${JSON.stringify(op)} ${r.ok ? '' : r.reason}`).toBe(expected.ok);
          expect(grants(r.ok ? r.events : [])).toEqual(expected.grants);
          checkStep(s, op, r);
          s = deepFreeze(r.state); // the next op must not mutate it (purity)
          expect(project(s)).toEqual(projectModel(m));
          checkAllocatorInvariants(s);
          for (const d of s.drives) if (d) expect(d.grantedAtUs).toBeGreaterThanOrEqual(d.requestedAtUs);
        }
      }),
      { numRuns: 400 },
    );
  });
});
