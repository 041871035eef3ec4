/**
 * Writes three built-in scenarios for SAN patent figures the gallery did not cover yet (issue 7):
 *
 * - scenarios/fig4-nondisruptive-backup.json — Fig. 4, the short overview of non-disruptive
 *   backup: the array pair is split under DBMS backup mode, the backup server copies the S-VOL to
 *   tape over the SAN (LAN-free), the pair resyncs only the tracks written while split. Reuses the
 *   topology of fig5a-steady-split-backup.json (one array, database and backup servers, LTO-8).
 * - scenarios/fig6-host-mirror-backup.json — Fig. 6, the same backup with host mirroring software
 *   (copy group kind `host-mirror`) and coordinating tools instead of the array. Reuses the topology
 *   of embodiment-1-online-backup.json (its database server has an LU of both volumes).
 * - scenarios/fig10-async-remote-order.json — Fig. 10, asynchronous remote copy over a jittery WAN:
 *   batches arrive out of order, the remote applies them in sequence order; a synchronous pair side
 *   by side shows the round trip the asynchronous host does not wait for. Built from the two-site
 *   fixture (src/engine/testing/remote-fixtures.ts) like gen-remote-scenarios.ts.
 *
 * Invariants: every file is written in canonical form (serializeScenario), every timeline entry
 * has a note, every scenario states more than ten expectations. The numbers in the expectations
 * come from runs with each scenario's own seed; they are bounded loosely enough to hold for other
 * seeds (`npm run sim -- <file> --seed N`). Does not edit the scenarios it reads its topologies from.
 *
 *   npx tsx scripts/gen-san-overview-scenarios.ts      # rewrites the three files
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { serializeScenario } from '../src/model/serialize.ts';
import { Scenario, type Action, type Expectation } from '../src/model/scenario.ts';
import { remoteScenario } from '../src/engine/testing/remote-fixtures.ts';

type Step = Scenario['runbooks'][number]['steps'][number];

const at = (atS: number, action: Action, note: string) => ({ atS, action, note });
const expect = (description: string, path: string, op: Expectation['op'], value: Expectation['value']): Expectation => ({ description, path, op, value });
const load = (file: string): Scenario => Scenario.parse(JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')));

function write(file: string, scenario: unknown): void {
  const s = Scenario.parse(scenario);
  writeFileSync(`scenarios/${file}`, serializeScenario(s));
  console.log(`wrote scenarios/${file}`);
}

// ---------------------------------------------------------------------------------------------
// Fig. 4: non-disruptive backup overview (array pair)

function fig4(): void {
  const base = load('fig5a-steady-split-backup.json');
  const steps: Step[] = [
    { n: 1, title: 'DBMS: enter the backup-allowed state (writes held, the volume consistent)', actor: 'db-server', action: { type: 'dbBackupMode', serverId: 'db-server', on: true }, durationS: 1 },
    { n: 2, title: 'Array: split the pair; the S-VOL keeps the image at the split', actor: 'db-server', detail: 'The update copy kept db-secondary current, so the steady split has almost nothing to drain.', action: { type: 'pairSplit', group: 'SI', mode: 'steady', access: 'r' }, until: { kind: 'pairState', group: 'SI', states: ['PSUS'] }, durationS: 0 },
    { n: 3, title: 'DBMS: leave the backup-allowed state; the database carries on against db-primary', actor: 'db-server', action: { type: 'dbBackupMode', serverId: 'db-server', on: false }, durationS: 0 },
    { n: 4, title: 'Backup server: copy the split S-VOL to tape over the SAN (LAN-free)', actor: 'backup-server', detail: 'The backup server reads db-secondary through CL2-A and writes an LTO-8 cartridge through the FC switch: nothing crosses the LAN, nothing touches db-primary.', action: { type: 'backupJob', job: 'bk-fig4', source: 'db-secondary', libraryId: 'tape1', path: 'lan-free', serverId: 'backup-server' }, until: { kind: 'jobDone', job: 'bk-fig4' }, durationS: 0 },
    { n: 5, title: 'Array: resynchronise the pair (only the tracks written since the split)', actor: 'db-server', action: { type: 'pairResync', group: 'SI', restore: false, pace: 15 }, until: { kind: 'pairState', group: 'SI', states: ['PAIR'] }, durationS: 0 },
  ];
  const rate = 1500;
  const devices = base.topology.devices.map((d) =>
    d.kind === 'server' && d.id === 'db-server' ? { ...d, workloads: d.workloads.map((w) => ({ ...w, name: `OLTP (online processing, ${rate.toLocaleString('en')} I/O/s)`, rate_iops: rate })) } : d,
  );
  write('fig4-nondisruptive-backup.json', {
    ...base,
    topology: { ...base.topology, name: 'SAN patent Fig. 4: database server, backup server, one array, one tape library', devices },
    name: 'Fig. 4: non-disruptive backup overview (split, tape over the SAN, resync)',
    description:
      'SAN patent Fig. 4 in two minutes: a live database is backed up to tape from a split array pair without stopping it. ' +
      'The array keeps db-secondary a copy of db-primary while the OLTP load (1,500 I/O/s) runs. At 20 s the DBMS enters its backup-allowed state for a second, the pair is split (the S-VOL keeps the image at the split) and the database carries on. ' +
      'The backup server then copies db-secondary to an LTO-8 cartridge over the SAN, not the LAN, verified against db-primary as it was at the split, while the OLTP load keeps its rate and response time. ' +
      'Finally the pair is resynchronised: only the tracks written while split are copied, a small fraction of the volume. Start here; fig5a/fig5b and embodiment-1 show the details.',
    durationS: 150,
    timeline: [
      at(0, { type: 'pairCreate', group: 'SI', pace: 15, split: false }, 'The array pairs db-primary (P-VOL) with db-secondary (S-VOL); at pace 15 the update copy keeps up with the OLTP writes. The database is online throughout.'),
      at(20, { type: 'startRunbook', runbook: 'fig4-backup' }, 'The nightly backup starts: backup-allowed state, split, tape over the SAN, resync. Watch the OLTP response time: it does not move.'),
    ],
    runbooks: [{ id: 'fig4-backup', name: 'Non-disruptive backup (SAN patent Fig. 4)', description: 'Split the array pair under the DBMS backup-allowed state, back up the S-VOL to tape over the SAN, resynchronise.', stepMode: false, steps }],
    expectations: [
      expect('the runbook finished', 'runbooks.fig4-backup.state', '==', 'done'),
      expect('the tape holds the database as it was at the split, 1 s after the backup started (21 s)', 'catalog.bk-fig4.imageAtS', '==', 21),
      expect('the split S-VOL was ready within 4 s of the split (the update copy kept it current)', 'runbooks.fig4-backup.steps.1.endedS', '<=', 25),
      expect('the backup finished', 'jobs.bk-fig4.state', '==', 'done'),
      expect('verification: the tape equals db-primary as it was at the split', 'jobs.bk-fig4.verification.passed', '==', true),
      expect('every track of the 200 GiB volume was compared', 'jobs.bk-fig4.verification.tracksCompared', '==', 819200),
      expect('LAN-free: the backup streams the LTO-8 drive over the SAN (at least 250 MB/s)', 'jobs.bk-fig4.mbps', '>=', 250),
      expect('the OLTP load kept its rate in every second of the backup and resync (at least 1,350 of its 1,500 I/O/s)', 'ldevs.db-primary.series.minTotalIops', '>=', 1350),
      expect('the OLTP response stays low: p99 under 30 ms', 'ldevs.db-primary.responseMsP99', '<=', 30),
      expect('the OLTP mean response stays under 10 ms', 'ldevs.db-primary.responseMsMean', '<', 10),
      expect('no I/O of the database was refused', 'rejectedIos.total', '==', 0),
      expect('the resync copied only the tracks written while split', 'pairs[SI/db].copies.2.reason', '==', 'resync-union'),
      expect('those are a small fraction of the 819,200-track volume (under 5 %)', 'pairs[SI/db].copies.2.tracksPlanned', '<', 40960),
      expect('and fewer than the database wrote over the run', 'pairs[SI/db].copies.2.tracksPlanned', '<', { path: 'ldevs.db-primary.writtenTracks' }),
      expect('the pair is in PAIR again at the end', 'pairs[SI/db].state', '==', 'PAIR'),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Fig. 6: the same with host mirroring software

function fig6(): void {
  const base = load('embodiment-1-online-backup.json');
  const steps: Step[] = [
    { n: 1, title: 'Coordinating tool: ask the DBMS to enter its backup-allowed state', actor: 'backup-server', detail: 'The tool on the backup server calls its peer on the database server over the LAN.', durationS: 0.01 },
    { n: 2, title: 'DBMS: backup-allowed state (writes held in memory, the volume consistent)', actor: 'db-server', action: { type: 'dbBackupMode', serverId: 'db-server', on: true }, durationS: 1 },
    { n: 3, title: 'Host mirror: split the mirror; db-secondary becomes an independent volume', actor: 'db-server', detail: 'The mirroring software stops duplexing and records the positions written to db-primary from now on.', action: { type: 'pairSplit', group: 'HM', mode: 'steady', access: 'rw' }, until: { kind: 'pairState', group: 'HM', states: ['PSUS'] }, durationS: 0 },
    { n: 4, title: 'DBMS: leave the backup-allowed state (the held writes go to db-primary only)', actor: 'db-server', action: { type: 'dbBackupMode', serverId: 'db-server', on: false }, durationS: 0 },
    { n: 5, title: 'Coordinating tool: the backup server mounts db-secondary read-only', actor: 'backup-server', action: { type: 'mountVolume', serverId: 'backup-server', ldevId: 'db-secondary', readOnly: true }, durationS: 0.5 },
    { n: 6, title: 'Backup server: copy db-secondary to tape over the SAN', actor: 'backup-server', detail: 'LAN-free: the backup server reads db-secondary through CL2-A and writes the LTO-8 drive through the switch.', action: { type: 'backupJob', job: 'bk-fig6', source: 'db-secondary', libraryId: 'tape1', path: 'lan-free', serverId: 'backup-server' }, until: { kind: 'jobDone', job: 'bk-fig6' }, durationS: 0 },
    { n: 7, title: 'Coordinating tool: unmount db-secondary from the backup server', actor: 'backup-server', action: { type: 'unmountVolume', serverId: 'backup-server', ldevId: 'db-secondary' }, durationS: 0 },
    { n: 8, title: 'Host mirror: resynchronise (copy only the recorded positions through the database server)', actor: 'db-server', action: { type: 'pairResync', group: 'HM', restore: false, pace: 15 }, until: { kind: 'pairState', group: 'HM', states: ['PAIR'] }, durationS: 0 },
  ];
  write('fig6-host-mirror-backup.json', {
    ...base,
    name: 'Fig. 6: non-disruptive backup with host mirroring software',
    description:
      'SAN patent Fig. 6: the non-disruptive backup of Fig. 4 done by host mirroring software and coordinating tools instead of the array. ' +
      'The mirror program on the database server duplexes every OLTP write (3,000 I/O/s) onto db-primary and db-secondary, on separate parity groups. At 20 s the coordinating tools put the DBMS in its backup-allowed state, split the mirror and release the DBMS; ' +
      'the backup server mounts db-secondary read-only and copies it to an LTO-8 cartridge over the SAN while the database keeps running; then the mirror is resynchronised through the database server, copying only the positions written while split. ' +
      'Compare fig4-nondisruptive-backup.json, where the array does the copying.',
    topology: { ...base.topology, name: 'SAN patent Fig. 6: host mirroring, database server, backup server, one array, one tape library', copyGroups: [{ id: 'HM', kind: 'host-mirror', serverId: 'db-server', recordPositions: true, devices: [{ name: 'db', pvol: 'db-primary', svol: 'db-secondary', mu: 0 }] }] },
    durationS: 150,
    timeline: [
      at(0, { type: 'pairCreate', group: 'HM', pace: 3, split: false }, 'The host mirroring software on the database server starts duplexing: every write to db-primary also goes to db-secondary. No array replication is licensed or used.'),
      at(20, { type: 'startRunbook', runbook: 'fig6-backup' }, 'The coordinating tools run the backup: backup-allowed state, mirror split, tape over the SAN from the backup server, mirror resync.'),
    ],
    runbooks: [{ id: 'fig6-backup', name: 'Non-disruptive backup with host mirroring (SAN patent Fig. 6)', description: 'Coordinating tools split the host mirror under the DBMS backup-allowed state, the backup server copies the secondary to tape over the SAN, the mirror is resynchronised.', stepMode: false, steps }],
    expectations: [
      expect('the runbook finished', 'runbooks.fig6-backup.state', '==', 'done'),
      expect('the mirror split was accepted at once (the host mirror has nothing to drain)', 'runbooks.fig6-backup.steps.2.changes.0', '==', 'pair HM/db: PAIR → PSUS'),
      expect('the backup finished', 'jobs.bk-fig6.state', '==', 'done'),
      expect('verification: the cartridge equals db-primary as it was at the mirror split', 'jobs.bk-fig6.verification.passed', '==', true),
      expect('every track of the 200 GiB volume was compared', 'jobs.bk-fig6.verification.tracksCompared', '==', 819200),
      expect('LAN-free: the backup streams the LTO-8 drive over the SAN (at least 250 MB/s)', 'jobs.bk-fig6.mbps', '>=', 250),
      expect('one cartridge was mounted', 'libraries.tape1.mounts', '==', 1),
      expect('the mirror resync copied only the recorded positions', 'pairs[HM/db].copies.1.reason', '==', 'resync-union'),
      expect('those are a small fraction of the 819,200-track volume (under 5 %)', 'pairs[HM/db].copies.1.tracksPlanned', '<', 40960),
      expect('the mirror is duplexing again at the end', 'pairs[HM/db].state', '==', 'PAIR'),
      expect('after the resync db-secondary equals db-primary track for track', 'pairs[HM/db].svolDigest', '==', { path: 'ldevs.db-primary.contentDigest' }),
      expect('the OLTP load kept its rate in every second (at least 2,600 I/O/s)', 'ldevs.db-primary.series.minTotalIops', '>=', 2600),
      expect('the duplexed writes reached db-secondary too (30 % of 3,000 I/O/s, at least 700)', 'ldevs.db-secondary.writeIops', '>=', 700),
      expect('the OLTP response stays low: p99 under 30 ms', 'ldevs.db-primary.responseMsP99', '<=', 30),
      expect('no I/O of the database was refused', 'rejectedIos.total', '==', 0),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Fig. 10: asynchronous remote copy, out-of-order arrival, ordered apply

const LAYOUT: Record<string, { x: number; y: number; name: string }> = {
  db: { x: 0, y: 0, name: 'Bank database server (main)' },
  swM: { x: 0, y: 200, name: 'Main FC switch' },
  arrM: { x: 0, y: 400, name: 'Main disk array' },
  wan1: { x: 290, y: 240, name: 'WAN main–remote (jitter 4 ms)' },
  arrR: { x: 580, y: 400, name: 'Remote disk array' },
  swR: { x: 580, y: 200, name: 'Remote FC switch' },
  rpt: { x: 580, y: 0, name: 'Standby server (remote)' },
};

const km = 300;
const rtt = (2 * km * 5) / 1000; // 3 ms of light in fibre
const FIG10_TIMELINE = [
  at(0, { type: 'pairCreate', group: 'RCS', pace: 15, split: false }, `P0 → S0: synchronous remote copy; each host write waits for the remote array's acknowledgement, a ${rtt} ms round trip plus jitter.`),
  at(0, { type: 'pairCreate', group: 'RCA', pace: 15, split: false }, 'P1 → S1: asynchronous remote copy (journal); the host is told the update is complete before the remote has it.'),
  at(2, { type: 'startWorkload', serverId: 'db', workloadId: 'oltp0' }, 'The bank database starts writing P0 (1,500 writes a second): watch its response time include the WAN round trip.'),
  at(2, { type: 'startWorkload', serverId: 'db', workloadId: 'oltp1' }, 'And P1 at the same rate: its response time stays local. Journal batches cross the jittery WAN and some arrive out of order (the WAN link\'s reordered count).'),
  at(20, { type: 'verifyRemote', group: 'RCA' }, 'Mid-run check: the asynchronous remote is the primary after an exact prefix of the writes — no later update applied before an earlier one.'),
  at(40, { type: 'verifyRemote', group: 'RCA' }, 'Again under load: still a prefix, however the batches arrived.'),
  at(50, { type: 'stopWorkload', serverId: 'db', workloadId: 'oltp0' }, 'The writes stop on P0.'),
  at(50, { type: 'stopWorkload', serverId: 'db', workloadId: 'oltp1' }, 'The writes stop on P1; the remote applies what is still in flight, in order.'),
  at(55, { type: 'verifyRemote', group: 'RCS' }, 'Verify remote: the synchronous copy equals the primary.'),
  at(55, { type: 'verifyRemote', group: 'RCA' }, 'Verify remote: the asynchronous copy has caught up with every write, in order.'),
];

function fig10(): void {
  const base = remoteScenario({
    name: 'Fig. 10: asynchronous remote copy keeps the order of the updates',
    description:
      'SAN patent Fig. 10: asynchronous remote copy acknowledges the host at once and the remote applies the updates in their original order even when they arrive out of order. ' +
      `A bank's database at the main site writes two volumes (1,500 8 KiB writes a second each), both copied to the remote site ${km} km away over a 1 Gbit/s WAN whose batches get up to 4 ms of random delay (jitter), so a later batch often overtakes an earlier one. ` +
      'P1 uses asynchronous journal copy: each write is acknowledged locally, carries a sequence number, and the remote holds a batch that arrived early until the gap is filled, so a deposit is never applied after the withdrawal that followed it. ' +
      `P0 uses synchronous remote copy for comparison: every write waits for the ${rtt} ms round trip (plus jitter). Verify remote checks the remote image is always the primary after some prefix of the writes.`,
    groups: 'sync+async',
    volumes: 2,
    ldevGiB: 4,
    distanceKm: km,
    bandwidthMbps: 1000,
    jitterUs: 4000,
    workload: { rw: 'randwrite', bs: '8k', rate_iops: 1500, size: '1g' },
    perVolume: true,
    durationS: 60,
    seed: 10,
    timeline: FIG10_TIMELINE,
    expectations: [
      expect('the WAN delivered batches out of order (jitter)', 'remote.wanLinks.wan1.reordered', '>', 0),
      expect('mid-run, the asynchronous remote is an exact prefix of the primary', 'remote.verifications.0.verdict', '==', 'PASS'),
      expect('still a prefix later under load', 'remote.verifications.1.verdict', '==', 'PASS'),
      expect('verify remote: the synchronous copy equals the primary', 'remote.verifications.2.verdict', '==', 'PASS'),
      expect('verify remote: the asynchronous copy equals the primary after all its writes', 'remote.verifications.3.verdict', '==', 'PASS'),
      expect('the asynchronous remote applied every acknowledged write', 'remote.groups.ctg-0.appliedWrites', '==', { path: 'remote.groups.ctg-0.lastSeq' }),
      expect('asynchronous writes are acknowledged locally (< 0.5 ms)', 'remote.groups.ctg-0.writeResponseMsMean', '<', 0.5),
      expect(`synchronous writes wait at least the ${rtt} ms round trip`, 'remote.groups[sync:RCS].writeResponseMsMean', '>', rtt),
      expect('the host sees it too: P1 (async) responds in under 0.5 ms on average', 'ldevs.P1.responseMsMean', '<', 0.5),
      expect(`while P0 (sync) takes more than the ${rtt} ms round trip`, 'ldevs.P0.responseMsMean', '>', rtt),
      expect('the asynchronous remote lags well under a second (RPO)', 'remote.groups.ctg-0.worstLagS', '<', 1),
      expect('the asynchronous remote holds every write at the end', 'remote.groups.ctg-0.lagWrites', '==', 0),
      expect('once the writes stop, S1 equals P1', 'ldevs.S1.contentDigest', '==', { path: 'ldevs.P1.contentDigest' }),
      expect('no write was refused', 'rejectedIos.total', '==', 0),
      expect('nothing was suspended', 'remote.groups.ctg-0.suspensions', '==', 0),
    ],
  });
  const devices = base.topology.devices.map((d) => (LAYOUT[d.id] ? { ...d, name: LAYOUT[d.id].name, position: { x: LAYOUT[d.id].x, y: LAYOUT[d.id].y } } : d));
  // The fixture keeps the actions only: put the notes back, entry by entry (same order).
  const timeline = base.timeline.map((e, i) => ({ ...e, note: FIG10_TIMELINE[i].note }));
  write('fig10-async-remote-order.json', { ...base, topology: { ...base.topology, devices }, timeline });
}

fig4();
fig6();
fig10();
