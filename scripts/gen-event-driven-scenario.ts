/**
 * Writes scenarios/fig5a-event-driven-backup.json: the SAN patent's Fig. 5a backup (steady split,
 * tape, resync) as a timeline whose steps wait for events instead of times or a runbook — each
 * step `after` the one before, the pair event or the job — in the canonical form (serialize.ts).
 *
 *   npx tsx scripts/gen-event-driven-scenario.ts      # rewrites the file; commit it with the change
 *
 * The design, load and seed are fig5a-steady-split-backup.json's (which runs the same flow as a
 * runbook), so the two must agree: split accepted at 31.5 s, the drain until ≈ 65 s, the tape
 * written by ≈ 105 s, a resync of ≈ 20,000 tracks. The expectations check the times the events
 * came (report `timeline`), not times written into the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { serializeScenario } from '../src/model/serialize.ts';
import { Scenario, type Expectation, type ScenarioInput } from '../src/model/scenario.ts';

const expect = (description: string, path: string, op: Expectation['op'], value: Expectation['value']): Expectation => ({ description, path, op, value });

export function eventDrivenScenario(): Scenario {
  const base = JSON.parse(readFileSync(new URL('../scenarios/fig5a-steady-split-backup.json', import.meta.url), 'utf8')) as ScenarioInput;
  return Scenario.parse({
    ...base,
    name: 'Fig. 5a backup, event by event: each step waits for the one before',
    description:
      'The SAN patent\'s Fig. 5a backup with no clock times after the start and no runbook: every timeline step waits for an event, as an operator\'s script waits with pairevtwait. ' +
      'At 30 s the DBMS goes into backup mode; 1.5 s after that step the disk control script splits the ShadowImage pair db-primary/db-secondary (steady split, Fig. 5a); right after the split the DBMS leaves backup mode. ' +
      'The backup job waits for the pair event PSUS — the steady split drains what db-secondary lagged, so the copy is usable only at about 65 s — and the resync waits for the tape job to end. ' +
      'The design, the 3,000 I/O/s OLTP load and the seed are those of "Fig. 5a backup: steady split, tape and resync", which runs the same flow as a runbook: the two give the same times. ' +
      'Step through it with Next action: the diamond markers appear on the timeline as their events come.',
    runbooks: [],
    timeline: [
      { atS: 0, action: { type: 'pairCreate', group: 'SI', pace: 2, split: false }, note: 'The array pairs db-primary with db-secondary; at pace 2 the update copy runs behind the OLTP writes.' },
      {
        id: 'backup-mode',
        atS: 30,
        action: { type: 'dbBackupMode', serverId: 'db-server', on: true },
        note: 'The DBMS script sets backup mode: writes are held, so the volume is consistent at the split (Fig. 7).',
      },
      {
        id: 'split',
        after: { kind: 'step', id: 'backup-mode' },
        delayS: 1.5,
        action: { type: 'pairSplit', group: 'SI', mode: 'steady', access: 'r' },
        note: '1.5 s after backup mode: the disk control script splits the pair (steady, Fig. 5a). The pending copy drains first: COPY(SP), the S-VOL is not usable yet.',
      },
      {
        id: 'end-backup-mode',
        after: { kind: 'step', id: 'split' },
        action: { type: 'dbBackupMode', serverId: 'db-server', on: false },
        note: 'Right after the split is accepted the DBMS leaves backup mode: the held writes go to db-primary.',
      },
      {
        id: 'backup',
        after: { kind: 'pairState', group: 'SI', states: ['PSUS'] },
        since: 'split',
        action: { type: 'backupJob', job: 'bk-svol', source: 'db-secondary', libraryId: 'tape1', path: 'lan-free', serverId: 'backup-server' },
        note: 'pairevtwait -s psus ends: the drain is done and db-secondary holds the image of the split. The backup server copies it to tape over the SAN (LAN-free).',
      },
      {
        id: 'resync',
        after: { kind: 'jobDone', job: 'bk-svol' },
        action: { type: 'pairResync', group: 'SI', pace: 15 },
        note: 'The tape job has written its data: the disk control script resynchronises the pair, copying only the tracks written on either side since the split.',
      },
    ],
    expectations: [
      expect('the split came 1.5 s after backup mode (at 31.5 s)', 'timeline.split.atS', '==', 31.5),
      expect('the split was accepted', 'timeline.split.ok', '==', true),
      expect('backup mode ended at the split', 'timeline[end-backup-mode].atS', '==', 31.5),
      expect('so at about 65 s: db-secondary was unavailable for ~34 s (at least 60)', 'timeline.backup.atS', '>=', 60),
      expect('so at about 65 s: db-secondary was unavailable for ~34 s (at most 70)', 'timeline.backup.atS', '<=', 70),
      expect('the job was created then', 'jobs.bk-svol.createdS', '==', { path: 'timeline.backup.atS' }),
      expect('the split drained what db-secondary lagged at the split', 'pairs[SI/db].copies.2.reason', '==', 'split-drain'),
      expect('the backup finished', 'jobs.bk-svol.state', '==', 'done'),
      expect('verification passed: the tape equals db-primary as it was when the split was accepted', 'jobs.bk-svol.verification.passed', '==', true),
      expect('the resync waited for the tape (written by about 105 s; at least 100)', 'timeline.resync.atS', '>=', 100),
      expect('the resync waited for the tape (written by about 105 s; at most 110)', 'timeline.resync.atS', '<=', 110),
      expect('the resync was accepted', 'timeline.resync.ok', '==', true),
      expect('it copied the union of both sides\' changes', 'pairs[SI/db].copies.3.reason', '==', 'resync-union'),
      expect('the resync ran the instant the tape job had written its data', 'timeline.resync.atS', '==', { path: 'jobs.bk-svol.transferEndS' }),
      expect('the resync copy set: ~20,000 tracks written during the ~75 s split (at least 18000)', 'pairs[SI/db].copies.3.tracksPlanned', '>=', 18000),
      expect('the resync copy set: ~20,000 tracks written during the ~75 s split (at most 24000)', 'pairs[SI/db].copies.3.tracksPlanned', '<=', 24000),
      expect('the pair is in PAIR at the end', 'pairs[SI/db].state', '==', 'PAIR'),
      expect('the online load keeps its rate in every second (at least 2700 I/O/s)', 'ldevs.db-primary.series.minTotalIops', '>=', 2700),
      expect('no I/O was refused: every step waited for its event instead of retrying', 'rejectedIos.total', '==', 0),
    ],
  });
}

writeFileSync('scenarios/fig5a-event-driven-backup.json', serializeScenario(eventDrivenScenario()));
console.log('wrote scenarios/fig5a-event-driven-backup.json');
