/**
 * The life of every I/O, from the host's issue to its completion (the base class of the
 * simulation, simulation.ts, which owns the tables, the clock and the event loop).
 *
 * Owns: the lifecycle of an I/O, which costs one event (two when a read's return trip queues on
 * a busy link):
 *
 *   issue (host, time t) ── rejected? ─────────────────────────────► HOST_DONE at ⌈t + 100 µs⌉
 *     │ forward: FC links (writes serialise their data), transit hops, array front-end port
 *     ├─ write: cache accepts (digest fold; merge into a dirty track, or dirty it and schedule
 *     │         its destage) ─ status back ───────────────────────────► HOST_DONE at ⌈done⌉
 *     └─ read:  cache hit → cache service │ miss → back-end disk, stage
 *                 the data leaves the array at tLeave; READ_RETURN at ⌈tLeave + return trip
 *                 without queueing⌉: the data is serialised back over the links from tLeave;
 *                 done ≤ event time → completes there; else (a link queued it) HOST_DONE at ⌈done⌉
 *   completion at the host at `done` (fractional µs, kept in the slot): metrics; a closed-loop
 *   workload still active issues its next I/O at `done`.
 *
 * Every completion is therefore processed by an event at ⌈done⌉ — never before the I/O has
 * completed at the host — so:
 *  - a stop (timeline, runtime expiry or a command between `runUntil` calls) at t is seen by
 *    every completion after t: a stopped closed loop issues nothing after t;
 *  - per-second samples run after every other event of their boundary instant (`pushLate`),
 *    so sample s counts exactly the completions with done in ((s-1) s, s s].
 *
 * Resource timelines (links, ports, disks) are analytic `nextFreeUs` values, so queueing and
 * serialisation need no per-hop events; reservations are made close to the current event time:
 * up to a bounded look-ahead (the forward path of an I/O issued now) or look-behind (a read's
 * return trip, reserved from tLeave at an event at most one un-queued return trip later), which
 * keeps their FIFO order meaningful.
 *
 * Invariants: times in events are integer µs; every processed event is recorded in the event
 * log, as are rejects and actions; iteration orders come from the compiled (sorted) tables;
 * no object is allocated per I/O (unless a test installs `onComplete`).
 *
 * Replication (replication/pairs.ts) hooks in only for LDEVs that take part in a pair
 * (`ldevFlag`): the host-access check, quick-split copy-on-read before a read reaches the cache,
 * and before a write is accepted the pair bookkeeping (pending / differential bits,
 * copy-before-write, snapshot copy-on-write), whose copies delay that write. A host-mirror
 * workload's write is also sent over its server's path to the S-VOL and accepted there with the
 * same (writer, sequence) — so both volumes fold it in the same order — and completes when both
 * legs have. Copy cycles are EV_COPY events.
 *
 * Remote copy (remote/remote-copy.ts) hooks in for remote P-VOLs (`remote.ldevFlag`): a write
 * waits while its master journal is full (parked, resumed by the journal), and once accepted it
 * is counted in its group's history, journaled (async) or sent and acknowledged by the remote
 * before the host's status (sync). The journal protocol runs on EV_REMOTE events.
 *
 * A workload of a database in backup mode has its writes held (host/held-writes.ts). Tape jobs,
 * runbooks and the SAN manager (backup.ts) are EV_JOB / EV_RUNBOOK / EV_POLICY events.
 * Multipath (host/multipath.ts): every I/O takes the path `pick` gives; one sent on a path that
 * failed unnoticed (FAILING), or in flight on a route that lost a component, is flagged IO_RETRY
 * and, at its next event once the host notices (`retryUs`), sent again on a path still in
 * service — a write the array had accepted only for its status — or failed with `no-path`.
 *
 * Does not handle: actions (actions.ts), outputs and entry points (simulation-facade.ts,
 * simulation-outputs.ts), probes (probes.ts), fault bookkeeping (faults/).
 */
