/**
 * Runbooks in the simulation (runbooks.ts): steps in order with their durations, `when`
 * preconditions and `until` completion events, a refused action failing the step and the
 * runbook, a trainer's pause before a step, resume, one step at a time and step mode, and the
 * changes each step records (pair, job, backup mode, mount).
 */
import { describe, expect, it } from 'vitest';
import type { RunbookStatus } from '../backup-api.ts';
import { createSimulation } from '../simulation.ts';
import type { EngineSimulationHandle } from '../simulation-types.ts';
import { backupScenario, jobOf, must, trackRange, writeTracks, type BackupSanOptions, type RunbookInput } from '../testing/backup-fixtures.ts';

const POLL_S = 0.01; // RUNBOOK_POLL_US

function start(runbooks: RunbookInput[], opts: BackupSanOptions = {}): EngineSimulationHandle {
  return createSimulation(backupScenario({ pair: 'local', runbooks, ...opts }));
}

function rb(sim: EngineSimulationHandle, id: string): RunbookStatus {
  const r = sim.backupStatus().runbooks.find((x) => x.id === id);
  if (!r) throw new Error(`no runbook ${id}`);
  return r;
}

const times = (r: RunbookStatus) => r.steps.map((s) => [s.n, s.state, s.startedS, s.endedS]);

/** Four plain steps of 1 s each. */
const plain = (stepMode = false): RunbookInput => ({
  id: 'plain', name: 'four steps', stepMode,
  steps: [1, 2, 3, 4].map((n) => ({ n, title: `step ${n}`, durationS: 1 })),
});

const backupFlow: RunbookInput = {
  id: 'flow', name: 'create, wait for a split, back up, resync',
  steps: [
    { n: 10, title: 'coordination call', durationS: 2 },
    { n: 11, title: 'create the pair', action: { type: 'pairCreate', group: 'G', pace: 15, split: false }, until: { kind: 'pairState', group: 'G', states: ['PAIR'] } },
    { n: 12, title: 'wait for the operator to split', when: { kind: 'pairState', group: 'G', states: ['PSUS'] }, durationS: 0.5 },
    { n: 13, title: 'back up S', action: { type: 'backupJob', job: 'bk', source: 'S', libraryId: 'lib1', path: 'lan-free', serverId: 'bk' }, until: { kind: 'jobDone', job: 'bk' } },
    { n: 14, title: 'resync', action: { type: 'pairResync', group: 'G', restore: false }, until: { kind: 'pairState', group: 'G', states: ['PAIR'] } },
  ],
};

