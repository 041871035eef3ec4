/**
 * Writes scenarios/fig15-volume-move.json (SAN patent Fig. 15: a hot volume moves to faster
 * disks while the host keeps using it) in the canonical form (serialize.ts).
 *
 *   npx tsx scripts/gen-fig15-scenario.ts      # rewrites the file; commit it with the change
 *
 * The expectation bands: with these loads the hdd7k group is ≈ 70 % busy (hot ≈ 46 %, warm
 * ≈ 24 %) and hot costs the 4-disk SSD group ≈ 0.8 %. `--check` runs the same topology and loads
 * through the back-end harness of the volume-move tests (seeds 1–5: source predicted 22.9–26.2 %,
 * measured 23.3–24.1 %; target predicted 0.81–0.86 %, measured 0.78–0.82 %; switch-over at
 * ≈ 67.5 s). Prediction and measurement must both land within 5 pp of warm's ≈ 24 % on the
 * source, and within ±20 % of ≈ 0.82 % on the target.
 *
 *   npx tsx scripts/gen-fig15-scenario.ts --check   # prints those numbers, writes nothing
 */
import { writeFileSync } from 'node:fs';
import { serializeScenario } from '../src/model/serialize.ts';
import { Scenario, type Action, type Expectation } from '../src/model/scenario.ts';

const at = (atS: number, action: Action, note?: string) => ({ atS, action, ...(note ? { note } : {}) });
const expect = (description: string, path: string, op: Expectation['op'], value: Expectation['value']): Expectation => ({ description, path, op, value });

const wwpn = (n: number) => `10:00:00:00:c9:5f:15:0${n}`;

