/**
 * Test probes of a running simulation: whole-track host writes and reads without timing (the
 * model-based tests of replication drive the engine through them), a snapshot's image of one
 * track, and the report of a completed I/O to the completion observer.
 *
 * Owns: `hostWriteTrack`, `hostReadTrack`, `snapshotTrack` and `observeCompletion`, over
 * `ProbeParts`: the simulation's run-time tables, shared with it (never copied).
 *
 * Invariants: a probe write passes the same access checks as a workload's write (the read-only
 * attribute, then the pair rules), does the same pair bookkeeping, and takes its sequence
 * number from the same counter, so probe and workload writes fold in one order; a probe read
 * does the same quick-split copy-on-read as a workload's read. Probes act at the current time
 * (they set the cursor to now) and queue no event themselves (a copy cycle they start may).
 *
 * Does not handle: the timing of the probe I/O itself (no link, port, cache or disk is charged
 * for it), the lifecycle of workload I/Os (simulation.ts). Allocates: test use only, never on
 * the I/O path (`observeCompletion` runs per I/O only when a test installs `onComplete`).
 */
import { REJECT_REASONS } from './api.ts';
import type { DiskArrays } from './array/array.ts';
import type { CompiledModel } from './compile.ts';
import { IO_HIT, IO_REJECTED, IO_WRITE, type IoSlots } from './host/io-slots.ts';
import type { Workloads } from './host/workload.ts';
import type { IoCursor } from './io-cursor.ts';
import { reasonCode } from './metrics/collector.ts';
import type { RemoteCopy } from './remote/remote-copy.ts';
import type { Replication } from './replication/pairs.ts';
import type { CompletionObserver } from './simulation-types.ts';

const READ_ONLY = reasonCode('read-only');

/** What the probes need of a simulation (its tables, shared; bound once). */
export interface ProbeParts {
  readonly model: CompiledModel;
  readonly arrays: DiskArrays;
  readonly repl: Replication;
  readonly slots: IoSlots;
  readonly wl: Workloads;
  readonly cursor: IoCursor;
  readonly remote: RemoteCopy;
  nowUs(): number;
  /** Takes the next write sequence number from the counter workload writes take theirs from. */
  nextWriteSeq(): number;
}

/** A snapshot pair's image of one track. */
export function snapshotTrack(parts: ProbeParts, key: string, track: number): number {
  return parts.repl.imageTrack(parts.repl.indexOf(key), track);
}

/**
 * A host write of one whole track now, without timing: the same access check and pair
 * bookkeeping as a workload's write, then the content change. `mirror`: the key of a
 * host-mirror pair whose program duplexes it. Returns the reject reason or null.
 */
export function hostWriteTrack(parts: ProbeParts, ldevId: string, track: number, mirror?: string): string | null {
  const { model, arrays, repl } = parts;
  const ldev = model.ldevs.findIndex((l) => l.id === ldevId);
  parts.cursor[0] = parts.nowUs();
  let reason = arrays.ldevReadOnly[ldev] === 1 ? READ_ONLY : -1;
  const paired = reason < 0 && repl.ldevFlag[ldev] === 1;
  if (paired) reason = repl.hostAccess(ldev, true);
  if (reason >= 0) return REJECT_REASONS[reason];
  const m = mirror === undefined ? -1 : repl.indexOf(mirror);
  const duplex = m >= 0 && repl.duplexing(m) ? m : -1;
  // A remote P-VOL: the write is counted, journaled or sent like a host write of one whole track.
  const remotePair = parts.remote.ldevFlag[ldev] === 1 ? parts.remote.pairOfPvol[ldev] : -1;
  const trackBytes = arrays.ldevTrackBytes[ldev];
  if (remotePair >= 0 && parts.remote.mustWait(ldev, trackBytes)) return 'journal-full';
  const seq = parts.nextWriteSeq();
  if (paired) repl.beforeWrite(ldev, track, track, -1, duplex);
  if (remotePair >= 0) parts.remote.capturePre(ldev, track, track);
  arrays.digests[ldev].fold(track, 0xfff, seq, 0);
  if (remotePair >= 0) parts.remote.afterAccept(remotePair, track, trackBytes, 0xfff, seq, track, track);
  if (duplex >= 0) {
    const svol = model.replication.pairs[duplex].svol;
    if (repl.ldevFlag[svol] === 1) repl.beforeWrite(svol, track, track, -1, duplex);
    arrays.digests[svol].fold(track, 0xfff, seq, 0);
  }
  return null;
}

/** What a host reads from one track now: the digest, or the reject reason. */
export function hostReadTrack(parts: ProbeParts, ldevId: string, track: number): number | string {
  const { arrays, repl } = parts;
  const ldev = parts.model.ldevs.findIndex((l) => l.id === ldevId);
  parts.cursor[0] = parts.nowUs();
  if (repl.ldevFlag[ldev] === 0) return arrays.digests[ldev].get(track);
  const reason = repl.hostAccess(ldev, false);
  if (reason >= 0) return REJECT_REASONS[reason];
  repl.beforeRead(ldev, track, track);
  return repl.readTrack(ldev, track);
}

/** Reports the I/O in `slot`, completing at cursor[0], to the test observer. */
export function observeCompletion(parts: ProbeParts, observer: CompletionObserver, slot: number): void {
  const s = parts.slots;
  const flags = s.flags[slot];
  observer({
    workload: parts.wl.keys[s.workload[slot]],
    ldevId: s.ldev[slot] >= 0 ? parts.model.ldevs[s.ldev[slot]].id : null,
    issueUs: s.issueUs[slot],
    doneUs: parts.cursor[0],
    write: (flags & IO_WRITE) !== 0,
    rejected: (flags & IO_REJECTED) !== 0,
    hit: (flags & IO_HIT) !== 0,
  });
}
