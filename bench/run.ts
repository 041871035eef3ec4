/**
 * `npm run bench` — the speed and memory figures of the issue, as medians of several runs.
 * `npm run bench -- --json` prints the same figures as one JSON object with stable names.
 * `--skip-browser` leaves out the Chromium measurements (worker, charts, canvas).
 *
 * Targets (2 cores): Node ≥ 2 M simulated I/Os per wall second; worker within 15 % of Node;
 * event queue ≥ 6 M push+pop/s with 1,000 pending; LRU ≥ 12 M ops/s while evicting; telemetry
 * ≤ 1 % of worker time; 32 × 1 TiB LDEVs with 1 % written < 300 MB; charts (8 volumes × 600
 * points at 4 Hz) no main-thread task > 50 ms; canvas of 500 devices / 1,000 links ≥ 50 fps.
 * Replication (bench/replication.ts): union + scan of a 4 Mi-track pair's bitmaps < 50 ms; host
 * I/O rate with 16 local pairs in PAIR less than 30 % below the rate without.
 * Remote copy (bench/remote.ts): an async group of 16 volumes under 50,000 writes per simulated
 * second for 600 simulated s — wall time, heap growth from 60 s to 600 s < 50 MB, verify remote
 * PASS; a 30 s WAN outage (1 GiB and 256 MiB journals) — heap while the journal is full.
 */
import { benchBackup1TiB } from './backup.ts';
import { benchDigestMemory, benchEventQueue, benchLruCache } from './micro.ts';
import { benchNodeSim } from './node-sim.ts';
import { benchRemoteAsync16, benchRemoteOutage } from './remote.ts';
import { benchBitmapUnionScan, benchPairsIoRate, benchResync1TiB } from './replication.ts';

interface Figure {
  name: string;
  value: number;
  unit: string;
  target: string;
  ok: boolean;
}

const args = new Set(process.argv.slice(2));
const asJson = args.has('--json');
const log = (msg: string) => {
  if (!asJson) console.error(msg);
};