import type { DiskArrays } from './array/array.ts';
import type { CompiledModel } from './compile.ts';
import { DB_HELD_WRITE_LIMIT, DB_HELD_WRITE_US, REJECT_ROUND_TRIP_US } from './constants.ts';
import { EV_HOST_DONE, EV_READ_RETURN, LOG_REJECT } from './events.ts';
import type { LinkTimelines } from './fabric/link-timelines.ts';
import type { AckChecker } from './faults/ack-checker.ts';
import type { FaultRuntime } from './faults/fault-runtime.ts';
import { HeldWrites } from './host/held-writes.ts';
import { unqueuedReturnUs } from './host/host-paths.ts';
import { IO_ACCEPTED, IO_AWAIT_RETURN, IO_HIT, IO_MIRROR, IO_REJECTED, IO_RETRY, IO_WRITE, IoSlots } from './host/io-slots.ts';
import { PATH_FAILING, type Multipath } from './host/multipath.ts';
import type { Workloads } from './host/workload.ts';
import { createIoCursor } from './io-cursor.ts';
import { EventLog } from './kernel/event-log.ts';
import { EventQueue } from './kernel/event-queue.ts';
import { reasonCode, type MetricsCollector } from './metrics/collector.ts';
import { observeCompletion } from './probes.ts';
import type { RemoteCopy } from './remote/remote-copy.ts';
import type { Replication } from './replication/pairs.ts';
import { SimulationFacade } from './simulation-facade.ts';
import type { CompletionObserver } from './simulation-types.ts';

const READ_ONLY = reasonCode('read-only');
const BACKUP_MODE_FULL = reasonCode('backup-mode-full');
const FENCE = reasonCode('fence');
const NO_PATH = reasonCode('no-path');

/** The I/O lifecycle over the simulation's tables (assigned by its constructor, simulation.ts). */
export abstract class IoLifecycle extends SimulationFacade {
  protected model!: CompiledModel;
  protected readonly queue = new EventQueue(1024);
  protected readonly log = new EventLog();
  protected links!: LinkTimelines;
  protected arrays!: DiskArrays;
  protected wl!: Workloads;
  protected readonly slots = new IoSlots(256);
  protected readonly cursor = createIoCursor();
  protected metrics!: MetricsCollector;
  protected repl!: Replication;
  protected remote!: RemoteCopy;
  /** Writes held by databases in backup mode (step 403), flushed when it ends (405). */
  protected readonly held = new HeldWrites();
  /** Per workload: 1 while its server's database is in backup mode. */
  protected wlHold!: Uint8Array;
  protected now = 0;
  protected writeSeq = 0;
  protected wlLdev!: Int32Array;
  protected wlReject!: Int8Array;
  /** Per workload: the host-mirror pair duplexing its writes, or -1. */
  protected wlMirror!: Int32Array;
  /** Paths, routes and host-mirror legs (host/multipath.ts): the I/O path reads its tables. */
  protected mp!: Multipath;
  /** Faults, alerts, volume moves, the acknowledged-write checker (faults/fault-runtime.ts). */
  protected faults!: FaultRuntime;
  /** `faults.ldevDown` (per LDEV: the reason all its I/O is refused now, or -1) and `faults.ack`, read on the I/O path. */
  protected ldevDown!: Int8Array;
  protected ack!: AckChecker;
  /** Per workload: the reason code of its last refused I/O (-1 none; the event journal reads it). */
  protected wlLastReject!: Int8Array;
  /** The path the write being sent travels (set before every `sendWrite`). */
  protected ioPath = 0;
  protected onComplete: CompletionObserver | null = null;

  // ------------------------------------------------------------------ the I/O lifecycle
  // Times flow through `this.cursor` (see io-cursor.ts): no double crosses a call boundary.

  /** Issues one I/O of workload `w` at host time cursor[0] in a new slot. */
  protected issue(w: number): void {
    this.wl.inflight[w]++;
    this.issueInto(this.slots.alloc(), w);
  }

