/**
 * What remote copy shows: the status stream (WAN links, remote groups with lag and journals),
 * the report, the per-second series for the charts, the remote columns of `pairdisplay -fe`,
 * and "verify remote".
 *
 * Owns: the group state as CCI shows it from the primary (the most urgent pair state: SSWS >
 * PFUS > PSUE > COPY(RS) / COPY > PSUS > PFUL > PAIR > SMPL); lag as writes, bytes and the age
 * of the oldest write the remote lacks (RPO); the verdict of a verification (PASS: the remote
 * equals the primary after its prefix; INCONSISTENT while a copy runs or the group's pairs
 * disagree; FAIL otherwise, with the mismatched tracks); a bounded ring of samples.
 *
 * Invariants: reads remote copy and the replication tables, never changes them (a verification
 * folds the checker's history, which is its bookkeeping, not engine state).
 *
 * Does not handle: the protocol (remote-copy.ts).
 */
import { PAIR_STATES, type PairRemoteInfo, type PairState } from '../api.ts';
import { US_PER_S } from '../constants.ts';
import type { JournalStatus, RemoteGroupReport, RemoteGroupStatus, RemoteReport, RemoteStatus, RemoteVerification } from '../remote-api.ts';
import { COPY, COPY_RS, COPY_SP, PAIR, PFUS, PSUE, PSUS, SMPL, SSWS } from '../replication/pair-tables.ts';
import { JNL_PFUL_PCT } from '../constants.ts';
import type { RemoteCopy } from './remote-copy.ts';
import { foldHistory, type RemoteGroup } from './remote-groups.ts';
import type { RemoteDeps } from './remote-copy.ts';

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const SAMPLE_ROWS = 86_400;

const STATE_RANK: Record<number, number> = { [SSWS]: 8, [PFUS]: 7, [PSUE]: 6, [COPY_RS]: 5, [COPY]: 5, [COPY_SP]: 4, [PSUS]: 4, [PAIR]: 2, [SMPL]: 0 };

export class RemoteOutputs {
  private readonly rc: RemoteCopy;
  private readonly d: RemoteDeps;
  readonly verifications: RemoteVerification[] = [];
  private rows: Float64Array[] = [];
  droppedSamples = 0;

  constructor(rc: RemoteCopy, deps: RemoteDeps) {
    this.rc = rc;
    this.d = deps;
  }

  get groupKeys(): string[] {
    return this.order().map((g) => this.rc.groups[g].key);
  }

  get wanIds(): string[] {
    return this.d.wan.links.map((l) => l.id);
  }

  /** Group indices sorted by key. */
  private order(): number[] {
    return this.rc.groups.map((_, i) => i).sort((a, b) => (this.rc.groups[a].key < this.rc.groups[b].key ? -1 : 1));
  }

  groupState(gi: number): PairState {
    const g = this.rc.groups[gi];
    let best = -1;
    let state = SMPL;
    for (const p of g.pairs) {
      const s = this.d.repl.stateIndex(p);
      const rank = STATE_RANK[s] ?? 3;
      if (rank > best) [best, state] = [rank, s];
    }
    if (state === PAIR && g.jls.some((j) => this.journalPct(j) > JNL_PFUL_PCT)) return 'PFUL';
    return PAIR_STATES[state];
  }

  private journalPct(j: number): number {
    const jl = this.rc.jls[j];
    return (100 * jl.ring.usedBytes) / jl.capacityBytes;
  }

  /** Whether the remote is a prefix image now: paired, no pair copies, the group is whole, the consistency point reached. */
  consistent(gi: number): boolean {
    const g = this.rc.groups[gi];
    if (g.consistJseq >= 0 || !g.settled) return false; // copying, or left a copy before the remote settled
    const states = g.pairs.map((p) => this.d.repl.stateIndex(p));
    if (states.every((s) => s === SMPL)) return false; // not paired: no remote image
    if (states.some((s) => s === COPY || s === COPY_RS || s === COPY_SP)) return false;
    // Pairs of one group in different states (one split or suspended while others journal): the
    // volumes hold different prefixes.
    return new Set(states.filter((s) => s !== SMPL)).size === 1;
  }

