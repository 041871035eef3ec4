/**
 * The scenario document (v2): a topology, a seed, a duration, a timeline of actions at
 * simulated times or after events, and expectations on report values.
 *
 * Owns the scenario zod schema and its types. The engine compiles a scenario; the CLI, the
 * worker and `window.sandbox` all load the same document, so one file replays identically in
 * all three.
 */
import { z } from 'zod';
import { runbookSchemas } from './runbook.ts';
import { MoveVolume, SetFault } from './scenario-faults.ts';
import { Trigger } from './scenario-triggers.ts';
import { BackupPath, BackupPolicy, Id, Topology, Wwpn, Zoning } from './topology.ts';

/** v2 (2026-11): timeline entries may run `after` an event and carry an `id` (v1 → v2 changes nothing else: migrate.ts). */
export const SCENARIO_VERSION = 2 as const;

const WorkloadRef = { serverId: Id, workloadId: Id };

export const StartWorkload = z.object({ type: z.literal('startWorkload'), ...WorkloadRef });
export const StopWorkload = z.object({ type: z.literal('stopWorkload'), ...WorkloadRef });
export const SetWorkload = z.object({
  type: z.literal('setWorkload'),
  ...WorkloadRef,
  /** Any of: rw, rwmixread, bs, iodepth, rate_iops, size, skew, runtime. */
  changes: z
    .object({
      rw: z.enum(['read', 'write', 'randread', 'randwrite', 'randrw', 'rw']),
      rwmixread: z.number().int().min(0).max(100),
      bs: z.string().regex(/^\d+(\.\d+)?\s*([kmgtKMGT]i?[bB]?)?$/),
      iodepth: z.number().int().min(1).max(1024),
      rate_iops: z.number().positive().max(10_000_000),
      size: z.string().regex(/^\d+(\.\d+)?\s*([kmgtKMGT]i?[bB]?)?$/),
      skew: z.object({ kind: z.enum(['uniform', 'zipf']), theta: z.number().min(0).max(3) }),
      runtime: z.number().positive(),
    })
    .partial()
    .strict(),
});

/** A CCI address: a copy group and, optionally, one device of it (absent = every device of the group). */
const PairRef = { group: Id, device: Id.optional() };
/** CCI copy pace (`-c`): tracks copied at once, 1–15 (1–5 slow, 6–10 medium, 11–15 fast). */
export const CopyPace = z.number().int().min(1).max(15);

/** `paircreate -g grp [-d dev] [-c pace] [-split]`: SMPL → COPY → PAIR (snapshot groups: → PAIR at once). */
export const PairCreate = z.object({
  type: z.literal('pairCreate'),
  ...PairRef,
  pace: CopyPace.default(3),
  /** `-split`: split as soon as the initial copy completes. */
  split: z.boolean().default(false),
  /** Remote-sync: `-f fence` overrides the group's fence level. */
  fence: z.enum(['data', 'status', 'never']).optional(),
  /** Remote-async: `-jp id` / `-js id` / `-f async CTG` override the group's journals and consistency group. */
  masterJournal: z.number().int().min(0).max(255).optional(),
  restoreJournal: z.number().int().min(0).max(255).optional(),
  consistencyGroup: z.number().int().min(0).max(255).optional(),
});
/**
 * `pairsplit -g grp [-d dev]`: PAIR → PSUS. `mode` steady (Fig. 5a): the pending copy is drained
 * first (COPY(SP), S-VOL unavailable); quick (Fig. 5b, `-fq quick`): PSUS(SP) at once, the
 * S-VOL usable immediately. `access` (`-r` / `-rw`): the S-VOL's host access once split.
 * Snapshot groups: takes the snapshot (PAIR → PSUS).
 */
export const PairSplit = z.object({
  type: z.literal('pairSplit'),
  ...PairRef,
  mode: z.enum(['steady', 'quick']).default('steady'),
  access: z.enum(['rw', 'r']).default('rw'),
  /**
   * Remote pairs, `pairsplit -RS` at the remote site: S-VOL takeover — the S-VOL becomes
   * writable (SSWS) whatever the state of the main site; its writes are recorded for the swap resync.
   */
  takeover: z.boolean().optional(),
});
/** `pairsplit -E`: force the pair into PSUE (suspended by error); a later resync is a full copy. */
export const PairSuspend = z.object({ type: z.literal('pairSuspend'), ...PairRef });
/** `pairsplit -S`: delete the pair (→ SMPL); a snapshot's preserved tracks return to the pool. */
export const PairDelete = z.object({ type: z.literal('pairDelete'), ...PairRef });
/**
 * `pairresync -g grp [-d dev] [-restore] [-c pace]`: copy the union of both sides' differential
 * bitmaps P → S (COPY(RS) → PAIR; from PSUE a full copy), or with `restore` S → P (COPY(RS-R),
 * P-VOL inaccessible meanwhile). Snapshot groups: resync discards the image (→ PAIR); restore
 * copies the snapshot image back onto the P-VOL.
 */
