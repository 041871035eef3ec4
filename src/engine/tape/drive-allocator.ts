/**
 * The backup manager's allocation of one library's drives (the seeds' Fig. 9 server C: an agent
 * asks for a mount, the manager picks a free drive and mounts, the agent writes, then asks for
 * a demount; requests that find every drive busy queue).
 *
 * Owns: which request holds which drive and which cartridge, the FIFO queue of waiting
 * requests, and the pool of scratch (blank) cartridges the manager may mount for a 'scratch'
 * request. State is plain typed data (`DriveAllocatorState`); every operation is a pure
 * function returning the next state and the events that happened, or a rejection with a reason
 * (the state is then returned unchanged).
 *
 * Lifecycle of a request:
 *
 *     requestDrive ──(a free drive and its cartridge available)──▶ granted ──releaseDrive──▶ done
 *          │                                                          ▲        (or unmountDrive)
 *          └──▶ queued ──(dispatch: first eligible waiter)────────────┘
 *                  └──cancelRequest──▶ cancelled
 *
 * Decisions (the same in the model of drive-allocator.test.ts):
 * - Drive choice: the lowest free drive index, always.
 * - Dispatch: whenever a drive or a cartridge becomes free, waiters are scanned in arrival
 *   order and each *eligible* one is granted the lowest free drive. A waiter is eligible when
 *   its cartridge is available: a named barcode not in any drive, or 'scratch' with the pool
 *   not empty. A waiter whose cartridge is mounted elsewhere is skipped, not allowed to block
 *   those behind it (no head-of-line blocking). So a freed drive goes to the longest waiter that
 *   can use it, and no drive is free while an eligible request waits.
 * - A scratch request takes the lowest barcode of the pool (sorted), which then leaves the pool:
 *   once written it is no longer blank. Releasing does not return it; `addScratch` does.
 * - A job (agent id + job id) has at most one outstanding request or held drive: a second
 *   request is rejected, which catches a double mount early.
 * - Operation times (`atUs`) must not go backwards; they stamp grants so waits can be measured.
 *
 * Invariants (checked by `checkAllocatorInvariants` and the model-based test): a drive holds at
 * most one cartridge; a cartridge is in at most one drive and never both in a drive and in the
 * scratch pool; no free drive coexists with an eligible waiter; the queue is in arrival order
 * and no longer than `queueLimit`.
 *
 * Determinism: decisions read arrays in index order and sorted barcodes, never Map/Set order.
 *
 * Drive failures (tape drive faults, drive-faults.ts): `failDrive` marks a drive down — it is
 * never granted while down — and ends the hold on it: the request that held it is over (its job
 * asks again), and the cartridge in it stays *stuck* there (unavailable to every request) until
 * `repairDrive`, which brings the drive back empty (the engineer who replaced it returned the
 * cartridge to its slot) and dispatches as a release does. Extra invariants: a down drive holds
 * no request; only a down drive has a stuck cartridge; a stuck cartridge is in no drive and not
 * in the scratch pool. A waiter whose only obstacle is that every drive is down waits (it is
 * not refused): `requestQueued` with reason 'noFreeDrive'.
 *
 * Does not handle: robot moves and mount/unmount durations (media.ts), whether a barcode exists
 * in the library (the caller checks its inventory), priorities or preemption.
 */
import { assert } from '../kernel/assert.ts';

/** Most requests that may wait for a drive at once; one more is rejected. */
export const DRIVE_QUEUE_LIMIT = 1024;

export type CartridgeWanted = string | 'scratch';

export interface DriveHold {
  requestId: number;
  agentId: string;
  jobId: string;
  barcode: string;
  requestedAtUs: number;
  grantedAtUs: number;
}

export interface QueuedRequest {
  requestId: number;
  agentId: string;
  jobId: string;
  cartridge: CartridgeWanted;
  requestedAtUs: number;
}

