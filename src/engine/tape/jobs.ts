/**
 * Backup, restore and copy jobs: the data movers of the SAN patent's Fig. 8 and Fig. 11 and of
 * JP2002-041345's step 409 / 507 / 606, run as events on the same timelines as host I/O.
 *
 * Lifecycle (one EV_JOB event per phase, `b` = phase + 8 × attempt):
 *
 *   start ─drive?─▶ queued ─granted─▶ mounting ─robot+load─▶ transferring ─chunks─▶ drained
 *     (copy jobs: no drive, straight to transferring)           │  cartridge full │
 *                                                               └─▶ spanning ─────┘ (unload, next, load)
 *   drained ─rewind+unload+robot─▶ unloaded: the drive goes back to the manager (longest
 *   eligible waiter next), verification, catalog entry → done
 *
 *   drive failure (drive-faults.ts → `driveFailed`):
 *     mounting | transferring | spanning ─▶ queued (attempt + 1, from the start, another drive)
 *     unloading ─▶ done (the data is all on the medium; the cartridge stays in the failed drive)
 *
 * Transfer: JOB_READ_DEPTH chains each move one chunk (JOB_CHUNK_BYTES of the job's track list)
 * per event: the source (array: the runs of the chunk read in parallel on the parity group's
 * disks, through the pair rules; or the tape: the drive reads at its rate), every link of the
 * path (job-paths.ts), then the sink (tape drive: streaming model below; or array: written
 * through to disk). A tape sink's drive writes chunks in order at a speed matched to the
 * source's measured rate (between the generation's minimum matched and native rates); a source
 * slower than the minimum makes it shoe-shine: one backhitch per `shoeShineRunBytes`
 * (streaming.ts). A chain issues its next chunk when its data has arrived and the drive's
 * buffer has room.
 *
 * Content: a chunk's digests are read at its issue instant through the pair rules (a quick
 * split copies on read, a snapshot image comes from its pool), so the tape holds the image the
 * hosts would read. Only tracks ever written are moved (an image backup of allocated data);
 * never-written tracks are zero on both sides and are compared as such.
 *
 * Drive failures: the backup application marks the drive down and restarts the job from its
 * first track (NetBackup and Commvault retry a failed job from the start unless checkpoint
 * restart is set up), asking the manager for a drive again: the lowest working free one, or it
 * waits in the queue — it does not fail — until a drive frees or is repaired. A restarted backup
 * plans its tracks and takes its reference image again (the source as it is at the restart,
 * or the same split image), and skips a named cartridge stuck in the failed drive.
 *
 * Does not handle: compression, media failures, checkpoint restart (resuming from the last
 * full cartridge).
 */
import type { Action } from '../../model/scenario.ts';

type BackupJob = Extract<Action, { type: 'backupJob' }>;
type RestoreJob = Extract<Action, { type: 'restoreJob' }>;
type CopyJob = Extract<Action, { type: 'copyJob' }>;
import type { CommandResult } from '../api.ts';
import type { JobCartridge, JobKind, JobStatus } from '../backup-api.ts';
import { JOB_CHUNK_BYTES, JOB_READ_DEPTH } from '../constants.ts';
import { releaseDrive, requestDrive, type AllocatorEvent } from './drive-allocator.ts';
import { backupPath, copyPath, restorePath, type JobPath } from './job-paths.ts';
import type { Job, JobHost } from './job-types.ts';
import type { Library } from './libraries.ts';
import { clearOthers, jobStatus, plannedTracks, readRefusal, verify, writeRefusal } from './job-outputs.ts';
import { driveWrite, readRuns, writeRuns } from './job-transfer.ts';

export const PH_START = 0;
export const PH_MOUNTED = 1;
export const PH_CHUNK = 2;
export const PH_DRAINED = 3;
export const PH_UNLOADED = 4;
export const PH_SPAN = 5;
/** EV_JOB's `b` = phase + PHASES × attempt. */
const PHASES = 8;

export type { Job, JobHost } from './job-types.ts';

export class Jobs {
  readonly list: Job[] = [];
  private readonly host: JobHost;

  constructor(host: JobHost) {
    this.host = host;
  }

  byId(id: string): Job | undefined {
    return this.list.find((j) => j.id === id);
  }

  // ------------------------------------------------------------------ starting

