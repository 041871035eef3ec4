/**
 * Timeline entries that run `after` an event (scenario v2): watches for each entry's event and
 * schedules its action once, `delayS` after the first time the event happens; and keeps, for
 * every entry, when it ran and whether its action was accepted (the report's `timeline`).
 *
 * Owns: the pending triggers, when they fire, the per-entry record (time carried out, accepted).
 *
 * When a trigger is looked at:
 *  - `pairState` / `jobDone` / `runbookDone` (runbook conditions, tested by the backup system's
 *    `holds`): at time 0, and after every pair state change, job end and runbook end — through
 *    one check event queued at the same instant, so the state is settled when it is tested and
 *    several changes at one instant cost one check;
 *  - `alert`: on the alert itself (kind, severity and device must match);
 *  - `step`: when the named entry is carried out (accepted or refused).
 * An entry with `since` is not watched until that entry has been carried out; from then on, as
 * above (a state that already holds then counts, in that instant).
 *
 * Invariants: a trigger fires at most once; firing only schedules an EV_TIMELINE event (the
 * action runs from the event loop like any timed entry), so replays are identical. Nothing is
 * queued for a scenario without triggers: its event log (and hash) is what it was before
 * triggers existed.
 */
import type { Condition } from '../../model/runbook.ts';
import type { TimelineEntry } from '../../model/scenario.ts';
import type { AlertSeverity } from '../../model/topology-monitoring.ts';
import { US_PER_S } from '../constants.ts';
import type { AlertRecord } from '../fault-api.ts';

const SEVERITY_RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

export interface TriggerHost {
  nowUs(): number;
  /** Queue compiled entry `index` to run at `atUs`. */
  schedule(atUs: number, index: number): void;
  /** Queue one check of the pending state triggers at the current instant. */
  scheduleCheck(atUs: number): void;
  /** Whether a runbook condition holds now (backup.ts). */
  holds(condition: Condition): boolean;
}

/** An entry of the report's `timeline`: when it ran (null: not yet) and whether it was accepted. */
export interface TimelineStepReport {
  atS: number | null;
  ok: boolean | null;
  /** `time` for an entry at `atS`, `event` for one that waits `after` an event. */
  trigger: 'time' | 'event';
}

/** A triggered entry that has fired: its index in `scenario.timeline` and when its action runs. */
export interface FiredTrigger {
  index: number;
  atS: number;
}

export class TimelineTriggers {
  /** Per compiled entry: when it runs (µs; -1 while a triggered entry waits). */
  private readonly atUs: Float64Array;
  /** Per compiled entry: -1 not carried out yet, 0 refused, 1 accepted. */
  private readonly outcome: Int8Array;
  /** Compiled indices of triggered entries that have not fired, by what wakes them. */
  private stateWaiting: number[] = [];
  private alertWaiting: number[] = [];
  private readonly stepWaiting = new Map<string, number[]>();
  /** Triggered entries with `since`: not watched until that entry has been carried out. */
  private readonly sinceWaiting = new Map<string, number[]>();
  private checkQueued = false;
  /** What `fired` returns: a new array each time one fires (the UI compares by length). */
  private firedList: readonly FiredTrigger[] = [];

  constructor(
    private readonly entries: readonly TimelineEntry[],
    private readonly scenarioIndex: readonly number[],
    private readonly host: TriggerHost,
  ) {
    this.atUs = Float64Array.from(entries, (e) => (e.atS === undefined ? -1 : Math.round(e.atS * US_PER_S)));
    this.outcome = new Int8Array(entries.length).fill(-1);
    entries.forEach((e, i) => {
      if (!e.after) return;
      if (e.since !== undefined) this.sinceWaiting.set(e.since, [...(this.sinceWaiting.get(e.since) ?? []), i]);
      else this.watch(i);
    });
  }

