/**
 * The scenario document (v1): a topology, a seed, a duration, a timeline of actions at
 * simulated times, and expectations on report values.
 *
 * Owns the scenario zod schema and its types. The engine compiles a scenario; the CLI, the
 * worker and `window.sandbox` all load the same document, so one file replays identically in
 * all three.
 */
import { z } from 'zod';
import { Id, Topology } from './topology.ts';

export const SCENARIO_VERSION = 1 as const;

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
});
/** The read-only attribute of an LDEV (claim 4): host writes to it are rejected and counted. */
export const SetReadOnly = z.object({ type: z.literal('setReadOnly'), ldevId: Id, readOnly: z.boolean() });

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
]);
export type Action = z.infer<typeof Action>;

export const TimelineEntry = z.object({
  /** Simulated seconds from the start of the run. */
  atS: z.number().min(0),
  action: Action,
  /** Optional text shown to a trainer when the action fires. */
  note: z.string().max(2000).optional(),
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
  timeline: z.array(TimelineEntry).max(10_000).default([]),
  expectations: z.array(Expectation).max(1000).default([]),
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
