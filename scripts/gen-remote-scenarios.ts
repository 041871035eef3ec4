/**
 * Writes the built-in remote-copy scenarios (scenarios/remote-*.json, fig21-remote-data-mart.json)
 * from the two-site fixture (src/engine/testing/remote-fixtures.ts), laid out left (main site)
 * to right (remote site), in the canonical form (serialize.ts).
 *
 *   npx tsx scripts/gen-remote-scenarios.ts      # rewrites the files; commit them with the change
 */
import { writeFileSync } from 'node:fs';
import { serializeScenario } from '../src/model/serialize.ts';
import { Scenario, type Action, type Expectation } from '../src/model/scenario.ts';
import { remoteScenario, type RemoteSanOptions } from '../src/engine/testing/remote-fixtures.ts';

// Main site in a column on the left, remote site on the right, the WAN link between the arrays:
// compact enough for the canvas to fit it at a zoom where the nodes show their live badges.
const LAYOUT: Record<string, { x: number; y: number; name: string }> = {
  db: { x: 0, y: 0, name: 'Database server (main)' },
  swM: { x: 0, y: 200, name: 'Main FC switch' },
  arrM: { x: 0, y: 400, name: 'Main disk array' },
  wan1: { x: 290, y: 240, name: 'WAN main–remote' },
  arrR: { x: 580, y: 400, name: 'Remote disk array' },
  swR: { x: 580, y: 200, name: 'Remote FC switch' },
  rpt: { x: 580, y: 0, name: 'Reporting server (remote)' },
  libR: { x: 860, y: 200, name: 'Remote tape library' },
};

const at = (atS: number, action: Action, note?: string) => ({ atS, action, ...(note ? { note } : {}) });
const expect = (description: string, path: string, op: Expectation['op'], value: Expectation['value']): Expectation => ({ description, path, op, value });

function write(file: string, o: RemoteSanOptions, notes: Record<number, string> = {}): void {
  const base = remoteScenario(o);
  const devices = base.topology.devices.map((d) => (LAYOUT[d.id] ? { ...d, name: LAYOUT[d.id].name, position: { x: LAYOUT[d.id].x, y: LAYOUT[d.id].y } } : d));
  const timeline = base.timeline.map((e, i) => (notes[i] ? { ...e, note: notes[i] } : e));
  const scenario = Scenario.parse({ ...base, topology: { ...base.topology, devices }, timeline });
  writeFileSync(`scenarios/${file}`, serializeScenario(scenario));
  console.log(`wrote scenarios/${file}`);
}

