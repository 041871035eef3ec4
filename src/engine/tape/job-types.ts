/**
 * The data of a tape, restore or copy job and what it needs from its simulation (tape/jobs.ts
 * runs jobs; job-transfer.ts and job-outputs.ts read and write these fields).
 *
 * Invariants: `attempt` only grows; an EV_JOB event carries the attempt it was scheduled in
 * (b = phase + 8 × attempt) and is dropped when the job has moved on to a later attempt (a
 * drive failure restarts the job: drive-faults.ts).
 */
import type { JobCartridge, JobKind, JobState, JobStatus, Verification } from '../backup-api.ts';
import type { DiskArrays } from '../array/array.ts';
import type { CompiledModel } from '../compile.ts';
import type { LinkTimelines } from '../fabric/link-timelines.ts';
import type { RuntimeAccess } from '../fabric/runtime-access.ts';
import type { IoCursor } from '../io-cursor.ts';
import type { MetricsCollector } from '../metrics/collector.ts';
import type { Replication } from '../replication/pairs.ts';
import type { JobPath } from './job-paths.ts';
import type { Library } from './libraries.ts';
import type { ReferenceImage } from './verify.ts';

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
  /** The split image a backup is verified against (`verifyAgainst`), kept to take the reference again on a restart. */
  against: { group: string; device?: string } | undefined;
  /** 0 for the first run; +1 at each restart after a drive failure (events of older attempts are dropped). */
  attempt: number;
  /** Drive failures the job met. */
  driveErrors: number;
  createdUs: number;
  startedUs: number;
  transferStartUs: number;
  /** When the last chunk was on the medium (or target), µs; -1 before. */
  drainedUs: number;
  endedUs: number;
  verification: Verification | null;
}