  /** Issues the next I/O of `w` into `slot` (already counted in flight) at cursor[0]. */
  protected issueInto(slot: number, w: number): void {
    const wl = this.wl;
    const slots = this.slots;
    const isRead = wl.nextIsRead(w);
    const block = wl.nextBlock(w);
    const bytes = wl.bytes[w];
    const ldev = this.wlLdev[w];
    slots.workload[slot] = w;
    slots.ldev[slot] = ldev;
    slots.issueUs[slot] = this.cursor[0];
    slots.bytes[slot] = bytes;
    slots.block[slot] = block;
    slots.path[slot] = -1; // a closed loop reuses the slot: no path until this I/O is sent on one
    let reason = this.wlReject[w];
    if (reason < 0 && ldev >= 0) reason = this.ldevDown[ldev];
    if (reason < 0 && !isRead && this.arrays.ldevReadOnly[ldev] === 1) reason = READ_ONLY;
    const paired = reason < 0 && this.repl.ldevFlag[ldev] === 1;
    if (paired) reason = this.repl.hostAccess(ldev, !isRead);
    let p = -1;
    if (reason < 0) {
      p = this.mp.fixed[w];
      if (p === -2) p = this.mp.pick(w);
      if (p < 0) {
        reason = NO_PATH;
        this.mp.ioErrors[w]++;
      }
    }
    if (reason >= 0) {
      this.reject(slot, w, ldev, reason, isRead);
      return;
    }
    this.mp.ios[p]++;
    if (this.mp.state[p] === PATH_FAILING) {
      // The host does not know the path failed: the I/O is lost on it and retried after the failover.
      slots.path[slot] = p;
      slots.flags[slot] = IO_RETRY | (isRead ? 0 : IO_WRITE);
      slots.retryUs[slot] = this.mp.detectUs[p];
      slots.doneUs[slot] = this.cursor[0];
      this.queue.push(Math.ceil(this.mp.detectUs[p]), EV_HOST_DONE, slot, 0);
      return;
    }
    if (isRead) this.read(slot, w, ldev, block, bytes, p, paired);
    else this.write(slot, w, ldev, block, bytes, p, paired);
  }

  /** A read of `slot` sent at cursor[0] on path `p`: served by the array, its return trip at READ_RETURN. */
  protected read(slot: number, w: number, ldev: number, block: number, bytes: number, p: number, paired: boolean): void {
    const cursor = this.cursor;
    const mp = this.mp;
    const slots = this.slots;
    slots.path[slot] = p;
    cursor[0] += mp.oneWayUs[p]; // the read command: latency only
    this.arrays.frontEnd(mp.port[p]);
    if (paired) {
      this.repl.beforeRead(ldev, this.arrays.firstTrack(ldev, block, bytes), this.arrays.lastTrack(ldev, block, bytes));
      this.arrays.serveRead(this.repl.readLdev, block, bytes, this.repl.readGroup);
    } else {
      this.arrays.serveRead(ldev, block, bytes, -1);
    }
    slots.flags[slot] = this.arrays.lastReadHit ? IO_HIT | IO_AWAIT_RETURN : IO_AWAIT_RETURN;
    slots.doneUs[slot] = cursor[0]; // the return trip is reserved from here at READ_RETURN
    cursor[0] = unqueuedReturnUs(this.links, mp.hopResource, mp.hopStart[p], mp.hopEnd[p], cursor[0] + mp.transitUs[p], bytes);
    this.queue.push(Math.ceil(cursor[0]), EV_READ_RETURN, slot, 0);
  }

  /** A write of `slot` sent at cursor[0] on path `p` (held, parked for journal space, or sent and accepted). */
  protected write(slot: number, w: number, ldev: number, block: number, bytes: number, p: number, paired: boolean): void {
    const slots = this.slots;
    if (this.wlHold[w] === 1) {
      this.hold(slot, w, block, bytes);
      return;
    }
    if (this.remote.ldevFlag[ldev] === 1 && this.remote.parkIfFull(ldev, slot, w, block, bytes)) {
      slots.flags[slot] = IO_WRITE; // waits for room in the master journal (remote/remote-copy.ts)
      return;
    }
    const mirror = this.wlMirror[w];
    const duplex = mirror >= 0 && this.repl.duplexing(mirror) ? mirror : -1;
    slots.flags[slot] = duplex >= 0 ? IO_WRITE | IO_MIRROR | IO_ACCEPTED : IO_WRITE | IO_ACCEPTED;
    slots.path[slot] = p;
    slots.seq[slot] = this.writeSeq;
    this.ioPath = p;
    this.sendWrite(w, ldev, block, bytes, this.writeSeq++, duplex, paired, this.wl.sequential[w] === 1);
    slots.doneUs[slot] = this.cursor[0];
    this.queue.push(Math.ceil(this.cursor[0]), EV_HOST_DONE, slot, 0);
  }

