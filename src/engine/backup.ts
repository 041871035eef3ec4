/**
 * The backup side of a simulation: libraries, jobs, runbooks, the SAN manager, database backup
 * modes, volume mounts, run-time LUN security, and the split images backups are verified
 * against. One instance per simulation, bound to its tables and clock.
 *
 * Owns: carrying out the backup actions (`perform`), the state vector runbooks diff, capturing
 * each pair's P-VOL image when a split is accepted (`splitAccepted`), the catalog, and the
 * backup status and report.
 *
 * Invariants: every decision reads lists in a fixed order (libraries, pairs, LDEVs by their
 * compiled order; policies as given); nothing here reads the wall clock.
 *
 * Does not handle: moving data (tape/jobs.ts), step logic (ops/runbooks.ts), the schedule of
 * policies and runbooks (ops/san-manager.ts, ops/scheduled-runbooks.ts), holding writes (the simulation's I/O path, which `hostControl` reaches).
 */
import type { Condition } from '../model/runbook.ts';
import type { Action, Runbook, Scenario } from '../model/scenario.ts';
import type { BackupPolicy } from '../model/topology.ts';
import type { CommandResult } from './api.ts';
import type { BackupReport, BackupStatus, CatalogEntry } from './backup-api.ts';
import type { DiskArrays } from './array/array.ts';
import { foldWrite } from './block/digest.ts';
import { TrackDigests } from './block/track-digests.ts';
import type { CompiledModel } from './compile.ts';
import { US_PER_S } from './constants.ts';
import type { LinkTimelines } from './fabric/link-timelines.ts';
import { RuntimeAccess } from './fabric/runtime-access.ts';
import type { IoCursor } from './io-cursor.ts';
import type { MetricsCollector } from './metrics/collector.ts';
import { Runbooks } from './ops/runbooks.ts';
import { SanManager, clockSeconds } from './ops/san-manager.ts';
import { SANM_PREFIX } from './replication/compile-replication.ts';
import type { Replication } from './replication/pairs.ts';
import { releaseDrive, requestDrive } from './tape/drive-allocator.ts';
import { TapeDriveFaults, type RaiseAlert } from './tape/drive-faults.ts';
import { backupPath } from './tape/job-paths.ts';
import { Jobs, type Job } from './tape/jobs.ts';
import { Library } from './tape/libraries.ts';
import type { ReferenceImage } from './tape/verify.ts';
import { replicaRunbook, pickFreeVolume } from './ops/replica-runbook.ts';
import { EV_JOB, EV_POLICY, EV_RUNBOOK } from './events.ts';

export interface BackupParts {
  scenario: Scenario;
  model: CompiledModel;
  arrays: DiskArrays;
  links: LinkTimelines;
  repl: Replication;
  cursor: IoCursor;
  metrics: MetricsCollector;
  nowUs(): number;
  push(atUs: number, kind: number, a: number, b: number): void;
  /** Carries out any action (runbook steps, the SAN manager's generated steps). */
  perform(action: Action): CommandResult;
  /** The simulation's side of backup mode and access: held writes, workload access. */
  hostControl: {
    setBackupMode(serverId: string, on: boolean): void;
    heldWrites(serverId: string): number;
    refreshAccess(): void;
  };
  /** Raises an alert in the fault system's log (tape drive failures); optional: no alerts without it. */
  raise?: RaiseAlert;
  /** A job or a runbook ended (timeline triggers look again); optional. */
  ended?: () => void;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');

export class BackupSystem {
  readonly libraries: Library[];
  readonly access: RuntimeAccess;
  readonly jobs: Jobs;
  readonly runbooks: Runbooks;
  readonly sanm: SanManager;
  /** The `tapeDrive` fault target (tape/drive-faults.ts): drive failures and repairs. */
  readonly tapeFaults: TapeDriveFaults;
  private readonly p: BackupParts;
  private readonly splitImages = new Map<number, ReferenceImage>();
  private readonly mounts = new Map<string, { serverId: string; ldevId: string; readOnly: boolean }>();
  private readonly backupModes = new Set<string>();
  private readonly serverJobBytes = new Map<string, number>();
  private readonly catalog: CatalogEntry[] = [];
  private readonly retention = new Map<string, number>();
  /** Free volumes taken as replicas, with the SAN-manager runbook using each (returned when it ends). */
  private readonly freeInUse = new Map<string, string>();