  startBackup(a: BackupJob): CommandResult {
    const h = this.host;
    const lib = h.libraries.find((l) => l.id === a.libraryId);
    if (!lib) return { ok: false, message: `no tape or DVD library "${a.libraryId}"` };
    const src = this.ldevIndex(a.source);
    if (src < 0) return { ok: false, message: `no LDEV "${a.source}"` };
    const path = backupPath(this.pathCtx(), { source: a.source, libraryId: a.libraryId, path: a.path, serverId: a.serverId, backupServerId: a.backupServerId });
    if ('error' in path) return { ok: false, message: `backup ${a.job}: ${path.error}` };
    const readErr = readRefusal(this.host, src);
    if (readErr) return { ok: false, message: `backup ${a.job}: ${readErr}` };
    const tracks = plannedTracks(this.host, src);
    const job = this.newJob(a.job, 'backup', a.path, path, src, -1, lib, a.serverId ?? h.model.ldevs[src].id, a.cartridges ?? [], tracks);
    job.pathForPort = (libraryPortId) => backupPath(this.pathCtx(), { source: a.source, libraryId: a.libraryId, libraryPortId, path: a.path, serverId: a.serverId, backupServerId: a.backupServerId });
    job.against = a.verifyAgainst;
    job.reference = h.reference(src, a.verifyAgainst);
    return this.requestDrive(job, job.wanted[0] ?? 'scratch');
  }

  startRestore(a: RestoreJob): CommandResult {
    const from = this.byId(a.fromJob);
    if (!from || from.kind !== 'backup' || (from.state !== 'done' && from.state !== 'unloading')) return { ok: false, message: `restore ${a.job}: no finished backup "${a.fromJob}" in the catalog` };
    const target = this.ldevIndex(a.target);
    if (target < 0) return { ok: false, message: `no LDEV "${a.target}"` };
    if (this.host.model.ldevs[target].trackCount < this.host.model.ldevs[from.source].trackCount) {
      return { ok: false, message: `restore ${a.job}: ${a.target} is smaller than ${from.sourceId}` };
    }
    const lib = from.library!;
    const path = restorePath(this.pathCtx(), { target: a.target, libraryId: lib.id, path: a.path, serverId: a.serverId, backupServerId: a.backupServerId });
    if ('error' in path) return { ok: false, message: `restore ${a.job}: ${path.error}` };
    const refusal = writeRefusal(this.host, target);
    if (refusal) return { ok: false, message: `restore ${a.job}: ${refusal}` };
    const job = this.newJob(a.job, 'restore', a.path, path, -1, target, lib, a.serverId ?? a.target, from.cartridges.map((c) => c.barcode), from.tracks);
    job.sourceJob = from;
    job.pathForPort = (libraryPortId) => restorePath(this.pathCtx(), { target: a.target, libraryId: lib.id, libraryPortId, path: a.path, serverId: a.serverId, backupServerId: a.backupServerId });
    job.digests = from.digests;
    job.duplexPair = this.mirrorPair(a.mirror, target);
    clearOthers(this.host, job);
    return this.requestDrive(job, job.wanted[0]);
  }

  startCopy(a: CopyJob): CommandResult {
    const src = this.ldevIndex(a.source);
    const target = this.ldevIndex(a.target);
    if (src < 0) return { ok: false, message: `no LDEV "${a.source}"` };
    if (target < 0) return { ok: false, message: `no LDEV "${a.target}"` };
    if (this.host.model.ldevs[target].trackCount < this.host.model.ldevs[src].trackCount) return { ok: false, message: `copy ${a.job}: ${a.target} is smaller than ${a.source}` };
    const path = copyPath(this.pathCtx(), { source: a.source, target: a.target, serverId: a.serverId, via: a.via, targetServerId: a.targetServerId });
    if ('error' in path) return { ok: false, message: `copy ${a.job}: ${path.error}` };
    const refusal = readRefusal(this.host, src) ?? writeRefusal(this.host, target);
    if (refusal) return { ok: false, message: `copy ${a.job}: ${refusal}` };
    const job = this.newJob(a.job, 'copy', a.via === 'lan' ? 'lan' : 'san', path, src, target, null, a.serverId, [], plannedTracks(this.host, src));
    job.reference = this.host.reference(src, undefined);
    clearOthers(this.host, job);
    job.startedUs = this.host.nowUs();
    this.beginTransfer(job);
    return { ok: true };
  }