  /**
   * Multipath changed routes (faults/fault-runtime.ts): every I/O still in flight on a path
   * whose route crossed the failed component is lost there; it is retried when the host notices
   * — the path's failover time (or, if the fabric re-routed the path, the server's failover time
   * from now).
   */
  protected retryLost(): void {
    const slots = this.slots;
    const mp = this.mp;
    for (let s = 0; s < slots.size; s++) {
      const p = slots.path[s];
      if (p < 0 || mp.lost[p] === 0) continue;
      const flags = slots.flags[s];
      if ((flags & IO_RETRY) !== 0) continue;
      if ((flags & IO_AWAIT_RETURN) === 0 && slots.doneUs[s] <= this.now) continue; // completed at the host already
      slots.flags[s] = flags | IO_RETRY;
      slots.retryUs[s] = mp.state[p] === PATH_FAILING ? mp.detectUs[p] : this.now + mp.failoverUs[slots.workload[s]];
    }
  }

  /**
   * The event of an I/O lost on a failed path: wait until the host notices, then send it again
   * on a path still in service — a write the array accepted only needs its status, anything else
   * is sent anew — or fail it with `no-path` (an I/O error) when none is left.
   */
  protected retry(slot: number): void {
    const slots = this.slots;
    if (this.now < slots.retryUs[slot]) {
      this.queue.push(Math.ceil(slots.retryUs[slot]), EV_HOST_DONE, slot, 0);
      return;
    }
    const w = slots.workload[slot];
    const ldev = slots.ldev[slot];
    const flags = slots.flags[slot];
    const isRead = (flags & IO_WRITE) === 0;
    slots.flags[slot] = flags & ~(IO_RETRY | IO_AWAIT_RETURN);
    this.mp.retried[w]++;
    this.cursor[0] = this.now;
    const p = this.mp.pick(w);
    const down = this.ldevDown[ldev];
    if (p < 0 || down >= 0) {
      if (p < 0) this.mp.ioErrors[w]++;
      slots.path[slot] = -1;
      this.reject(slot, w, ldev, p < 0 ? NO_PATH : down, isRead);
      return;
    }
    this.mp.ios[p]++;
    if (this.mp.state[p] === PATH_FAILING) {
      slots.path[slot] = p;
      slots.flags[slot] |= IO_RETRY;
      slots.retryUs[slot] = this.mp.detectUs[p];
      this.queue.push(Math.ceil(this.mp.detectUs[p]), EV_HOST_DONE, slot, 0);
      return;
    }
    const bytes = slots.bytes[slot];
    const block = slots.block[slot];
    if (isRead) {
      this.read(slot, w, ldev, block, bytes, p, this.repl.ldevFlag[ldev] === 1);
    } else if ((flags & IO_ACCEPTED) === 0) {
      this.write(slot, w, ldev, block, bytes, p, this.repl.ldevFlag[ldev] === 1);
    } else {
      // Accepted before the path failed: the data is in cache; the host sends it again for its status.
      slots.path[slot] = p;
      this.ioPath = p;
      this.sendData(bytes);
      this.arrays.frontEnd(this.mp.port[p]);
      slots.doneUs[slot] = this.cursor[0] + this.mp.oneWayUs[p];
      this.queue.push(Math.ceil(slots.doneUs[slot]), EV_HOST_DONE, slot, 0);
    }
  }

  /**
   * A write of `w` to `ldev` issued at the cursor: over its path, accepted in cache (pair
   * bookkeeping first when `paired`), and duplexed by its mirror program when `duplex` >= 0.
   * Leaves in the cursor the time its completion status is back at the host.
   */
  sendWrite(w: number, ldev: number, block: number, bytes: number, seq: number, duplex: number, paired: boolean, sequential: boolean): void {
    const cursor = this.cursor;
    const issuedUs = cursor[0];
    const path = this.ioPath;
    const oneWay = this.mp.oneWayUs[path];
    this.sendData(bytes);
    this.arrays.frontEnd(this.mp.port[path]);
    if (paired) this.repl.beforeWrite(ldev, this.arrays.firstTrack(ldev, block, bytes), this.arrays.lastTrack(ldev, block, bytes), -1, duplex);
    const remotePair = this.remote.ldevFlag[ldev] === 1 ? this.remote.pairOfPvol[ldev] : -1;
    let first = 0;
    let last = 0;
    if (remotePair >= 0) {
      first = this.arrays.firstTrack(ldev, block, bytes);
      last = this.arrays.lastTrack(ldev, block, bytes);
      this.remote.capturePre(ldev, first, last);
    }
    this.arrays.acceptWrite(ldev, block, bytes, w, seq, sequential);
    if (this.ack.on) this.ack.accept(ldev, this.arrays.firstTrack(ldev, block, bytes), this.arrays.lastTrack(ldev, block, bytes), seq);
    let doneUs = cursor[0] + oneWay;
    if (remotePair >= 0) {
      // Remote copy: history, journal, or (sync) the remote's acknowledgement before the host's.
      const remoteAckUs = this.remote.afterAccept(remotePair, block, bytes, w, seq, first, last);
      if (remoteAckUs >= 0 && remoteAckUs + oneWay > doneUs) doneUs = remoteAckUs + oneWay;
    }
    if (duplex >= 0) {
      cursor[0] = issuedUs;
      const legDoneUs = this.mirrorLeg(duplex, block, bytes, w, seq, sequential);
      if (legDoneUs > doneUs) doneUs = legDoneUs;
    }
    cursor[0] = doneUs;
    if (remotePair >= 0) this.remote.noteResponse(remotePair, doneUs - issuedUs);
  }

