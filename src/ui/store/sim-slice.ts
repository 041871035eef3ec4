/**
 * The simulation slice: what the worker reports — run state, clock, live values per device and
 * link, bounded chart series per LDEV, the chart selection and the last report.
 *
 * Written only by the worker bridge (and the chart picker's selection); never persisted, never
 * in the undo history, never written into the design. Telemetry arrives at most ~4 Hz as one
 * batch; each batch replaces `sim` once.
 *
 * Pairs and pools (`replication`) come with every batch; pair and pool objects whose fields did
 * not change keep their identity (`mergeReplication`), so a badge that selects one pair
 * re-renders only when that pair changed. The backup status (`backup`: libraries, jobs, catalog,
 * runbooks, schedule) comes with every batch too and is shared structurally (`shareStructure`):
 * every part equal to the previous batch's keeps its identity, so the runbook stepper, a job row
 * or a library badge re-renders only when its own part changed. The remote-copy status
 * (`remote`: WAN links, remote groups, verifications) is kept the same way, and the frames'
 * remote columns (lag s / writes, journal %, WAN MB/s) go into their own rings
 * (`remoteSeries`, remote-series.ts) for the Remote tab's charts. The fault status (`faults`:
 * active faults, alerts, paths, parity groups, volume moves, health) is shared structurally too,
 * and the frames' per-LDEV samples are summed over the whole run (`volumeTotals`,
 * volume-totals.ts) for the Monitor tab's run means.
 *
 * Series live in one ring of typed arrays shared by all LDEVs (column per LDEV, 600 rows),
 * written in place; each batch publishes a new `SeriesRing` wrapper (same buffers, new
 * `version`) so selectors compare by identity and stay cheap. A reader that needs a stable
 * copy takes one with `readSeries`.
 */
import type { StateCreator } from 'zustand';
import type { BackupStatus, FaultStatus, PairStatus, PoolStatus, RemoteStatus, ReplicationStatus, Report, TelemetryFrame, JournalEntry, FiredTrigger } from '../../engine/api.ts';
import type { Scenario } from '../../model/scenario.ts';
import type { DiskArray } from '../../model/topology.ts';
import { workloadLdevId } from '../../model/lookup.ts';
import type { HostStatus, TelemetryMessage } from '../../worker/engine-api.ts';
import { appendRemoteFrame, emptyRemoteSeries, type RemoteSeries } from './remote-series.ts';
import type { LiveValues, RunState, Speed } from './sim-types.ts';
import { addFrameTotals, emptyTotals, type VolumeTotals } from './volume-totals.ts';

/** Samples kept per LDEV (the chart window): the last 600 simulated seconds. */
export const SERIES_CAPACITY = 600;
/** Volumes selected by default for the charts. */
export const DEFAULT_SELECTION_MAX = 4;

export type SeriesMetric = 'readIops' | 'writeIops' | 'cacheHitPct' | 'responseMsMean';
export const SERIES_METRICS: readonly SeriesMetric[] = ['readIops', 'writeIops', 'cacheHitPct', 'responseMsMean'];

export interface VolumeInfo {
  id: string;
  name: string;
  arrayId: string;
  arrayName: string;
}

/** Which devices an LDEV's I/O counts for: its array and the servers whose workloads drive it. */
export interface SimIndex {
  volumes: VolumeInfo[];
  /** LDEVs that some workload drives, in document order. */
  ldevsWithIo: string[];
  ldevDevices: Record<string, string[]>;
}

export interface SeriesRing {
  ldevIds: string[];
  column: Record<string, number>;
  /** Index of the oldest row and number of rows held. */
  start: number;
  length: number;
  t: Float64Array;
  metrics: Record<SeriesMetric, Float64Array>;
  /** Increments on every write, so a new wrapper is a new version. */
  version: number;
}