  private newJob(id: string, kind: JobKind, pathName: JobStatus['path'], path: JobPath, source: number, target: number, library: Library | null, agentId: string, wanted: string[], tracks: Int32Array): Job {
    const h = this.host;
    const ldev = h.model.ldevs[source >= 0 ? source : target];
    const trackBytes = ldev.capacityBytes / ldev.trackCount;
    const job: Job = {
      index: this.list.length, id, kind, state: 'queued', error: null, pathName, path, pathForPort: null, source, target,
      sourceId: source >= 0 ? h.model.ldevs[source].id : (library?.id ?? ''),
      targetId: target >= 0 ? h.model.ldevs[target].id : (library?.id ?? ''),
      library, agentId, drive: -1, wanted, tracks, digests: new Uint32Array(tracks.length), next: 0, tracksDone: 0, bytesDone: 0,
      trackBytes: h.arrays.ldevTrackBytes[source >= 0 ? source : target] || trackBytes,
      chunkTracks: Math.max(1, Math.floor(JOB_CHUNK_BYTES / (h.arrays.ldevTrackBytes[source >= 0 ? source : target] || trackBytes))),
      chains: 0, lastDoneUs: 0, peerRate: 0, lastArrivalUs: 0, shoeBytes: 0, backhitches: 0, cartridges: [], cartBytes: 0,
      sourceJob: null, duplexPair: -1, reference: null, against: undefined, attempt: 0, driveErrors: 0, createdUs: h.nowUs(), startedUs: -1, transferStartUs: -1, drainedUs: -1, endedUs: -1, verification: null,
    };
    this.list.push(job);
    return job;
  }

  private requestDrive(job: Job, cartridge: string): CommandResult {
    const lib = job.library!;
    const r = requestDrive(lib.alloc, { agentId: job.agentId, jobId: job.id, cartridge, atUs: this.host.nowUs() });
    if (!r.ok) {
      this.list.pop();
      return { ok: false, message: `${job.kind} ${job.id}: ${r.reason}` };
    }
    lib.alloc = r.state;
    this.onAllocatorEvents(lib, r.events);
    return { ok: true };
  }

  /** Grants the allocator made (a drive freed by a job or an operator): the jobs they name start mounting. */
  onAllocatorEvents(lib: Library, events: AllocatorEvent[]): void {
    for (const e of events) {
      if (e.kind !== 'driveGranted') continue;
      const job = this.list.find((j) => j.id === e.jobId && j.library === lib && j.state === 'queued');
      if (job) this.beginMount(job, e.driveIndex, e.barcode);
    }
  }

  private beginMount(job: Job, drive: number, barcode: string): void {
    const now = this.host.nowUs();
    job.drive = drive;
    const port = job.library!.drivePort(drive);
    const path = port !== null && job.pathForPort ? job.pathForPort(port) : null;
    if (path && !('error' in path)) job.path = path; // the data goes to this drive's own port
    if (job.startedUs < 0) job.startedUs = now;
    job.state = 'mounting';
    const startBytes = this.startOn(job, barcode);
    const ready = job.library!.mount(drive, barcode, job.id, now, now, startBytes);
    job.cartridges.push({ barcode, driveIndex: drive, firstIndex: job.next, count: 0, bytes: 0, startBytes });
    job.cartBytes = 0;
    this.at(job, Math.ceil(ready), PH_MOUNTED);
  }

  /**
   * Where the job's data starts on `barcode`: a backup appends after what the cartridge holds
   * (a scratch one is blank: 0) and marks it no longer scratch; a restore starts where its
   * backup's part on that cartridge starts.
   */
  private startOn(job: Job, barcode: string): number {
    const c = job.library!.cartridge(barcode);
    if (job.kind === 'restore') return job.sourceJob!.cartridges[job.cartridges.length]?.startBytes ?? 0;
    if (!c) return 0;
    c.scratch = false;
    return c.usedBytes;
  }

  // ------------------------------------------------------------------ phases

  /** Schedules `phase` of the job's current attempt. */
  private at(job: Job, atUs: number, phase: number): void {
    this.host.schedule(atUs, job.index, phase + PHASES * job.attempt);
  }

  /** An EV_JOB event: `b` = phase + PHASES × attempt; an event of an earlier attempt is stale. */
  phase(index: number, b: number): void {
    const job = this.list[index];
    const phase = b % PHASES;
    if ((b - phase) / PHASES !== job.attempt) return;
    switch (phase) {
      case PH_MOUNTED:
        if (job.state === 'failed') return;
        job.library!.loaded(job.drive);
        job.library!.drives[job.drive].state = 'busy';
        this.beginTransfer(job);
        return;
      case PH_CHUNK:
        this.chunk(job);
        return;
      case PH_SPAN:
        this.span(job);
        return;
      case PH_DRAINED:
        this.drained(job);
        return;
      case PH_UNLOADED:
        this.unloaded(job);
        return;
    }
  }

