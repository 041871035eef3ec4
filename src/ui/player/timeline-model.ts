/**
 * The player's pure logic: markers on the timeline, the next marker after now, and which
 * narration notes the run has reached (no React, no store, no bridge).
 *
 * Owns:
 *  - `buildMarkers`: one marker per distinct `atS` of the scenario's timeline (entries sharing a
 *    time are one marker), in time order, with its position as a fraction of the run (clamped to
 *    [0, 1]: an entry past `durationS` sits at the end, flagged `afterEnd`), its family (the
 *    entries' common family, or 'mixed') and its entries in document order.
 *  - `assignLanes`: markers closer than a minimum pixel gap go to alternate lanes, so heads never
 *    overlap while every head stays at its exact time.
 *  - `isReached` / `nextMarker` / `reachedNotes`: what the run has applied.
 *
 * Invariant — "reached": an entry is applied when the engine has processed the events at its
 * time. A freshly loaded or reset run (`runState` 'ready') is at 0 s with nothing processed, so
 * an entry at 0 s is not reached yet and is the next marker; once the run has moved (paused,
 * playing, finished) every entry with `atS <= nowS` is reached, because the engine's
 * `runUntil(t)` processes every event at times <= t.
 *
 * Entries that wait `after` an event have no time until the engine says their event came
 * (`fired`, from the telemetry): then they are markers at their run time like the others (marked
 * `triggered`); until then `waitingEntries` lists them.
 *
 * Does not handle: runbook steps, workload `startAtS` or policies' schedules (not timeline
 * entries, so not markers).
 */
import type { TimelineEntry } from '../../model/scenario.ts';
import { describeTrigger } from '../../model/scenario-triggers.ts';
import type { FiredTrigger } from '../../engine/api.ts';
import type { RunState } from '../store/sim-types.ts';
import { actionFamily, describeAction, type ActionFamily } from './describe-action.ts';

/** Times closer than this are the same instant (the engine works in integer µs). */
export const TIME_EPSILON_S = 1e-6;

export interface MarkerEntry {
  /** Index in `scenario.timeline`. */
  index: number;
  description: string;
  family: ActionFamily;
  note: string | undefined;
  /** For an entry that waits on an event: "after pair SI in PSUS + 3 s". */
  trigger?: string;
}

export interface Marker {
  atS: number;
  /** Position along the track, 0 (start) … 1 (end of the run). */
  fraction: number;
  /** The entry is scheduled after the run's end: the run never reaches it. */
  afterEnd: boolean;
  family: ActionFamily | 'mixed';
  entries: MarkerEntry[];
  /** Some entry of the marker ran after an event (its time came from the run). */
  triggered: boolean;
}

function markerEntry(e: TimelineEntry, index: number): MarkerEntry {
  const entry: MarkerEntry = { index, description: describeAction(e.action), family: actionFamily(e.action), note: e.note };
  if (e.after) entry.trigger = `after ${describeTrigger(e.after)}${e.since ? ` (once ${e.since} has run)` : ''}${e.delayS ? ` + ${e.delayS} s` : ''}`;
  return entry;
}

/**
 * Group the timeline by time (document order inside a group) and place each group on the track.
 * Entries after an event take their time from `fired` (scenario index → run time); unfired ones are left out.
 */
export function buildMarkers(timeline: readonly TimelineEntry[], durationS: number, fired: readonly FiredTrigger[] = []): Marker[] {
  // Keyed by integer µs, as the engine schedules them.
  const byTime = new Map<number, MarkerEntry[]>();
  const firedAt = new Map(fired.map((f) => [f.index, f.atS]));
  timeline.forEach((e, index) => {
    const atS = e.atS ?? firedAt.get(index);
    if (atS === undefined) return;
    const key = Math.round(atS * 1e6);
    const entry = markerEntry(e, index);
    const list = byTime.get(key);
    if (list) list.push(entry);
    else byTime.set(key, [entry]);
  });
  const span = durationS > 0 ? durationS : 1;
  return [...byTime.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([atUs, entries]) => ({ atS: atUs / 1e6, entries }))
    .map(({ atS, entries }) => ({
      atS,
      fraction: Math.min(1, Math.max(0, atS / span)),
      afterEnd: atS > durationS + TIME_EPSILON_S,
      family: entries.every((e) => e.family === entries[0].family) ? entries[0].family : 'mixed',
      entries,
      triggered: entries.some((e) => e.trigger !== undefined),
    }));
}

/** Entries waiting `after` an event that has not come yet (document order). */
export function waitingEntries(timeline: readonly TimelineEntry[], fired: readonly FiredTrigger[]): MarkerEntry[] {
  const done = new Set(fired.map((f) => f.index));
  return timeline.flatMap((e, index) => (e.after && !done.has(index) ? [markerEntry(e, index)] : []));
}

/**
 * Lane (0-based row) per marker so that heads in one lane are at least `minGapPx` apart on a track
 * `trackWidthPx` wide: greedy, first lane that fits; when none fits, the lane whose last head is
 * furthest left. Markers must be in time order (as `buildMarkers` returns them).
 */
export function assignLanes(fractions: readonly number[], trackWidthPx: number, minGapPx: number, laneCount = 2): number[] {
  const lastPx = new Array<number>(laneCount).fill(-Infinity);
  return fractions.map((f) => {
    const px = f * trackWidthPx;
    let lane = lastPx.findIndex((last) => px - last >= minGapPx);
    if (lane < 0) lane = lastPx.indexOf(Math.min(...lastPx));
    lastPx[lane] = px;
    return lane;
  });
}

/** True once the engine has processed events (the run has moved off its fresh start). */
export function hasStarted(runState: RunState): boolean {
  return runState === 'paused' || runState === 'playing' || runState === 'finished';
}

/** Whether the actions at `atS` have been applied at `nowS` (see the header's invariant). */
export function isReached(atS: number, nowS: number, started: boolean): boolean {
  return started && atS <= nowS + TIME_EPSILON_S;
}

/**
 * The first marker not yet reached (null when none is left); markers in time order. A marker
 * after the run's end is never next: the run stops at the end without reaching it.
 */
export function nextMarker<M extends { atS: number; afterEnd: boolean }>(markers: readonly M[], nowS: number, started: boolean): M | null {
  return markers.find((m) => !m.afterEnd && !isReached(m.atS, nowS, started)) ?? null;
}

export interface ReachedNote {
  index: number;
  atS: number;
  note: string;
  description: string;
}

/** The notes of every reached entry, newest first (ties: later in the document first). */
export function reachedNotes(markers: readonly Marker[], nowS: number, started: boolean): ReachedNote[] {
  const out: ReachedNote[] = [];
  for (const m of markers) {
    if (!isReached(m.atS, nowS, started)) break;
    for (const e of m.entries) if (e.note) out.push({ index: e.index, atS: m.atS, note: e.note, description: e.description });
  }
  return out.reverse();
}

/** How many entries of the timeline carry a note. */
export function noteCount(timeline: readonly TimelineEntry[]): number {
  return timeline.reduce((n, e) => n + (e.note ? 1 : 0), 0);
}