function distanceScenario(km: number): void {
  const rtt = (2 * km * 5) / 1000;
  write(`remote-${km}km-sync-vs-async.json`, {
    name: `Remote copy over ${km.toLocaleString('en')} km: synchronous vs asynchronous`,
    description: `Synchronous and asynchronous remote copy side by side over ${km.toLocaleString('en')} km: compare the response times. Two databases at the main site, each mirrored to the remote site ${km.toLocaleString('en')} km away over a 1 Gbit/s WAN. P0 uses synchronous remote copy (TrueCopy, fence never): every write waits for the remote array's acknowledgement, a ${rtt} ms round trip of light in fibre. P1 uses asynchronous journal copy (Universal Replicator): the host is acknowledged at once and the remote applies the writes in sequence a little later. Compare the two volumes' response times on the charts, and the RPO of each group on the Remote tab.`,
    groups: 'sync+async',
    volumes: 2,
    ldevGiB: 4,
    distanceKm: km,
    bandwidthMbps: 1000,
    workload: { rw: 'randwrite', bs: '8k', rate_iops: 1000, size: '1g' },
    perVolume: true,
    durationS: 60,
    timeline: [
      at(0, { type: 'pairCreate', group: 'RCS', pace: 15, split: false }),
      at(0, { type: 'pairCreate', group: 'RCA', pace: 15, split: false }),
      at(2, { type: 'startWorkload', serverId: 'db', workloadId: 'oltp0' }),
      at(2, { type: 'startWorkload', serverId: 'db', workloadId: 'oltp1' }),
      at(50, { type: 'verifyRemote', group: 'RCS' }),
      at(50, { type: 'verifyRemote', group: 'RCA' }),
      at(55, { type: 'stopWorkload', serverId: 'db', workloadId: 'oltp0' }),
      at(55, { type: 'stopWorkload', serverId: 'db', workloadId: 'oltp1' }),
    ],
    expectations: [
      expect('the synchronous pair is in PAIR', 'pairs[RCS/d0].state', '==', 'PAIR'),
      expect('the asynchronous pair is in PAIR', 'pairs[RCA/d1].state', '==', 'PAIR'),
      expect(`synchronous writes wait at least the ${rtt} ms round trip`, 'remote.groups[sync:RCS].writeResponseMsMean', '>', rtt),
      expect('asynchronous writes are acknowledged locally (< 0.5 ms)', 'remote.groups.ctg-0.writeResponseMsMean', '<', 0.5),
      expect('the synchronous remote never lags', 'remote.groups[sync:RCS].worstLagWrites', '==', 0),
      expect('the asynchronous remote lags well under a second (RPO)', 'remote.groups.ctg-0.worstLagS', '<', 1),
      expect('verify remote: the synchronous copy equals the primary', 'remote.verifications.0.verdict', '==', 'PASS'),
      expect('verify remote: the asynchronous copy equals a prefix of the primary', 'remote.verifications.1.verdict', '==', 'PASS'),
      expect('the synchronous S-VOL equals its P-VOL', 'ldevs.S0.contentDigest', '==', { path: 'ldevs.P0.contentDigest' }),
      expect('once the writes stop, the asynchronous S-VOL catches up and equals its P-VOL', 'ldevs.S1.contentDigest', '==', { path: 'ldevs.P1.contentDigest' }),
      expect('the asynchronous remote holds every write at the end', 'remote.groups.ctg-0.lagWrites', '==', 0),
      expect('both databases ran at their rate', 'ldevs.P0.writeIops', '>', 800),
      expect('no write was refused', 'rejectedIos.total', '==', 0),
      expect('the WAN link carried both copies without saturating', 'remote.wanLinks.wan1.peakUtilizationPct', '<', 50),
    ],
  }, {
    0: 'paircreate -f never: the synchronous pair P0 → S0 starts its initial copy over the WAN.',
    1: 'paircreate -f async: the asynchronous pair P1 → S1 starts its initial copy through the journal.',
    2: 'Both databases start writing 1,000 8 KiB writes a second. Watch the response time of P0 (synchronous) against P1 (asynchronous).',
    3: 'P1\'s database starts too: its writes are acknowledged at once and journaled for the remote.',
    4: 'Verify remote: each remote image is compared, track by track, with the primary after the writes the remote holds.',
    5: 'Verify remote for the asynchronous group: the remote holds a prefix of the acknowledged writes, a few milliseconds behind.',
    6: 'The writes stop: the asynchronous remote catches up with the primary.',
    7: 'Both databases are idle: compare the two groups\' RPO on the Remote tab.',
  });
}

distanceScenario(100);
distanceScenario(1000);

