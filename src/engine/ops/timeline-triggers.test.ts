/**
 * Timeline entries that run `after` an event: each fires at the instant of its event (plus
 * `delayS`), exactly once; the report's `timeline` says when every entry ran and whether it
 * was accepted; stepping action by action gives the same run; bad triggers are refused naming
 * the field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Scenario, type ScenarioInput, type TimelineEntry } from '../../model/scenario.ts';
import { CompileError } from '../compile.ts';
import { createSimulation } from '../simulation.ts';

function builtIn(file: string): ScenarioInput {
  return JSON.parse(readFileSync(new URL(`../../../scenarios/${file}`, import.meta.url), 'utf8')) as ScenarioInput;
}

function run(doc: ScenarioInput) {
  const sim = createSimulation(Scenario.parse(doc));
  sim.runUntil(sim.endUs());
  const journal = sim.journal(1).entries;
  return { sim, report: sim.report(), journal };
}

/** Simulated seconds of the first event-log entry whose text matches. */
function firstAt(journal: { timeUs: number; text: string }[], pattern: RegExp): number {
  const e = journal.find((j) => pattern.test(j.text));
  if (!e) throw new Error(`no journal entry matches ${pattern}`);
  return e.timeUs / 1e6;
}

/**
 * Fig. 5a (steady split: COPY(SP) drains the pending copy, then PSUS) with the backup read
 * started "when the split has completed" instead of at the split's time (+ delay).
 */
function readAfterSplit(delayS?: number): ScenarioInput {
  const doc = builtIn('fig5a-steady-split.json');
  const timeline = doc.timeline as TimelineEntry[];
  doc.timeline = timeline.map((e) =>
    e.action.type === 'startWorkload' ? { id: 'read', after: { kind: 'pairState', group: 'SI', states: ['PSUS'] }, ...(delayS !== undefined ? { delayS } : {}), action: e.action, note: 'back up once the split is done' } : e,
  );
  return doc;
}

describe('timeline triggers › pairState', () => {
  it('starts the backup read at the instant the steady split reaches PSUS, not at the split command', () => {
    const { report, journal } = run(readAfterSplit());
    const splitAt = firstAt(journal, /timeline: pairSplit/);
    const psusAt = firstAt(journal, /pair SI\/db: COPY\(SP\) → PSUS/);
    expect(psusAt).toBeGreaterThan(splitAt + 1);
    expect(report.timeline.read).toEqual({ atS: psusAt, ok: true, trigger: 'event' });
    expect(firstAt(journal, /timeline: startWorkload/)).toBe(psusAt);
  });

  it('waits delayS after the event', () => {
    const plain = run(readAfterSplit()).report.timeline.read.atS!;
    const { report } = run(readAfterSplit(12.5));
    expect(report.timeline.read.atS).toBeCloseTo(plain + 12.5, 6);
  });

  it('fires once: a later return to the state does not run the entry again', () => {
    const doc = readAfterSplit();
    const timeline = doc.timeline as TimelineEntry[];
    const read = timeline.find((e) => e.id === 'read')!;
    read.after = { kind: 'pairState', group: 'SI', states: ['PSUS', 'PSUS(SP)'] };
    doc.timeline = [...timeline, { atS: 55, action: { type: 'pairResync', group: 'SI' } }, { atS: 75, action: { type: 'pairSplit', group: 'SI', mode: 'quick' } }];
    const { journal } = run(doc);
    expect(journal.filter((j) => /→ PSUS/.test(j.text)).map((j) => j.timeUs / 1e6)).toEqual([48.439293, 75]);
    expect(journal.filter((j) => /timeline: startWorkload/.test(j.text)).map((j) => j.timeUs / 1e6)).toEqual([48.439293]);
  });

  it('since: a PAIR trigger armed by the resync fires when the resync completes, not at the initial PAIR', () => {
    const doc = readAfterSplit();
    doc.timeline = [
      ...(doc.timeline as TimelineEntry[]),
      { id: 'resync', atS: 55, action: { type: 'pairResync', group: 'SI', pace: 15 } },
      { id: 'resynced', after: { kind: 'pairState', group: 'SI', states: ['PAIR'] }, since: 'resync', action: { type: 'setReadOnly', ldevId: firstLdev(doc), readOnly: false } },
      { id: 'unarmed', after: { kind: 'pairState', group: 'SI', states: ['PAIR'] }, action: { type: 'setReadOnly', ldevId: firstLdev(doc), readOnly: false } },
    ];
    doc.durationS = 240;
    const { report, journal } = run(doc);
    const backToPair = journal.filter((j) => /pair SI\/db: COPY\(RS\) → PAIR/.test(j.text)).map((j) => j.timeUs / 1e6);
    expect(backToPair).toHaveLength(1);
    expect(backToPair[0]).toBeGreaterThan(55);
    expect(report.timeline.resynced).toEqual({ atS: backToPair[0], ok: true, trigger: 'event' });
    expect(report.timeline.unarmed.atS).toBe(0);
  });

  it('since: a state that already holds when the entry is armed counts at that instant', () => {
    const doc = builtIn('fig5a-steady-split.json');
    doc.timeline = [
      ...(doc.timeline as TimelineEntry[]).map((e) => (e.action.type === 'stopWorkload' ? { ...e, id: 'stop' } : e)),
      { id: 'still', after: { kind: 'pairState', group: 'SI', states: ['PSUS'] }, since: 'stop', action: { type: 'setReadOnly', ldevId: firstLdev(doc), readOnly: false } },
    ];
    const { report } = run(doc);
    expect(report.timeline.stop.atS).toBe(80);
    expect(report.timeline.still.atS).toBe(80);
  });

  it('a condition true at the start (before the entries at 0 s change it) fires at 0 s', () => {
    const doc = builtIn('fig5a-steady-split.json');
    doc.timeline = [...(doc.timeline as TimelineEntry[]), { id: 'smpl', after: { kind: 'pairState', group: 'SI', states: ['SMPL'] }, action: { type: 'setReadOnly', ldevId: firstLdev(doc), readOnly: false } }];
    const { report, journal } = run(doc);
    expect(report.timeline.smpl).toEqual({ atS: 0, ok: true, trigger: 'event' });
    expect(firstAt(journal, /timeline: setReadOnly/)).toBe(0);
  });
});