  lagS(g: RemoteGroup): number {
    return g.oldestUs >= 0 && g.lastSeq > g.appliedSeq ? Math.max(0, this.d.nowUs() - g.oldestUs) / US_PER_S : 0;
  }

  private journals(g: RemoteGroup): JournalStatus[] {
    const out: JournalStatus[] = [];
    for (const j of g.jls) {
      const jl = this.rc.jls[j];
      const arrays = this.d.model.arrays;
      const used = jl.ring.usedBytes;
      const pct = (100 * used) / jl.capacityBytes;
      const full = jl.parked.length > 0;
      out.push({ arrayId: arrays[jl.masterArray].id, journalId: jl.masterId, role: 'master', capacityBytes: jl.capacityBytes, usedBytes: used, usedPct: round3(pct), entries: jl.ring.entries, state: full ? 'full' : pct > JNL_PFUL_PCT ? 'PFUL' : 'normal' });
      if (jl.restoreArray >= 0) {
        const rPct = (100 * jl.ring.restoreBytes) / jl.restoreCapacityBytes;
        out.push({ arrayId: arrays[jl.restoreArray].id, journalId: jl.restoreId, role: 'restore', capacityBytes: jl.restoreCapacityBytes, usedBytes: jl.ring.restoreBytes, usedPct: round3(rPct), entries: jl.ring.restoreEntries, state: rPct > JNL_PFUL_PCT ? 'PFUL' : 'normal' });
      }
    }
    return out;
  }

  groupStatus(gi: number): RemoteGroupStatus {
    const g = this.rc.groups[gi];
    const pairs = this.d.model.replication.pairs;
    const first = pairs[g.pairs[0]].remote!;
    return {
      key: g.key,
      mode: g.mode,
      copyGroups: [...g.copyGroups],
      pairs: g.pairs.map((p) => pairs[p].key).sort(),
      state: this.groupState(gi),
      fence: g.mode === 'sync' ? first.fence : null,
      wanLinkId: this.d.wan.links[first.wan].id,
      lastSeq: g.lastSeq,
      appliedSeq: g.appliedSeq,
      lagWrites: g.lastSeq - g.appliedSeq,
      lagBytes: g.lastBytes - g.appliedBytes,
      lagS: round3(this.lagS(g)),
      consistent: this.consistent(gi),
      bitmapTracks: g.pairs.reduce((s, p) => s + this.d.repl.pairStatus(p).dirtyTracks, 0),
      journals: this.journals(g),
      suspendedAtS: g.suspendedAtUs >= 0 ? round3(g.suspendedAtUs / US_PER_S) : null,
      suspendReason: g.suspendReason,
      fencedWrites: g.fencedWrites,
    };
  }

  status(): RemoteStatus {
    const now = this.d.nowUs();
    return {
      wanLinks: this.d.wan.links.map((_, l) => this.d.wan.status(l, now)),
      groups: this.order().map((g) => this.groupStatus(g)),
      verifications: this.verifications.map((v) => ({ ...v })),
    };
  }

  report(): RemoteReport {
    const now = this.d.nowUs();
    const wanLinks: RemoteReport['wanLinks'] = {};
    this.d.wan.links.forEach((l, i) => (wanLinks[l.id] = this.d.wan.report(i, now)));
    const groups: Record<string, RemoteGroupReport> = {};
    for (const gi of this.order()) {
      const g = this.rc.groups[gi];
      const { key, journals, ...rest } = this.groupStatus(gi);
      groups[key] = {
        ...rest,
        worstLagS: round3(Math.max(g.worstLagS, this.lagS(g))),
        worstLagWrites: Math.max(g.worstLagWrites, g.lastSeq - g.appliedSeq),
        worstLagBytes: Math.max(g.worstLagBytes, g.lastBytes - g.appliedBytes),
        peakJournalPct: round3(g.peakJournalPct),
        suspensions: g.suspensions,
        appliedWrites: g.appliedWrites,
        writeResponseMsMean: round3(g.respCount > 0 ? g.respUs / g.respCount / 1000 : 0),
        journals,
      };
    }
    return { wanLinks, groups, verifications: this.verifications.map((v) => ({ ...v })) };
  }

