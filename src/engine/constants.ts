/**
 * Every performance-model constant of the engine, with where its value comes from.
 *
 * Owns: the numbers the I/O path is built from (links, switches, array front end, cache,
 * back-end tiers, RAID write penalties) and the engine's named limits.
 *
 * Invariants: times are microseconds, rates are bytes per microsecond (= MB/s, decimal), so
 * `bytes / rateBytesPerUs` is a duration in µs. Changing a value here changes reports and
 * event-log hashes: say why in the commit.
 *
 * Does not handle: per-device overrides (the topology has none yet); tape constants (tape/).
 */
import type { RaidLevel, Tier } from '../model/topology.ts';

// ---------------------------------------------------------------- fabric

/**
 * FC payload rate per GFC: 1GFC carries ~100 MB/s of data after 8b/10b (1.0625 Gbaud × 0.8 / 8),
 * and the FCIA speed map keeps "≈ 100 MB/s per GFC" through 32GFC (3200 MB/s, 64b/66b at 28.05 Gbaud).
 * Source: FCIA roadmap / Fibre Channel speed chart; DESIGN.md "Performance model".
 */
export const FC_BYTES_PER_US_PER_GFC = 100;

/** Ethernet payload: 1 Gbit/s = 125 MB/s (line rate / 8; framing overhead ignored). */
export const LAN_BYTES_PER_US_PER_GBPS = 125;

/**
 * Light in fibre travels at ~2/3 c ≈ 200,000 km/s → 5 µs per km, one way.
 * Source: refractive index ~1.47 of single-mode fibre; SNIA / vendor distance-latency notes.
 */
export const FIBRE_PROPAGATION_US_PER_KM = 5;

/** Cut-through FC switch port-to-port latency ≈ 0.7–2 µs (Brocade/Cisco data sheets); we use 1 µs. */
export const FC_SWITCH_HOP_US = 1;

/** An arbitrated-loop hub adds loop arbitration and repeat delays; ~2 µs (FC-AL hub notes). */
export const FC_HUB_HOP_US = 2;

/** An FC-SCSI bridge stores and forwards, a few µs; 5 µs (ATTO/Crossroads bridge data sheets). */
export const FC_BRIDGE_HOP_US = 5;

/**
 * A store-and-forward Gigabit Ethernet switch hop: ~5 µs for a 1,500-byte frame plus switching
 * (Cisco/Arista data-sheet latencies of 1–10 µs at 1–10 GbE); SANdbox uses 5 µs per LAN segment.
 */
export const LAN_SWITCH_HOP_US = 5;

// ---------------------------------------------------------------- array front end and cache

/**
 * Front-end (channel adapter) processing latency per I/O ≈ 20 µs (command decode, LUN lookup,
 * cache directory search). Source: DESIGN.md; Hitachi VSP performance white papers quote
 * tens of µs of front-end overhead.
 */
export const FRONT_END_LATENCY_US = 20;

/**
 * How long one I/O occupies its front-end port's processor: 4 µs → ≈ 250 k IOPS per port,
 * the order of magnitude vendors quote for a 16/32GFC port on a modern array.
 */
export const FRONT_END_PORT_BUSY_US = 4;

/**
 * Cache service after the front end, so that a read hit totals ≈ 0.2 ms (DESIGN.md:
 * "cache hit ≈ 0.2 ms"). Also the time to accept a write into cache (write-back).
 */
export const CACHE_SERVICE_US = 180;

/**
 * Write-behind: the least time a track stays dirty ("write pending") after the write that
 * dirtied it before its destage may run; rewrites of a dirty track merge into it and cost the
 * back end nothing more. 1 s. The destage then runs in the disks' idle time (reads first), so
 * under load tracks stay dirty longer and merge more, as in real arrays.
 * Sources: arrays keep written tracks in cache and destage them in the background, not per
 * write — HDS USP-V only starts scanning cache for dirty data to destage at 30 % write pending
 * (justsomestuff.co.uk, "HDS USP-V cache"); IBM DS4000 flushes by cache watermarks and writes
 * out unwritten entries older than 20 s (IBM Midrange System Storage Hardware Guide, "Storage
 * subsystem cache flushing levels"); EMC CLARiiON/VNX flush between 60 % and 80 % watermarks
 * with idle flushing below. Dirty data therefore lives from seconds to tens of seconds; 1 s is
 * deliberately at the short end (it under- rather than over-states merging).
 */
export const WRITE_BEHIND_DELAY_US = 1_000_000;