export interface DriveAllocatorState {
  /** Index = drive index; null = free (no cartridge) — or down, see `down`. */
  drives: ReadonlyArray<DriveHold | null>;
  /** Index = drive index; true while the drive has failed (never granted, holds nothing). */
  down: readonly boolean[];
  /** Index = drive index; the cartridge left in a failed drive until its repair, else null. */
  stuck: ReadonlyArray<string | null>;
  /** Waiting requests in arrival order (ascending requestId). */
  queue: readonly QueuedRequest[];
  /** Blank cartridges available for 'scratch' requests, sorted ascending. */
  scratch: readonly string[];
  queueLimit: number;
  nextRequestId: number;
  /** Time of the latest operation; operations may not go back before it. */
  nowUs: number;
}

export type WaitReason = 'noFreeDrive' | 'cartridgeInUse' | 'noScratch';

export type AllocatorEvent =
  | { kind: 'requestQueued'; requestId: number; agentId: string; jobId: string; cartridge: CartridgeWanted; position: number; reason: WaitReason; atUs: number }
  | { kind: 'driveGranted'; requestId: number; agentId: string; jobId: string; driveIndex: number; barcode: string; requestedAtUs: number; grantedAtUs: number; waitedUs: number }
  | { kind: 'driveReleased'; requestId: number; agentId: string; jobId: string; driveIndex: number; barcode: string; atUs: number; byOperator: boolean }
  | { kind: 'requestCancelled'; requestId: number; agentId: string; jobId: string; atUs: number }
  | { kind: 'scratchAdded'; barcode: string; atUs: number }
  /** A drive failed: the hold it had (if any) ended; `barcode` is stuck in it until the repair. */
  | { kind: 'driveFailed'; driveIndex: number; requestId: number | null; agentId: string | null; jobId: string | null; barcode: string | null; atUs: number }
  /** A failed drive is back, empty; `barcode` (stuck in it) is back in its slot. */
  | { kind: 'driveRepaired'; driveIndex: number; barcode: string | null; atUs: number };

export type RejectCode =
  | 'timeWentBackwards'
  | 'badInput'
  | 'jobAlreadyActive'
  | 'queueFull'
  | 'unknownDrive'
  | 'driveFree'
  | 'driveNotHeld'
  | 'requestNotQueued'
  | 'requestNotOwned'
  | 'cartridgeBusy'
  | 'driveDown'
  | 'driveUp';

export type AllocatorResult =
  | { ok: true; state: DriveAllocatorState; events: AllocatorEvent[] }
  | { ok: false; state: DriveAllocatorState; code: RejectCode; reason: string };

export interface DriveAllocatorOptions {
  driveCount: number;
  scratch?: readonly string[];
  queueLimit?: number;
  startUs?: number;
}

export function createDriveAllocator(opts: DriveAllocatorOptions): DriveAllocatorState {
  const { driveCount, scratch = [], queueLimit = DRIVE_QUEUE_LIMIT, startUs = 0 } = opts;
  assert(Number.isInteger(driveCount) && driveCount >= 1, `drive allocator: driveCount ${driveCount} must be an integer >= 1`);
  assert(Number.isInteger(queueLimit) && queueLimit >= 0 && queueLimit <= DRIVE_QUEUE_LIMIT, `drive allocator: queueLimit ${queueLimit} outside [0, ${DRIVE_QUEUE_LIMIT}]`);
  assert(Number.isInteger(startUs) && startUs >= 0, `drive allocator: startUs ${startUs} must be an integer >= 0`);
  const pool = sortedUnique(scratch);
  assert(pool.length === scratch.length, 'drive allocator: duplicate scratch barcode');
  assert(pool.every(validBarcode), 'drive allocator: scratch barcodes must be non-empty and not "scratch"');
  return {
    drives: new Array<DriveHold | null>(driveCount).fill(null),
    down: new Array<boolean>(driveCount).fill(false),
    stuck: new Array<string | null>(driveCount).fill(null),
    queue: [], scratch: pool, queueLimit, nextRequestId: 1, nowUs: startUs,
  };
}

