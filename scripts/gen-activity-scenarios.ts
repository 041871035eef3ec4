/**
 * Writes scenarios/activity-nondisruptive-backup.json (issue 7, activities): embodiment 1's
 * topology (copied from scenarios/embodiment-1-online-backup.json, so the two never drift) with
 * the OLTP load running and the mirror established, but no runbook and no timeline action that
 * does the learner's work. The learner splits the mirror in backup mode, backs the S-VOL up to
 * tape and resynchronises it; the activity's checks grade that (docs/activities.md).
 *
 *   npx tsx scripts/gen-activity-scenarios.ts      # rewrites the file; commit it with the change
 *
 * The file's expectations hold without the learner (the workload ran, the mirror was
 * established), so `npm run sim -- --all` passes; the activity's checks are not expectations.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { serializeScenario } from '../src/model/serialize.ts';
import { Scenario, type Activity, type Expectation } from '../src/model/scenario.ts';

const DEMO = 'scenarios/embodiment-1-online-backup.json';
const OUT = 'scenarios/activity-nondisruptive-backup.json';
/** The resync must copy less than this share of the S-VOL's tracks. */
const RESYNC_MAX_SHARE = 0.05;

const expect = (description: string, path: string, op: Expectation['op'], value: Expectation['value']): Expectation => ({ description, path, op, value });

/** Tracks of LDEV `ldevId` in `s`'s topology. */
function trackCount(s: Scenario, ldevId: string): number {
  for (const d of s.topology.devices) {
    if (d.kind !== 'array') continue;
    const l = d.ldevs.find((x) => x.id === ldevId);
    if (l) return (l.capacityGiB * 1024 * 1024) / d.trackKiB;
  }
  throw new Error(`no LDEV ${ldevId} in ${DEMO}`);
}

function activity(pair: string, svol: string, libraryId: string, svolTracks: number): Activity {
  const p = `pairs[${pair}]`;
  const maxTracks = Math.floor(svolTracks * RESYNC_MAX_SHARE);
  return {
    title: 'Back up the database without stopping it',
    instructions: [
      'The database server runs its online load (3,000 I/O/s) on db-primary. Its mirror program duplexes every write onto db-secondary (copy group DB, state PAIR). Back the database up to tape while the load keeps running.',
      '1. Put the database in backup mode (its writes are held in memory, so the volume is consistent), split the mirror, then end backup mode. Console: pairsplit -g DB, or the Replication tab.',
      '2. Back the split S-VOL (db-secondary) up to the tape library tape1, for example LAN-free through the backup server (Backup tab, or window.sandbox.apply with a backupJob action).',
      `3. When the backup is on tape, resynchronise the mirror. Only the tracks written while split should be copied: less than ${Math.round(RESYNC_MAX_SHARE * 100)} % of the volume's ${svolTracks.toLocaleString('en-US')} tracks.`,
      'Press "Check results" at any time to see which tasks pass and why the others do not. "Reset" starts again from 00:00.',
    ].join('\n\n'),
    tasks: [
      {
        id: 'split',
        title: 'Split the mirror in backup mode: the S-VOL holds a consistent image',
        hint: 'dbBackupMode on for db-server, pairsplit -g DB, then dbBackupMode off. The split is done when the pair shows PSUS.',
        checks: [
          // The report keeps the P-VOL's digest at the last split until the pair is deleted (null
          // before any split): unlike `state == PSUS`, it still holds after the resync of task 3.
          expect('the mirror was split: the P-VOL image at the split is recorded', `${p}.pDigestAtSplit`, '!=', ''),
        ],
      },
      {
        id: 'backup',
        title: `Back up the S-VOL (${svol}) to tape`,
        hint: `Run a backup job with source ${svol} to library ${libraryId} (path lan-free, server backup-server) and wait until it is done.`,
        checks: [
          // Learner-independent: whatever the job is called, a cartridge was mounted, written and
          // unloaded (mount + unload = 2 robot moves), and the S-VOL was read (nothing else reads it).
          expect('a cartridge was mounted', `libraries.${libraryId}.mounts`, '>=', 1),
          expect('data was written to tape', `libraries.${libraryId}.bytes`, '>', 0),
          expect('the cartridge was unloaded: the job finished', `libraries.${libraryId}.robotMoves`, '>=', 2),
          expect(`the S-VOL (${svol}) was read`, `ldevs.${svol}.readIops`, '>', 0),
        ],
      },
      {
        id: 'resync',
        title: `Resynchronise with less than ${Math.round(RESYNC_MAX_SHARE * 100)} % of the tracks copied`,
        hint: 'pairresync -g DB once the backup is done; the pair returns to PAIR after copying only the differential tracks. Wait too long and more tracks are dirty.',
        checks: [
          expect('the mirror is duplexing again', `${p}.state`, '==', 'PAIR'),
          expect('the copy after the split was a differential resync', `${p}.copies.1.reason`, '==', 'resync-union'),
          expect(`the resync copied less than ${Math.round(RESYNC_MAX_SHARE * 100)} % of ${svolTracks} tracks`, `${p}.copies.1.tracks`, '<', maxTracks),
        ],
      },
    ],
  };
}