export function fig15Scenario(): Scenario {
  return Scenario.parse({
    version: 2,
    kind: 'sandbox-scenario',
    name: 'Fig. 15: move a hot volume to SSD while the host keeps using it',
    description:
      'A busy volume moves from 7.2k HDDs to SSDs while the host keeps using it; the console predicts both parity groups\' utilisation first and measures it after (SAN patent Fig. 15). ' +
      'This is what Hitachi Volume Migration (HP Auto LUN XP) does: a background copy, writes mirrored, then a switch-over the host never sees. ' +
      'The application server drives two LDEVs on parity group 1-1 (8 × 7.2k HDD, RAID5): hot at 160 I/O/s and warm at 80 I/O/s (8 KiB, 70 % reads, uniform over each volume), which keeps 1-1 about 70 % busy. ' +
      'At 12 s the console moves hot to parity group 2-1 (4 × SSD, RAID5). It first predicts, from the last 10 s, that 1-1 falls to warm\'s share (≈ 24 %) and that 2-1 rises by hot\'s back-end operations re-costed at SSD service times (≈ 0.8 %). ' +
      'The array copies hot in 4 MiB steps behind host I/O, destages writes to tracks already copied to both groups, then switches hot to 2-1: the host\'s port, LUN and data are unchanged. ' +
      'Ten seconds after the switch-over settles, the console shows the measured utilisation beside the prediction.',
    seed: 15,
    durationS: 100,
    topology: {
      version: 2,
      name: 'Fig. 15 volume move',
      sites: [{ id: 'main', name: 'Main site', kind: 'main' }],
      devices: [
        {
          id: 'app', name: 'Application server', kind: 'server', siteId: 'main', position: { x: 0, y: 0 },
          ports: [{ id: 'hba0', kind: 'fc', speedGbps: 8, wwpn: wwpn(1) }, { id: 'hba1', kind: 'fc', speedGbps: 8, wwpn: wwpn(2) }],
          serverClass: 'unix',
          roles: ['database'],
          workloads: [
            { id: 'oltp-hot', name: 'OLTP on hot (160 I/O/s)', target: { arrayId: 'array1', portId: 'CL1-A', lun: 0 }, rw: 'randrw', rwmixread: 70, bs: '8k', rate_iops: 160, size: '4g', skew: { kind: 'uniform', theta: 0.9 }, startAtS: 0 },
            { id: 'oltp-warm', name: 'OLTP on warm (80 I/O/s)', target: { arrayId: 'array1', portId: 'CL1-A', lun: 1 }, rw: 'randrw', rwmixread: 70, bs: '8k', rate_iops: 80, size: '4g', skew: { kind: 'uniform', theta: 0.9 }, startAtS: 0 },
          ],
          multipath: { policy: 'round-robin', failoverS: 5, checkIntervalS: 5 },
        },
        {
          id: 'fab-a', name: 'FC switch (fabric A)', kind: 'fcSwitch', siteId: 'main', position: { x: -160, y: 180 }, domainId: 1,
          ports: Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, kind: 'fc', speedGbps: 8 })),
        },
        {
          id: 'fab-b', name: 'FC switch (fabric B)', kind: 'fcSwitch', siteId: 'main', position: { x: 160, y: 180 }, domainId: 2,
          ports: Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, kind: 'fc', speedGbps: 8 })),
        },
        {
          id: 'array1', name: 'Disk array', kind: 'array', siteId: 'main', position: { x: 0, y: 360 },
          ports: [
            { id: 'CL1-A', kind: 'fc', speedGbps: 8, wwpn: '50:06:0e:80:15:15:00:00' },
            { id: 'CL2-A', kind: 'fc', speedGbps: 8, wwpn: '50:06:0e:80:15:15:00:10' },
          ],
          cacheGiB: 1,
          trackKiB: 256,
          parityGroups: [
            { id: '1-1', tier: 'hdd7k', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 4000 },
            { id: '2-1', tier: 'ssd', raid: 'RAID5', diskCount: 4, diskCapacityGiB: 1920 },
          ],
          ldevs: [
            { id: 'hot', name: 'hot (OLTP data)', parityGroupId: '1-1', capacityGiB: 4 },
            { id: 'warm', name: 'warm (OLTP logs)', parityGroupId: '1-1', capacityGiB: 4 },
          ],
          hostGroups: [
            { id: 'hg-app-a', name: 'app (fabric A)', portId: 'CL1-A', wwpns: [wwpn(1)] },
            { id: 'hg-app-b', name: 'app (fabric B)', portId: 'CL2-A', wwpns: [wwpn(2)] },
          ],
          luPaths: [
            { portId: 'CL1-A', hostGroupId: 'hg-app-a', lun: 0, ldevId: 'hot' },
            { portId: 'CL1-A', hostGroupId: 'hg-app-a', lun: 1, ldevId: 'warm' },
            { portId: 'CL2-A', hostGroupId: 'hg-app-b', lun: 0, ldevId: 'hot' },
            { portId: 'CL2-A', hostGroupId: 'hg-app-b', lun: 1, ldevId: 'warm' },
          ],
          pools: [],
        },
        {
          id: 'console1', name: 'Storage management console', kind: 'console', siteId: 'main', position: { x: 320, y: 0 },
          ports: [{ id: 'eth0', kind: 'lan', speedGbps: 1 }],
          monitoring: {
            parityGroupUtilPct: 80,
            responseMs: 50,
            rules: [{ id: 'storage-admin', role: 'storage administrator', minSeverity: 'info', kinds: ['volume-move', 'threshold'] }],
          },
        },
      ],
      links: [
        { id: 'l1', a: { deviceId: 'app', portId: 'hba0' }, b: { deviceId: 'fab-a', portId: 'p0' }, lengthM: 10 },
        { id: 'l2', a: { deviceId: 'app', portId: 'hba1' }, b: { deviceId: 'fab-b', portId: 'p0' }, lengthM: 10 },
        { id: 'l3', a: { deviceId: 'array1', portId: 'CL1-A' }, b: { deviceId: 'fab-a', portId: 'p1' }, lengthM: 10 },
        { id: 'l4', a: { deviceId: 'array1', portId: 'CL2-A' }, b: { deviceId: 'fab-b', portId: 'p1' }, lengthM: 10 },
      ],
      copyGroups: [],
    },
    timeline: [
      at(12, { type: 'moveVolume', ldevId: 'hot', parityGroupId: '2-1' },
        'The console moves hot to the SSD group 2-1. Before it starts, it predicts from the last 10 s: 1-1 falls from ≈ 70 % to warm\'s ≈ 24 %, 2-1 rises from 0 to ≈ 0.8 % (hot\'s reads and RAID5 writes at SSD service times). Watch 1-1 stay busy while the copy runs, then drop at the switch-over; the host\'s I/O never stops.'),
    ],
    expectations: [
      expect('the move finished: hot is on the SSD group', 'faults.moves.hot.state', '==', 'done'),
      expect('it moved from 1-1', 'faults.moves.hot.fromGroup', '==', '1-1'),
      expect('to 2-1', 'faults.moves.hot.toGroup', '==', '2-1'),
      expect('predicted: 1-1 keeps warm\'s share (≥ 19 %: within 5 pp of ≈ 24 %)', 'faults.moves.hot.predictedFromUtilPct', '>=', 19),
      expect('predicted: 1-1 keeps warm\'s share (≤ 29 %)', 'faults.moves.hot.predictedFromUtilPct', '<=', 29),
      expect('measured after the move: 1-1 is at warm\'s share (≥ 19 %)', 'faults.moves.hot.measuredFromUtilPct', '>=', 19),
      expect('measured after the move: 1-1 is at warm\'s share (≤ 29 %; it was ≈ 70 %)', 'faults.moves.hot.measuredFromUtilPct', '<=', 29),
      expect('predicted: 2-1 takes hot at SSD cost (≥ 0.65 %)', 'faults.moves.hot.predictedToUtilPct', '>=', 0.65),
      expect('predicted: 2-1 takes hot at SSD cost (≤ 1.0 %)', 'faults.moves.hot.predictedToUtilPct', '<=', 1.0),
      expect('measured: 2-1 carries hot (≥ 0.65 %)', 'faults.moves.hot.measuredToUtilPct', '>=', 0.65),
      expect('measured: 2-1 carries hot (≤ 1.0 %)', 'faults.moves.hot.measuredToUtilPct', '<=', 1.0),
      expect('no I/O was refused during the move', 'rejectedIos.total', '==', 0),
      expect('hot kept its load through the copy and the switch-over (≥ 100 reads/s on average)', 'ldevs.hot.readIops', '>=', 100),
      expect('warm kept its load (≥ 50 reads/s on average)', 'ldevs.warm.readIops', '>=', 50),
      expect('the console raised two volume-move alerts: start and switch-over', 'faults.alerts.byKind.volume-move', '==', 2),
    ],
  });
}

if (process.argv.includes('--check')) {
  const { MoveHarness } = await import('../src/engine/testing/move-harness.ts');
  const s = fig15Scenario();
  for (const seed of [1, 2, 3, 4, 5]) {
    const h = new MoveHarness(s, [
      { ldevId: 'hot', iops: 160, readPct: 70, bs: 8192 },
      { ldevId: 'warm', iops: 80, readPct: 70, bs: 8192 },
    ], undefined, seed);
    h.runUntil(12_000_000);
    h.moves.start('hot', '2-1', false);
    h.runUntil(s.durationS * 1_000_000);
    const [m] = h.moves.status();
    console.log(`seed ${seed}: switched at ${(m.switchedUs! / 1e6).toFixed(1)} s; before ${JSON.stringify(m.prediction.before)} predicted ${JSON.stringify(m.prediction.after)} measured ${JSON.stringify(m.measured)}`);
  }
} else {
  writeFileSync('scenarios/fig15-volume-move.json', serializeScenario(fig15Scenario()));
  console.log('wrote scenarios/fig15-volume-move.json');
}