export const PairResync = z.object({
  type: z.literal('pairResync'),
  ...PairRef,
  restore: z.boolean().default(false),
  pace: CopyPace.optional(),
  /**
   * Remote pairs in SSWS, `pairresync -swaps`: the S-VOL becomes the P-VOL and the direction
   * reverses; the union of both sides' changes is copied from the new P-VOL.
   */
  swap: z.boolean().optional(),
});
/** The read-only attribute of an LDEV (claim 4): host writes to it are rejected and counted. */
export const SetReadOnly = z.object({ type: z.literal('setReadOnly'), ldevId: Id, readOnly: z.boolean() });

// ---------------------------------------------------------------- hosts, access, backup

/**
 * The database backup mode of a server's database (JP2002-041345 step 403/405): while on, the
 * writes of the server's workloads are held in memory (acknowledged at once, not sent to the
 * volume), so the volume is consistent for a split; when it ends they are flushed to the volume.
 */
export const DbBackupMode = z.object({ type: z.literal('dbBackupMode'), serverId: Id, on: z.boolean() });
/** A server mounts (or unmounts) a volume it reaches through an LU path (steps 407, 411, 503, 505, 511). */
export const MountVolume = z.object({ type: z.literal('mountVolume'), serverId: Id, ldevId: Id, readOnly: z.boolean().default(false) });
export const UnmountVolume = z.object({ type: z.literal('unmountVolume'), serverId: Id, ldevId: Id });
/**
 * LUN security at run time (`raidcom add hba_wwn` / `raidcom delete hba_wwn`): add or remove a
 * WWPN from a host group; the servers' access changes at once (embodiment 3).
 */
export const SetHostGroupWwpn = z.object({
  type: z.literal('setHostGroupWwpn'),
  arrayId: Id,
  hostGroupId: Id,
  wwpn: Wwpn,
  member: z.boolean(),
});
/**
 * A backup job: `source` LDEV → a cartridge of `libraryId`. `path` (Fig. 8): `lan-free` — the
 * server reads the SAN and writes the tape over the SAN; `lan` — the server reads and sends over
 * the LAN to `backupServerId`, which writes the tape; `server-less` — the array copies the volume
 * to the tape itself (no server). The job asks the backup manager for a drive (queued when all
 * are busy), writes every allocated track and records their digests in the catalog.
 * `verifyAgainst`: the pair whose split image the tape must equal (default: the pair whose
 * S-VOL is the source, following cascades to the first P-VOL; none → the source as it was when
 * the job started).
 */
export const BackupJob = z.object({
  type: z.literal('backupJob'),
  job: Id,
  source: Id,
  libraryId: Id,
  path: BackupPath.default('lan-free'),
  serverId: Id.optional(),
  backupServerId: Id.optional(),
  /** Cartridges to write, in order (absent: scratch cartridges the manager picks). */
  cartridges: z.array(z.string()).max(1000).optional(),
  verifyAgainst: z.object({ group: Id, device: Id.optional() }).strict().optional(),
});
/** A restore job: the cartridges of catalog job `fromJob` → `target` LDEV, verified against the catalog digests. */
export const RestoreJob = z.object({
  type: z.literal('restoreJob'),
  job: Id,
  fromJob: Id,
  target: Id,
  path: BackupPath.default('lan-free'),
  serverId: Id.optional(),
  backupServerId: Id.optional(),
  /**
   * The host-mirror pair whose mirror program on the writing server duplexes the restore onto
   * its S-VOL as well (JP2002-041345 step 507: no resync needed afterwards).
   */
  mirror: z.object({ group: Id, device: Id.optional() }).strict().optional(),
});
/**
 * A volume-to-volume transfer between servers (Fig. 11 data sharing): `serverId` reads
 * `source`; `san` — it writes `target` over the SAN itself (target reachable by it); `lan` — it
 * sends over the LAN to `targetServerId`, which writes `target`.
 */