  /** A write parked while its master journal was full goes ahead now (its response includes the wait). */
  protected resumeParked(slot: number, w: number, block: number, bytes: number): void {
    const saved = this.cursor[0];
    this.cursor[0] = this.now;
    const ldev = this.wlLdev[w];
    const p = this.mp.pick(w);
    if (p < 0) {
      this.mp.ioErrors[w]++;
      this.reject(slot, w, ldev, NO_PATH, false);
      this.cursor[0] = saved;
      return;
    }
    const mirror = this.wlMirror[w];
    const duplex = mirror >= 0 && this.repl.duplexing(mirror) ? mirror : -1;
    this.slots.flags[slot] = duplex >= 0 ? IO_WRITE | IO_MIRROR | IO_ACCEPTED : IO_WRITE | IO_ACCEPTED;
    this.slots.path[slot] = p;
    this.slots.seq[slot] = this.writeSeq;
    this.ioPath = p;
    this.sendWrite(w, ldev, block, bytes, this.writeSeq++, duplex, this.repl.ldevFlag[ldev] === 1, false);
    this.remote.noteWait(ldev, this.now - this.slots.issueUs[slot]);
    this.slots.doneUs[slot] = this.cursor[0];
    this.queue.push(Math.ceil(this.cursor[0]), EV_HOST_DONE, slot, 0);
    this.cursor[0] = saved;
  }

  /**
   * The mirror program's second leg of a write (issued at the cursor): over the server's path to
   * the S-VOL, accepted there with the same writer and sequence. Returns when its status is back.
   */
  protected mirrorLeg(pair: number, block: number, bytes: number, w: number, seq: number, sequential: boolean): number {
    const svol = this.model.replication.pairs[pair].svol;
    const mp = this.mp;
    const end = mp.legHopEnd[pair];
    for (let h = mp.legHopStart[pair]; h < end; h++) this.links.transfer(mp.hopResource[h], bytes);
    this.cursor[0] += mp.legTransitUs[pair];
    this.arrays.frontEnd(mp.legPort[pair]);
    if (this.repl.ldevFlag[svol] === 1) {
      this.repl.beforeWrite(svol, this.arrays.firstTrack(svol, block, bytes), this.arrays.lastTrack(svol, block, bytes), -1, pair);
    }
    this.arrays.acceptWrite(svol, block, bytes, w, seq, sequential);
    if (this.ack.on) this.ack.accept(svol, this.arrays.firstTrack(svol, block, bytes), this.arrays.lastTrack(svol, block, bytes), seq);
    return this.cursor[0] + mp.legOneWayUs[pair];
  }

  /** Host → array: serialises a write's data on each link of `ioPath`, advancing the cursor. */
  protected sendData(bytes: number): void {
    const mp = this.mp;
    const p = this.ioPath;
    const end = mp.hopEnd[p];
    for (let h = mp.hopStart[p]; h < end; h++) this.links.transfer(mp.hopResource[h], bytes);
    this.cursor[0] += mp.transitUs[p];
  }