describe('runbooks › running', () => {
  it('runs steps in order with their durations; `when` waits for the split; `until` waits for PAIR and for the job', () => {
    const sim = start([backupFlow], {
      timeline: [
        { atS: 1, action: { type: 'startRunbook', runbook: 'flow' } },
        { atS: 10, action: { type: 'pairSplit', group: 'G', mode: 'steady', access: 'rw' } },
      ],
    });
    writeTracks(sim, 'P', trackRange(0, 3_000));
    sim.runUntil(6e6);
    expect(rb(sim, 'flow')).toMatchObject({ state: 'waiting', current: 2 });
    expect(rb(sim, 'flow').steps[2].state).toBe('waiting');
    sim.runUntil(200e6);
    const r = rb(sim, 'flow');
    expect(r.state).toBe('done');
    expect(r.current).toBe(-1);
    const [s10, s11, s12, s13, s14] = r.steps;
    expect([s10.startedS, s10.endedS]).toEqual([1, 3]);
    expect(s11.startedS).toBe(3);
    expect(s11.endedS!).toBeGreaterThan(3); // the initial copy of 3,000 tracks takes time
    expect([s12.startedS, s12.endedS]).toEqual([10, 10.5]); // not before the split at 10 s
    expect(s13.startedS).toBe(10.5);
    const bk = jobOf(sim, 'bk');
    expect(s13.endedS! - bk.transferEndS!).toBeGreaterThanOrEqual(0); // until: the data is all on tape …
    expect(s13.endedS! - bk.transferEndS!).toBeLessThanOrEqual(POLL_S + 1e-6); // … seen at the next poll
    expect(bk.endedS!).toBeGreaterThan(s13.endedS!); // the tape was still unloading
    expect(s14.startedS).toBe(s13.endedS);
    for (let k = 1; k < r.steps.length; k++) if (k !== 2) expect(r.steps[k].startedS).toBe(r.steps[k - 1].endedS);
    expect(s10.changes).toEqual([]);
    expect(s11.changes).toEqual(['pair G/d: SMPL → PAIR']);
    expect(s12.changes).toEqual([]); // the split happened while it waited, before it started
    expect(s13.changes).toEqual(['job bk: — → unloading']);
    expect(s14.changes).toEqual(['pair G/d: PSUS → PAIR']);
    expect(s13.error).toBeNull();
  });

  it('records backup mode, mounts and access changes of a step', () => {
    const wwpn = '10:00:00:00:00:00:00:99';
    const sim = start([{
      id: 'coord', name: 'coordination',
      steps: [
        { n: 403, title: 'backup mode', action: { type: 'dbBackupMode', serverId: 'db', on: true } },
        { n: 406, title: 'allow', action: { type: 'setHostGroupWwpn', arrayId: 'arr1', hostGroupId: 'hg-bk', wwpn, member: true } },
        { n: 407, title: 'mount', action: { type: 'mountVolume', serverId: 'bk', ldevId: 'T', readOnly: true } },
      ],
    }], { pair: null, timeline: [{ atS: 0, action: { type: 'startRunbook', runbook: 'coord' } }] });
    sim.runUntil(1e6);
    const [a, b, c] = rb(sim, 'coord').steps;
    expect(a.changes).toEqual(['db backup mode: — → on']);
    expect(b.changes).toHaveLength(1);
    expect(b.changes[0]).toMatch(/^arr1\/hg-bk WWPNs: — → .*10:00:00:00:00:00:00:99/);
    expect(c.changes).toEqual(['bk mounts T: — → read-only']);
  });

  it('fails the step and the runbook when its action is refused, with the refusal, and runs nothing after it', () => {
    const sim = start([{
      id: 'bad', name: 'mount what bk cannot reach',
      steps: [
        { n: 1, title: 'ok', durationS: 1 },
        { n: 2, title: 'mount P on bk', action: { type: 'mountVolume', serverId: 'bk', ldevId: 'P', readOnly: true } },
        { n: 3, title: 'never', action: { type: 'backupJob', job: 'never', source: 'T', libraryId: 'lib1', path: 'lan-free', serverId: 'bk' } },
      ],
    }], { timeline: [{ atS: 0, action: { type: 'startRunbook', runbook: 'bad' } }] });
    sim.runUntil(30e6);
    const r = rb(sim, 'bad');
    expect(r.state).toBe('failed');
    expect(times(r)).toEqual([[1, 'done', 0, 1], [2, 'failed', 1, 1], [3, 'pending', null, null]]);
    expect(r.steps[1].error).toBe('mount refused: bk cannot reach P (arr1/fc0 LUN 0): not-in-host-group');
    expect(sim.backupStatus().jobs).toEqual([]);
  });

  it('waits in a `runbookDone` step for another runbook', () => {
    const sim = start([plain(), { id: 'after', name: 'after', steps: [{ n: 1, title: 'wait', when: { kind: 'runbookDone', runbook: 'plain' }, durationS: 1 }] }], {
      timeline: [{ atS: 0, action: { type: 'startRunbook', runbook: 'plain' } }, { atS: 0, action: { type: 'startRunbook', runbook: 'after' } }],
    });
    sim.runUntil(10e6);
    expect(times(rb(sim, 'after'))).toEqual([[1, 'done', 4, 5]]);
  });
});

