/**
 * The run's event log for people (issue 7's player): everything that happened that a person
 * would look for — actions carried out (from the timeline, a command or a runbook step), pair
 * state changes, refused I/O (once per workload per second, with the count and the reason), job
 * state changes, and every alert — each with its simulated time, its kind and the device it is
 * about, so the log can be filtered by device and kind and each entry linked to the canvas.
 *
 * Owns: the entries (numbered from 1, never renumbered), the bound on how many are kept
 * (JOURNAL_LIMIT: the oldest are dropped, their numbers stay used), reading a range.
 *
 * Invariants: entries are recorded only from engine events, in time order, so the same scenario
 * and seed give the same log; nothing here runs per I/O (refusals are summed per second).
 *
 * Does not handle: detecting the events (the simulation, faults/fault-runtime.ts and the alert
 * log call `record`), their wording beyond one line (the UI describes actions itself).
 */
import type { Action } from '../../model/scenario.ts';
import type { JournalEntry, JournalKind } from '../fault-api.ts';

/** Entries kept; older ones are dropped (their `seq` numbers are not reused). */
export const JOURNAL_LIMIT = 20_000;

export class EventJournal {
  private readonly entries: JournalEntry[] = [];
  private first = 1;
  private nextSeq = 1;

  record(timeUs: number, kind: JournalKind, deviceId: string, text: string, action?: Action): void {
    this.entries.push({ seq: this.nextSeq++, timeUs, kind, deviceId, text, ...(action ? { action } : {}) });
    if (this.entries.length > JOURNAL_LIMIT) {
      this.entries.splice(0, this.entries.length - JOURNAL_LIMIT);
      this.first = this.entries[0].seq;
    }
  }

  /** Entries with `seq` >= `fromSeq` (the oldest kept when it was dropped), at most `max`. */
  since(fromSeq: number, max = JOURNAL_LIMIT): { entries: JournalEntry[]; next: number } {
    const start = Math.max(0, Math.max(fromSeq, this.first) - this.first);
    const entries = this.entries.slice(start, start + max);
    return { entries, next: entries.length > 0 ? entries[entries.length - 1].seq + 1 : Math.max(fromSeq, this.first) };
  }

  get count(): number {
    return this.nextSeq - 1;
  }
}
