/**
 * The event log for people: numbering, the bound, reading from a point; and what a run records
 * (the demo: actions, pair states, jobs; Fig. 13: alerts and refused I/O), in time order, the
 * same on every run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../model/scenario.ts';
import { createSimulation } from '../simulation.ts';
import { EventJournal, JOURNAL_LIMIT } from './event-journal.ts';

const builtIn = (f: string) => Scenario.parse(JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')));

describe('event journal', () => {
  it('numbers entries, drops the oldest beyond the limit and reads from any point', () => {
    const j = new EventJournal();
    for (let i = 0; i < JOURNAL_LIMIT + 5; i++) j.record(i, 'action', 'd', `e${i + 1}`);
    expect(j.count).toBe(JOURNAL_LIMIT + 5);
    const all = j.since(1);
    expect(all.entries[0].seq).toBe(6); // the first five were dropped
    expect(all.next).toBe(JOURNAL_LIMIT + 6);
    expect(j.since(JOURNAL_LIMIT + 4).entries.map((e) => e.text)).toEqual([`e${JOURNAL_LIMIT + 4}`, `e${JOURNAL_LIMIT + 5}`]);
    expect(j.since(JOURNAL_LIMIT + 6)).toEqual({ entries: [], next: JOURNAL_LIMIT + 6 });
  });

  it('records the demo\'s actions, pair states and jobs, in time order, identically on every run', () => {
    const run = () => {
      const sim = createSimulation(builtIn('embodiment-1-online-backup.json'));
      sim.runUntil(sim.endUs());
      return sim.journal(1).entries;
    };
    const a = run();
    expect(JSON.stringify(run())).toBe(JSON.stringify(a));
    const kinds = new Set(a.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['action', 'job', 'pair-state']));
    for (let i = 1; i < a.length; i++) expect(a[i].timeUs).toBeGreaterThanOrEqual(a[i - 1].timeUs);
    expect(a.find((e) => e.kind === 'pair-state')?.text).toMatch(/^pair \S+: SMPL → COPY$/);
    const action = a.find((e) => e.kind === 'action')!;
    expect(action.action?.type).toBeDefined();
    expect(action.text).toMatch(/^(timeline|command|runbook step): /);
  });

  it('records alerts and, once a second, each workload\'s refused I/O with the reason (Fig. 13)', () => {
    const sim = createSimulation(builtIn('fig13-fabric-failover.json'));
    sim.runUntil(17_000_000);
    const e = sim.journal(1).entries;
    expect(e.find((x) => x.kind === 'action')).toMatchObject({ timeUs: 10_000_000, deviceId: 'l3', text: 'timeline: setFault' });
    expect(e.find((x) => x.kind === 'alert' && x.deviceId === 'l3')?.text).toBe('critical fault: link l3 failed');
    const refused = e.filter((x) => x.kind === 'rejected-io');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].deviceId).toBe('mail');
    expect(refused[0].text).toMatch(/^mail\/mail: \d+ I\/Os refused in the last second \(no-path\)$/);
  });
});