/**
 * Write-pending limit, as a fraction of an array's cache slots: while this many track
 * destages are scheduled and not yet run, writes that would dirty a track are written through
 * (acknowledged after their destage, FIFO with reads) — "inflow control".
 * Source: HDS USP-V cache algorithm: 30 % write pending starts destaging, 40 % accelerates it,
 * 50 % makes destaging a priority and throttles host I/O, 70 % delays all host I/O
 * (justsomestuff.co.uk, "HDS USP-V cache"); the EMC-built Bull CDA 7 delays fast writes at its
 * 80 % cache write ceiling (CDA 7 product manual, "Delayed Fast Write"). We throttle at 50 %.
 */
export const WRITE_PENDING_LIMIT = 0.5;

/** Default track size when a document does not say (DESIGN.md: tracks of 256 KiB). */
export const DEFAULT_TRACK_KIB = 256;

// ---------------------------------------------------------------- back end

export interface TierModel {
  /** Seek + rotational latency (or flash access time) per random operation, µs. */
  positioningUs: number;
  /** Sustained media transfer rate, bytes per µs (= MB/s). */
  mediaBytesPerUs: number;
}

/**
 * Back-end tiers. Sources: DESIGN.md "Performance model";
 * - SSD: ~0.1 ms read access, ~500 MB/s per SAS SSD (vendor data sheets, e.g. Samsung PM1643);
 * - 15k HDD: 3.5 ms average seek + 2 ms half-rotation (60 s / 15000 / 2) ≈ 180 IOPS, ~200 MB/s
 *   (Seagate Cheetah 15K / Savvio 15K data sheets);
 * - 7.2k HDD: 8.5 ms seek + 4.17 ms half-rotation ≈ 80 IOPS, ~180 MB/s (Seagate Exos 7E data sheets).
 */
export const TIER_MODELS: Readonly<Record<Tier, TierModel>> = {
  ssd: { positioningUs: 100, mediaBytesPerUs: 500 },
  hdd15k: { positioningUs: 3500 + 2000, mediaBytesPerUs: 200 },
  hdd7k: { positioningUs: 8500 + 4170, mediaBytesPerUs: 180 },
};

/**
 * Disk operations per host write (the RAID write penalty): RAID1 writes two mirrors; RAID5
 * reads data + parity and writes both (4); RAID6 adds the second parity (6).
 * Source: standard small-write penalty (Patterson, Gibson, Katz 1988; SNIA dictionary).
 */
export const RAID_WRITE_PENALTY: Readonly<Record<RaidLevel, number>> = { RAID1: 2, RAID5: 4, RAID6: 6 };

// ---------------------------------------------------------------- host side and limits

/** A rejected I/O completes with an error after this round-trip, so closed loops do not spin at one instant. */
export const REJECT_ROUND_TRIP_US = 100;

/**
 * Most I/Os an open-loop (rate_iops) workload may have outstanding; arrivals beyond it are
 * rejected as `queue-full` (fio would stall; we count instead so overload is visible).
 */
export const OPEN_LOOP_OUTSTANDING_LIMIT = 4096;

/** Most I/Os outstanding in the whole simulation (the I/O slot pool's named limit). */
export const IO_POOL_LIMIT = 1 << 22;

/** Most per-second samples kept for `drainTelemetry` between two drains; older ones are dropped. */
export const TELEMETRY_PENDING_LIMIT = 3600;

/** Zipf exponents must be in (0, 3) for the sampler; larger thetas are clamped to this. */
export const ZIPF_THETA_MAX = 2.999;

/** One simulated second. */
export const US_PER_S = 1_000_000;

// ---------------------------------------------------------------- replication

/**
 * CCI's default copy pace (`paircreate -c`, 1–15; default 3): tracks a pair copies at once.
 * Source: Hitachi CCI Command Reference, paircreate `-c size` ("1 to 15 … default 3").
 * A copy cycle copies `pace` tracks in parallel (each a back-end read of the source track, or a
 * cache hit, then a write-through of the track to the target's parity group); the next cycle
 * starts when all of them finished. So pace 15 can occupy every disk of a group and queue host
 * reads behind the copy, while pace 1 keeps one disk busy at a time.
 */
export const DEFAULT_COPY_PACE = 3;

/**
 * Update copy in PAIR is asynchronous: the first P-VOL write that makes a track pending starts a
 * copy cycle this much later, so a burst of writes to a track is copied once. Until it runs the
 * S-VOL lags the P-VOL (only a completed split guarantees S = P). SANdbox's choice: 100 ms keeps
 * the lag visible in the bitmap view but small next to a split.
 */
export const UPDATE_COPY_DELAY_US = 100_000;

// ---------------------------------------------------------------- backup jobs and runbooks