write('remote-async-outage.json', {
  name: 'Remote copy: WAN outage, journal overflow and resync',
  description: 'A WAN outage fills the journal of asynchronous remote copy until the group suspends, and a resync brings it back. Asynchronous remote copy (Universal Replicator) over 300 km and 200 Mbit/s. At 20 s the WAN fails. The master journal (256 MiB) keeps every acknowledged write in sequence order: the lag in writes, bytes and seconds (RPO) grows while the remote stays a consistent prefix of the primary. The journal passes 80 % (PFUL), fills, host writes wait for the overflow watch (5 s), then the whole consistency group suspends (PFUS): un-applied entries become bitmap bits and the remote freezes. The WAN returns at 80 s; pairresync at 85 s copies only the bitmap, the remote is flagged inconsistent until the copy ends, then journal copy resumes.',
  mode: 'async',
  volumes: 1,
  ldevGiB: 4,
  distanceKm: 300,
  bandwidthMbps: 200,
  journalMiB: 256,
  overflowWatchS: 5,
  workload: { rw: 'randwrite', bs: '4k', rate_iops: 2000, size: '512m' },
  durationS: 150,
  timeline: [
    at(0, { type: 'pairCreate', group: 'RC', pace: 15, split: false }),
    at(2, { type: 'startWorkload', serverId: 'db', workloadId: 'oltp' }),
    at(20, { type: 'setWanLink', wanLinkId: 'wan1', up: false }),
    at(30, { type: 'verifyRemote', group: 'RC' }),
    at(80, { type: 'setWanLink', wanLinkId: 'wan1', up: true }),
    at(82, { type: 'verifyRemote', group: 'RC' }),
    at(85, { type: 'pairResync', group: 'RC', restore: false, pace: 15 }),
    at(86, { type: 'verifyRemote', group: 'RC' }),
    at(140, { type: 'verifyRemote', group: 'RC' }),
  ],
  expectations: [
    expect('the group suspended once (journal full)', 'remote.groups.ctg-0.suspensions', '==', 1),
    expect('the journal passed its 80 % threshold', 'remote.groups.ctg-0.peakJournalPct', '>', 80),
    expect('the RPO grew during the outage', 'remote.groups.ctg-0.worstLagS', '>', 30),
    expect('during the outage the remote is a prefix of the primary', 'remote.verifications.0.verdict', '==', 'PASS'),
    expect('suspended, the remote is frozen at its prefix', 'remote.verifications.1.verdict', '==', 'PASS'),
    expect('during the resync the remote is inconsistent', 'remote.verifications.2.verdict', '==', 'INCONSISTENT'),
    expect('after the resync the remote is a prefix again', 'remote.verifications.3.verdict', '==', 'PASS'),
    expect('the pair is back in PAIR', 'pairs[RC/d0].state', '==', 'PAIR'),
    expect('the resync copied the bitmap only', 'pairs[RC/d0].copies.1.reason', '==', 'resync-union'),
    expect('the resync copied each dirty track once (2,048 tracks of the 512 MiB working set)', 'pairs[RC/d0].copies.1.tracks', '==', 2048),
    expect('the WAN link was down for 60 s', 'remote.wanLinks.wan1.downS', '==', 60),
    expect('the group suspended after the journal stayed full', 'remote.groups.ctg-0.suspendedAtS', '>', 50),
    expect('at the end the remote lags under a second again', 'remote.groups.ctg-0.lagS', '<', 1),
  ],
}, {
  0: 'paircreate -f async: the database volume is copied to the remote site through the journal.',
  1: 'The database starts writing; the remote follows a few milliseconds behind.',
  2: 'The WAN link fails: journal entries pile up at the main site; the remote stays at a consistent prefix.',
  3: 'Verify remote during the outage: the remote still equals a prefix of the primary\'s writes — just an older one.',
  4: 'The WAN link is back; the group is suspended (PFUS) and needs a resync.',
  5: 'Verify remote while suspended: the remote is frozen at the prefix it held when the journal overflowed.',
  6: 'pairresync: only the tracks in the bitmap cross the WAN.',
  7: 'Verify remote during the resync: INCONSISTENT, since a resync copies tracks out of write order.',
  8: 'Verify remote after the resync: the remote is again a prefix of the primary, almost all of it.',
});

