/**
 * "No acknowledged write is ever lost on a surviving copy": the checker every fault scenario
 * ends with.
 *
 * Owns: from the first fault of a run on, per LDEV and track, the newest write sequence number
 * the array accepted into the track and the newest one the host got a good status for (a
 * host-mirror write counts on both volumes); the verdict: on every volume that survives (its
 * parity group not blocked, its array's site not lost), every track holds at least the newest
 * write acknowledged for it. A retry that completed a write the array never accepted, a write
 * dropped on a failed path but acknowledged, or a copy that missed a write would show here.
 *
 * Invariants: costs nothing until `start` (the first fault); afterwards two map updates per
 * write (maps only over tracks written since the fault, not whole volumes).
 *
 * Does not handle: remote copies (the prefix checker, remote/prefix-checker.ts, proves those),
 * snapshot images.
 */
import type { FaultReport } from '../fault-api.ts';

export class AckChecker {
  on = false;
  private readonly accepted: Map<number, number>[];
  private readonly acked: Map<number, number>[];
  private ackedWrites = 0;
  /** The first write sequence number issued after `start`: older writes were accepted unwatched. */
  private fromSeq = 0;

  constructor(ldevCount: number) {
    this.accepted = Array.from({ length: ldevCount }, () => new Map());
    this.acked = Array.from({ length: ldevCount }, () => new Map());
  }

  start(fromSeq: number): void {
    this.on = true;
    this.fromSeq = fromSeq;
  }

  /** The array accepted write `seq` into tracks [first, last] of `ldev`. */
  accept(ldev: number, first: number, last: number, seq: number): void {
    const m = this.accepted[ldev];
    for (let t = first; t <= last; t++) if ((m.get(t) ?? -1) < seq) m.set(t, seq);
  }

  /** The host got a good status for write `seq` to tracks [first, last] of `ldev`. */
  acknowledge(ldev: number, first: number, last: number, seq: number): void {
    if (seq < this.fromSeq) return; // accepted before the checker started: its acceptance was not recorded
    this.ackedWrites++;
    const m = this.acked[ldev];
    for (let t = first; t <= last; t++) if ((m.get(t) ?? -1) < seq) m.set(t, seq);
  }

  /** The verdict over the volumes for which `survives(ldev)` holds. */
  verdict(survives: (ldev: number) => boolean, ldevId: (ldev: number) => string): FaultReport['ackCheck'] {
    if (!this.on) return { ok: true, volumes: 0, acknowledgedWrites: 0, message: 'no fault in this run: nothing to check' };
    let volumes = 0;
    const bad: string[] = [];
    this.acked.forEach((m, ldev) => {
      if (m.size === 0 || !survives(ldev)) return;
      volumes++;
      const acc = this.accepted[ldev];
      let missing = 0;
      let firstTrack = -1;
      for (const [t, seq] of m) {
        if ((acc.get(t) ?? -1) < seq) {
          missing++;
          if (firstTrack < 0 || t < firstTrack) firstTrack = t;
        }
      }
      if (missing > 0) bad.push(`${ldevId(ldev)}: ${missing} track(s) lack an acknowledged write (first track ${firstTrack})`);
    });
    if (bad.length > 0) return { ok: false, volumes, acknowledgedWrites: this.ackedWrites, message: `acknowledged writes lost: ${bad.join('; ')}` };
    return { ok: true, volumes, acknowledgedWrites: this.ackedWrites, message: `every acknowledged write since the first fault (${this.ackedWrites}) is on its ${volumes} surviving volume(s)` };
  }
}
