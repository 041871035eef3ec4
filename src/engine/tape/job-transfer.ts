/**
 * A job's chunk at the source and the sink (tape/jobs.ts drives the phases): reading runs of
 * tracks from an array through the pair rules, writing them through to an array, and the tape
 * drive's streaming model (speed matching, shoe-shining) — see the header of jobs.ts.
 *
 * Protocol: functions take the host's timelines and leave their times in return values; they
 * advance the shared cursor as the array and link timelines do.
 */
import { TAPE_BACKHITCH_US } from './media.ts';
import { shoeShineRunBytes } from './streaming.ts';
import type { Job, JobHost } from './jobs.ts';

/** Reads tracks [first, first + n) of the job's list from its source LDEV, runs in parallel; returns when the data has left the array. */
export function readRuns(h: JobHost, job: Job, first: number, n: number, now: number): number {
    const src = job.source;
  const paired = h.repl.ldevFlag[src] === 1;
  h.cursor[0] = now + job.path.commandUs;
  if (job.path.readPort >= 0) h.arrays.frontEnd(job.path.readPort);
  const start = h.cursor[0];
  let end = start;
  let hit = true;
  for (let i = first; i < first + n; ) {
    let k = i + 1;
    while (k < first + n && job.tracks[k] === job.tracks[k - 1] + 1) k++;
    const a = job.tracks[i];
    const b = job.tracks[k - 1];
    h.cursor[0] = start;
    if (paired) h.repl.beforeRead(src, a, b);
    const resident = h.arrays.serveReadRun(paired ? h.repl.readLdev : src, a, b - a + 1, paired ? h.repl.readGroup : -1);
    hit = hit && resident;
    if (h.cursor[0] > end) end = h.cursor[0];
    for (let x = i; x < k; x++) job.digests[x] = paired ? h.repl.readTrack(src, job.tracks[x]) : h.arrays.digests[src].get(job.tracks[x]);
    i = k;
  }
  h.metrics.jobIo(src, false, n * job.trackBytes, hit);
  return end;
}

/** Writes tracks [first, first + n) of the job's list to its target LDEV from `at`; returns when they are on disk. */
export function writeRuns(h: JobHost, job: Job, first: number, n: number, at: number): number {
    const target = job.target;
  const paired = h.repl.ldevFlag[target] === 1;
  const duplex = job.duplexPair >= 0 && h.repl.duplexing(job.duplexPair) ? job.duplexPair : -1;
  const svol = duplex >= 0 ? h.model.replication.pairs[duplex].svol : -1;
  h.cursor[0] = at;
  if (job.path.writePort >= 0) h.arrays.frontEnd(job.path.writePort);
  const start = h.cursor[0];
  let end = start;
  for (let i = first; i < first + n; ) {
    let k = i + 1;
    while (k < first + n && job.tracks[k] === job.tracks[k - 1] + 1) k++;
    const a = job.tracks[i];
    const b = job.tracks[k - 1];
    h.cursor[0] = start;
    if (paired) h.repl.beforeWrite(target, a, b, -1, duplex);
    h.arrays.writeRunThrough(target, b - a + 1);
    if (h.cursor[0] > end) end = h.cursor[0];
    if (svol >= 0) {
      h.cursor[0] = start;
      if (h.repl.ldevFlag[svol] === 1) h.repl.beforeWrite(svol, a, b, -1, duplex);
      h.arrays.writeRunThrough(svol, b - a + 1);
      if (h.cursor[0] > end) end = h.cursor[0];
    }
    for (let x = i; x < k; x++) {
      h.arrays.digests[target].set(job.tracks[x], job.digests[x]);
      if (svol >= 0) h.arrays.digests[svol].set(job.tracks[x], job.digests[x]);
    }
    i = k;
  }
  h.metrics.jobIo(target, true, n * job.trackBytes, false);
  if (svol >= 0) h.metrics.jobIo(svol, true, n * job.trackBytes, false);
  return end;
}

/** The drive writes `bytes` that arrive at `at`: in order, speed-matched, shoe-shining below the minimum. */
export function driveWrite(job: Job, bytes: number, at: number): { doneUs: number; bufferUs: number } {
  const lib = job.library!;
  const d = lib.drives[job.drive];
  const barcode = job.cartridges[job.cartridges.length - 1].barcode;
  const r = lib.rates(barcode);
  const interval = at - job.lastArrivalUs;
  job.lastArrivalUs = at;
  const inst = interval > 0 ? bytes / interval : r.native;
  job.peerRate = job.peerRate === 0 ? inst : job.peerRate * 0.75 + inst * 0.25;
  let speed = r.native;
  let writeUs: number;
  if (r.generation === null) {
    writeUs = bytes / speed;
  } else {
    speed = Math.min(r.native, Math.max(r.min, job.peerRate));
    writeUs = bytes / speed;
    if (job.peerRate < r.min) {
      job.shoeBytes += bytes;
      const run = shoeShineRunBytes(r.generation, job.peerRate);
      while (job.shoeBytes >= run) {
        job.shoeBytes -= run;
        job.backhitches++;
        writeUs += TAPE_BACKHITCH_US;
      }
    }
  }
  const doneUs = Math.max(at, d.freeUs) + writeUs;
  d.freeUs = doneUs;
  d.bytes += bytes;
  d.positionBytes += bytes;
  lib.bytes += bytes;
  const c = lib.cartridge(barcode);
  if (c) {
    c.usedBytes += bytes;
    if (!c.jobs.includes(job.id)) c.jobs.push(job.id);
  }
  return { doneUs, bufferUs: r.bufferBytes / speed };
}