// ------------------------------------------------------------------ operations

/** An agent asks for a drive with `cartridge` mounted: granted at once or queued. */
export function requestDrive(s: DriveAllocatorState, req: { agentId: string; jobId: string; cartridge: CartridgeWanted; atUs: number }): AllocatorResult {
  const { agentId, jobId, cartridge, atUs } = req;
  const bad = checkTime(s, atUs);
  if (bad) return bad;
  if (agentId === '' || jobId === '') return reject(s, 'badInput', 'agent id and job id must be non-empty');
  if (cartridge !== 'scratch' && !validBarcode(cartridge)) return reject(s, 'badInput', `cartridge "${cartridge}" is not a barcode or 'scratch'`);
  const active = activeRequestOf(s, agentId, jobId);
  if (active) return reject(s, 'jobAlreadyActive', `job ${jobId} of agent ${agentId} already has ${active}`);
  const entry: QueuedRequest = { requestId: s.nextRequestId, agentId, jobId, cartridge, requestedAtUs: atUs };
  const base: DriveAllocatorState = { ...s, nextRequestId: s.nextRequestId + 1, nowUs: atUs };
  const driveIndex = lowestFreeDrive(base);
  const barcode = availableCartridge(base, cartridge);
  if (driveIndex >= 0 && barcode !== null) {
    const g = grant(base, entry, driveIndex, barcode, atUs);
    return { ok: true, state: g.state, events: [g.event] };
  }
  if (s.queue.length >= s.queueLimit) return reject(s, 'queueFull', `${s.queue.length} requests already wait (limit ${s.queueLimit})`);
  const reason: WaitReason = driveIndex < 0 ? 'noFreeDrive' : cartridge === 'scratch' ? 'noScratch' : 'cartridgeInUse';
  const state = { ...base, queue: [...s.queue, entry] };
  return { ok: true, state, events: [{ kind: 'requestQueued', requestId: entry.requestId, agentId, jobId, cartridge, position: state.queue.length, reason, atUs }] };
}

/** The holding agent asks for a demount: the drive frees and goes to the longest eligible waiter. */
export function releaseDrive(s: DriveAllocatorState, req: { agentId: string; driveIndex: number; atUs: number }): AllocatorResult {
  const bad = checkTime(s, req.atUs) ?? checkDrive(s, req.driveIndex);
  if (bad) return bad;
  const hold = s.drives[req.driveIndex];
  if (hold && hold.agentId !== req.agentId) {
    return reject(s, 'driveNotHeld', `drive ${req.driveIndex} is not held by agent ${req.agentId} (held by ${hold.agentId})`);
  }
  return freeDrive(s, req.driveIndex, req.atUs, false, req.agentId);
}

/** The operator unmounts a drive whoever holds it (console `unmount`); then dispatches as a release. */
export function unmountDrive(s: DriveAllocatorState, req: { driveIndex: number; atUs: number }): AllocatorResult {
  const bad = checkTime(s, req.atUs) ?? checkDrive(s, req.driveIndex);
  if (bad) return bad;
  return freeDrive(s, req.driveIndex, req.atUs, true, undefined);
}

/** An agent withdraws one of its queued requests. A granted request is released instead. */
export function cancelRequest(s: DriveAllocatorState, req: { agentId: string; requestId: number; atUs: number }): AllocatorResult {
  const bad = checkTime(s, req.atUs);
  if (bad) return bad;
  const i = s.queue.findIndex((q) => q.requestId === req.requestId);
  if (i < 0) {
    const held = s.drives.findIndex((d) => d?.requestId === req.requestId);
    const why = held >= 0 ? `request ${req.requestId} already holds drive ${held}; release it instead` : `request ${req.requestId} is not queued`;
    return reject(s, 'requestNotQueued', why);
  }
  const q = s.queue[i];
  if (q.agentId !== req.agentId) return reject(s, 'requestNotOwned', `request ${req.requestId} belongs to agent ${q.agentId}, not ${req.agentId}`);
  const state = { ...s, queue: s.queue.filter((_, k) => k !== i), nowUs: req.atUs };
  // Removing a waiter frees nothing, so nobody else becomes eligible: no dispatch needed.
  return { ok: true, state, events: [{ kind: 'requestCancelled', requestId: q.requestId, agentId: q.agentId, jobId: q.jobId, atUs: req.atUs }] };
}