export const CopyJob = z.object({
  type: z.literal('copyJob'),
  job: Id,
  source: Id,
  target: Id,
  serverId: Id,
  via: z.enum(['san', 'lan']).default('san'),
  targetServerId: Id.optional(),
});
/** An operator mount through the backup manager: a drive of the library gets the cartridge. */
export const MountCartridge = z.object({ type: z.literal('mountCartridge'), libraryId: Id, barcode: z.string().min(1).max(16) });
export const UnmountCartridge = z.object({ type: z.literal('unmountCartridge'), libraryId: Id, barcode: z.string().min(1).max(16) });
/** Runbooks (runbook.ts): start, pause (now, or before step `beforeStep`), resume (one step with `oneStep`). */
export const StartRunbook = z.object({ type: z.literal('startRunbook'), runbook: Id });
export const PauseRunbook = z.object({ type: z.literal('pauseRunbook'), runbook: Id, beforeStep: z.number().int().min(0).optional() });
export const ResumeRunbook = z.object({ type: z.literal('resumeRunbook'), runbook: Id, oneStep: z.boolean().default(false) });
/** The SAN manager: add or replace a backup policy; run one now (outside its schedule). */
export const SetPolicy = z.object({ type: z.literal('setPolicy'), policy: BackupPolicy });
export const RunPolicy = z.object({ type: z.literal('runPolicy'), policyId: Id });

// ---------------------------------------------------------------- remote copy

/** A WAN link goes down (an outage) or comes back up; batches in flight when it fails are resent when it is back. */
export const SetWanLink = z.object({ type: z.literal('setWanLink'), wanLinkId: Id, up: z.boolean() });
/**
 * A whole site is lost (disaster): its servers stop, its arrays stop answering and every WAN
 * link of the site goes down. What the remote holds is what remote copy got there.
 */
export const SiteLoss = z.object({ type: z.literal('siteLoss'), siteId: Id });
/** "Verify remote": check the remote image of the group's consistency group against the primary's write history (report `remote.verifications`). */
export const VerifyRemote = z.object({ type: z.literal('verifyRemote'), group: Id });

// ---------------------------------------------------------------- fabric

/**
 * The zoning database of a switch replaced at run time (Fabric OS `cfgenable`, `cfgdisable`,
 * zone edits): which initiator–target pairs the fabric lets through changes at once.
 */
export const SetZoning = z.object({ type: z.literal('setZoning'), switchId: Id, zoning: Zoning });
/**
 * LUN mapping at run time (`raidcom add lun` / `raidcom delete lun`): the LU path at (port, host
 * group, LUN) maps `ldevId`, or with no `ldevId` is removed.
 */
export const SetLuPath = z.object({
  type: z.literal('setLuPath'),
  arrayId: Id,
  portId: Id,
  hostGroupId: Id,
  lun: z.number().int().min(0).max(2047),
  ldevId: Id.optional(),
});
/** A host group created on an array port (`raidcom add host_grp`) or deleted with its LU paths (`raidcom delete host_grp`), at run time. */
export const SetHostGroup = z.object({
  type: z.literal('setHostGroup'),
  arrayId: Id,
  hostGroupId: Id,
  portId: Id,
  present: z.boolean(),
});

export const Action = z.discriminatedUnion('type', [
  StartWorkload,
  StopWorkload,
  SetWorkload,
  PairCreate,
  PairSplit,
  PairSuspend,
  PairDelete,
  PairResync,
  SetReadOnly,
  DbBackupMode,
  MountVolume,
  UnmountVolume,
  SetHostGroupWwpn,
  BackupJob,
  RestoreJob,
  CopyJob,
  MountCartridge,
  UnmountCartridge,
  StartRunbook,
  PauseRunbook,
  ResumeRunbook,
  SetPolicy,
  RunPolicy,
  SetWanLink,
  SiteLoss,
  VerifyRemote,
  SetZoning,
  SetLuPath,
  SetHostGroup,
  SetFault,
  MoveVolume,
]);
export type Action = z.infer<typeof Action>;

export const { RunbookStep, Runbook } = runbookSchemas(Action);
export type RunbookStep = z.infer<typeof RunbookStep>;
export type Runbook = z.infer<typeof Runbook>;

export const TimelineEntry = z
  .object({
    /** Names the entry: `after: { kind: "step", id }` and the report's `timeline.<id>` refer to it. */
    id: Id.optional(),
    /** Simulated seconds from the start of the run (exactly one of `atS` and `after`). */
    atS: z.number().min(0).optional(),
    /** Or: the first time this event's condition holds (scenario-triggers.ts), plus `delayS`. */
    after: Trigger.optional(),
    /** With `after`: seconds between the event and the action (default 0). */
    delayS: z.number().min(0).max(7 * 24 * 3600).optional(),
    /** With `after`: only an event after the entry with this id was carried out counts ("the resync has completed"). */
    since: Id.optional(),
    action: Action,
    /** Optional text shown to a trainer when the action fires. */
    note: z.string().max(2000).optional(),
  })
  .superRefine((e, ctx) => {
    if ((e.atS === undefined) === (e.after === undefined)) {
      ctx.addIssue({ code: 'custom', path: e.atS === undefined ? ['atS'] : ['after'], message: 'give either "atS" (a simulated time) or "after" (an event), not both and not neither' });
    }
    if (e.delayS !== undefined && e.after === undefined) ctx.addIssue({ code: 'custom', path: ['delayS'], message: '"delayS" only goes with "after"' });
    if (e.since !== undefined && (e.after === undefined || e.after.kind === 'step')) {
      ctx.addIssue({ code: 'custom', path: ['since'], message: '"since" only goes with an "after" that is not a step (a step trigger already follows its step)' });
    }
  });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Comparison = z.enum(['==', '!=', '<', '<=', '>', '>=']);