describe('runbooks › a trainer pausing', () => {
  it('pauses before step n, stays paused, and resumes from it', () => {
    const sim = start([plain()]);
    must(sim, { type: 'startRunbook', runbook: 'plain' });
    must(sim, { type: 'pauseRunbook', runbook: 'plain', beforeStep: 3 });
    sim.runUntil(10e6);
    let r = rb(sim, 'plain');
    expect(r).toMatchObject({ state: 'paused', current: 2, pauseBefore: null });
    expect(times(r)).toEqual([[1, 'done', 0, 1], [2, 'done', 1, 2], [3, 'pending', null, null], [4, 'pending', null, null]]);
    must(sim, { type: 'resumeRunbook', runbook: 'plain', oneStep: false });
    sim.runUntil(20e6);
    r = rb(sim, 'plain');
    expect(r.state).toBe('done');
    expect(times(r).slice(2)).toEqual([[3, 'done', 10, 11], [4, 'done', 11, 12]]);
  });

  it('pauses now: the running step finishes, the next one waits', () => {
    const sim = start([plain()]);
    must(sim, { type: 'startRunbook', runbook: 'plain' });
    sim.runUntil(500_000);
    must(sim, { type: 'pauseRunbook', runbook: 'plain' });
    expect(rb(sim, 'plain').state).toBe('running'); // step 1 is still running
    sim.runUntil(5e6);
    expect(rb(sim, 'plain')).toMatchObject({ state: 'paused', current: 1 });
    expect(times(rb(sim, 'plain'))[0]).toEqual([1, 'done', 0, 1]);
  });

  it('with oneStep runs exactly one step, then pauses again', () => {
    const sim = start([plain()]);
    must(sim, { type: 'startRunbook', runbook: 'plain' });
    must(sim, { type: 'pauseRunbook', runbook: 'plain', beforeStep: 2 });
    sim.runUntil(5e6);
    must(sim, { type: 'resumeRunbook', runbook: 'plain', oneStep: true });
    sim.runUntil(10e6);
    const r = rb(sim, 'plain');
    expect(r).toMatchObject({ state: 'paused', current: 2 });
    expect(times(r)).toEqual([[1, 'done', 0, 1], [2, 'done', 5, 6], [3, 'pending', null, null], [4, 'pending', null, null]]);
  });

  it('in step mode pauses before every step; oneStep walks through; a plain resume runs the rest', () => {
    const sim = start([plain(true)]);
    must(sim, { type: 'startRunbook', runbook: 'plain' });
    expect(rb(sim, 'plain')).toMatchObject({ state: 'paused', current: 0, stepMode: true });
    sim.runUntil(3e6);
    expect(rb(sim, 'plain').steps[0].state).toBe('pending');
    for (const [at, current] of [[3, 1], [6, 2]]) {
      sim.runUntil(at * 1e6);
      must(sim, { type: 'resumeRunbook', runbook: 'plain', oneStep: true });
      sim.runUntil((at + 2) * 1e6);
      expect(rb(sim, 'plain')).toMatchObject({ state: 'paused', current });
    }
    expect(times(rb(sim, 'plain')).slice(0, 2)).toEqual([[1, 'done', 3, 4], [2, 'done', 6, 7]]);
    sim.runUntil(10e6);
    must(sim, { type: 'resumeRunbook', runbook: 'plain', oneStep: false });
    sim.runUntil(20e6);
    expect(rb(sim, 'plain').state).toBe('done');
    expect(times(rb(sim, 'plain')).slice(2)).toEqual([[3, 'done', 10, 11], [4, 'done', 11, 12]]);
  });

  // Bug (reported, minor): Runbooks.pause only pauses at once when the current step is
  // 'pending'; a step 'waiting' for its `when` keeps waiting and, when the condition holds,
  // starts and carries out its action although the trainer paused before it.
  it('pauses a runbook waiting for a precondition before the waiting step starts', () => {
    const sim = start([{
      id: 'w', name: 'wait then mount',
      steps: [
        { n: 1, title: 'wait for the split', when: { kind: 'pairState', group: 'G', states: ['PSUS'] }, action: { type: 'mountVolume', serverId: 'bk', ldevId: 'S', readOnly: true } },
        { n: 2, title: 'done', durationS: 0 },
      ],
    }]);
    must(sim, { type: 'pairCreate', group: 'G', pace: 15, split: false });
    must(sim, { type: 'startRunbook', runbook: 'w' });
    sim.runUntil(1e6);
    expect(rb(sim, 'w').state).toBe('waiting');
    must(sim, { type: 'pauseRunbook', runbook: 'w' });
    must(sim, { type: 'pairSplit', group: 'G', mode: 'steady', access: 'rw' });
    sim.runUntil(5e6);
    expect(rb(sim, 'w')).toMatchObject({ state: 'paused', current: 0 });
    expect(sim.backupStatus().mounts).toEqual([]); // the paused step's action was not carried out
  });

  it('refuses what makes no sense, naming the runbook', () => {
    const sim = start([plain()]);
    expect(sim.apply({ type: 'startRunbook', runbook: 'nope' })).toEqual({ ok: false, message: 'no runbook "nope"' });
    expect(sim.apply({ type: 'pauseRunbook', runbook: 'plain', beforeStep: 99 })).toEqual({ ok: false, message: 'runbook plain has no step 99' });
    must(sim, { type: 'startRunbook', runbook: 'plain' });
    expect(sim.apply({ type: 'startRunbook', runbook: 'plain' })).toEqual({ ok: false, message: 'runbook plain is already running' });
    sim.runUntil(10e6);
    expect(sim.apply({ type: 'resumeRunbook', runbook: 'plain', oneStep: false })).toEqual({ ok: false, message: 'runbook plain is done' });
    expect(sim.apply({ type: 'startRunbook', runbook: 'plain' })).toEqual({ ok: true }); // a finished runbook may run again
    sim.runUntil(20e6);
    expect(times(rb(sim, 'plain'))[0]).toEqual([1, 'done', 10, 11]);
  });
});