  /** Start watching entry `i`'s event. */
  private watch(i: number): void {
    const t = this.entries[i].after!;
    if (t.kind === 'alert') this.alertWaiting.push(i);
    else if (t.kind === 'step') this.stepWaiting.set(t.id, [...(this.stepWaiting.get(t.id) ?? []), i]);
    else this.stateWaiting.push(i);
  }

  /** Queue the first look at the state triggers (time 0); nothing without them. */
  start(): void {
    if (this.stateWaiting.length > 0) this.queueCheck(0);
  }

  /** A pair changed state, a job or a runbook ended: look at the state triggers at this instant. */
  changed(): void {
    if (this.stateWaiting.length > 0 && !this.checkQueued) this.queueCheck(this.host.nowUs());
  }

  /** The check event: fire every state trigger whose condition holds now. */
  check(): void {
    this.checkQueued = false;
    const still: number[] = [];
    for (const i of this.stateWaiting) {
      if (this.host.holds(this.entries[i].after as Condition)) this.fire(i);
      else still.push(i);
    }
    this.stateWaiting = still;
  }

  alert(a: AlertRecord): void {
    if (this.alertWaiting.length === 0) return;
    this.alertWaiting = this.alertWaiting.filter((i) => {
      const t = this.entries[i].after;
      if (t?.kind !== 'alert') return false;
      const match = (t.alertKind === undefined || t.alertKind === a.kind) && SEVERITY_RANK[a.severity] >= SEVERITY_RANK[t.minSeverity] && (t.deviceId === undefined || t.deviceId === a.deviceId);
      if (match) this.fire(i);
      return !match;
    });
  }

  /** Compiled entry `index` was carried out (`ok`: its action was accepted); `step` triggers on it fire. */
  carriedOut(index: number, ok: boolean): void {
    this.outcome[index] = ok ? 1 : 0;
    const id = this.entries[index].id;
    if (id === undefined) return;
    const armed = this.sinceWaiting.get(id);
    if (armed) {
      // Watched from now on; a state that already holds counts (looked at in this instant).
      this.sinceWaiting.delete(id);
      for (const i of armed) this.watch(i);
      this.changed();
    }
    const waiting = this.stepWaiting.get(id);
    if (!waiting) return;
    this.stepWaiting.delete(id);
    for (const i of waiting) this.fire(i);
  }

  /**
   * Triggered entries that have fired, by run time (scenario indices). Kept as they fire: the
   * worker sends it with every telemetry batch, so it is never rebuilt from the whole timeline.
   */
  fired(): readonly FiredTrigger[] {
    return this.firedList;
  }

  /** The report's `timeline`: every entry, keyed by its `id` (or `#` and its index in the scenario's timeline), in scenario order. */
  report(nowUs: number): Record<string, TimelineStepReport> {
    const rows: { index: number; key: string; row: TimelineStepReport }[] = this.entries.map((e, i) => {
      const ran = this.outcome[i] >= 0 && this.atUs[i] <= nowUs;
      return {
        index: this.scenarioIndex[i],
        key: e.id ?? `#${this.scenarioIndex[i]}`,
        row: { atS: ran ? this.atUs[i] / US_PER_S : null, ok: ran ? this.outcome[i] === 1 : null, trigger: e.after ? 'event' : 'time' },
      };
    });
    const out: Record<string, TimelineStepReport> = {};
    for (const r of rows.sort((a, b) => a.index - b.index)) out[r.key] = r.row;
    return out;
  }

  private fire(i: number): void {
    const delayUs = Math.round((this.entries[i].delayS ?? 0) * US_PER_S);
    this.atUs[i] = this.host.nowUs() + delayUs;
    this.host.schedule(this.atUs[i], i);
    const f = { index: this.scenarioIndex[i], atS: this.atUs[i] / US_PER_S };
    this.firedList = [...this.firedList, f].sort((a, b) => a.atS - b.atS || a.index - b.index);
  }

  private queueCheck(atUs: number): void {
    this.checkQueued = true;
    this.host.scheduleCheck(atUs);
  }
}