/** Returns a blank cartridge to the scratch pool (e.g. an expired one); may serve a waiter. */
export function addScratch(s: DriveAllocatorState, req: { barcode: string; atUs: number }): AllocatorResult {
  const bad = checkTime(s, req.atUs);
  if (bad) return bad;
  if (!validBarcode(req.barcode)) return reject(s, 'badInput', `"${req.barcode}" is not a barcode`);
  const inDrive = s.drives.findIndex((d) => d?.barcode === req.barcode);
  if (inDrive >= 0) return reject(s, 'cartridgeBusy', `cartridge ${req.barcode} is mounted in drive ${inDrive}`);
  const stuckIn = s.stuck.indexOf(req.barcode);
  if (stuckIn >= 0) return reject(s, 'cartridgeBusy', `cartridge ${req.barcode} is stuck in failed drive ${stuckIn}`);
  if (s.scratch.includes(req.barcode)) return reject(s, 'cartridgeBusy', `cartridge ${req.barcode} is already in the scratch pool`);
  const state = { ...s, scratch: sortedUnique([...s.scratch, req.barcode]), nowUs: req.atUs };
  const events: AllocatorEvent[] = [{ kind: 'scratchAdded', barcode: req.barcode, atUs: req.atUs }];
  return dispatch(state, req.atUs, events);
}

/**
 * Drive `driveIndex` failed: down until `repairDrive`. Its hold ends (the holder's request is
 * over; its cartridge stays stuck in the drive). Nothing becomes free, so nothing is dispatched.
 */
export function failDrive(s: DriveAllocatorState, req: { driveIndex: number; atUs: number }): AllocatorResult {
  const bad = checkTime(s, req.atUs) ?? checkDrive(s, req.driveIndex);
  if (bad) return bad;
  const i = req.driveIndex;
  if (s.down[i]) return reject(s, 'driveDown', `drive ${i} is already down`);
  const hold = s.drives[i];
  const drives = s.drives.slice();
  drives[i] = null;
  const down = s.down.slice();
  down[i] = true;
  const stuck = s.stuck.slice();
  stuck[i] = hold?.barcode ?? null;
  const event: AllocatorEvent = {
    kind: 'driveFailed', driveIndex: i, requestId: hold?.requestId ?? null, agentId: hold?.agentId ?? null, jobId: hold?.jobId ?? null, barcode: hold?.barcode ?? null, atUs: req.atUs,
  };
  return { ok: true, state: { ...s, drives, down, stuck, nowUs: req.atUs }, events: [event] };
}

/** A failed drive is repaired: back, empty, its stuck cartridge returned; waiters are served as on a release. */
export function repairDrive(s: DriveAllocatorState, req: { driveIndex: number; atUs: number }): AllocatorResult {
  const bad = checkTime(s, req.atUs) ?? checkDrive(s, req.driveIndex);
  if (bad) return bad;
  const i = req.driveIndex;
  if (!s.down[i]) return reject(s, 'driveUp', `drive ${i} is not down`);
  const down = s.down.slice();
  down[i] = false;
  const stuck = s.stuck.slice();
  stuck[i] = null;
  const events: AllocatorEvent[] = [{ kind: 'driveRepaired', driveIndex: i, barcode: s.stuck[i], atUs: req.atUs }];
  return dispatch({ ...s, down, stuck, nowUs: req.atUs }, req.atUs, events);
}

