/**
 * The SAN manager's scheduled runbooks (SAN patent Fig. 21: the remote replica split every night
 * so a reporting server can build data marts from it): every runbook with a `schedule` is started
 * by the SAN manager at each occurrence of that schedule within the run.
 *
 * One occurrence:
 *   planned ──(its instant: the runbook idle, done or failed)──▶ started (run n of the runbook)
 *      │                                                            └─▶ running / waiting / paused
 *      │                                                                 └─▶ done | failed
 *      └──(its instant: the runbook still running, waiting or paused)──▶ skipped
 * A skipped occurrence starts nothing: the runbook is never run twice at once, and the occurrence
 * says which run it found in progress.
 *
 * Owns: the occurrences (all planned when the simulation is built: the schedules are in the
 * scenario and cannot change during a run), their instants (wall-clock.ts, the same days and
 * weekdays as backup policies), and each occurrence's planned start, actual start and end, state
 * and skip reason. Occurrence ids are `<runbook>-<day>`, as policy jobs are `<policy>-<day>`.
 *
 * Invariants: an occurrence fires once, at its planned instant; it starts a run only when none
 * is in progress; its outcome is the end of exactly the run it started (runs are numbered), even
 * when the runbook was started again (by a command or the timeline) before anyone looked.
 *
 * Does not handle: running the steps (runbooks.ts), the event queue (the SAN manager's
 * EV_POLICY events carry occurrence indices offset by RUNBOOK_OCCURRENCE_BASE — san-manager.ts).
 */
import type { Runbook } from '../../model/scenario.ts';
import type { CommandResult } from '../api.ts';
import type { ScheduledRunbook } from '../backup-api.ts';
import { US_PER_S } from '../constants.ts';
import { assert } from '../kernel/assert.ts';
import type { RunInfo } from './runbooks.ts';
import { dayIndex, wallClockStartsUs } from './wall-clock.ts';

/** The most occurrences one run plans: a scenario holds ≤ 64 runbooks, a run of ≤ 7 days ≤ 7 daily starts each (448). */
export const RUNBOOK_OCCURRENCES_MAX = 1_024;

export interface ScheduledRunbookDef {
  id: string;
  name: string;
  schedule: NonNullable<Runbook['schedule']>;
}

export interface ScheduledRunbooksHost {
  clockStartS: number;
  endUs: number;
  nowUs(): number;
  /** Queue the instant of occurrence `index`. */
  schedule(atUs: number, index: number): void;
  runInfo(id: string): RunInfo | null;
  start(id: string): CommandResult;
}

interface Occurrence {
  def: ScheduledRunbookDef;
  id: string;
  plannedUs: number;
  fired: boolean;
  /** The run this occurrence started, or 0 (not yet, or skipped). */
  run: number;
  skipped: string | null;
}

interface RunEnd {
  state: 'done' | 'failed';
  atUs: number;
}

const runKey = (id: string, run: number): string => `${id}\u0000${run}`;

export class ScheduledRunbooks {
  readonly occurrences: Occurrence[] = [];
  private readonly host: ScheduledRunbooksHost;
  /** Ends of the runs of scheduled runbooks, by runbook and run number. */
  private readonly ends = new Map<string, RunEnd>();
  private readonly ids: ReadonlySet<string>;

  constructor(defs: readonly ScheduledRunbookDef[], host: ScheduledRunbooksHost) {
    this.host = host;
    this.ids = new Set(defs.map((d) => d.id));
    for (const def of defs) {
      for (const atUs of wallClockStartsUs(def.schedule, host.clockStartS, host.nowUs(), host.endUs)) {
        this.occurrences.push({ def, id: `${def.id}-${dayIndex(host.clockStartS, atUs)}`, plannedUs: atUs, fired: false, run: 0, skipped: null });
      }
    }
    assert(this.occurrences.length <= RUNBOOK_OCCURRENCES_MAX, `scheduled runbooks: ${this.occurrences.length} occurrences exceed ${RUNBOOK_OCCURRENCES_MAX}`);
    // Chronological, runbooks in document order on a tie: the order they fire in at one instant.
    const order = new Map(defs.map((d, i) => [d.id, i]));
    this.occurrences.sort((a, b) => a.plannedUs - b.plannedUs || order.get(a.def.id)! - order.get(b.def.id)!);
    this.occurrences.forEach((o, i) => host.schedule(o.plannedUs, i));
  }

  /** An occurrence's instant: start its runbook, or record it skipped when a run is in progress. */
  fire(index: number): void {
    const o = this.occurrences[index];
    const h = this.host;
    assert(o !== undefined && !o.fired && o.plannedUs === h.nowUs(), `scheduled runbook occurrence ${index} fired twice or off its instant`);
    o.fired = true;
    const info = h.runInfo(o.def.id);
    assert(info !== null, `scheduled runbook ${o.def.id} is not in the runbook list`);
    if (info.state === 'running' || info.state === 'waiting' || info.state === 'paused') {
      o.skipped = `${o.def.id} is still ${info.state} (run ${info.run}, started at ${round3(info.startedUs / US_PER_S)} s)`;
      return;
    }
    const r = h.start(o.def.id);
    if (!r.ok) {
      o.skipped = r.message ?? 'refused';
      return;
    }
    o.run = h.runInfo(o.def.id)!.run;
  }

  /** Runbooks hook: run `run` of runbook `id` ended now. */
  ended(id: string, run: number, state: 'done' | 'failed'): void {
    if (this.ids.has(id)) this.ends.set(runKey(id, run), { state, atUs: this.host.nowUs() });
  }

  status(): ScheduledRunbook[] {
    return this.occurrences.map((o) => {
      const common = { id: o.id, runbookId: o.def.id, name: o.def.name, frequency: o.def.schedule.frequency, at: o.def.schedule.at, plannedStartS: round3(o.plannedUs / US_PER_S) };
      if (!o.fired) return { ...common, run: null, actualStartS: null, actualEndS: null, state: 'planned', skipReason: null };
      if (o.skipped !== null) return { ...common, run: null, actualStartS: null, actualEndS: null, state: 'skipped', skipReason: o.skipped };
      const end = this.ends.get(runKey(o.def.id, o.run));
      const state = end ? end.state : this.inProgress(o);
      return { ...common, run: o.run, actualStartS: common.plannedStartS, actualEndS: end ? round3(end.atUs / US_PER_S) : null, state, skipReason: null };
    });
  }

  /** The state of an occurrence's run that has not ended: the runbook's latest run, in progress. */
  private inProgress(o: Occurrence): 'running' | 'waiting' | 'paused' {
    const info = this.host.runInfo(o.def.id)!;
    const s = info.state;
    // A new run cannot start while this one is in progress, so an unended run is the latest.
    assert(info.run === o.run && (s === 'running' || s === 'waiting' || s === 'paused'), `occurrence ${o.id}: run ${o.run} neither ended nor in progress (latest run ${info.run} ${s})`);
    return s;
  }
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