/**
 * A backup, restore or copy job moves data in chunks of this many bytes (a backup
 * application's I/O size: NetBackup's default SIZE_DATA_BUFFERS is 256 KiB–1 MiB, disk-image
 * agents read 4–8 MiB). One chunk is one read (or write) on the array and one transfer per link.
 */
export const JOB_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Chunks a job keeps in flight (read-ahead): NetBackup's NUMBER_DATA_BUFFERS defaults to 30 for
 * tape at 256 KiB (7.5 MiB) and is raised to 64–256 for fast drives; four 4 MiB chunks (16 MiB)
 * keep four disks of a parity group streaming, enough to feed an LTO-8/9 drive from HDDs.
 */
export const JOB_READ_DEPTH = 4;

/**
 * Host memory write latency for a write held by the database in backup mode (step 403): the
 * database acknowledges it from its buffer cache. 20 µs (a memory copy and a latch).
 */
export const DB_HELD_WRITE_US = 20;

/** Most writes a database holds in backup mode; beyond this it refuses writes ('backup-mode-full'). */
export const DB_HELD_WRITE_LIMIT = 1 << 20;

/** How often a waiting runbook step re-checks its condition, µs (10 ms of simulated time). */
export const RUNBOOK_POLL_US = 10_000;

// ---------------------------------------------------------------- remote copy and the WAN

/**
 * Payload share of a WAN circuit's line rate: FCIP over TCP/IP over Ethernet carries a 1460 B
 * TCP segment per 1538 B on the wire (preamble, Ethernet, IP, TCP headers, inter-frame gap):
 * 1460 / 1538 ≈ 0.949. Source: IEEE 802.3 framing, RFC 3821 (FCIP).
 */
export const WAN_PAYLOAD_EFFICIENCY = 1460 / 1538;

/**
 * A lost WAN batch is resent once the loss is detected: one round trip (the duplicate
 * acknowledgements come back) plus this, the sender's fast-retransmit reaction (RFC 5681 fast
 * retransmit after three duplicate ACKs; we take 1 ms of detection and resend work).
 */
export const WAN_RETRANSMIT_US = 1000;

/**
 * Universal Replicator moves journal data in batches: a read-journal command returns up to this
 * many bytes of entries (we use 1 MiB; UR transfers journal data in units of up to ~1 MB per
 * read-journal command — Hitachi UR user guide, "journal copy").
 */
export const JNL_BATCH_BYTES = 1 << 20;

/** Read-journal commands the restore side keeps outstanding at the master (pipelining over long distances). */
export const JNL_READS_OUTSTANDING = 16;

/**
 * The master answers a waiting read-journal command this long after the first new entry (so
 * small writes travel together); 1 ms.
 */
export const JNL_BATCH_WAIT_US = 1000;

/** Journal use above this percent shows the group as PFUL (UR: "journal volume threshold"). */
export const JNL_PFUL_PCT = 80;

/** Remote I/O processing at the remote array's front end per sync update or journal batch (RCU port work): 20 µs. */
export const REMOTE_PORT_US = 20;

/** Entries kept by the in-engine prefix checker past the remote's prefix before it keeps only the frozen image. */
export const REMOTE_CHECK_HISTORY = 65_536;

// ---------------------------------------------------------------- volume moves (array/volume-move.ts)

/**
 * A volume move copies its LDEV in steps of this many bytes (whole tracks, at least one): one
 * sequential read on the source group, then a write-through to the target group; the next step
 * starts when the previous one's target write ended. One step is in flight at a time, queued
 * FIFO behind host I/O on both groups' disks, so the copy takes what the disks have left:
 * ≈ 80 MB/s from an idle 7.2k HDD group to SSDs (36 ms read + 17 ms RAID5 write per 4 MiB),
 * less when the source is busy. Sources: Hitachi Volume Migration copies the whole source
 * volume in the background while it stays readable and writable, then swaps host access to the
 * target (Hitachi SVOS Volume Migration user guide, "Overview of Volume Migration"); Huawei
 * SmartMove's migration rates for the same job range from ≤ 15 MB/s ("Medium", for busy
 * hosts) to ≤ 60 MB/s ("High") and ≤ 500 MB/s ("Highest", idle hosts) — our back-end-paced
 * copy sits between "High" and "Highest", as a job that yields to host I/O but does not sleep.
 * 4 MiB is a backup agent's chunk (JOB_CHUNK_BYTES).
 */
export const MOVE_STEP_BYTES = 4 * 1024 * 1024;