  constructor(p: BackupParts) {
    this.p = p;
    const topology = p.scenario.topology;
    this.libraries = topology.devices
      .filter((d): d is Extract<typeof d, { kind: 'tapeLibrary' | 'dvdLibrary' }> => d.kind === 'tapeLibrary' || d.kind === 'dvdLibrary')
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((d) => new Library(d));
    this.access = new RuntimeAccess(topology, p.model.graph);
    const propagationUs = p.links.propagationUs;
    this.jobs = new Jobs({
      model: p.model, arrays: p.arrays, links: p.links, repl: p.repl, cursor: p.cursor, metrics: p.metrics, access: this.access, propagationUs,
      libraries: this.libraries,
      nowUs: p.nowUs,
      schedule: (atUs, job, phase) => p.push(atUs, EV_JOB, job, phase),
      reference: (ldev, against) => this.reference(ldev, against),
      serverBytes: (s, bytes) => this.serverJobBytes.set(s, (this.serverJobBytes.get(s) ?? 0) + bytes),
      ended: (job) => {
        this.jobEnded(job);
        p.ended?.();
      },
    });
    this.tapeFaults = new TapeDriveFaults({ libraries: this.libraries, jobs: this.jobs, nowUs: p.nowUs, raise: p.raise });
    this.runbooks = new Runbooks(p.scenario.runbooks, {
      nowUs: p.nowUs,
      schedule: (atUs, index, gen) => p.push(atUs, EV_RUNBOOK, index, gen),
      perform: (a) => p.perform(a),
      holds: (c) => this.holds(c),
      stateVector: () => this.stateVector(),
      ended: (id, run, state) => {
        this.sanm.runbookEnded(id, run, state);
        p.ended?.();
      },
    });
    const scheduled = p.scenario.runbooks.flatMap((r) => (r.schedule ? [{ id: r.id, name: r.name, schedule: r.schedule }] : []));
    this.sanm = new SanManager(topology.backup.policies, scheduled, {
      clockStartS: clockSeconds(p.scenario.clockStart),
      endUs: p.model.endUs,
      nowUs: p.nowUs,
      schedule: (atUs, entry) => p.push(atUs, EV_POLICY, entry, 0),
      estimate: (policy) => this.estimate(policy),
      driveCount: (id) => this.libraries.find((l) => l.id === id)?.drives.length ?? 1,
      overheads: (id) => {
        const t = (this.libraries.find((l) => l.id === id) ?? this.libraries[0])?.timings;
        return t ? { mountUs: t.robotMoveUs, loadUs: t.loadUs, unloadUs: t.rewindUs + t.unloadUs + t.robotMoveUs } : { mountUs: 0, loadUs: 0, unloadUs: 0 };
      },
      launch: (policy, jobId) => this.launch(policy, jobId),
      job: (id) => {
        const j = this.jobs.byId(id);
        return j ? this.jobs.status(j) : null;
      },
      runInfo: (id) => this.runbooks.runInfo(id),
      startRunbook: (id) => this.runbooks.start(id),
    });
  }

  // ------------------------------------------------------------------ events

  jobPhase(job: number, phase: number): void {
    this.jobs.phase(job, phase);
  }

  runbookTick(index: number, generation: number): void {
    this.runbooks.tick(index, generation);
  }

  policyFire(entry: number): void {
    this.sanm.fire(entry);
  }

  /** Replication hook: a split of `pair` was accepted now; keep its P-VOL's image for verification. */
  splitAccepted(pair: number): void {
    const cp = this.p.model.replication.pairs[pair];
    const src = this.p.arrays.digests[cp.pvol];
    const copy = new TrackDigests(src.trackCount);
    copy.copyFrom(src);
    this.splitImages.set(pair, { digests: copy, atUs: this.p.nowUs(), label: `${this.p.model.ldevs[cp.pvol].id} at the split of ${cp.key}` });
  }

  // ------------------------------------------------------------------ actions