function baseline(pair: string, pvol: string, svol: string, libraryId: string): Expectation[] {
  const p = `pairs[${pair}]`;
  return [
    expect('the online load keeps its rate: 70 % of 3,000 I/O/s are reads (at least 1900)', `ldevs.${pvol}.readIops`, '>=', 1900),
    expect('the online load keeps its rate: 70 % of 3,000 I/O/s are reads (at most 2300)', `ldevs.${pvol}.readIops`, '<=', 2300),
    expect('and 30 % are writes (at least 800)', `ldevs.${pvol}.writeIops`, '>=', 800),
    expect('and 30 % are writes (at most 1000)', `ldevs.${pvol}.writeIops`, '<=', 1000),
    expect('no second of online processing is starved', `ldevs.${pvol}.series.minTotalIops`, '>=', 2600),
    expect('OLTP p99 response time stays under 30 ms', `ldevs.${pvol}.responseMsP99`, '<=', 30),
    expect('no I/O of the database server was refused', 'rejectedIos.total', '==', 0),
    expect('the mirror is established at once (both volumes empty)', `${p}.copies.0.tracksPlanned`, '==', 0),
    expect('the mirror program duplexes every write', `ldevs.${svol}.writeIops`, '==', { path: `ldevs.${pvol}.writeIops` }),
    expect('left alone, the mirror stays in PAIR', `${p}.state`, '==', 'PAIR'),
    expect('and the S-VOL equals the P-VOL', `${p}.svolDigest`, '==', { path: `ldevs.${pvol}.contentDigest` }),
    expect('nothing splits the mirror but the learner: no copy after the initial one', `${p}.tracksCopied`, '==', 0),
    expect('nothing backs up but the learner: no cartridge mounted', `libraries.${libraryId}.mounts`, '==', 0),
  ];
}

export function nondisruptiveBackupActivity(): Scenario {
  const demo = Scenario.parse(JSON.parse(readFileSync(DEMO, 'utf8')));
  const group = demo.topology.copyGroups[0];
  const pair = `${group.id}/${group.devices[0].name}`;
  const svol = group.devices[0].svol;
  const library = demo.topology.devices.find((d) => d.kind === 'tapeLibrary');
  if (!library || !svol) throw new Error(`${DEMO}: expected a tape library and a mirror with an S-VOL`);
  return Scenario.parse({
    version: 2,
    kind: 'sandbox-scenario',
    name: 'Activity: back up the database without stopping it',
    description:
      'A training activity: the learner backs up a running database by hand on embodiment 1\'s topology and is graded. ' +
      'The database server runs its online load on a host-mirrored volume (JP2002-041345, Fig. 1); the learner puts the database in backup mode and splits the mirror, backs the S-VOL up to tape and resynchronises. ' +
      'Nothing in the timeline does it for them: the Activity tab shows the tasks, the live percent complete and why a task does not pass yet.',
    seed: demo.seed,
    durationS: 600,
    clockStart: demo.clockStart,
    topology: { ...demo.topology, name: 'Online backup activity' },
    timeline: [{ atS: 0, action: { type: 'pairCreate', group: group.id, pace: 3, split: false }, note: 'The mirror is set up for you: both volumes are empty, so the pair is in PAIR at once. The rest is yours — see the Activity tab.' }],
    runbooks: [],
    // The run without the learner (the CLI, `--all`): the load and the mirror as the learner
    // finds them, and nothing doing the learner's work. The activity's checks are separate.
    expectations: baseline(pair, group.devices[0].pvol, svol, library.id),
    activity: activity(pair, svol, library.id, trackCount(demo, svol)),
  });
}

writeFileSync(OUT, serializeScenario(nondisruptiveBackupActivity()));
console.log(`wrote ${OUT}`);
