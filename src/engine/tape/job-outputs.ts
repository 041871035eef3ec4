/**
 * What a job plans, refuses and reports: the tracks it moves, the pair-state refusals of its
 * reads and writes, clearing a restore's target outside the image, its verification, and its
 * status. Pure functions of the host's tables and the job (tape/jobs.ts runs the job).
 */
import type { JobStatus, Verification } from '../backup-api.ts';
import type { Job, JobHost } from './jobs.ts';
import { compareWithImage, type ReferenceImage } from './verify.ts';

export function verify(h: JobHost, job: Job): Verification {
    if (job.kind === 'backup') {
    const ref = job.reference!;
    return compareWithImage(job.tracks, job.digests, ref, h.model.ldevs[job.source].trackCount, `the tape of ${job.id}`);
  }
  const label = job.kind === 'restore' ? `the catalog of ${job.sourceJob!.id}` : `${job.sourceId} at ${(job.startedUs / 1e6).toFixed(3)} s`;
  const image: ReferenceImage = job.kind === 'restore' ? { list: { tracks: job.tracks, digests: job.digests }, atUs: job.sourceJob!.reference?.atUs ?? 0, label } : job.reference!;
  return compareWithImage(null, null, image, h.model.ldevs[job.target].trackCount, job.targetId, h.arrays.digests[job.target]);
}

/** The tracks a job moves: every track written on the source or on the volumes that feed it (cascades, snapshots). */
export function plannedTracks(h: JobHost, ldev: number): Int32Array {
    const count = h.model.ldevs[ldev].trackCount;
  const mark = new Uint8Array(count);
  const seen = new Set<number>();
  const visit = (l: number): void => {
    if (seen.has(l)) return;
    seen.add(l);
    if (h.model.ldevs[l].trackCount !== count) return;
    h.arrays.digests[l].forEachWritten((t) => (mark[t] = 1));
    // Only pairs in use feed a volume (a SAN-manager candidate pair in SMPL does not).
    h.model.replication.pairs.forEach((p, i) => {
      if (p.svol === l && h.repl.stateOf(i) !== 'SMPL') visit(p.pvol);
    });
  };
  visit(ldev);
  let n = 0;
  for (let t = 0; t < count; t++) n += mark[t];
  const tracks = new Int32Array(n);
  for (let t = 0, i = 0; t < count; t++) if (mark[t] === 1) tracks[i++] = t;
  return tracks;
}

/** Restore and copy: the target's written tracks outside the image are cleared first (the image replaces the volume). */
export function clearOthers(h: JobHost, job: Job): void {
    const keep = new Set(job.tracks);
  const target = job.target;
  const drop: number[] = [];
  h.arrays.digests[target].forEachWritten((t) => {
    if (!keep.has(t)) drop.push(t);
  });
  const duplex = job.duplexPair >= 0 && h.repl.duplexing(job.duplexPair) ? job.duplexPair : -1;
  const svol = duplex >= 0 ? h.model.replication.pairs[duplex].svol : -1;
  for (const t of drop) {
    if (h.repl.ldevFlag[target] === 1) h.repl.beforeWrite(target, t, t, -1, duplex);
    h.arrays.digests[target].set(t, 0);
    if (svol >= 0) {
      if (h.repl.ldevFlag[svol] === 1) h.repl.beforeWrite(svol, t, t, -1, duplex);
      h.arrays.digests[svol].set(t, 0);
    }
  }
}


export function readRefusal(h: JobHost, ldev: number): string | null {
    if (h.repl.ldevFlag[ldev] === 1 && h.repl.hostAccess(ldev, false) >= 0) return `reads of ${h.model.ldevs[ldev].id} are refused in its pair state`;
  return null;
}

export function writeRefusal(h: JobHost, ldev: number): string | null {
    const id = h.model.ldevs[ldev].id;
  if (h.arrays.ldevReadOnly[ldev] === 1) return `${id} has the read-only attribute`;
  if (h.repl.ldevFlag[ldev] === 1 && h.repl.hostAccess(ldev, true) >= 0) return `writes to ${id} are refused in its pair state`;
  return null;
}


export function jobStatus(h: JobHost, job: Job): JobStatus {
  const s = (us: number): number | null => (us < 0 ? null : Math.round(us) / 1e6);
  const end = job.drainedUs >= 0 ? job.drainedUs : h.nowUs();
  const transferUs = job.transferStartUs >= 0 ? end - job.transferStartUs : 0;
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    path: job.pathName,
    source: job.sourceId,
    target: job.targetId,
    libraryId: job.library?.id ?? null,
    servers: [...job.path.servers],
    links: [...job.path.linkIds],
    createdS: Math.round(job.createdUs) / 1e6,
    startedS: s(job.startedUs),
    transferStartS: s(job.transferStartUs),
    transferEndS: s(job.drainedUs),
    endedS: s(job.endedUs),
    tracksPlanned: job.tracks.length,
    tracksDone: job.tracksDone,
    bytesPlanned: job.tracks.length * job.trackBytes,
    bytesDone: job.bytesDone,
    mbps: transferUs > 0 ? Math.round((job.bytesDone / transferUs) * 10) / 10 : 0,
    waitS: job.startedUs >= 0 ? Math.round(job.startedUs - job.createdUs) / 1e6 : Math.round(h.nowUs() - job.createdUs) / 1e6,
    backhitches: job.backhitches,
    cartridges: job.cartridges.map((c) => ({ ...c })),
    verification: job.verification,
    error: job.error,
    driveErrors: job.driveErrors,
  };
}
