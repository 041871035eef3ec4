/**
 * Backup, restore and copy jobs: the data movers of the SAN patent's Fig. 8 and Fig. 11 and of
 * JP2002-041345's step 409 / 507 / 606, run as events on the same timelines as host I/O.
 *
 * Lifecycle (one EV_JOB event per phase, `b` = phase):
 *
 *   start ─drive?─▶ queued ─granted─▶ mounting ─robot+load─▶ transferring ─chunks─▶ drained
 *     (copy jobs: no drive, straight to transferring)           │  cartridge full │
 *                                                               └─▶ spanning ─────┘ (unload, next, load)
 *   drained ─rewind+unload+robot─▶ unloaded: the drive goes back to the manager (longest
 *   eligible waiter next), verification, catalog entry → done
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
 * Does not handle: compression, appending to a partly written cartridge (every job starts on a
 * fresh one), drive or media failures (a later issue).
 */
import type { Action } from '../../model/scenario.ts';

type BackupJob = Extract<Action, { type: 'backupJob' }>;
type RestoreJob = Extract<Action, { type: 'restoreJob' }>;
type CopyJob = Extract<Action, { type: 'copyJob' }>;
import type { CommandResult } from '../api.ts';
import type { JobCartridge, JobKind, JobState, JobStatus, Verification } from '../backup-api.ts';
import type { DiskArrays } from '../array/array.ts';
import type { CompiledModel } from '../compile.ts';
import { JOB_CHUNK_BYTES, JOB_READ_DEPTH } from '../constants.ts';
import type { LinkTimelines } from '../fabric/link-timelines.ts';
import type { RuntimeAccess } from '../fabric/runtime-access.ts';
import type { IoCursor } from '../io-cursor.ts';
import type { MetricsCollector } from '../metrics/collector.ts';
import type { Replication } from '../replication/pairs.ts';
import { releaseDrive, requestDrive, type AllocatorEvent } from './drive-allocator.ts';
import { backupPath, copyPath, restorePath, type JobPath } from './job-paths.ts';
import type { Library } from './libraries.ts';
import { TAPE_BACKHITCH_US } from './media.ts';
import { shoeShineRunBytes } from './streaming.ts';
import { compareWithImage, type ReferenceImage } from './verify.ts';

export const PH_START = 0;
export const PH_MOUNTED = 1;
export const PH_CHUNK = 2;
export const PH_DRAINED = 3;
export const PH_UNLOADED = 4;
export const PH_SPAN = 5;

export interface JobHost {
  readonly model: CompiledModel;
  readonly arrays: DiskArrays;
  readonly links: LinkTimelines;
  readonly repl: Replication;
  readonly cursor: IoCursor;
  readonly metrics: MetricsCollector;
  readonly access: RuntimeAccess;
  readonly propagationUs: Float64Array;
  readonly libraries: Library[];
  nowUs(): number;
  schedule(atUs: number, job: number, phase: number): void;
  /** The image a backup of `ldev` must equal (split capture), or null: the source at job start. */
  reference(ldev: number, against: { group: string; device?: string } | undefined): ReferenceImage | null;
  serverBytes(serverId: string, bytes: number): void;
  /** A job ended (done or failed): the catalog and the runbooks hear of it. */
  ended(job: Job): void;
}