function firstLdev(doc: ScenarioInput): string {
  const array = (doc.topology.devices as { kind: string; ldevs?: { id: string }[] }[]).find((d) => d.kind === 'array');
  return array!.ldevs![0].id;
}

describe('timeline triggers › step chains, jobs, alerts', () => {
  it('a step trigger runs delayS after the named entry, even one that was refused', () => {
    const doc = builtIn('fig5b-quick-split.json');
    const timeline = doc.timeline as TimelineEntry[];
    doc.timeline = [
      ...timeline.map((e) => (e.action.type === 'pairSplit' ? { ...e, id: 'split' } : e)),
      { id: 'again', after: { kind: 'step', id: 'split' }, delayS: 0.5, action: { type: 'pairCreate', group: 'SI' } },
      { id: 'late', after: { kind: 'step', id: 'again' }, delayS: 10, action: { type: 'setReadOnly', ldevId: firstLdev(doc), readOnly: false } },
    ];
    const { report } = run(doc);
    expect(report.timeline.split).toEqual({ atS: 30, ok: true, trigger: 'time' });
    // paircreate on an existing pair is refused; the chain goes on.
    expect(report.timeline.again).toEqual({ atS: 30.5, ok: false, trigger: 'event' });
    expect(report.timeline.late).toEqual({ atS: 40.5, ok: true, trigger: 'event' });
  });

  it('jobDone: the resync runs when the runbook’s backup job has written its data', () => {
    const doc = builtIn('embodiment-1-online-backup.json');
    doc.timeline = [...(doc.timeline as TimelineEntry[]), { id: 'after-job', after: { kind: 'jobDone', job: 'bk-db' }, action: { type: 'setReadOnly', ldevId: firstLdev(doc), readOnly: false } }];
    const { report, journal } = run(doc);
    const at = report.timeline['after-job'].atS!;
    expect(at).toBeGreaterThan(20);
    expect(firstAt(journal, /timeline: setReadOnly/)).toBe(at);
    // Just before, the job was still writing; at that instant its data is all on tape.
    const sim = createSimulation(Scenario.parse(doc));
    sim.runUntil(Math.round(at * 1e6) - 1);
    expect(sim.backupStatus().jobs.find((j) => j.id === 'bk-db')?.state).toMatch(/transferring|spanning/);
    sim.runUntil(Math.round(at * 1e6));
    expect(sim.backupStatus().jobs.find((j) => j.id === 'bk-db')?.state).toMatch(/unloading|done/);
  });

  it('alert: a fault’s alert on one device wakes the entry; severity and kind filter', () => {
    const doc = builtIn('fig13-fabric-failover.json');
    const timeline = doc.timeline as TimelineEntry[];
    const firstFault = timeline.find((e) => e.action.type === 'setFault')!;
    doc.timeline = [
      ...timeline,
      { id: 'on-fault', after: { kind: 'alert', alertKind: 'fault' }, action: { type: 'setReadOnly', ldevId: firstLdev(doc), readOnly: false } },
      { id: 'never', after: { kind: 'alert', alertKind: 'volume-move' }, action: { type: 'setReadOnly', ldevId: firstLdev(doc), readOnly: false } },
    ];
    const { report } = run(doc);
    expect(report.timeline['on-fault']).toEqual({ atS: firstFault.atS, ok: true, trigger: 'event' });
    expect(report.timeline.never).toEqual({ atS: null, ok: null, trigger: 'event' });
  });
});

