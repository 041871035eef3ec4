/**
 * The compiled timeline: its order, and the checks on entries that run `after` an event.
 *
 * Owns:
 *  - `orderTimeline`: entries at a time first, sorted by time (stable: document order among
 *    equal times), then the entries waiting on an event in document order. EV_TIMELINE events
 *    carry an index into this order, so a scenario without triggers keeps the order (and the
 *    event-log hash) it had before triggers existed.
 *  - `checkTriggers`: the ids a trigger names exist (copy group and device, runbook, device), and
 *    entries do not wait on each other (`step` triggers, `since`) in a circle (none could run).
 *
 * Does not handle: watching for the events (ops/timeline-triggers.ts); a `jobDone` trigger's job
 * id is not checked, because policies name their jobs when they launch them.
 */
import type { Scenario, TimelineEntry } from '../model/scenario.ts';
import { CompileError } from './compile.ts';

export interface OrderedTimeline {
  entries: TimelineEntry[];
  /** Per compiled entry: its index in `scenario.timeline`. */
  scenarioIndex: number[];
}

export function orderTimeline(timeline: readonly TimelineEntry[]): OrderedTimeline {
  const indexed = timeline.map((e, i) => ({ e, i }));
  const timed = indexed.filter((x) => x.e.atS !== undefined).sort((x, y) => x.e.atS! - y.e.atS! || x.i - y.i);
  const waiting = indexed.filter((x) => x.e.atS === undefined);
  const all = [...timed, ...waiting];
  return { entries: all.map((x) => x.e), scenarioIndex: all.map((x) => x.i) };
}

export function checkTriggers(scenario: Scenario, groups: ReadonlyMap<string, ReadonlySet<string>>): void {
  const deviceIds = new Set<string>([...scenario.topology.devices.map((d) => d.id), ...scenario.topology.links.map((l) => l.id), ...scenario.topology.sites.map((s) => s.id)]);
  const runbooks = new Set(scenario.runbooks.map((r) => r.id));
  const byId = new Map<string, number>();
  scenario.timeline.forEach((e, i) => e.id !== undefined && byId.set(e.id, i));
  scenario.timeline.forEach((e, i) => {
    const t = e.after;
    if (!t) return;
    const field = `timeline[${i}].after`;
    switch (t.kind) {
      case 'pairState': {
        const devices = groups.get(t.group);
        if (!devices) throw new CompileError('timeline', `${field}.group`, `no copy group "${t.group}"`);
        if (t.device !== undefined && !devices.has(t.device)) throw new CompileError('timeline', `${field}.device`, `no device "${t.device}" in copy group "${t.group}"`);
        return;
      }
      case 'runbookDone':
        if (!runbooks.has(t.runbook)) throw new CompileError('timeline', `${field}.runbook`, `no runbook "${t.runbook}"`);
        return;
      case 'alert':
        if (t.deviceId !== undefined && !deviceIds.has(t.deviceId)) throw new CompileError('timeline', `${field}.deviceId`, `no device, link or site "${t.deviceId}"`);
        return;
      case 'step':
      case 'jobDone':
        return;
    }
  });
  const cleared = new Set<number>();
  scenario.timeline.forEach((_, i) => checkNoCircle(scenario.timeline, byId, i, cleared));
}

/** The entries an entry waits to be carried out first: its `step` trigger's and its `since`. */
function prerequisites(e: TimelineEntry, byId: ReadonlyMap<string, number>): number[] {
  const ids = [...(e.after?.kind === 'step' ? [e.after.id] : []), ...(e.since !== undefined ? [e.since] : [])];
  return ids.flatMap((id) => {
    const k = byId.get(id);
    return k === undefined ? [] : [k];
  });
}

/**
 * Follow the entries `i` waits for (depth first): reaching one already on the path is a circle.
 * `cleared` holds entries already followed to the end without one (each is followed once).
 */
function checkNoCircle(timeline: readonly TimelineEntry[], byId: ReadonlyMap<string, number>, i: number, cleared: Set<number>): void {
  const path: number[] = [];
  const visit = (k: number): void => {
    if (cleared.has(k)) return;
    if (path.includes(k)) {
      const circle = [...path.slice(path.indexOf(k)), k].map((x) => timeline[x].id ?? `#${x}`).join(' → ');
      const field = timeline[i].after?.kind === 'step' ? 'after.id' : 'since';
      throw new CompileError('timeline', `timeline[${i}].${field}`, `entries wait on each other in a circle (${circle}): none of them can run`);
    }
    path.push(k);
    for (const up of prerequisites(timeline[k], byId)) visit(up);
    path.pop();
    cleared.add(k);
  };
  visit(i);
}