/**
 * The load window of volume moves, seconds: a prediction uses the group and LDEV busy time of the
 * last 10 s before it; the measurement after a move uses 10 s as well. HP Auto LUN XP (Hitachi
 * CruiseControl) estimates "from past resource usage rates, hard disk drive type information,
 * and the RAID level" over its Performance Monitor samples (minutes on a real array; 10 s keeps
 * scenario runs short while averaging ~1,000 I/Os at 100 IOPS, a ±3 % sampling spread).
 */
export const MOVE_WINDOW_S = 10;

/**
 * After a switch-over the measured window starts this many whole seconds later: destages of
 * writes accepted before the switch-over are still charged to the source group for up to about
 * WRITE_BEHIND_DELAY_US plus the disks' queue; 2 s lets them drain first.
 */
export const MOVE_SETTLE_S = 2;

// ---------------------------------------------------------------- disk failures and rebuilds (array/disk-faults.ts)

/**
 * Failed disks a parity group survives: RAID5 one (single parity), RAID6 two (P + Q). RAID1 (the
 * 2D+2D / 4D+4D mirrored pairs of Hitachi arrays, RAID 1+0) survives one failed disk per mirror
 * pair: it is blocked when both disks of a pair are out, whatever the other pairs do ("failure of
 * a drive that is not mirrored to any other failed drive" is survivable — HP Smart Array user
 * guides, "Automatic data recovery"); the value here is the most any one pair loses.
 * Source: Patterson, Gibson, Katz 1988 (RAID5); SNIA dictionary (RAID6, double parity).
 */
export const RAID_FAILURES_TOLERATED: Readonly<Record<RaidLevel, number>> = { RAID1: 1, RAID5: 1, RAID6: 2 };

/**
 * Rebuild (correction copy onto a hot spare) rate of one failed disk when its group is idle,
 * bytes per µs (= MB/s), by RAID level and tier. The array throttles the rebuild below the
 * media rate so host I/O keeps most of the disks (Linux md rebuilds at up to speed_limit_max =
 * 200 MB/s only when the array is idle and guarantees 1 MB/s under load; Fujitsu ETERNUS, Dell
 * PERC and HPE Smart Array expose a rebuild priority for the same trade-off). Values:
 * - HDD at about a third to a half of the media rate (TIER_MODELS: 200 / 180 MB/s): 15k 100 MB/s,
 *   7.2k 60 MB/s for RAID5 — 1.2 TB in ≈ 3.3 h / 5.6 h, the order arrays report (storagemath.org's
 *   rebuild table: 7.2k ≈ 105 MB/s, 15k ≈ 175 MB/s at 30 % load without a throttle; a 16 TB
 *   NL-SAS RAID5 rebuild takes 24–72 h, i.e. 60–185 MB/s);
 * - SSD 200 MB/s (md's speed_limit_max; SATA/SAS SSDs stream 500 MB/s, the controller's parity
 *   work and the throttle hold the rebuild well below);
 * - RAID1 copies the mirror (one read, one write per byte): ×1.2; RAID6 reads n−2 disks and
 *   computes two syndromes: ×0.8 (SANdbox's assumption, in line with vendors' advice that
 *   parity rebuilds are slower than mirror copies).
 */
export const REBUILD_BYTES_PER_US: Readonly<Record<RaidLevel, Readonly<Record<Tier, number>>>> = {
  RAID1: { ssd: 240, hdd15k: 120, hdd7k: 72 },
  RAID5: { ssd: 200, hdd15k: 100, hdd7k: 60 },
  RAID6: { ssd: 160, hdd15k: 80, hdd7k: 48 },
};

/**
 * A rebuild advances in steps of about this long (one EV_FAULT check each, ten a second per
 * rebuilding group): a step's share of the failed disk's capacity (rate × step) is read from the
 * survivors and written to the spare in chunks that run in the disks' idle time; the next step
 * starts when the step's time has passed and all its chunks have run. On an idle group a step's
 * transfer (25–60 ms of an HDD's 100 ms) always fits, so the rebuild takes capacity / rate.
 */
export const REBUILD_STEP_US = 100_000;

/**
 * Rebuild I/O size per disk: 1 MiB (arrays and md rebuild in large sequential reads; a
 * 1 MiB transfer holds a 15k HDD ≈ 5 ms, so a host read never waits longer than that plus a
 * positioning for the chunk in progress). A chunk runs only in idle time; when host I/O leaves
 * a step's chunks waiting at its check, one chunk per disk is forced behind the queue per step —
 * the guaranteed minimum (md's speed_limit_min), ≈ 10 MB/s per disk.
 */
export const REBUILD_CHUNK_BYTES = 1 << 20;
