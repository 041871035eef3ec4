/**
 * What the replication tables (pairs.ts) ask of the rest of the engine: the simulation's clock,
 * event queue and event log, the backup system's split capture, and remote copy's hooks for
 * remote pairs (remote/remote-copy.ts implements `RemoteHooks`).
 *
 * Owns the two interfaces only.
 */
/** Callbacks into the simulation (clock, event queue, event log). */
export interface ReplicationHost {
  nowUs(): number;
  /** Queue a copy cycle of `pair` at `atUs` (integer µs) tagged with `generation`. */
  scheduleCopy(atUs: number, pair: number, generation: number): void;
  /** Record a replication event in the event log. */
  log(code: number, a: number, b: number): void;
  /** A split (or snapshot) of `pair` was accepted now: its P-VOL's image as of now is what the S-VOL keeps. */
  splitAccepted?(pair: number): void;
  /** Remote copy (remote/remote-copy.ts) hooks, for remote pairs only. */
  remote?: RemoteHooks;
  /** A remote pair's master journal crossed its PFUL threshold (over or back under): the monitoring console's alert. */
  remotePful?(pair: number, over: boolean): void;
}

/** What the replication tables ask of remote copy for remote pairs. */
export interface RemoteHooks {
  /** Copy track `track` of remote pair `p` to its S-VOL (or target library) now; advance the cursor by its cost. */
  copyTrack(p: number, track: number): void;
  /** The pair's state changed (after the change). */
  stateChanged(p: number, state: number): void;
  /** Un-applied journal entries of `p` leave the journal: as pDiff bits (`keepBits`) or dropped. */
  purge(p: number, keepBits: boolean): void;
  /** The P-VOL and S-VOL of `p` changed roles. */
  swapped(p: number): void;
}