  private beginTransfer(job: Job): void {
    const now = this.host.nowUs();
    job.state = 'transferring';
    if (job.transferStartUs < 0) job.transferStartUs = now;
    job.lastArrivalUs = now;
    job.chains = JOB_READ_DEPTH;
    for (let k = 0; k < JOB_READ_DEPTH; k++) this.at(job, now, PH_CHUNK);
  }

  /** A chain with nothing (more) to issue ends; the last one to end moves the job on. */
  private endChain(job: Job): void {
    if (--job.chains > 0) return;
    const at = Math.ceil(Math.max(job.lastDoneUs, this.host.nowUs()));
    this.at(job, at, job.next >= job.tracks.length ? PH_DRAINED : PH_SPAN);
  }

  private chunk(job: Job): void {
    if (job.state !== 'transferring') return;
    const h = this.host;
    if (job.next >= job.tracks.length) return this.endChain(job);
    let n = Math.min(job.chunkTracks, job.tracks.length - job.next);
    const cart: JobCartridge | undefined = job.cartridges[job.cartridges.length - 1]; // none for a copy job
    if (job.kind === 'restore') {
      const seg = job.sourceJob!.cartridges[job.cartridges.length - 1];
      const left = seg.firstIndex + seg.count - job.next;
      if (left <= 0) return this.endChain(job);
      n = Math.min(n, left);
    }
    const bytes = n * job.trackBytes;
    if (job.kind === 'backup') {
      const c = job.library!.cartridge(cart!.barcode)!;
      if (c.usedBytes + bytes > c.capacityBytes) return this.endChain(job); // full, with what it held before
    }
    const now = h.nowUs();
    const first = job.next;
    job.next += n;
    // source
    let arrival: number;
    if (job.source >= 0) {
      const refusal = readRefusal(this.host, job.source);
      if (refusal) return this.fail(job, refusal);
      arrival = readRuns(this.host, job, first, n, now);
    } else {
      const d = job.library!.drives[job.drive];
      const rate = job.library!.rates(cart!.barcode).native;
      arrival = Math.max(now, d.freeUs) + bytes / rate;
      d.freeUs = arrival;
      d.bytes += bytes;
      d.positionBytes += bytes;
      job.library!.bytes += bytes;
    }
    // path
    const cursor = h.cursor;
    cursor[0] = arrival;
    for (const seg of job.path.segments) {
      h.links.stream(seg.resources, bytes);
      cursor[0] += seg.transitUs;
    }
    const atSink = cursor[0];
    for (const s of job.path.servers) h.serverBytes(s, bytes);
    // sink
    let nextUs: number;
    if (job.target >= 0) {
      const refusal = writeRefusal(this.host, job.target);
      if (refusal) return this.fail(job, refusal);
      const done = writeRuns(this.host, job, first, n, atSink);
      job.lastDoneUs = Math.max(job.lastDoneUs, done);
      nextUs = done;
    } else {
      const { doneUs, bufferUs } = driveWrite(job, bytes, atSink);
      job.lastDoneUs = Math.max(job.lastDoneUs, doneUs);
      nextUs = Math.max(atSink, doneUs - bufferUs);
    }
    if (cart) {
      cart.count += n;
      cart.bytes += bytes;
      job.cartBytes += bytes;
    }
    job.tracksDone += n;
    job.bytesDone += bytes;
    this.at(job, Math.max(now, Math.ceil(nextUs)), PH_CHUNK);
  }

  /** The cartridge is full (backup) or its part is read (restore): swap it for the next one in the same drive. */
  private span(job: Job): void {
    if (job.state !== 'transferring') return;
    const lib = job.library!;
    let next: string | undefined;
    if (job.kind === 'restore') {
      next = job.sourceJob!.cartridges[job.cartridges.length]?.barcode;
    } else {
      next = job.wanted[job.cartridges.length];
      if (next === undefined) {
        next = lib.alloc.scratch[0];
        if (next !== undefined) lib.alloc = { ...lib.alloc, scratch: lib.alloc.scratch.slice(1) };
      }
    }
    if (next === undefined) return this.fail(job, `media exhausted: no scratch cartridge left in ${lib.id} for the rest of ${job.sourceId}`);
    job.state = 'spanning';
    const empty = lib.unmount(job.drive, this.host.nowUs());
    lib.unmounted(job.drive, empty);
    lib.alloc = { ...lib.alloc, drives: lib.alloc.drives.map((d, i) => (i === job.drive && d ? { ...d, barcode: next! } : d)) };
    const startBytes = this.startOn(job, next);
    const ready = lib.mount(job.drive, next, job.id, empty, this.host.nowUs(), startBytes);
    job.cartridges.push({ barcode: next, driveIndex: job.drive, firstIndex: job.next, count: 0, bytes: 0, startBytes });
    job.cartBytes = 0;
    this.at(job, Math.ceil(ready), PH_MOUNTED);
  }