  perform(a: Action): CommandResult {
    const p = this.p;
    switch (a.type) {
      case 'dbBackupMode': {
        const server = this.access.server(a.serverId);
        if (!server) return { ok: false, message: `no server "${a.serverId}"` };
        if (a.on === this.backupModes.has(a.serverId)) return { ok: true, redundant: true };
        if (a.on) this.backupModes.add(a.serverId);
        else this.backupModes.delete(a.serverId);
        p.hostControl.setBackupMode(a.serverId, a.on);
        return { ok: true };
      }
      case 'mountVolume': {
        const acc = this.access.ldevAccess(a.serverId, a.ldevId);
        if (!acc.ok) return { ok: false, message: `mount refused: ${acc.reason}` };
        const ldev = p.model.ldevs.findIndex((l) => l.id === a.ldevId);
        if (p.repl.ldevFlag[ldev] === 1 && p.repl.hostAccess(ldev, !a.readOnly) >= 0) {
          return { ok: false, message: `mount refused: ${a.ldevId} is not ${a.readOnly ? 'readable' : 'writable'} by hosts in its pair state` };
        }
        this.mounts.set(`${a.serverId}\u0000${a.ldevId}`, { serverId: a.serverId, ldevId: a.ldevId, readOnly: a.readOnly || p.arrays.ldevReadOnly[ldev] === 1 });
        return { ok: true };
      }
      case 'unmountVolume': {
        const key = `${a.serverId}\u0000${a.ldevId}`;
        if (!this.mounts.has(key)) return { ok: true, redundant: true };
        this.mounts.delete(key);
        return { ok: true };
      }
      case 'setHostGroupWwpn': {
        const err = this.access.setMember(a.arrayId, a.hostGroupId, a.wwpn, a.member);
        if (err) return { ok: false, message: err };
        p.hostControl.refreshAccess();
        return { ok: true };
      }
      case 'setLuPath':
      case 'setHostGroup': {
        const err = a.type === 'setLuPath' ? this.access.setLuPath(a.arrayId, a.portId, a.hostGroupId, a.lun, a.ldevId) : this.access.setHostGroup(a.arrayId, a.hostGroupId, a.portId, a.present);
        if (err) return { ok: false, message: err };
        p.hostControl.refreshAccess();
        return { ok: true };
      }
      case 'setZoning': {
        const err = this.access.zoning.set(a.switchId, a.zoning);
        if (err) return { ok: false, message: err };
        p.hostControl.refreshAccess();
        return { ok: true };
      }
      case 'backupJob':
      case 'restoreJob':
      case 'copyJob':
        if (this.jobs.byId(a.job)) return { ok: false, message: `a job "${a.job}" already exists` };
        return a.type === 'backupJob' ? this.jobs.startBackup(a) : a.type === 'restoreJob' ? this.jobs.startRestore(a) : this.jobs.startCopy(a);
      case 'mountCartridge':
      case 'unmountCartridge':
        return this.operatorMount(a.libraryId, a.barcode, a.type === 'mountCartridge');
      case 'startRunbook':
        return this.runbooks.start(a.runbook);
      case 'pauseRunbook':
        return this.runbooks.pause(a.runbook, a.beforeStep);
      case 'resumeRunbook':
        return this.runbooks.resume(a.runbook, a.oneStep);
      case 'setPolicy':
        if (!p.model.ldevs.some((l) => l.id === a.policy.ldevId)) return { ok: false, message: `policy ${a.policy.id}: no LDEV "${a.policy.ldevId}"` };
        if (!this.libraries.some((l) => l.id === a.policy.libraryId)) return { ok: false, message: `policy ${a.policy.id}: no library "${a.policy.libraryId}"` };
        this.sanm.set(a.policy);
        return { ok: true };
      case 'runPolicy': {
        const err = this.sanm.runNow(a.policyId);
        return err ? { ok: false, message: err } : { ok: true };
      }
      default:
        return { ok: false, message: `not a backup action: ${a.type}` };
    }
  }

  /** An operator's mount or unmount through the backup manager; the robot and load time are charged, the drive shows loaded at once. */
  private operatorMount(libraryId: string, barcode: string, mount: boolean): CommandResult {
    const lib = this.libraries.find((l) => l.id === libraryId);
    if (!lib) return { ok: false, message: `no library "${libraryId}"` };
    if (!lib.cartridge(barcode)) return { ok: false, message: `${libraryId} has no cartridge ${barcode}` };
    const now = this.p.nowUs();
    const jobId = `operator:${barcode}`;
    const stuckIn = lib.drives.findIndex((d) => d.failed && d.barcode === barcode);
    if (stuckIn >= 0) return { ok: false, message: `${barcode} is stuck in failed drive ${stuckIn} of ${libraryId} until its repair` };
    if (mount) {
      if (lib.drives.some((d) => d.barcode === barcode)) return { ok: true, redundant: true };
      const r = requestDrive(lib.alloc, { agentId: 'operator', jobId, cartridge: barcode, atUs: now });
      if (!r.ok) return { ok: false, message: r.reason };
      const granted = r.events.find((e) => e.kind === 'driveGranted');
      if (!granted || granted.kind !== 'driveGranted') return { ok: false, message: `no free drive in ${libraryId} for ${barcode}` };
      lib.alloc = r.state;
      lib.mount(granted.driveIndex, barcode, jobId, now);
      lib.loaded(granted.driveIndex);
      return { ok: true };
    }
    const drive = lib.drives.findIndex((d) => d.barcode === barcode);
    if (drive < 0) return { ok: true, redundant: true };
    if (lib.drives[drive].jobId !== jobId) return { ok: false, message: `${barcode} is in use by job ${lib.drives[drive].jobId}` };
    lib.unmounted(drive, lib.unmount(drive, now));
    const r = releaseDrive(lib.alloc, { agentId: 'operator', driveIndex: drive, atUs: now });
    if (!r.ok) return { ok: false, message: r.reason };
    lib.alloc = r.state;
    this.jobs.onAllocatorEvents(lib, r.events); // a job waiting for this cartridge or a drive gets it now
    return { ok: true };
  }