export interface SimState {
  runState: RunState;
  nowS: number;
  endS: number;
  speed: Speed;
  generation: number;
  index: SimIndex;
  live: LiveValues;
  series: SeriesRing;
  selectedLdevIds: string[];
  /** True once the user picked volumes; a reload then keeps the picks that still exist. */
  selectionTouched: boolean;
  lastReport: Report | null;
  error: string | null;
  /** Pairs and pools as of the last telemetry batch; null before the first one and after a load. */
  replication: ReplicationStatus | null;
  /** Libraries, jobs, catalog, runbooks and schedule as of the last batch; null before the first one and after a load. */
  backup: BackupStatus | null;
  /** WAN links, remote groups and verifications as of the last batch; null before the first one and after a load. */
  remote: RemoteStatus | null;
  /** Lag, journal use and WAN throughput over the chart window (remote-series.ts). */
  remoteSeries: RemoteSeries;
  /** Faults, alerts, paths, parity groups and volume moves as of the last batch; null before the first one and after a load. */
  faults: FaultStatus | null;
  /** Per-LDEV sums over every sample of the run (volume-totals.ts): the Monitor tab's run means. */
  volumeTotals: VolumeTotals;
  /** The run's event log (actions, pair states, refused I/O, jobs, alerts), oldest first, the last JOURNAL_KEPT entries. */
  journal: JournalEntry[];
  /** Timeline entries waiting on an event that have fired in this run (scenario index, run time). */
  fired: readonly FiredTrigger[];
}

export interface SimActions {
  /** A scenario was handed to the worker: index it and clear the run's output. */
  simLoading(scenario: Scenario): void;
  simStatus(status: HostStatus): void;
  simTelemetry(message: TelemetryMessage): void;
  setSpeed(speed: Speed): void;
  setSelectedLdevIds(ids: string[]): void;
  toggleLdev(id: string): void;
  setLastReport(report: Report): void;
  setSimError(message: string | null): void;
}

export interface SimSlice {
  sim: SimState;
  simActions: SimActions;
}

// ------------------------------------------------------------------ pure helpers

function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

/** `next`'s items, reusing each item of `prev` (same position) whose fields are all equal. */
function mergeList<T extends { key: string }>(prev: readonly T[], next: readonly T[]): T[] {
  return next.map((item, i) => (prev[i] && prev[i].key === item.key && sameFields(prev[i], item) ? prev[i] : item));
}

/**
 * The new replication status, keeping the identity of every pair and pool that did not change
 * (and of the whole status when nothing changed), so narrow selectors stay quiet.
 */