describe('timeline triggers › determinism and stepping', () => {
  it('runToNextAction stops at each action, timed or triggered, and ends with the same hash and report', () => {
    const doc = Scenario.parse(readAfterSplit(3));
    const whole = createSimulation(doc);
    whole.runUntil(whole.endUs());
    const stepped = createSimulation(doc);
    const stops: number[] = [];
    while (stepped.runToNextAction(stepped.endUs())) stops.push(stepped.nowUs() / 1e6);
    const readAt = whole.report().timeline.read.atS!;
    expect(readAt).toBeGreaterThan(33);
    expect(stops).toEqual([0, 30, readAt, 80]);
    expect(stepped.nowUs()).toBe(stepped.endUs());
    expect(stepped.eventLogHash()).toBe(whole.eventLogHash());
    expect(JSON.stringify(stepped.report())).toBe(JSON.stringify(whole.report()));
  });

  it('a scenario without triggers reports every entry at its time, keyed by index', () => {
    const { report } = run(builtIn('fig5b-quick-split.json'));
    expect(report.timeline['#0']).toEqual({ atS: 0, ok: true, trigger: 'time' });
    expect(report.timeline['#1']).toEqual({ atS: 30, ok: true, trigger: 'time' });
    expect(Object.keys(report.timeline)).toEqual(['#0', '#1', '#2', '#3']);
  });

  it('firedTriggers lists fired entries by scenario index with their run time', () => {
    const doc = Scenario.parse(readAfterSplit(2));
    const sim = createSimulation(doc);
    expect(sim.firedTriggers()).toEqual([]);
    sim.runUntil(sim.endUs());
    const index = doc.timeline.findIndex((e) => e.id === 'read');
    expect(sim.firedTriggers()).toEqual([{ index, atS: sim.report().timeline.read.atS }]);
  });
});

describe('timeline triggers › refused documents', () => {
  const compileError = (doc: ScenarioInput): CompileError => {
    try {
      createSimulation(Scenario.parse(doc));
    } catch (e) {
      if (e instanceof CompileError) return e;
      throw e;
    }
    throw new Error('expected a CompileError');
  };

  it('names an unknown copy group, device or runbook', () => {
    const doc = readAfterSplit();
    const i = (doc.timeline as TimelineEntry[]).findIndex((e) => e.id === 'read');
    (doc.timeline as TimelineEntry[])[i] = { ...(doc.timeline as TimelineEntry[])[i], after: { kind: 'pairState', group: 'nope', states: ['PAIR'] } };
    expect(compileError(doc).message).toMatch(new RegExp(`timeline\\[${i}\\]\\.after\\.group.*no copy group "nope"`));
    (doc.timeline as TimelineEntry[])[i] = { ...(doc.timeline as TimelineEntry[])[i], after: { kind: 'runbookDone', runbook: 'rb' } };
    expect(compileError(doc).message).toMatch(/after\.runbook.*no runbook "rb"/);
  });

  it('refuses steps that wait on each other in a circle', () => {
    const doc = builtIn('fig5b-quick-split.json');
    const action = { type: 'pairSplit' as const, group: 'SI' };
    doc.timeline = [...(doc.timeline as TimelineEntry[]), { id: 'a', after: { kind: 'step', id: 'b' }, action }, { id: 'b', after: { kind: 'step', id: 'a' }, action }];
    expect(compileError(doc).message).toMatch(/timeline\[4\]\.after\.id.*circle \(a → b → a\)/);
  });

  it('refuses a circle through since', () => {
    const doc = builtIn('fig5b-quick-split.json');
    const action = { type: 'pairSplit' as const, group: 'SI' };
    doc.timeline = [
      { id: 'x', after: { kind: 'pairState', group: 'SI', states: ['PAIR'] }, since: 'y', action },
      { id: 'y', after: { kind: 'step', id: 'x' }, action },
    ];
    expect(compileError(doc).message).toMatch(/timeline\[0\]\.since.*circle/);
  });
});