  pairInfo(p: number): PairRemoteInfo {
    const pair = this.d.model.replication.pairs[p];
    const r = pair.remote!;
    const arrays = this.d.model.arrays;
    const ldevs = this.d.model.ldevs;
    return {
      groupKey: r.groupKey,
      mode: r.mode,
      fence: r.mode === 'sync' ? r.fence : null,
      consistencyGroup: r.mode === 'async' ? r.ctg : null,
      masterJournal: r.mode === 'async' ? r.masterJournal : null,
      restoreJournal: r.mode === 'async' && r.sArray >= 0 ? r.restoreJournal : null,
      wanLinkId: this.d.wan.links[r.wan].id,
      pArrayId: arrays[r.pArray].id,
      sArrayId: r.sArray >= 0 ? arrays[r.sArray].id : (r.targetLibraryId ?? ''),
      pLdev: ldevs[pair.pvol].id,
      sLdev: pair.svol >= 0 ? ldevs[pair.svol].id : null,
      targetLibraryId: r.targetLibraryId,
      swapped: r.swapped,
    };
  }

  // ------------------------------------------------------------------ per-second series

  /** Closes second `s`: worst-lag bookkeeping and one row of the series. */
  sample(s: number): void {
    this.d.wan.closeSecond();
    const order = this.order();
    const G = order.length;
    const W = this.d.wan.links.length;
    if (G === 0 && W === 0) return;
    const row = new Float64Array(1 + 3 * G + W);
    row[0] = s;
    order.forEach((gi, k) => {
      const g = this.rc.groups[gi];
      const lag = this.lagS(g);
      const writes = g.lastSeq - g.appliedSeq;
      const bytes = g.lastBytes - g.appliedBytes;
      if (lag > g.worstLagS) g.worstLagS = lag;
      if (writes > g.worstLagWrites) g.worstLagWrites = writes;
      if (bytes > g.worstLagBytes) g.worstLagBytes = bytes;
      const pct = g.jls.reduce((m, j) => Math.max(m, this.journalPct(j)), 0);
      row[1 + k] = lag;
      row[1 + G + k] = writes;
      row[1 + 2 * G + k] = pct;
      foldHistory(this.d, g, 0);
    });
    for (let l = 0; l < W; l++) row[1 + 3 * G + l] = this.d.wan.lastThroughputMBps(l);
    if (this.rows.length === SAMPLE_ROWS) {
      this.rows.shift();
      this.droppedSamples++;
    }
    this.rows.push(row);
  }

  /** The undrained rows as the frame's remote series (times must match the collector's rows). */
  drain(timesS: Float64Array): { remoteKeys: string[]; remoteLagS: Float64Array; remoteLagWrites: Float64Array; remoteJournalPct: Float64Array; wanIds: string[]; wanThroughputMBps: Float64Array } {
    const G = this.rc.groups.length;
    const W = this.d.wan.links.length;
    const n = timesS.length;
    const out = { remoteKeys: this.groupKeys, remoteLagS: new Float64Array(n * G), remoteLagWrites: new Float64Array(n * G), remoteJournalPct: new Float64Array(n * G), wanIds: this.wanIds, wanThroughputMBps: new Float64Array(n * W) };
    const bySecond = new Map(this.rows.map((r) => [r[0], r]));
    for (let i = 0; i < n; i++) {
      const row = bySecond.get(timesS[i]);
      if (!row) continue;
      out.remoteLagS.set(row.subarray(1, 1 + G), i * G);
      out.remoteLagWrites.set(row.subarray(1 + G, 1 + 2 * G), i * G);
      out.remoteJournalPct.set(row.subarray(1 + 2 * G, 1 + 3 * G), i * G);
      out.wanThroughputMBps.set(row.subarray(1 + 3 * G, 1 + 3 * G + W), i * W);
    }
    this.rows = [];
    return out;
  }

