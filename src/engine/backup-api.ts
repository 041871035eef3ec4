/**
 * The engine's public types for tape and optical libraries, backup/restore/copy jobs, the
 * catalog, runbooks and the SAN manager's schedule (policy jobs and scheduled runbooks).
 * Re-exported by api.ts.
 *
 * Status objects (`BackupStatus`) are what the UI, the console and `window.sandbox` read while a
 * run goes on; `BackupReport` is the same information in the final report, keyed by id so
 * expectations can address it (`jobs.bk1.verification.passed`, `runbooks.online.state`).
 * Times are simulated seconds (3 decimals) unless named …Us.
 */
import type { BackupPath, BackupPolicy } from '../model/topology.ts';

export type DriveState = 'empty' | 'mounting' | 'loaded' | 'busy' | 'unloading';

export interface DriveStatus {
  index: number;
  state: DriveState;
  /** The cartridge in (or moving into / out of) the drive. */
  barcode: string | null;
  /** The job holding the drive. */
  jobId: string | null;
  /** Bytes written or read by this drive over the run. */
  bytes: number;
  /** Busy µs over the run (mount to unmount), for utilisation. */
  busyUs: number;
  /**
   * The drive failed (tape drive fault) and is not repaired: offline, never given to a job.
   * `state` is then 'loaded' while the cartridge it had is stuck in it (`barcode`), else 'empty'.
   */
  failed: boolean;
}

export interface CartridgeStatus {
  barcode: string;
  /** 'lto' generation name or 'DVD-RAM'. */
  media: string;
  slot: number;
  /** Where it is now: its slot, a drive, or moving. */
  location: 'slot' | 'drive' | 'robot';
  driveIndex: number | null;
  scratch: boolean;
  capacityBytes: number;
  usedBytes: number;
  /** Catalog jobs with data on it. */
  jobs: string[];
}

export interface LibraryStatus {
  id: string;
  kind: 'tapeLibrary' | 'dvdLibrary';
  driveGeneration: string | null;
  drives: DriveStatus[];
  cartridges: CartridgeStatus[];
  /** Requests waiting for a drive, in order (job ids). */
  queue: string[];
  robotBusyUs: number;
}

export type JobKind = 'backup' | 'restore' | 'copy';
export type JobState =
  | 'queued'
  | 'mounting'
  | 'transferring'
  | 'spanning'
  | 'unloading'
  | 'done'
  | 'failed';

export interface JobCartridge {
  barcode: string;
  driveIndex: number;
  /** Tracks of the job on this cartridge (index range into the job's track list). */
  firstIndex: number;
  count: number;
  bytes: number;
  /** Where the job's data starts on the cartridge, bytes from its beginning (0: at BOT; else a locate). */
  startBytes: number;
}

export interface Verification {
  passed: boolean;
  /** Tracks compared digest by digest (every track of the volume). */
  tracksCompared: number;
  mismatches: number;
  /** The first track that differs, or null. */
  firstMismatch: number | null;
  /** What the job was compared with, e.g. "db-primary at split of DB/db (28.000 s)". */
  against: string;
  /** One line for a person: "PASS: 20,480 tracks of db-secondary equal db-primary at 28.000 s". */
  line: string;
}

export interface JobStatus {
  id: string;
  kind: JobKind;
  state: JobState;
  path: BackupPath | 'san';
  source: string;
  target: string;
  libraryId: string | null;
  /** Servers whose HBAs or NICs the data crosses, in order. */
  servers: string[];
  /** Links the data crosses, in order. */
  links: string[];
  createdS: number;
  startedS: number | null;
  /** Transfer start (after drive wait and mount). */
  transferStartS: number | null;
  /** When the last data was on the medium or the target (before the tape unloads). */
  transferEndS: number | null;
  endedS: number | null;
  /** Tracks to move and moved. */
  tracksPlanned: number;
  tracksDone: number;
  bytesPlanned: number;
  bytesDone: number;
  /** Mean transfer rate over the transfer phase, MB/s. */
  mbps: number;
  /** Drive waited for, seconds. */
  waitS: number;
  backhitches: number;
  cartridges: JobCartridge[];
  verification: Verification | null;
  /** Why the job failed, or null. */
  error: string | null;
  /**
   * Drive failures the job met (tape drive faults). Each one on a job that was mounting or
   * moving data restarted it from the start on another drive; `cartridges` lists the last
   * attempt's only (the partial image of a failed attempt is not catalogued).
   */
  driveErrors: number;
}