write('remote-takeover-drill.json', {
  name: 'Remote copy: takeover drill and swap resync',
  description: 'A failover drill: the remote site takes over, then a swap resync makes it the primary. Over 1,000 km of asynchronous remote copy: at 20 s the main site is cut off (WAN down, the database stopped). At 22 s the remote takes over (pairsplit -RS): the S-VOL becomes writable (SSWS) holding a consistent prefix of the primary, and the application restarts at the remote site. When the WAN is back, pairresync -swaps makes the remote the primary and copies back the union of both sides\' changes; from then on the main site is the copy.',
  mode: 'async',
  volumes: 1,
  ldevGiB: 4,
  distanceKm: 1000,
  bandwidthMbps: 1000,
  workload: { rw: 'randwrite', bs: '4k', rate_iops: 1000, size: '512m' },
  remoteWorkload: { id: 'app', lun: 0, rw: 'randwrite', bs: '4k', rate_iops: 500, size: '512m' },
  durationS: 100,
  timeline: [
    at(0, { type: 'pairCreate', group: 'RC', pace: 15, split: false }),
    at(2, { type: 'startWorkload', serverId: 'db', workloadId: 'oltp' }),
    at(20, { type: 'setWanLink', wanLinkId: 'wan1', up: false }),
    at(20, { type: 'stopWorkload', serverId: 'db', workloadId: 'oltp' }),
    at(22, { type: 'pairSplit', group: 'RC', mode: 'steady', access: 'rw', takeover: true }),
    at(22, { type: 'verifyRemote', group: 'RC' }),
    at(25, { type: 'startWorkload', serverId: 'rpt', workloadId: 'app' }),
    at(50, { type: 'setWanLink', wanLinkId: 'wan1', up: true }),
    at(52, { type: 'pairResync', group: 'RC', restore: false, swap: true, pace: 15 }),
    at(88, { type: 'stopWorkload', serverId: 'rpt', workloadId: 'app' }),
    at(90, { type: 'verifyRemote', group: 'RC' }),
  ],
  expectations: [
    expect('at takeover the remote holds a consistent prefix', 'remote.verifications.0.verdict', '==', 'PASS'),
    expect('the swap resync copied the union of both sides', 'pairs[RC/d0].copies.1.reason', '==', 'swap-resync'),
    expect('the pair is PAIR again, reversed', 'pairs[RC/d0].remote.swapped', '==', true),
    expect('the remote site is now the primary', 'pairs[RC/d0].pvol', '==', 'S0'),
    expect('after the swap the main site is a prefix of the new primary', 'remote.verifications.1.verdict', '==', 'PASS'),
    expect('no write was refused', 'rejectedIos.total', '==', 0),
    expect('the application at the remote site wrote the taken-over volume', 'ldevs.S0.writeIops', '>', 0),
    expect('the copies are equal at the end', 'ldevs.P0.contentDigest', '==', { path: 'ldevs.S0.contentDigest' }),
    expect('nothing was suspended by the journal', 'remote.groups.ctg-0.suspensions', '==', 0),
    expect('the WAN was down for the 30 s of the drill', 'remote.wanLinks.wan1.downS', '==', 30),
    expect('the worst RPO stays within the drill (under 60 s)', 'remote.groups.ctg-0.worstLagS', '<', 60),
  ],
}, {
  0: 'paircreate -f async: the database is copied to the remote site.',
  1: 'The database writes 1,000 writes a second at the main site.',
  2: 'Disaster drill: the main site is cut off.',
  3: 'The main site\'s database stops writing.',
  4: 'pairsplit -RS: the remote S-VOL is taken over (SSWS), writable, holding a consistent prefix.',
  5: 'Verify remote at the takeover: the taken-over volume equals a prefix of the writes the main site acknowledged.',
  6: 'The application restarts at the remote site and writes the taken-over volume.',
  7: 'The WAN link is back.',
  8: 'pairresync -swaps: the remote becomes the primary; the union of both sides\' changes is copied to the main site.',
  9: 'The remote application stops writing.',
  10: 'Verify remote after the swap: the main site now holds the remote\'s writes, and both sides are equal.',
});

write('remote-async-tape.json', {
  name: 'Remote copy to tape at the remote site (the cheaper copy)',
  description: 'Asynchronous remote copy to a tape library at the remote site, the patent\'s cheaper copy. Its target for P0 is an LTO-8 tape library at the remote site, written sequentially in journal sequence order, while P1 is copied to a disk S-VOL. Verify remote reads the tape image back and compares it with the primary after the applied prefix.',
  mode: 'async',
  toTape: true,
  volumes: 2,
  ldevGiB: 4,
  distanceKm: 200,
  bandwidthMbps: 1000,
  workload: { rw: 'randwrite', bs: '16k', rate_iops: 800, size: '1g' },
  perVolume: true,
  durationS: 60,
  timeline: [
    at(0, { type: 'pairCreate', group: 'RC', pace: 15, split: false }),
    at(2, { type: 'startWorkload', serverId: 'db', workloadId: 'oltp0' }),
    at(2, { type: 'startWorkload', serverId: 'db', workloadId: 'oltp1' }),
    at(54, { type: 'stopWorkload', serverId: 'db', workloadId: 'oltp0' }),
    at(54, { type: 'stopWorkload', serverId: 'db', workloadId: 'oltp1' }),
    at(55, { type: 'verifyRemote', group: 'RC' }),
  ],
  expectations: [
    expect('the tape pair is in PAIR', 'pairs[RC/d0].state', '==', 'PAIR'),
    expect('the tape image and the S-VOL equal a prefix of the primary', 'remote.verifications.0.verdict', '==', 'PASS'),
    expect('the remote lags under a second', 'remote.groups.ctg-0.worstLagS', '<', 1),
    expect('the disk pair is in PAIR', 'pairs[RC/d1].state', '==', 'PAIR'),
    expect('the tape pair names its library', 'pairs[RC/d0].remote.targetLibraryId', '==', 'libR'),
    expect('the tape pair has no S-VOL', 'pairs[RC/d0].remote.sArrayId', '==', 'libR'),
    expect('the disk S-VOL equals its P-VOL once the writes stop', 'ldevs.S1.contentDigest', '==', { path: 'ldevs.P1.contentDigest' }),
    expect('the databases kept local response times', 'ldevs.P0.responseMsMean', '<', 0.5),
    expect('the WAN carried the copies', 'remote.wanLinks.wan1.bytes', '>', 1e9),
    expect('no write was refused', 'rejectedIos.total', '==', 0),
    expect('nothing was suspended', 'remote.groups.ctg-0.suspensions', '==', 0),
  ],
}, {
  0: 'paircreate -f async: d0 goes to the remote tape library, d1 to a remote disk, in one consistency group.',
  1: 'The first database starts writing: its writes reach the tape in sequence order.',
  2: 'The second database starts writing to the disk pair of the same group.',
  3: 'The first database stops.',
  4: 'The second database stops: the remote catches up.',
  5: 'Verify remote: the tape image and the remote disk equal a prefix of the primary.',
});