  // ------------------------------------------------------------------ verify remote

  /** Checks the remote image of group `gi` against the primary's history now, and records the result. */
  verify(gi: number, group: string): RemoteVerification {
    const g = this.rc.groups[gi];
    const atS = round3(this.d.nowUs() / US_PER_S);
    const states = g.pairs.map((p) => this.d.repl.stateIndex(p));
    const base = { group, atS, lastSeq: g.lastSeq };
    let v: RemoteVerification;
    if (states.every((s) => s === SMPL)) {
      v = { ...base, verdict: 'INCONSISTENT', prefix: null, tracksCompared: 0, mismatchedTracks: 0, message: `INCONSISTENT: ${g.key} is not paired (SMPL): the remote holds no copy yet (paircreate first)` };
    } else if (!this.consistent(gi)) {
      const pending = g.pairs.reduce((s, p) => s + this.d.repl.pendingCount(p), 0);
      const copying = states.some((s) => s === COPY || s === COPY_RS || s === COPY_SP) || g.consistJseq >= 0;
      const why = copying
        ? `is being copied (${pending} tracks still to copy); the remote equals no prefix of the primary until the copy ends`
        : g.settled
          ? 'has pairs in different states (some suspended, some still copying the writes): its volumes hold different prefixes'
          : 'left its copy before the remote was consistent (a partial copy): resync it to make the remote consistent';
      v = { ...base, verdict: 'INCONSISTENT', prefix: null, tracksCompared: 0, mismatchedTracks: 0, message: `INCONSISTENT: ${g.key} ${why}` };
    } else if (states.includes(SSWS) && !states.every((s) => s === SSWS)) {
      v = { ...base, verdict: 'INCONSISTENT', prefix: null, tracksCompared: 0, mismatchedTracks: 0, message: `INCONSISTENT: only some pairs of ${g.key} were taken over` };
    } else {
      const pairs = this.d.model.replication.pairs;
      const digests = this.d.arrays.digests;
      const primary = (vol: number, track: number): number => digests[pairs[g.pairs[vol]].pvol].get(track);
      const remote = (vol: number, track: number): number => {
        const p = g.pairs[vol];
        const image = this.rc.tapeImage.get(p);
        return image ? image.get(track) : digests[pairs[p].svol].get(track);
      };
      const n = g.appliedSeq;
      let r: ReturnType<typeof g.checker.check>;
      try {
        if (g.checkerBroken !== null) throw new Error(g.checkerBroken);
        r = g.checker.check(n, primary, remote);
      } catch (e) {
        g.checkerBroken = (e as Error).message;
        r = { ok: false, prefix: n, tracksCompared: 0, mismatchedTracks: 0, firstMismatch: null, reason: `the primary changed outside its write history: ${g.checkerBroken}` };
      }
      const where = g.pairs.some((p) => this.rc.tapeImage.has(p)) ? 'the remote copy (S-VOLs and tape)' : 'the remote S-VOLs';
      v = r.ok
        ? { ...base, verdict: 'PASS', prefix: n, tracksCompared: r.tracksCompared, mismatchedTracks: 0, message: `PASS: ${where} of ${g.key} equal the primary after its first ${n} of ${g.lastSeq} acknowledged writes (${r.tracksCompared} tracks compared)` }
        : { ...base, verdict: 'FAIL', prefix: null, tracksCompared: r.tracksCompared, mismatchedTracks: r.mismatchedTracks, message: `FAIL: ${where} of ${g.key} differ from the primary after ${n} writes on ${r.mismatchedTracks} tracks${r.reason ? ` (${r.reason})` : ''}` };
    }
    this.verifications.push(v);
    return v;
  }
}