export interface CatalogEntry {
  jobId: string;
  libraryId: string;
  source: string;
  /** When the image the tape holds was taken: the split time of the reference pair, or the job start. */
  imageAtS: number;
  startedS: number;
  endedS: number;
  tracks: number;
  bytes: number;
  cartridges: string[];
  /** Digest of all the track digests written (order-independent), hex. */
  digest: string;
  verification: Verification | null;
  expiresS: number | null;
}

export type RunbookState = 'idle' | 'waiting' | 'running' | 'paused' | 'done' | 'failed';

export interface RunbookStepStatus {
  n: number;
  title: string;
  actor: string | null;
  detail: string | null;
  state: 'pending' | 'waiting' | 'running' | 'done' | 'failed';
  startedS: number | null;
  endedS: number | null;
  /** What the step changed: "DB/db PAIR → PSUS", "job bk1 queued → done", "db-server backup mode on". */
  changes: string[];
  /** The action's refusal, when it was refused. */
  error: string | null;
}

export interface RunbookStatus {
  id: string;
  name: string;
  state: RunbookState;
  /** Index of the current step (the one running, waiting or paused before), or -1. */
  current: number;
  stepMode: boolean;
  /** Pause before this step number, or null. */
  pauseBefore: number | null;
  steps: RunbookStepStatus[];
}

export interface ScheduledJob {
  policyId: string;
  tenant: string;
  ldevId: string;
  jobId: string;
  libraryId: string;
  /** Planned by the estimator before the night. */
  plannedStartS: number;
  plannedEndS: number;
  plannedDrive: number;
  windowStartS: number;
  windowEndS: number;
  /** The estimate says it will end after its window: flagged before it runs. */
  missesWindow: boolean;
  estimatedMBps: number;
  bytes: number;
  /** Actual run (null until it runs). */
  actualStartS: number | null;
  actualEndS: number | null;
  actualDrive: number | null;
  state: JobState | 'planned';
}

export type ScheduledRunbookState = 'planned' | 'running' | 'waiting' | 'paused' | 'done' | 'failed' | 'skipped';

/**
 * One occurrence of a scheduled runbook (SAN patent Fig. 21: the remote replica split every
 * night for the reporting server), started by the SAN manager at its planned instant — or
 * skipped, when the runbook was still in progress from before (it never runs twice at once).
 */
export interface ScheduledRunbook {
  /** `<runbook>-<day>`: day 0 holds simulated 0 (as policy job ids). */
  id: string;
  runbookId: string;
  name: string;
  frequency: 'daily' | 'weekly';
  /** Wall-clock time of day it fires, "HH:MM". */
  at: string;
  plannedStartS: number;
  /** The runbook's run this occurrence started (1 = its first start), or null. */
  run: number | null;
  /** When it started (its planned instant) and when that run ended; null until then. */
  actualStartS: number | null;
  actualEndS: number | null;
  state: ScheduledRunbookState;
  /** Why it was skipped: "nightly is still waiting (run 1, started at 7200 s)". */
  skipReason: string | null;
}

export interface BackupStatus {
  /** Wall-clock time of day at simulated 0, "HH:MM". */
  clockStart: string;
  libraries: LibraryStatus[];
  jobs: JobStatus[];
  catalog: CatalogEntry[];
  runbooks: RunbookStatus[];
  schedule: ScheduledJob[];
  /** Occurrences of the scheduled runbooks, in the order they fire. */
  runbookSchedule: ScheduledRunbook[];
  /** Servers in database backup mode, with the writes they hold. */
  backupMode: { serverId: string; heldWrites: number }[];
  /** Volumes mounted on servers. */
  mounts: { serverId: string; ldevId: string; readOnly: boolean }[];
  /** The SAN manager's backup policies now (the design's, plus any set during the run). */
  policies: BackupPolicy[];
}

export interface BackupReport {
  libraries: Record<string, { drivesBusyPct: number; bytes: number; mounts: number; robotMoves: number }>;
  jobs: Record<string, JobStatus>;
  catalog: Record<string, CatalogEntry>;
  runbooks: Record<string, RunbookStatus>;
  schedule: Record<string, ScheduledJob>;
  /** Scheduled runbook occurrences by id (`runbookSchedule.nightly-1.state`). */
  runbookSchedule: Record<string, ScheduledRunbook>;
  /** Per server: bytes it moved for jobs (read + sent), MB. */
  servers: Record<string, { jobMB: number }>;
}