  /**
   * A read's data, which left the array at doneUs[slot], would be at the host by now if no link
   * queued it: serialise it back from then; complete now if it has arrived, else at ⌈done⌉.
   */
  protected readReturned(slot: number): void {
    const slots = this.slots;
    if ((slots.flags[slot] & IO_RETRY) !== 0) return this.retry(slot);
    // IO_AWAIT_RETURN stays set: from here doneUs > now marks the read in flight (retryLost).
    const bytes = slots.bytes[slot];
    const mp = this.mp;
    const p = slots.path[slot];
    this.cursor[0] = slots.doneUs[slot] + mp.transitUs[p];
    const start = mp.hopStart[p];
    for (let h = mp.hopEnd[p] - 1; h >= start; h--) this.links.transfer(mp.hopResource[h] ^ 1, bytes);
    const doneUs = this.cursor[0];
    if (doneUs > this.now) {
      slots.doneUs[slot] = doneUs;
      this.queue.push(Math.ceil(doneUs), EV_HOST_DONE, slot, 0);
      return;
    }
    this.complete(slot);
  }

  /** Refuses the I/O in `slot` (issued at cursor[0]): counted, logged, error after a round trip. */
  protected reject(slot: number, w: number, ldev: number, reason: number, isRead: boolean): void {
    const atUs = this.cursor[0];
    this.slots.flags[slot] = IO_REJECTED | (isRead ? 0 : IO_WRITE);
    this.slots.reason[slot] = reason;
    this.wl.rejected[w]++;
    this.wlLastReject[w] = reason;
    this.metrics.reject(ldev, reason);
    if (reason === FENCE) this.remote.countFenced(ldev);
    this.log.record(Math.floor(atUs), LOG_REJECT + reason, w, ldev);
    const doneUs = atUs + REJECT_ROUND_TRIP_US;
    this.slots.doneUs[slot] = doneUs;
    this.queue.push(Math.ceil(doneUs), EV_HOST_DONE, slot, 0);
  }

  /**
   * The I/O in `slot` completes at the host at cursor[0] (<= now, > now - 1 µs); a closed loop
   * still active issues its next I/O then.
   */
  protected complete(slot: number): void {
    const slots = this.slots;
    const wl = this.wl;
    const w = slots.workload[slot];
    const flags = slots.flags[slot];
    if ((flags & IO_REJECTED) === 0) {
      wl.completed[w]++;
      if ((flags & IO_ACCEPTED) !== 0 && this.ack.on) this.acknowledged(slot, w);
      this.metrics.complete(slots.ldev[slot], (flags & IO_WRITE) !== 0, slots.bytes[slot], (flags & IO_HIT) !== 0, slot, slots.issueUs);
      if ((flags & IO_MIRROR) !== 0) this.metrics.complete(this.model.replication.pairs[this.wlMirror[w]].svol, true, slots.bytes[slot], false, slot, slots.issueUs);
    }
    if (this.onComplete !== null) observeCompletion(this.parts, this.onComplete, slot);
    // A closed loop reuses the slot for its next I/O (same count in flight); otherwise free it.
    if (wl.active[w] === 1 && wl.closedLoop[w] === 1 && wl.inflight[w] <= wl.iodepth[w]) {
      this.issueInto(slot, w);
      return;
    }
    slots.release(slot);
    wl.inflight[w]--;
  }

  /** The host got a good status for the accepted write in `slot` (the acknowledged-write checker). */
  protected acknowledged(slot: number, w: number): void {
    const s = this.slots;
    const ack = this.ack;
    const ldev = s.ldev[slot];
    ack.acknowledge(ldev, this.arrays.firstTrack(ldev, s.block[slot], s.bytes[slot]), this.arrays.lastTrack(ldev, s.block[slot], s.bytes[slot]), s.seq[slot]);
    if ((s.flags[slot] & IO_MIRROR) !== 0) {
      const svol = this.model.replication.pairs[this.wlMirror[w]].svol;
      ack.acknowledge(svol, this.arrays.firstTrack(svol, s.block[slot], s.bytes[slot]), this.arrays.lastTrack(svol, s.block[slot], s.bytes[slot]), s.seq[slot]);
    }
  }

  /** A write of `w` while its database is in backup mode: held in memory (host/held-writes.ts), acknowledged from there. */
  protected hold(slot: number, w: number, block: number, bytes: number): void {
    if (this.held.count >= DB_HELD_WRITE_LIMIT) return this.reject(slot, w, this.wlLdev[w], BACKUP_MODE_FULL, false);
    this.held.add(w, block, bytes, this.writeSeq++);
    this.slots.flags[slot] = IO_WRITE;
    this.slots.doneUs[slot] = this.cursor[0] + DB_HELD_WRITE_US;
    this.queue.push(Math.ceil(this.slots.doneUs[slot]), EV_HOST_DONE, slot, 0);
  }
}