export type Comparison = z.infer<typeof Comparison>;

/**
 * An expectation on a report value. `path` is a dotted path into the report, e.g.
 * `ldevs.db-p.readIops`, `links.l1.utilizationPct`, `rejectedIos.total`. Path segments that
 * contain dots or colons can be written in brackets: `ldevs[00:01].cacheHitPct`.
 */
export const Expectation = z.object({
  description: z.string().min(1).max(200),
  path: z.string().min(1).max(200),
  op: Comparison,
  /**
   * The value to compare with, or `{ "path": … }`: another report value (e.g. two volumes'
   * `contentDigest`s, or a pair's `pDigestAtSplit` and its S-VOL's digest).
   */
  value: z.union([z.number(), z.string(), z.boolean(), z.object({ path: z.string().min(1).max(200) }).strict()]),
});
export type Expectation = z.infer<typeof Expectation>;

/**
 * One task of a training activity: what the learner must do, graded by checks on the report
 * (expectations: every check must hold for the task to pass).
 */
export const ActivityTask = z.object({
  id: Id,
  title: z.string().min(1).max(200),
  /** Shown when the task does not pass yet: what to try. */
  hint: z.string().max(1000).optional(),
  checks: z.array(Expectation).min(1).max(20),
});
export type ActivityTask = z.infer<typeof ActivityTask>;

/** A scenario turned into an activity by a trainer: instructions and graded tasks. */
export const Activity = z.object({
  title: z.string().min(1).max(120),
  instructions: z.string().min(1).max(5000),
  tasks: z.array(ActivityTask).min(1).max(50),
});
export type Activity = z.infer<typeof Activity>;

/** A rule of the timeline's ids broken at entry `index` (`path` inside the entry). */
export interface TimelineIdIssue {
  index: number;
  path: (string | number)[];
  message: string;
}

/**
 * The rules a timeline's ids keep (the scenario schema checks them; the timeline editor's entry
 * form too): ids are unique (the second use is the one at fault), and every `step` trigger and
 * `since` names another existing entry.
 */
export function timelineIdIssues(timeline: readonly Pick<TimelineEntry, 'id' | 'after' | 'since'>[]): TimelineIdIssue[] {
  const issues: TimelineIdIssue[] = [];
  const ids = new Map<string, number>();
  timeline.forEach((e, i) => {
    if (e.id === undefined) return;
    const first = ids.get(e.id);
    if (first !== undefined) issues.push({ index: i, path: ['id'], message: `"${e.id}" is already the id of timeline[${first}]` });
    else ids.set(e.id, i);
  });
  timeline.forEach((e, i) => {
    const refs: [string, (string | number)[]][] = [];
    if (e.after?.kind === 'step') refs.push([e.after.id, ['after', 'id']]);
    if (e.since !== undefined) refs.push([e.since, ['since']]);
    for (const [id, path] of refs) {
      const target = ids.get(id);
      if (target === undefined) issues.push({ index: i, path, message: `no timeline entry has id "${id}"` });
      else if (target === i) issues.push({ index: i, path, message: 'an entry cannot wait for itself' });
    }
  });
  return issues;
}

export const Scenario = z.object({
  version: z.literal(SCENARIO_VERSION),
  kind: z.literal('sandbox-scenario'),
  name: z.string().min(1).max(120),
  description: z.string().max(4000).default(''),
  /** Root seed: every random stream of the run derives from it. */
  seed: z.number().int().min(0).max(0xffffffff),
  /** How long the run lasts, in simulated seconds. */
  durationS: z.number().positive().max(7 * 24 * 3600),
  topology: Topology,
  /** Wall-clock time of day at simulated second 0 ("HH:MM"): backup windows are set in it. */
  clockStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM').default('00:00'),
  timeline: z.array(TimelineEntry).max(10_000).default([]),
  /** Runbooks (runbook.ts) that timeline actions or commands can start. */
  runbooks: z.array(Runbook).max(64).default([]),
  expectations: z.array(Expectation).max(1000).default([]),
  /** A training activity: instructions and tasks graded on the running emulation (docs/activities.md). */
  activity: Activity.optional(),
}).superRefine((s, ctx) => {
  for (const issue of timelineIdIssues(s.timeline)) ctx.addIssue({ code: 'custom', path: ['timeline', issue.index, ...issue.path], message: issue.message });
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