write('fig21-remote-data-mart.json', {
  name: 'Fig. 21: a nightly remote replica for the data marts',
  description: 'SAN patent Fig. 21: a remote replica split every night for the data marts, at no cost to production. The order database at the main site is copied asynchronously to the remote site. There a local replica (ShadowImage REP: S0 → T0) of the remote copy is split every night at 01:00 by the SAN manager; the reporting server reads the split replica for 2 minutes to build the data marts, then the replica is resynchronised. The production hosts at the main site see none of that load: compare the database\'s response time before, during and after the reporting job.',
  mode: 'async',
  volumes: 1,
  ldevGiB: 4,
  distanceKm: 100,
  bandwidthMbps: 1000,
  reportReplica: true,
  workload: { rw: 'randrw', rwmixread: 50, bs: '8k', rate_iops: 1500, size: '1g' },
  remoteWorkload: { id: 'mart', lun: 1, rw: 'read', bs: '256k', iodepth: 8, runtime: 120 },
  clockStart: '00:55',
  durationS: 600,
  runbooks: [{
    id: 'datamart',
    name: 'Nightly data-mart build',
    description: 'Split the remote replica, let the reporting server read it, resynchronise.',
    schedule: { frequency: 'daily', at: '01:00' },
    steps: [
      { n: 1, title: 'Split the remote replica (REP)', actor: 'arrR', action: { type: 'pairSplit', group: 'REP', mode: 'steady', access: 'rw' }, until: { kind: 'pairState', group: 'REP', states: ['PSUS'] } },
      { n: 2, title: 'Reporting server builds the data marts', actor: 'rpt', action: { type: 'startWorkload', serverId: 'rpt', workloadId: 'mart' }, durationS: 120 },
      { n: 3, title: 'Resynchronise the replica', actor: 'arrR', action: { type: 'pairResync', group: 'REP', restore: false, pace: 15 }, until: { kind: 'pairState', group: 'REP', states: ['PAIR'] } },
    ],
  }],
  timeline: [
    at(0, { type: 'pairCreate', group: 'RC', pace: 15, split: false }),
    at(0, { type: 'pairCreate', group: 'REP', pace: 15, split: false }),
    at(2, { type: 'startWorkload', serverId: 'db', workloadId: 'oltp' }),
    at(590, { type: 'verifyRemote', group: 'RC' }),
  ],
  expectations: [
    expect('the nightly run started at 01:00 and finished', 'runbookSchedule.datamart-0.state', '==', 'done'),
    expect('the reporting server read the replica', 'ldevs.T0.readIops', '>', 0),
    expect('the production database kept its response time', 'ldevs.P0.responseMsMean', '<', 1),
    expect('the remote copy stayed a prefix of the primary', 'remote.verifications.0.verdict', '==', 'PASS'),
    expect('the replica is paired again', 'pairs[REP/r0].state', '==', 'PAIR'),
    expect('the run started at 01:00 (300 s)', 'runbookSchedule.datamart-0.actualStartS', '==', 300),
    expect('the build took its two minutes and the resync a few seconds', 'runbookSchedule.datamart-0.actualEndS', '<', 450),
    expect('the runbook ended', 'runbooks.datamart.state', '==', 'done'),
    expect('the reporting server read at least 300 MB/s from the replica while it ran', 'ldevs.T0.readMBps', '>', 50),
    expect('the remote copy never lagged a second', 'remote.groups.ctg-0.worstLagS', '<', 1),
    expect('no write was refused', 'rejectedIos.total', '==', 0),
  ],
}, {
  0: 'paircreate -f async: the order database is copied to the remote site.',
  1: 'At the remote site, the local replica REP (S0 → T0) of the remote copy is paired.',
  2: 'Production starts: the order database writes at the main site.',
  3: 'Verify remote at the end: the remote copy is still a prefix of the primary after the nightly run.',
});