  // ------------------------------------------------------------------ SAN manager

  private estimate(policy: BackupPolicy): { bytes: number; rateBytesPerUs: number } {
    const p = this.p;
    const ldev = p.model.ldevs.findIndex((l) => l.id === policy.ldevId);
    const lib = this.libraries.find((l) => l.id === policy.libraryId);
    const written = ldev >= 0 ? p.arrays.digests[ldev].writtenCount * p.arrays.ldevTrackBytes[ldev] : 0;
    const bytes = policy.dataGiB !== undefined ? policy.dataGiB * 1024 ** 3 : written;
    let rate = lib ? lib.driveNativeBytesPerUs() : 1;
    const path = backupPath({ model: p.model, access: this.access, propagationUs: p.links.propagationUs }, {
      source: policy.ldevId, libraryId: policy.libraryId, path: policy.path, serverId: policy.serverId, backupServerId: policy.backupServerId,
    });
    if (!('error' in path)) for (const seg of path.segments) for (const r of seg.resources) rate = Math.min(rate, p.links.bytesPerUs[r >> 1]);
    return { bytes, rateBytesPerUs: rate };
  }

  private launch(policy: BackupPolicy, jobId: string): string | null {
    if (policy.method === 'direct') {
      const r = this.p.perform({ type: 'backupJob', job: jobId, source: policy.ldevId, libraryId: policy.libraryId, path: policy.path, serverId: policy.serverId, backupServerId: policy.backupServerId });
      if (r.ok) this.retention.set(jobId, policy.retentionDays);
      return r.ok ? null : (r.message ?? 'refused');
    }
    for (const [ldevId, runbookId] of [...this.freeInUse]) if (this.runbooks.isDone(runbookId)) this.freeInUse.delete(ldevId);
    const free = pickFreeVolume(this.p.model, this.p.scenario.topology.backup.freeVolumes, policy.ldevId, new Set(this.freeInUse.keys()));
    if (free === null) return `no free volume of at least the size of ${policy.ldevId} in the pool`;
    const runbook: Runbook = replicaRunbook(policy, jobId, free);
    this.freeInUse.set(free, runbook.id);
    this.retention.set(jobId, policy.retentionDays);
    const index = this.runbooks.add(runbook);
    const r = this.runbooks.start(this.runbooks.list[index].def.id);
    return r.ok ? null : (r.message ?? 'refused');
  }

  // ------------------------------------------------------------------ conditions, state vector

  /** Whether a runbook condition holds now (runbook steps and timeline triggers wait on them). */
  holds(c: Condition): boolean {
    const p = this.p;
    switch (c.kind) {
      case 'pairState': {
        const pairs = p.model.replication.pairs;
        let any = false;
        for (let i = 0; i < pairs.length; i++) {
          if (pairs[i].group !== c.group || (c.device !== undefined && pairs[i].device !== c.device)) continue;
          any = true;
          if (!c.states.includes(p.repl.pairStatus(i).state)) return false;
        }
        return any;
      }
      case 'jobDone': {
        // The data is all written (the tape may still be unloading), or the job failed.
        const j = this.jobs.byId(c.job);
        return j !== undefined && (j.state === 'unloading' || j.state === 'done' || j.state === 'failed');
      }
      case 'runbookDone':
        return this.runbooks.isDone(c.runbook);
    }
  }

  private stateVector(): Map<string, string> {
    const p = this.p;
    const v = new Map<string, string>();
    p.model.replication.pairs.forEach((pair, i) => {
      const s = p.repl.pairStatus(i).state;
      if (s !== 'SMPL' || !pair.group.startsWith(SANM_PREFIX)) v.set(`pair ${pair.key}`, s); // idle candidate replicas are noise
    });
    for (const j of this.jobs.list) v.set(`job ${j.id}`, j.state);
    for (const s of this.backupModes) v.set(`${s} backup mode`, 'on');
    for (const m of this.mounts.values()) v.set(`${m.serverId} mounts ${m.ldevId}`, m.readOnly ? 'read-only' : 'read-write');
    p.model.ldevs.forEach((l, i) => {
      if (p.arrays.ldevReadOnly[i] === 1) v.set(`${l.id} read-only attribute`, 'on');
    });
    for (const [k, val] of this.access.membership()) v.set(k, val);
    return v;
  }