export function mergeReplication(prev: ReplicationStatus | null, next: ReplicationStatus | null): ReplicationStatus | null {
  if (!prev || !next) return next;
  const pairs: PairStatus[] = mergeList(prev.pairs, next.pairs);
  const pools: PoolStatus[] = mergeList(prev.pools, next.pools);
  const same = (a: readonly object[], b: readonly object[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (same(pairs, prev.pairs) && same(pools, prev.pools)) return prev;
  return { pairs: same(pairs, prev.pairs) ? prev.pairs : pairs, pools: same(pools, prev.pools) ? prev.pools : pools };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

/**
 * `next`, reusing every part of `prev` that is deeply equal to the matching part of `next`
 * (arrays by position, objects by key): `prev` itself when nothing changed. For plain JSON-like
 * data (the backup status); typed arrays and other objects compare by identity.
 */
export function shareStructure<T>(prev: T, next: T): T {
  if (Object.is(prev, next)) return prev;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const out = next.map((item: unknown, i) => (i < prev.length ? shareStructure(prev[i], item) : item));
    const same = out.length === prev.length && out.every((item, i) => item === prev[i]);
    return (same ? prev : out) as T;
  }
  if (isPlainObject(prev) && isPlainObject(next)) {
    const keys = Object.keys(next);
    const out: Record<string, unknown> = {};
    let same = keys.length === Object.keys(prev).length;
    for (const k of keys) {
      out[k] = k in prev ? shareStructure(prev[k], next[k]) : next[k];
      if (out[k] !== prev[k]) same = false;
    }
    return (same ? prev : out) as T;
  }
  return next;
}

export function emptyRing(ldevIds: string[] = []): SeriesRing {
  const n = ldevIds.length;
  const column: Record<string, number> = {};
  ldevIds.forEach((id, i) => (column[id] = i));
  const metric = () => new Float64Array(SERIES_CAPACITY * n);
  return {
    ldevIds,
    column,
    start: 0,
    length: 0,
    t: new Float64Array(SERIES_CAPACITY),
    metrics: { readIops: metric(), writeIops: metric(), cacheHitPct: metric(), responseMsMean: metric() },
    version: 0,
  };
}

/** Map every LDEV to its array and to the servers whose workloads reach it through an LU path. */
export function indexScenario(scenario: Scenario): SimIndex {
  const volumes: VolumeInfo[] = [];
  const ldevDevices: Record<string, string[]> = {};
  const arrays = new Map<string, DiskArray>();
  for (const d of scenario.topology.devices) {
    if (d.kind !== 'array') continue;
    arrays.set(d.id, d);
    for (const l of d.ldevs) {
      volumes.push({ id: l.id, name: l.name, arrayId: d.id, arrayName: d.name });
      ldevDevices[l.id] = [d.id];
    }
  }
  const ldevsWithIo: string[] = [];
  for (const d of scenario.topology.devices) {
    if (d.kind !== 'server') continue;
    for (const w of d.workloads) {
      const array = arrays.get(w.target.arrayId);
      // LUNs are per host group: the LU this server's WWPNs see at (port, LUN).
      const ldevId = array ? workloadLdevId(array, d, w.target) : undefined;
      if (!ldevId || !ldevDevices[ldevId]) continue;
      if (!ldevDevices[ldevId].includes(d.id)) ldevDevices[ldevId].push(d.id);
      if (!ldevsWithIo.includes(ldevId)) ldevsWithIo.push(ldevId);
    }
  }
  // Volumes that pairs copy to and jobs read or write see I/O too (the S-VOL a backup reads).
  const alsoBusy = [
    ...scenario.topology.copyGroups.flatMap((g) => g.devices.flatMap((dev) => [dev.pvol, dev.svol ?? ''])),
    ...[...scenario.timeline.map((e) => e.action), ...scenario.runbooks.flatMap((r) => r.steps.flatMap((st) => (st.action ? [st.action] : [])))].flatMap((a) =>
      a.type === 'backupJob' ? [a.source] : a.type === 'restoreJob' ? [a.target] : a.type === 'copyJob' ? [a.source, a.target] : [],
    ),
  ];
  for (const id of alsoBusy) if (ldevDevices[id] && !ldevsWithIo.includes(id)) ldevsWithIo.push(id);
  return { volumes, ldevsWithIo, ldevDevices };
}

/** Append a frame's rows to the ring in place (only the last SERIES_CAPACITY rows matter). */
export function appendFrame(ring: SeriesRing, frame: TelemetryFrame): SeriesRing {
  const rows = frame.timesS.length;
  const n = frame.ldevIds.length;
  const from = Math.max(0, rows - SERIES_CAPACITY);
  for (let r = from; r < rows; r++) {
    let slot: number;
    if (ring.length < SERIES_CAPACITY) {
      slot = (ring.start + ring.length) % SERIES_CAPACITY;
      ring.length++;
    } else {
      slot = ring.start;
      ring.start = (ring.start + 1) % SERIES_CAPACITY;
    }
    ring.t[slot] = frame.timesS[r];
    for (const m of SERIES_METRICS) {
      const src = frame[m];
      const dst = ring.metrics[m];
      for (let c = 0; c < n; c++) dst[c * SERIES_CAPACITY + slot] = src[r * n + c];
    }
  }
  return { ...ring, version: ring.version + 1 };
}

export type LdevSeries = { t: Float64Array } & Record<SeriesMetric, Float64Array>;

/** Copy `length` ring rows starting at `start` (wrapping) out of `src` at `offset`, in time order. */
function orderedCopy(src: Float64Array, offset: number, start: number, length: number): Float64Array {
  const out = new Float64Array(length);
  const first = Math.min(length, SERIES_CAPACITY - start);
  out.set(src.subarray(offset + start, offset + start + first), 0);
  if (first < length) out.set(src.subarray(offset, offset + length - first), first);
  return out;
}

/** One LDEV's series in time order (copies, safe to keep). */
export function readSeries(ring: SeriesRing, ldevId: string): LdevSeries {
  const c = ring.column[ldevId];
  const n = c === undefined ? 0 : ring.length;
  const base = (c ?? 0) * SERIES_CAPACITY;
  const read = (m: SeriesMetric) => orderedCopy(ring.metrics[m], base, ring.start, n);
  return {
    t: orderedCopy(ring.t, 0, ring.start, n),
    readIops: read('readIops'),
    writeIops: read('writeIops'),
    cacheHitPct: read('cacheHitPct'),
    responseMsMean: read('responseMsMean'),
  };
}

/**
 * The newest value of one metric for one LDEV; null before the first sample and when the newest
 * sample has no value (NaN in telemetry: cache hit % without reads, response time without
 * completions) — shown as "—", never as 0.
 */
export function latestValue(ring: SeriesRing, ldevId: string, metric: SeriesMetric): number | null {
  const c = ring.column[ldevId];
  if (c === undefined || ring.length === 0) return null;
  const slot = (ring.start + ring.length - 1) % SERIES_CAPACITY;
  const value = ring.metrics[metric][c * SERIES_CAPACITY + slot];
  return Number.isNaN(value) ? null : value;
}

/** Live values from the newest row of a frame: arrays and servers sum their LDEVs' IOPS. */
export function liveFromFrame(frame: TelemetryFrame, index: SimIndex): LiveValues {
  const rows = frame.timesS.length;
  const n = frame.ldevIds.length;
  const deviceIops: Record<string, number> = {};
  frame.ldevIds.forEach((id, c) => {
    const i = (rows - 1) * n + c;
    const iops = frame.readIops[i] + frame.writeIops[i];
    for (const dev of index.ldevDevices[id] ?? []) deviceIops[dev] = (deviceIops[dev] ?? 0) + iops;
  });
  const linkUtilPct: Record<string, number> = {};
  const links = frame.linkIds.length;
  frame.linkIds.forEach((id, c) => (linkUtilPct[id] = frame.linkUtilPct[(rows - 1) * links + c]));
  return { deviceIops, linkUtilPct };
}

function defaultSelection(index: SimIndex, previous: string[], touched: boolean): string[] {
  const known = new Set(index.volumes.map((v) => v.id));
  if (touched) {
    const kept = previous.filter((id) => known.has(id));
    if (kept.length > 0) return kept;
  }
  return index.ldevsWithIo.slice(0, DEFAULT_SELECTION_MAX);
}

/** When nothing was selectable up front, pick the first LDEVs that show I/O in a frame. */
function selectionFromFrame(frame: TelemetryFrame): string[] {
  const n = frame.ldevIds.length;
  const busy: string[] = [];
  for (let c = 0; c < n && busy.length < DEFAULT_SELECTION_MAX; c++) {
    for (let r = 0; r < frame.timesS.length; r++) {
      if (frame.readIops[r * n + c] + frame.writeIops[r * n + c] > 0) {
        busy.push(frame.ldevIds[c]);
        break;
      }
    }
  }
  return busy;
}

const EMPTY_INDEX: SimIndex = { volumes: [], ldevsWithIo: [], ldevDevices: {} };

export function initialSimState(): SimState {
  return {
    runState: 'idle',
    nowS: 0,
    endS: 0,
    speed: 1,
    generation: -1,
    index: EMPTY_INDEX,
    live: { deviceIops: {}, linkUtilPct: {} },
    series: emptyRing(),
    selectedLdevIds: [],
    selectionTouched: false,
    lastReport: null,
    error: null,
    replication: null,
    backup: null,
    remote: null,
    remoteSeries: emptyRemoteSeries(),
    faults: null,
    volumeTotals: emptyTotals(),
    journal: [],
    fired: [],
  };
}

// ------------------------------------------------------------------ reducers

function withStatus(sim: SimState, status: HostStatus): SimState {
  if (status.generation < sim.generation) return sim;
  const nowS = status.nowUs / 1e6;
  const endS = status.endUs / 1e6;
  const fresh = status.generation > sim.generation;
  if (!fresh && nowS === sim.nowS && endS === sim.endS && status.runState === sim.runState) return sim;
  const cleared = fresh
    ? {
        series: emptyRing(),
        live: { deviceIops: {}, linkUtilPct: {} },
        lastReport: null,
        replication: null,
        backup: null,
        remote: null,
        remoteSeries: emptyRemoteSeries(),
        faults: null,
        volumeTotals: emptyTotals(),
        journal: [],
        fired: [],
      }
    : {};
  return { ...sim, ...cleared, generation: status.generation, nowS, endS, runState: status.runState };
}

function withFrame(sim: SimState, frame: TelemetryFrame): SimState {
  const sameLayout =
    sim.series.ldevIds.length === frame.ldevIds.length && sim.series.ldevIds.every((id, i) => id === frame.ldevIds[i]);
  const ring = sameLayout ? sim.series : emptyRing(frame.ldevIds);
  const series = frame.timesS.length > 0 ? appendFrame(ring, frame) : ring;
  const live = frame.timesS.length > 0 ? liveFromFrame(frame, sim.index) : sim.live;
  const selectedLdevIds =
    sim.selectedLdevIds.length === 0 && !sim.selectionTouched ? selectionFromFrame(frame) : sim.selectedLdevIds;
  const remoteSeries = appendRemoteFrame(sim.remoteSeries, frame);
  const volumeTotals = addFrameTotals(sim.volumeTotals, frame);
  return { ...sim, series, live, selectedLdevIds, remoteSeries, volumeTotals };
}

function withReplication(sim: SimState, replication: ReplicationStatus | null): SimState {
  const merged = mergeReplication(sim.replication, replication);
  return merged === sim.replication ? sim : { ...sim, replication: merged };
}

function withBackup(sim: SimState, backup: BackupStatus | null): SimState {
  const shared = sim.backup && backup ? shareStructure(sim.backup, backup) : backup;
  return shared === sim.backup ? sim : { ...sim, backup: shared };
}

function withRemote(sim: SimState, remote: RemoteStatus | null): SimState {
  const shared = sim.remote && remote ? shareStructure(sim.remote, remote) : remote;
  return shared === sim.remote ? sim : { ...sim, remote: shared };
}

function withFaults(sim: SimState, faults: FaultStatus | null): SimState {
  const shared = sim.faults && faults ? shareStructure(sim.faults, faults) : faults;
  return shared === sim.faults ? sim : { ...sim, faults: shared };
}

export function reduceTelemetry(sim: SimState, message: TelemetryMessage): SimState {
  if (message.status.generation < sim.generation) return sim;
  const next = withStatus(sim, message.status);
  const framed = message.frame ? withFrame(next, message.frame) : next;
  const copied = withBackup(withReplication(framed, message.replication ?? null), message.backup ?? null);
  return withFired(withJournal(withFaults(withRemote(copied, message.remote ?? null), message.faults ?? null), message), message.triggers);
}

/** The fired list only grows within a run: a batch with as many entries changes nothing (no re-render). */
function withFired(sim: SimState, fired: readonly FiredTrigger[] | undefined): SimState {
  if (!fired || fired.length === sim.fired.length) return sim;
  return { ...sim, fired };
}

/** Event-log entries kept in the store (the newest). */
export const JOURNAL_KEPT = 5_000;

function withJournal(sim: SimState, message: TelemetryMessage): SimState {
  const add = message.journal ?? [];
  if (!message.journalReset && add.length === 0) return sim;
  const base = message.journalReset ? [] : sim.journal;
  const all = base.length + add.length > JOURNAL_KEPT ? [...base, ...add].slice(-JOURNAL_KEPT) : [...base, ...add];
  return { ...sim, journal: all };
}

export const createSimSlice: StateCreator<SimSlice, [], [], SimSlice> = (set) => {
  const update = (fn: (sim: SimState) => SimState) =>
    set((s) => {
      const sim = fn(s.sim);
      return sim === s.sim ? s : { sim };
    });
  return {
    sim: initialSimState(),
    simActions: {
      simLoading: (scenario) =>
        update((sim) => {
          const index = indexScenario(scenario);
          return {
            ...sim,
            runState: 'loading',
            index,
            error: null,
            lastReport: null,
            replication: null,
            backup: null,
            remote: null,
            remoteSeries: emptyRemoteSeries(),
            faults: null,
            volumeTotals: emptyTotals(),
            journal: [],
            series: emptyRing(),
            live: { deviceIops: {}, linkUtilPct: {} },
            selectedLdevIds: defaultSelection(index, sim.selectedLdevIds, sim.selectionTouched),
          };
        }),
      simStatus: (status) => update((sim) => withStatus(sim, status)),
      simTelemetry: (message) => update((sim) => reduceTelemetry(sim, message)),
      setSpeed: (speed) => update((sim) => (sim.speed === speed ? sim : { ...sim, speed })),
      setSelectedLdevIds: (ids) => update((sim) => ({ ...sim, selectedLdevIds: ids, selectionTouched: true })),
      toggleLdev: (id) =>
        update((sim) => {
          const has = sim.selectedLdevIds.includes(id);
          const ids = has ? sim.selectedLdevIds.filter((x) => x !== id) : [...sim.selectedLdevIds, id];
          return { ...sim, selectedLdevIds: ids, selectionTouched: true };
        }),
      setLastReport: (report) => update((sim) => ({ ...sim, lastReport: report })),
      setSimError: (message) =>
        update((sim) => ({ ...sim, error: message, runState: message ? 'error' : sim.runState })),
    },
  };
};