export interface Job {
  index: number;
  id: string;
  kind: JobKind;
  state: JobState;
  error: string | null;
  pathName: JobStatus['path'];
  path: JobPath;
  /** The path again for the port of the drive granted (each drive has its own FC port). */
  pathForPort: ((portId: string) => JobPath | { error: string }) | null;
  source: number;
  target: number;
  sourceId: string;
  targetId: string;
  library: Library | null;
  agentId: string;
  drive: number;
  /** Cartridges asked for (backup) or to read (restore), in order. */
  wanted: string[];
  tracks: Int32Array;
  digests: Uint32Array;
  next: number;
  tracksDone: number;
  bytesDone: number;
  trackBytes: number;
  chunkTracks: number;
  chains: number;
  lastDoneUs: number;
  peerRate: number;
  lastArrivalUs: number;
  shoeBytes: number;
  backhitches: number;
  cartridges: JobCartridge[];
  cartBytes: number;
  sourceJob: Job | null;
  duplexPair: number;
  reference: ReferenceImage | null;
  createdUs: number;
  startedUs: number;
  transferStartUs: number;
  /** When the last chunk was on the medium (or target), µs; -1 before. */
  drainedUs: number;
  endedUs: number;
  verification: Verification | null;
}

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
    const readErr = this.readRefusal(src);
    if (readErr) return { ok: false, message: `backup ${a.job}: ${readErr}` };
    const tracks = this.plannedTracks(src);
    const job = this.newJob(a.job, 'backup', a.path, path, src, -1, lib, a.serverId ?? h.model.ldevs[src].id, a.cartridges ?? [], tracks);
    job.pathForPort = (libraryPortId) => backupPath(this.pathCtx(), { source: a.source, libraryId: a.libraryId, libraryPortId, path: a.path, serverId: a.serverId, backupServerId: a.backupServerId });
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
    const refusal = this.writeRefusal(target);
    if (refusal) return { ok: false, message: `restore ${a.job}: ${refusal}` };
    const job = this.newJob(a.job, 'restore', a.path, path, -1, target, lib, a.serverId ?? a.target, from.cartridges.map((c) => c.barcode), from.tracks);
    job.sourceJob = from;
    job.pathForPort = (libraryPortId) => restorePath(this.pathCtx(), { target: a.target, libraryId: lib.id, libraryPortId, path: a.path, serverId: a.serverId, backupServerId: a.backupServerId });
    job.digests = from.digests;
    job.duplexPair = this.mirrorPair(a.mirror, target);
    this.clearOthers(job);
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
    const refusal = this.readRefusal(src) ?? this.writeRefusal(target);
    if (refusal) return { ok: false, message: `copy ${a.job}: ${refusal}` };
    const job = this.newJob(a.job, 'copy', a.via === 'lan' ? 'lan' : 'san', path, src, target, null, a.serverId, [], this.plannedTracks(src));
    job.reference = this.host.reference(src, undefined);
    this.clearOthers(job);
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
      sourceJob: null, duplexPair: -1, reference: null, createdUs: h.nowUs(), startedUs: -1, transferStartUs: -1, drainedUs: -1, endedUs: -1, verification: null,
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
    const c = job.library!.cartridge(barcode);
    if (c && job.kind === 'backup') c.scratch = false;
    const ready = job.library!.mount(drive, barcode, job.id, now);
    job.cartridges.push({ barcode, driveIndex: drive, firstIndex: job.next, count: 0, bytes: 0 });
    job.cartBytes = 0;
    this.host.schedule(Math.ceil(ready), job.index, PH_MOUNTED);
  }

  // ------------------------------------------------------------------ phases

  phase(index: number, phase: number): void {
    const job = this.list[index];
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
    for (let k = 0; k < JOB_READ_DEPTH; k++) this.host.schedule(now, job.index, PH_CHUNK);
  }

  /** A chain with nothing (more) to issue ends; the last one to end moves the job on. */
  private endChain(job: Job): void {
    if (--job.chains > 0) return;
    const at = Math.ceil(Math.max(job.lastDoneUs, this.host.nowUs()));
    this.host.schedule(at, job.index, job.next >= job.tracks.length ? PH_DRAINED : PH_SPAN);
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
      if (job.cartBytes + bytes > c.capacityBytes) return this.endChain(job);
    }
    const now = h.nowUs();
    const first = job.next;
    job.next += n;
    // source
    let arrival: number;
    if (job.source >= 0) {
      const refusal = this.readRefusal(job.source);
      if (refusal) return this.fail(job, refusal);
      arrival = this.readRuns(job, first, n, now);
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
      const refusal = this.writeRefusal(job.target);
      if (refusal) return this.fail(job, refusal);
      const done = this.writeRuns(job, first, n, atSink);
      job.lastDoneUs = Math.max(job.lastDoneUs, done);
      nextUs = done;
    } else {
      const { doneUs, bufferUs } = this.driveWrite(job, bytes, atSink);
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
    h.schedule(Math.max(now, Math.ceil(nextUs)), job.index, PH_CHUNK);
  }

  /** Reads tracks [first, first + n) of the job's list from its source LDEV, runs in parallel; returns when the data has left the array. */
  private readRuns(job: Job, first: number, n: number, now: number): number {
    const h = this.host;
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
  private writeRuns(job: Job, first: number, n: number, at: number): number {
    const h = this.host;
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
  private driveWrite(job: Job, bytes: number, at: number): { doneUs: number; bufferUs: number } {
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
    const c = lib.cartridge(next);
    if (c && job.kind === 'backup') c.scratch = false;
    const ready = lib.mount(job.drive, next, job.id, empty, this.host.nowUs());
    job.cartridges.push({ barcode: next, driveIndex: job.drive, firstIndex: job.next, count: 0, bytes: 0 });
    job.cartBytes = 0;
    this.host.schedule(Math.ceil(ready), job.index, PH_MOUNTED);
  }

  /** Every chunk is on the medium (or the target): verified and catalogued now; a tape is then unloaded. */
  private drained(job: Job): void {
    if (job.state !== 'transferring') return;
    job.drainedUs = this.host.nowUs();
    job.verification = this.verify(job);
    if (!job.library) return this.finish(job);
    job.state = 'unloading';
    this.host.ended(job);
    const empty = job.library.unmount(job.drive, this.host.nowUs());
    this.host.schedule(Math.ceil(empty), job.index, PH_UNLOADED);
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
    if (holding) this.host.schedule(Math.ceil(job.library!.unmount(job.drive, job.endedUs)), job.index, PH_UNLOADED);
    this.host.ended(job);
  }

  // ------------------------------------------------------------------ helpers

  private verify(job: Job): Verification {
    const h = this.host;
    if (job.kind === 'backup') {
      const ref = job.reference!;
      return compareWithImage(job.tracks, job.digests, ref, h.model.ldevs[job.source].trackCount, `the tape of ${job.id}`);
    }
    const label = job.kind === 'restore' ? `the catalog of ${job.sourceJob!.id}` : `${job.sourceId} at ${(job.startedUs / 1e6).toFixed(3)} s`;
    const image: ReferenceImage = job.kind === 'restore' ? { list: { tracks: job.tracks, digests: job.digests }, atUs: job.sourceJob!.reference?.atUs ?? 0, label } : job.reference!;
    return compareWithImage(null, null, image, h.model.ldevs[job.target].trackCount, job.targetId, h.arrays.digests[job.target]);
  }

  /** The tracks a job moves: every track written on the source or on the volumes that feed it (cascades, snapshots). */
  private plannedTracks(ldev: number): Int32Array {
    const h = this.host;
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
  private clearOthers(job: Job): void {
    const h = this.host;
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

  private mirrorPair(m: { group: string; device?: string } | undefined, target: number): number {
    if (!m) return -1;
    return this.host.model.replication.pairs.findIndex((p) => p.group === m.group && (m.device === undefined || p.device === m.device) && p.pvol === target);
  }

  private readRefusal(ldev: number): string | null {
    const h = this.host;
    if (h.repl.ldevFlag[ldev] === 1 && h.repl.hostAccess(ldev, false) >= 0) return `reads of ${h.model.ldevs[ldev].id} are refused in its pair state`;
    return null;
  }

  private writeRefusal(ldev: number): string | null {
    const h = this.host;
    const id = h.model.ldevs[ldev].id;
    if (h.arrays.ldevReadOnly[ldev] === 1) return `${id} has the read-only attribute`;
    if (h.repl.ldevFlag[ldev] === 1 && h.repl.hostAccess(ldev, true) >= 0) return `writes to ${id} are refused in its pair state`;
    return null;
  }

  private ldevIndex(id: string): number {
    return this.host.model.ldevs.findIndex((l) => l.id === id);
  }

  private pathCtx() {
    return { model: this.host.model, access: this.host.access, propagationUs: this.host.propagationUs };
  }

  status(job: Job): JobStatus {
    const s = (us: number): number | null => (us < 0 ? null : Math.round(us) / 1e6);
    const end = job.drainedUs >= 0 ? job.drainedUs : this.host.nowUs();
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
      waitS: job.startedUs >= 0 ? Math.round(job.startedUs - job.createdUs) / 1e6 : Math.round(this.host.nowUs() - job.createdUs) / 1e6,
      backhitches: job.backhitches,
      cartridges: job.cartridges.map((c) => ({ ...c })),
      verification: job.verification,
      error: job.error,
    };
  }
}