async function main() {
  const figures: Figure[] = [];
  const add = (name: string, value: number, unit: string, target: string, ok: boolean) =>
    figures.push({ name, value: Math.round(value * 100) / 100, unit, target, ok });

  log('event queue …');
  const q = await benchEventQueue();
  add('eventQueuePushPopPerSec', q.pushPopPerSec, 'ops/s', '>= 6000000', q.pushPopPerSec >= 6e6);
  log('LRU cache …');
  const c = await benchLruCache();
  add('lruCacheOpsPerSec', c.opsPerSec, 'ops/s', '>= 12000000', c.opsPerSec >= 12e6);
  log('digest memory …');
  const m = await benchDigestMemory();
  add('memory32x1TiB1pctMB', m.heapMB, 'MB', '< 300', m.heapMB < 300);
  log('Node simulation (reference topology: 8 hosts, 2 arrays, 32 LDEVs) …');
  const n = await benchNodeSim();
  add('nodeSimIosPerSec', n.iosPerSec, 'I/O/s', '>= 2000000', n.iosPerSec >= 2e6);

  log('replication: resync of a 1 TiB pair with 1 % of its tracks dirty …');
  const rs = await benchResync1TiB();
  add('resync1TiB1pctWallMs', rs.wallMs, 'ms', 'info', true);
  add('resync1TiB1pctSimS', rs.simSeconds, 's', `info (pace ${rs.pace})`, true);
  add('resync1TiB1pctTracksCopied', rs.tracksCopied, 'tracks', `= ${rs.dirtyTracks} dirty`, rs.tracksCopied === rs.dirtyTracks);
  add('resync1TiB1pctBytesCopied', rs.bytesCopied, 'B', 'info', true);
  add('resync1TiB1pctSimGBPerWallSec', rs.simBytesPerWallSec / 1e9, 'GB/s', 'info (simulated bytes)', true);
  add('resync1TiB1pctPeakHeapMB', rs.peakHeapMB, 'MB', rs.heapMeasured ? 'info' : 'info (no --expose-gc: 0)', true);
  log('replication: bitmap union + scan of a 4 Mi-track pair …');
  const bm = await benchBitmapUnionScan();
  add('bitmapUnionScan4MiMs', bm.totalMs, 'ms', '< 50', bm.totalMs < 50);
  add('bitmapOrWith4MiMs', bm.orWithMs, 'ms', 'info', true);
  add('bitmapScan4MiMs', bm.scanMs, 'ms', 'info', true);
  add('bitmapUnionCount4MiMs', bm.unionCountMs, 'ms', 'info', true);
  log('replication: reference scenario with 16 local pairs in PAIR vs none …');
  const pr = await benchPairsIoRate();
  add('hostIosPerSecNoPairs', pr.withoutPairsIosPerSec, 'I/O/s', 'info (best of 3)', true);
  add('hostIosPerSec16Pairs', pr.withPairsIosPerSec, 'I/O/s', 'info (best of 3)', true);
  add('hostIoDrop16PairsPct', pr.dropPct, '%', '< 30', pr.dropPct < 30);
  add('hostIoDrop16PairsCpuPct', pr.dropPctCpu, '%', 'info (per CPU s)', true);
  add('simIosNoPairs', pr.withoutPairsIos, 'I/O', `info (${pr.simSeconds} simulated s)`, true);
  add('simIos16Pairs', pr.withPairsIos, 'I/O', `info (${pr.simSeconds} simulated s)`, true);
  add('pairs16TracksCopied', pr.pairTracksCopied, 'tracks', 'info (update copy)', true);

  log('backup: LAN-free backup of a 1 TiB LDEV with 10 % written to LTO-9, and its verification …');
  const bk = await benchBackup1TiB();
  add('backup1TiB10pctWallMs', bk.wallMs, 'ms', 'info', true);
  add('backup1TiB10pctSimS', bk.simSeconds, 's', 'info (simulated, mount to last byte)', true);
  add('backup1TiB10pctMBps', bk.mbps, 'MB/s', 'info (LTO-9 native 400)', true);
  add('backup1TiB10pctVerified', bk.verified ? 1 : 0, 'bool', `= 1 (${bk.tracksCompared} tracks compared)`, bk.verified);
  add('backup1TiB10pctPeakHeapMB', bk.peakHeapMB, 'MB', 'info', true);

  log('remote copy: async group of 16 volumes, 50k write IOPS, 600 simulated s (about 2 min) …');
  const ra = await benchRemoteAsync16();
  const heapNote = ra.heapMeasured ? '' : ' (no --expose-gc: 0)';
  add('remoteAsync16WallMs', ra.wallMs, 'ms', `info (${ra.simSeconds} simulated s, ${Math.round(ra.cpuS)} CPU s)`, true);
  add('remoteAsync16SimWritesPerWallSec', ra.simWritesPerWallSec, 'wr/s', `info (${ra.simWrites} writes)`, true);
  add('remoteAsync16SimWritesPerCpuSec', ra.simWritesPerCpuSec, 'wr/s', 'info (per CPU s)', true);
  add('remoteAsync16AckedWritesPerSimSec', ra.ackedWritesPerSimSec, 'wr/s', `>= 0.98 x ${ra.offeredWriteIops} offered`, ra.ackedWritesPerSimSec >= 0.98 * ra.offeredWriteIops);
  add('remoteAsync16HeapAt60sMB', ra.heapAt60sMB, 'MB', `info${heapNote}`, true);
  add('remoteAsync16HeapAt300sMB', ra.heapAt300sMB, 'MB', `info${heapNote}`, true);
  add('remoteAsync16HeapAt600sMB', ra.heapAt600sMB, 'MB', `info${heapNote}`, true);
  add('remoteAsync16HeapGrowthMB', ra.heapGrowthMB, 'MB', `< 50 (heap ${ra.simSeconds} s - heap 60 s)`, ra.heapMeasured && ra.heapGrowthMB < 50);
  add('remoteAsync16PeakJournalPct', ra.peakJournalPct, '%', `info (${Math.round(ra.peakJournalMiB * 100) / 100} of ${ra.journalMiB} MiB)`, true);
  add('remoteAsync16WorstLagS', ra.worstLagS, 's', `info (${ra.worstLagWrites} writes)`, true);
  add('remoteAsync16WorstLagWrites', ra.worstLagWrites, 'writes', 'info', true);
  add('remoteAsync16Suspensions', ra.suspensions, 'count', '= 0', ra.suspensions === 0);
  add('remoteAsync16VerifyMs', ra.verifyMs, 'ms', `info (${ra.verifyTracksCompared} tracks compared)`, true);
  add('remoteAsync16VerifyPass', ra.verifyPass ? 1 : 0, 'bool', `= 1 (${ra.verifyVerdict})`, ra.verifyPass);
  for (const journalMiB of [1024, 256]) {
    log(`remote copy: the same group, a 30 s WAN outage with ${journalMiB} MiB journals …`);
    const ro = await benchRemoteOutage({ journalMiB });
    const name = `remoteOutage30sJnl${journalMiB}`;
    add(`${name}WallMs`, ro.wallMs, 'ms', `info (${ro.simSeconds} simulated s)`, true);
    add(`${name}JournalFullHeapMB`, ro.journalFullHeapMB, 'MB', `info (${Math.round(ro.journalFullHeapMBPerJournalMiB * 1000) / 1000} MB per journal MiB)${heapNote}`, true);
    add(`${name}PeakHeapAddedMB`, ro.outageHeapMB, 'MB', `info (peak at ${ro.peakHeapAtS} s)${heapNote}`, true);
    add(`${name}PostDrainGrowthMB`, ro.postDrainGrowthMB, 'MB', `info${heapNote}`, true);
    add(`${name}WorstLagWrites`, ro.worstLagWrites, 'writes', `info (${ro.worstLagS} s; journal ${(journalMiB * 1024) / 4} entries of 4 KiB)`, true);
    add(`${name}PeakJournalPct`, ro.peakJournalPct, '%', 'info', true);
    add(`${name}DrainS`, ro.drainS, 's', 'info (lag < 1000 writes again)', true);
    add(`${name}Suspensions`, ro.suspensions, 'count', '= 0 (watch 60 s > outage)', ro.suspensions === 0);
    add(`${name}VerifyPass`, ro.verifyPass ? 1 : 0, 'bool', `= 1 (${ro.verifyVerdict}; during the outage ${ro.verifyDuringOutage})`, ro.verifyPass);
  }

  if (!args.has('--skip-browser')) {
    log('browser (worker, telemetry, charts, canvas) …');
    const { benchBrowser } = await import('./browser.ts');
    const b = await benchBrowser();
    const ratio = b.workerIosPerSec / n.iosPerSec;
    add('workerSimIosPerSec', b.workerIosPerSec, 'I/O/s', '>= 85% of node', ratio >= 0.85);
    add('workerToNodeRatio', ratio, 'x', '>= 0.85', ratio >= 0.85);
    add('telemetrySharePct', b.telemetrySharePct, '%', '<= 1', b.telemetrySharePct <= 1);
    add('chartsMaxTaskMs', b.chartsMaxTaskMs, 'ms', '<= 50', b.chartsMaxTaskMs <= 50);
    add('chartsMeanUpdateMs', b.chartsMeanUpdateMs, 'ms', 'info', true);
    add('canvasPanFps', b.canvasFps, 'fps', '>= 50', b.canvasFps >= 50);
  }

  if (asJson) {
    console.log(JSON.stringify(Object.fromEntries(figures.map((f) => [f.name, f.value])), null, 2));
  } else {
    const w = Math.max(...figures.map((f) => f.name.length));
    for (const f of figures) {
      console.log(`${f.ok ? 'ok  ' : 'MISS'} ${f.name.padEnd(w)}  ${String(f.value).padStart(14)} ${f.unit.padEnd(6)} target ${f.target}`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