  /** Every chunk is on the medium (or the target): verified and catalogued now; a tape is then unloaded. */
  private drained(job: Job): void {
    if (job.state !== 'transferring') return;
    job.drainedUs = this.host.nowUs();
    job.verification = verify(this.host, job);
    if (!job.library) return this.finish(job);
    job.state = 'unloading';
    this.host.ended(job);
    const empty = job.library.unmount(job.drive, this.host.nowUs());
    this.at(job, Math.ceil(empty), PH_UNLOADED);
  }

  private unloaded(job: Job): void {
    const lib = job.library!;
    const now = this.host.nowUs();
    lib.unmounted(job.drive, now);
    const r = releaseDrive(lib.alloc, { agentId: job.agentId, driveIndex: job.drive, atUs: now });
    if (r.ok) {
      lib.alloc = r.state;
      if (job.state !== 'failed') this.finish(job);
      this.onAllocatorEvents(lib, r.events);
    } else if (job.state !== 'failed') {
      this.finish(job);
    }
  }

  private finish(job: Job): void {
    const wasUnloading = job.state === 'unloading';
    job.state = 'done';
    job.endedUs = this.host.nowUs();
    if (!wasUnloading) this.host.ended(job);
  }

  fail(job: Job, message: string): void {
    if (job.state === 'done' || job.state === 'failed') return;
    const holding = job.library !== null && job.drive >= 0 && job.state !== 'queued' && job.state !== 'unloading';
    job.state = 'failed';
    job.error = message;
    job.endedUs = this.host.nowUs();
    if (holding) this.at(job, Math.ceil(job.library!.unmount(job.drive, job.endedUs)), PH_UNLOADED);
    this.host.ended(job);
  }

  // ------------------------------------------------------------------ drive failures

  /**
   * The drive `job` holds failed now; the allocator has already ended its hold (drive-faults.ts).
   * Returns what became of the job: 'restarted' (queued again or mounting on another drive),
   * 'finished' (its data was all on the medium: done), or 'none' (it had already failed).
   */
  driveFailed(job: Job): 'restarted' | 'finished' | 'none' {
    if (job.state === 'queued' || job.state === 'done') return 'none';
    job.attempt++; // the events of the attempt in progress are dropped
    if (job.state === 'failed') return 'none';
    job.driveErrors++;
    if (job.state === 'unloading') {
      this.finish(job);
      return 'finished';
    }
    const h = this.host;
    const lib = job.library!;
    if (job.kind === 'backup') {
      job.tracks = plannedTracks(h, job.source);
      job.digests = new Uint32Array(job.tracks.length);
      job.reference = h.reference(job.source, job.against);
      job.wanted = job.wanted.filter((b) => !lib.alloc.stuck.includes(b));
    }
    Object.assign(job, {
      state: 'queued', drive: -1, next: 0, tracksDone: 0, bytesDone: 0, chains: 0, lastDoneUs: 0, peerRate: 0, lastArrivalUs: 0, shoeBytes: 0,
      cartridges: [], cartBytes: 0, transferStartUs: -1, drainedUs: -1, verification: null,
    } satisfies Partial<Job>);
    const r = requestDrive(lib.alloc, { agentId: job.agentId, jobId: job.id, cartridge: job.wanted[0] ?? 'scratch', atUs: h.nowUs() });
    if (!r.ok) {
      this.fail(job, `drive error, and no restart: ${r.reason}`);
      return 'none';
    }
    lib.alloc = r.state;
    this.onAllocatorEvents(lib, r.events);
    return 'restarted';
  }

  // ------------------------------------------------------------------ helpers

  private mirrorPair(m: { group: string; device?: string } | undefined, target: number): number {
    if (!m) return -1;
    return this.host.model.replication.pairs.findIndex((p) => p.group === m.group && (m.device === undefined || p.device === m.device) && p.pvol === target);
  }

  private ldevIndex(id: string): number {
    return this.host.model.ldevs.findIndex((l) => l.id === id);
  }

  private pathCtx() {
    return { model: this.host.model, access: this.host.access, propagationUs: this.host.propagationUs };
  }

  status(job: Job): JobStatus {
    return jobStatus(this.host, job);
  }
}