  // ------------------------------------------------------------------ verification references, catalog

  private reference(ldev: number, against: { group: string; device?: string } | undefined): ReferenceImage | null {
    const p = this.p;
    const pairs = p.model.replication.pairs;
    const index = against
      ? pairs.findIndex((x) => x.group === against.group && (against.device === undefined || x.device === against.device))
      : pairs.findIndex((x, i) => x.svol === ldev && p.repl.pairStatus(i).splitAtS !== null); // split now: S holds that image
    const image = index >= 0 ? this.splitImages.get(index) : undefined;
    if (image) return image;
    const src = p.arrays.digests[ldev];
    const copy = new TrackDigests(src.trackCount);
    copy.copyFrom(src);
    return { digests: copy, atUs: p.nowUs(), label: `${p.model.ldevs[ldev].id} as the job started` };
  }

  /** A job's data is all written (state unloading, or done without a drive) or it failed. */
  private jobEnded(job: Job): void {
    if (job.kind !== 'backup' || job.state === 'failed') return;
    let sum = 0;
    // As TrackDigests.digestOfAll: never-written (zero) tracks do not count, so equal images give equal digests.
    for (let i = 0; i < job.tracks.length; i++) if (job.digests[i] !== 0) sum = (sum + foldWrite(job.digests[i], job.tracks[i], 0, 0x5eed)) | 0;
    const days = this.retention.get(job.id);
    this.catalog.push({
      jobId: job.id,
      libraryId: job.library!.id,
      source: job.sourceId,
      imageAtS: round3((job.reference?.atUs ?? job.startedUs) / US_PER_S),
      startedS: round3(job.startedUs / US_PER_S),
      endedS: round3(this.p.nowUs() / US_PER_S),
      tracks: job.tracks.length,
      bytes: job.bytesDone,
      cartridges: job.cartridges.map((c) => c.barcode),
      digest: hex(sum),
      verification: job.verification,
      expiresS: days === undefined ? null : round3(this.p.nowUs() / US_PER_S + days * 86_400),
    });
  }

  // ------------------------------------------------------------------ outputs

  status(): BackupStatus {
    const now = this.p.nowUs();
    return {
      clockStart: this.p.scenario.clockStart,
      libraries: this.libraries.map((l) => l.status(now)),
      jobs: this.jobs.list.map((j) => this.jobs.status(j)),
      catalog: this.catalog.map((c) => ({ ...c, cartridges: [...c.cartridges] })),
      runbooks: this.runbooks.status(),
      schedule: this.sanm.status(),
      runbookSchedule: this.sanm.runbookStatus(),
      backupMode: [...this.backupModes].sort().map((s) => ({ serverId: s, heldWrites: this.p.hostControl.heldWrites(s) })),
      mounts: [...this.mounts.values()].sort((a, b) => (a.serverId + a.ldevId < b.serverId + b.ldevId ? -1 : 1)).map((m) => ({ ...m })),
      policies: this.sanm.policies.map((x) => ({ ...x })),
    };
  }

  report(): BackupReport {
    const st = this.status();
    const now = this.p.nowUs();
    const libraries: BackupReport['libraries'] = {};
    for (const l of this.libraries) {
      const busy = l.status(now).drives.reduce((s, d) => s + d.busyUs, 0);
      libraries[l.id] = { drivesBusyPct: now > 0 ? round3((100 * busy) / (now * l.drives.length)) : 0, bytes: l.bytes, mounts: l.mounts, robotMoves: l.robotMoves };
    }
    const byId = <T,>(xs: T[], key: (x: T) => string): Record<string, T> => Object.fromEntries(xs.map((x) => [key(x), x]));
    const servers: BackupReport['servers'] = {};
    for (const s of [...this.serverJobBytes.keys()].sort()) servers[s] = { jobMB: round3(this.serverJobBytes.get(s)! / 1e6) };
    return {
      libraries,
      jobs: byId(st.jobs, (j) => j.id),
      catalog: byId(st.catalog, (c) => c.jobId),
      runbooks: byId(st.runbooks, (r) => r.id),
      schedule: byId(st.schedule, (s) => s.jobId),
      runbookSchedule: byId(st.runbookSchedule, (o) => o.id),
      servers,
    };
  }
}