// ------------------------------------------------------------------ queries

/** The drive a request holds, or -1. */
export function driveOfRequest(s: DriveAllocatorState, requestId: number): number {
  return s.drives.findIndex((d) => d?.requestId === requestId);
}

/** 1-based position of a queued request, or 0 when it is not queued. */
export function queuePosition(s: DriveAllocatorState, requestId: number): number {
  return s.queue.findIndex((q) => q.requestId === requestId) + 1;
}

/** Whether a waiter could be granted now if a drive were free (its cartridge is available). */
export function isEligible(s: DriveAllocatorState, cartridge: CartridgeWanted): boolean {
  return availableCartridge(s, cartridge) !== null;
}

/** Every invariant of the header; throws (engine assertion) on the first broken one. */
export function checkAllocatorInvariants(s: DriveAllocatorState): void {
  const mounted = s.drives.flatMap((d) => (d ? [d.barcode] : []));
  assert(new Set(mounted).size === mounted.length, `drive allocator: a cartridge is in two drives (${mounted.join(', ')})`);
  assert(!s.scratch.some((b) => mounted.includes(b)), 'drive allocator: a mounted cartridge is in the scratch pool');
  assert(s.scratch.every((b, i) => i === 0 || s.scratch[i - 1] < b), 'drive allocator: scratch pool not sorted and unique');
  assert(s.queue.length <= s.queueLimit, `drive allocator: queue ${s.queue.length} over limit ${s.queueLimit}`);
  assert(s.queue.every((q, i) => i === 0 || s.queue[i - 1].requestId < q.requestId), 'drive allocator: queue not in arrival order');
  s.down.forEach((isDown, i) => {
    assert(!isDown || s.drives[i] === null, `drive allocator: down drive ${i} holds request ${s.drives[i]?.requestId}`);
    assert(isDown || s.stuck[i] === null, `drive allocator: cartridge ${s.stuck[i]} stuck in working drive ${i}`);
  });
  const stuck = s.stuck.flatMap((b) => (b === null ? [] : [b]));
  assert(!stuck.some((b) => mounted.includes(b) || s.scratch.includes(b)), 'drive allocator: a stuck cartridge is also mounted or in the scratch pool');
  assert(new Set(stuck).size === stuck.length, 'drive allocator: a cartridge is stuck in two drives');
  const eligible = s.queue.find((q) => isEligible(s, q.cartridge));
  assert(lowestFreeDrive(s) < 0 || !eligible, `drive allocator: drive ${lowestFreeDrive(s)} is free while request ${eligible?.requestId} can use it`);
  const jobs = [...s.drives.flatMap((d) => (d ? [d] : [])), ...s.queue].map((r) => `${r.agentId}\u0000${r.jobId}`);
  assert(new Set(jobs).size === jobs.length, 'drive allocator: a job has two outstanding requests');
}

// ------------------------------------------------------------------ internals

function freeDrive(s: DriveAllocatorState, driveIndex: number, atUs: number, byOperator: boolean, agentId: string | undefined): AllocatorResult {
  const hold = s.drives[driveIndex];
  if (!hold) {
    const who = agentId === undefined ? '' : ` (agent ${agentId} holds no drive ${driveIndex})`;
    return reject(s, 'driveFree', `drive ${driveIndex} holds no cartridge${who}`);
  }
  const drives = s.drives.slice();
  drives[driveIndex] = null;
  const events: AllocatorEvent[] = [
    { kind: 'driveReleased', requestId: hold.requestId, agentId: hold.agentId, jobId: hold.jobId, driveIndex, barcode: hold.barcode, atUs, byOperator },
  ];
  return dispatch({ ...s, drives, nowUs: atUs }, atUs, events);
}

/** Grants free drives to eligible waiters in arrival order until no pair is left. */
function dispatch(s: DriveAllocatorState, atUs: number, events: AllocatorEvent[]): AllocatorResult {
  let state = s;
  for (const q of s.queue) {
    const driveIndex = lowestFreeDrive(state);
    if (driveIndex < 0) break;
    const barcode = availableCartridge(state, q.cartridge);
    if (barcode === null) continue; // its cartridge is in another drive (or no blank): skip, do not block
    const g = grant({ ...state, queue: state.queue.filter((w) => w.requestId !== q.requestId) }, q, driveIndex, barcode, atUs);
    state = g.state;
    events.push(g.event);
  }
  return { ok: true, state, events };
}

function grant(s: DriveAllocatorState, q: QueuedRequest, driveIndex: number, barcode: string, atUs: number): { state: DriveAllocatorState; event: AllocatorEvent } {
  assert(s.drives[driveIndex] === null, `drive allocator: drive ${driveIndex} granted while holding a cartridge`);
  assert(!s.drives.some((d) => d?.barcode === barcode), `drive allocator: cartridge ${barcode} granted while in another drive`);
  const drives = s.drives.slice();
  drives[driveIndex] = { requestId: q.requestId, agentId: q.agentId, jobId: q.jobId, barcode, requestedAtUs: q.requestedAtUs, grantedAtUs: atUs };
  const scratch = s.scratch.filter((b) => b !== barcode);
  const event: AllocatorEvent = {
    kind: 'driveGranted', requestId: q.requestId, agentId: q.agentId, jobId: q.jobId, driveIndex, barcode,
    requestedAtUs: q.requestedAtUs, grantedAtUs: atUs, waitedUs: atUs - q.requestedAtUs,
  };
  return { state: { ...s, drives, scratch }, event };
}

/** The lowest drive that is neither held nor down, or -1. */
function lowestFreeDrive(s: DriveAllocatorState): number {
  for (let i = 0; i < s.drives.length; i++) if (s.drives[i] === null && !s.down[i]) return i;
  return -1;
}

/** The barcode to mount for `cartridge` now, or null when it is unavailable. */
function availableCartridge(s: DriveAllocatorState, cartridge: CartridgeWanted): string | null {
  if (cartridge === 'scratch') return s.scratch.length > 0 ? s.scratch[0] : null;
  return s.drives.some((d) => d?.barcode === cartridge) || s.stuck.includes(cartridge) ? null : cartridge;
}

function activeRequestOf(s: DriveAllocatorState, agentId: string, jobId: string): string | undefined {
  const d = s.drives.findIndex((h) => h?.agentId === agentId && h.jobId === jobId);
  if (d >= 0) return `drive ${d}`;
  const q = s.queue.find((w) => w.agentId === agentId && w.jobId === jobId);
  return q ? `request ${q.requestId} queued` : undefined;
}

function checkTime(s: DriveAllocatorState, atUs: number): AllocatorResult | undefined {
  if (!Number.isInteger(atUs) || atUs < 0) return reject(s, 'badInput', `time ${atUs} us is not an integer >= 0`);
  if (atUs < s.nowUs) return reject(s, 'timeWentBackwards', `time ${atUs} us is before the last operation at ${s.nowUs} us`);
  return undefined;
}

function checkDrive(s: DriveAllocatorState, driveIndex: number): AllocatorResult | undefined {
  if (!Number.isInteger(driveIndex) || driveIndex < 0 || driveIndex >= s.drives.length) {
    return reject(s, 'unknownDrive', `drive ${driveIndex} does not exist (drives 0..${s.drives.length - 1})`);
  }
  return undefined;
}

function reject(s: DriveAllocatorState, code: RejectCode, reason: string): AllocatorResult {
  return { ok: false, state: s, code, reason };
}

function validBarcode(b: string): boolean {
  return b.length > 0 && b !== 'scratch';
}

function sortedUnique(xs: readonly string[]): string[] {
  const out = [...new Set(xs)];
  out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out;
}
