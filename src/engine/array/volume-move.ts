/**
 * Volume moves between parity groups and tiers (SAN patent Fig. 15; Hitachi Volume Migration,
 * sold by HP as Auto LUN XP): an LDEV moves to another parity group of its array while hosts keep
 * using it, invisible to their addressing (port, host group, LUN and content are untouched).
 *
 * A move's life (one EV_FAULT / FAULT_EV_MOVE event per step):
 *
 *   start ─► copying ─ step: read MOVE_STEP_BYTES of tracks from the source group, write them
 *              │        through to the target; the copy mark passes them; the next step at the
 *              │        end of this one's target write ──► … last step ends
 *              │      writes that make back-end work on tracks below the mark are destaged to
 *              │      both groups (the mirror, array.ts)
 *              ▼
 *            switch-over: the LDEV's parity group becomes the target ─► done
 *              └─ MOVE_SETTLE_S + MOVE_WINDOW_S seconds later: `measured` is filled
 *
 * Prediction (HP Auto LUN XP: "past resource usage rates, hard disk drive type information, and
 * the RAID level"): over the last MOVE_WINDOW_S seconds (load-window.ts), both groups' busy time
 * and the LDEV's; after = source minus the LDEV's busy time, target plus the LDEV's back-end
 * operations re-costed on the target's disks. The LDEV's operations are assumed unchanged by the
 * move: true for open-loop load (its cache slots stay), while a closed-loop workload moved to
 * faster disks issues more I/O and ends busier than predicted.
 *
 * Automatic moves (`monitoring.autoMove`): a group above `utilPct` for `sustainS` consecutive
 * seconds (one-second utilisation, and no move copying to or from it) moves its busiest LDEV over
 * the window (never one moved automatically before: once per LDEV, so a volume never ping-pongs)
 * to the least busy group over the window of `targetTier` on the same array that has room for
 * it. The count restarts after a move and while a move copies to or from the group.
 *
 * Refused: an unknown LDEV or group (naming it), a group of another array, the LDEV's own group,
 * an LDEV already moving, a cache-resident LDEV (its tracks never touch disks — Hitachi refuses
 * Cache Residency volumes too), a target without the capacity (usable GiB after RAID minus its
 * LDEVs, snapshot pools and moves under way to it; compile.ts must carry `diskCapacityGiB`,
 * otherwise capacity is not checked).
 *
 * Does not handle: cancelling a move; a source or target group that fails during the move; a
 * replication copy into a moving S-VOL (charged to its current group, not mirrored); tracks
 * dirty in cache when the copy passes them (their destage goes to the source only: timing only,
 * content is per LDEV and never copied).
 */
import { parityGroupUsableGiB } from '../../model/design-rules-array.ts';
import type { AlertKind, AlertSeverity, Monitoring } from '../../model/topology-monitoring.ts';
import { GIB } from '../../model/units.ts';
import type { CommandResult } from '../api.ts';
import type { CompiledModel, CompiledParityGroup } from '../compile.ts';
import { MOVE_SETTLE_S, MOVE_STEP_BYTES, MOVE_WINDOW_S, US_PER_S } from '../constants.ts';
import type { FaultReport, MovePrediction, VolumeMoveStatus } from '../fault-api.ts';
import { assert, assertFail } from '../kernel/assert.ts';
import type { DiskArrays } from './array.ts';
import { LoadWindow, WORK_BUSY_US } from './load-window.ts';

export interface MoveHost {
  nowUs(): number;
  /** Queues EV_FAULT (FAULT_EV_MOVE) for `move` at `atUs`; its event calls `event(move, generation)`. */
  schedule(atUs: number, move: number, generation: number): void;
  raise(severity: AlertSeverity, kind: AlertKind, deviceId: string, message: string): void;
  monitoring: Monitoring | undefined;
}

interface Move {
  ldev: number;
  from: number;
  to: number;
  trackCount: number;
  stepTracks: number;
  copiedTracks: number;
  /** Events carry it; nothing cancels a move yet, so it stays 0. */
  generation: number;
  state: 'copying' | 'done';
  startedUs: number;
  switchedUs: number | null;
  /** The second whose sample completes the measured window (after the switch-over). */
  measureEndS: number;
  automatic: boolean;
  prediction: MovePrediction;
  measured: { fromUtilPct: number; toUtilPct: number } | null;
}

type Resolved = { ldev: number; to: number } | { error: string };

const round2 = (v: number): number => Math.round(v * 100) / 100;

export class VolumeMoves {
  private readonly model: CompiledModel;
  private readonly arrays: DiskArrays;
  private readonly host: MoveHost;
  readonly window: LoadWindow;
  private readonly moves: Move[] = [];
  private readonly ldevIndex = new Map<string, number>();
  private readonly groupIndex = new Map<string, number>();
  /** Per LDEV: the move under way, or -1. */
  private readonly ldevMove: Int32Array;
  /** Per LDEV: 1 once the automatic rule moved it. */
  private readonly autoMoved: Uint8Array;
  /** Per group: consecutive seconds above the automatic rule's threshold. */
  private readonly aboveS: Int32Array;
  /** Per group: utilisation over the last whole second, percent. */
  readonly lastUtilPct: Float64Array;

  constructor(model: CompiledModel, arrays: DiskArrays, host: MoveHost) {
    this.model = model;
    this.arrays = arrays;
    this.host = host;
    this.window = new LoadWindow(arrays.parityGroups, model.ldevs.length, MOVE_WINDOW_S);
    model.ldevs.forEach((l, i) => this.ldevIndex.set(l.id, i));
    model.parityGroups.forEach((g, i) => this.groupIndex.set(g.id, i));
    this.ldevMove = new Int32Array(model.ldevs.length).fill(-1);
    this.autoMoved = new Uint8Array(model.ldevs.length);
    this.aboveS = new Int32Array(model.parityGroups.length);
    this.lastUtilPct = new Float64Array(model.parityGroups.length);
  }

  /** A group's id inside its array (`PG1`, not `ar1/PG1`). */
  private groupName(pg: number): string {
    const g = this.model.parityGroups[pg];
    return g.id.slice(this.model.arrays[g.arrayIndex].id.length + 1);
  }

  /** Resolves an LDEV and a target group id (of the LDEV's array; `array/group` is accepted too). */
  private resolve(ldevId: string, parityGroupId: string): Resolved {
    const ldev = this.ldevIndex.get(ldevId);
    if (ldev === undefined) return { error: `no LDEV "${ldevId}"` };
    const arrayId = this.model.arrays[this.model.ldevs[ldev].arrayIndex].id;
    const to = this.groupIndex.get(`${arrayId}/${parityGroupId}`) ?? this.groupIndex.get(parityGroupId);
    if (to === undefined) {
      const elsewhere = this.model.parityGroups.find((g) => g.id.endsWith(`/${parityGroupId}`));
      if (elsewhere) return { error: `parity group "${parityGroupId}" is on array ${this.model.arrays[elsewhere.arrayIndex].id}, not on LDEV ${ldevId}'s array ${arrayId}` };
      return { error: `array ${arrayId} has no parity group "${parityGroupId}"` };
    }
    if (this.model.parityGroups[to].arrayIndex !== this.model.ldevs[ldev].arrayIndex) {
      return { error: `parity group "${parityGroupId}" is on array ${this.model.arrays[this.model.parityGroups[to].arrayIndex].id}, not on LDEV ${ldevId}'s array ${arrayId}` };
    }
    if (this.arrays.ldevParityGroup[ldev] === to) return { error: `LDEV ${ldevId} is already on parity group ${this.groupName(to)}` };
    const m = this.ldevMove[ldev];
    if (m >= 0) return { error: `LDEV ${ldevId} is already moving (to ${this.groupName(this.moves[m].to)}, ${Math.floor(this.copiedPct(this.moves[m]))} % copied)` };
    if (this.arrays.ldevCacheResident[ldev] === 1) return { error: `LDEV ${ldevId} is cache-resident: its tracks never touch disks, there is nothing to move` };
    return { ldev, to };
  }

  /** What moving `ldevId` to `parityGroupId` would do to both groups, from the last window's load. */
  predict(ldevId: string, parityGroupId: string): MovePrediction | { error: string } {
    const r = this.resolve(ldevId, parityGroupId);
    return 'error' in r ? r : this.predictIndices(r.ldev, this.arrays.ldevParityGroup[r.ldev], r.to);
  }

  private predictIndices(ldev: number, from: number, to: number): MovePrediction {
    const w = this.window;
    const toS = w.lastSecond;
    const fromS = toS - w.span();
    const before = { fromUtilPct: w.groupUtilPct(from, fromS, toS), toUtilPct: w.groupUtilPct(to, fromS, toS) };
    const spanUs = (toS - fromS) * US_PER_S;
    const disks = this.arrays.parityGroups.diskCount;
    const ldevUtilPct = spanUs === 0 ? 0 : (100 * w.ldevWorkIn(ldev, WORK_BUSY_US, fromS, toS)) / (spanUs * disks[from]);
    const addedPct = spanUs === 0 ? 0 : (100 * w.recostUs(ldev, to, fromS, toS)) / (spanUs * disks[to]);
    return {
      ldevId: this.model.ldevs[ldev].id,
      arrayId: this.model.arrays[this.model.ldevs[ldev].arrayIndex].id,
      fromGroup: this.groupName(from),
      toGroup: this.groupName(to),
      windowS: toS - fromS,
      ldevUtilPct: round2(ldevUtilPct),
      before: { fromUtilPct: round2(before.fromUtilPct), toUtilPct: round2(before.toUtilPct) },
      after: { fromUtilPct: round2(Math.max(0, before.fromUtilPct - ldevUtilPct)), toUtilPct: round2(before.toUtilPct + addedPct) },
    };
  }

  /** Free bytes of group `pg`: usable capacity minus its LDEVs, pools and moves under way to it; Infinity when unknown. */
  freeBytes(pg: number): number {
    const g = this.model.parityGroups[pg] as CompiledParityGroup & { diskCapacityGiB?: number };
    if (g.diskCapacityGiB === undefined) return Infinity;
    let free = parityGroupUsableGiB({ id: g.id, tier: g.tier, raid: g.raid, diskCount: g.diskCount, diskCapacityGiB: g.diskCapacityGiB }) * GIB;
    this.model.ldevs.forEach((l, i) => {
      if (this.arrays.ldevParityGroup[i] === pg || this.arrays.ldevMoveGroup[i] === pg) free -= l.capacityBytes;
    });
    for (const p of this.model.replication.pools) {
      if (p.parityGroupIndex === pg) free -= p.capacityTracks * this.model.arrays[p.arrayIndex].trackBytes;
    }
    return free;
  }

  /** Starts moving `ldevId` to `parityGroupId` now (a background copy, then the switch-over). */
  start(ldevId: string, parityGroupId: string, automatic: boolean): CommandResult {
    const r = this.resolve(ldevId, parityGroupId);
    if ('error' in r) return { ok: false, message: r.error };
    const { ldev, to } = r;
    const need = this.model.ldevs[ldev].capacityBytes;
    const free = this.freeBytes(to);
    if (free < need) {
      return { ok: false, message: `parity group ${this.groupName(to)} has ${(Math.max(0, free) / GIB).toFixed(1)} GiB free, LDEV ${ldevId} needs ${(need / GIB).toFixed(1)} GiB` };
    }
    const from = this.arrays.ldevParityGroup[ldev];
    const trackBytes = this.arrays.ldevTrackBytes[ldev];
    const move: Move = {
      ldev, from, to,
      trackCount: this.model.ldevs[ldev].trackCount,
      stepTracks: Math.max(1, Math.floor(MOVE_STEP_BYTES / trackBytes)),
      copiedTracks: 0,
      generation: 0,
      state: 'copying',
      startedUs: this.host.nowUs(),
      switchedUs: null,
      measureEndS: -1,
      automatic,
      prediction: this.predictIndices(ldev, from, to),
      measured: null,
    };
    const index = this.moves.length;
    this.moves.push(move);
    this.ldevMove[ldev] = index;
    this.arrays.startMove(ldev, to);
    const p = move.prediction;
    this.host.raise('info', 'volume-move', p.arrayId,
      `${automatic ? 'automatic ' : ''}volume move started: LDEV ${ldevId} from ${p.fromGroup} (${this.tierOf(from)}) to ${p.toGroup} (${this.tierOf(to)}); predicted ${p.fromGroup} ${p.before.fromUtilPct.toFixed(1)} % → ${p.after.fromUtilPct.toFixed(1)} %, ${p.toGroup} ${p.before.toUtilPct.toFixed(1)} % → ${p.after.toUtilPct.toFixed(1)} %`);
    this.host.schedule(this.host.nowUs(), index, move.generation);
    return { ok: true };
  }

  private tierOf(pg: number): string {
    return this.model.parityGroups[pg].tier;
  }

  private copiedPct(m: Move): number {
    return (100 * m.copiedTracks) / m.trackCount;
  }

  /** EV_FAULT / FAULT_EV_MOVE: the next copy step of `move`, or its switch-over once every track is copied. */
  event(move: number, generation: number): void {
    const m = this.moves[move];
    if (m === undefined) assertFail(`volume move: no move ${move}`);
    if (m.state !== 'copying' || m.generation !== generation) return;
    const now = this.host.nowUs();
    if (m.copiedTracks < m.trackCount) {
      const n = Math.min(m.stepTracks, m.trackCount - m.copiedTracks);
      const endUs = this.arrays.moveCopyStep(m.ldev, m.from, m.to, m.copiedTracks, n, now);
      m.copiedTracks += n;
      assert(endUs > now, 'volume move: a copy step ends after it starts');
      this.host.schedule(Math.ceil(endUs), move, m.generation);
      return;
    }
    this.switchOver(m, now);
  }

  private switchOver(m: Move, now: number): void {
    assert(this.arrays.ldevMoveGroup[m.ldev] === m.to, 'volume move: the mirror targets the move');
    this.arrays.switchParityGroup(m.ldev);
    m.state = 'done';
    m.switchedUs = now;
    m.measureEndS = Math.ceil(now / US_PER_S) + MOVE_SETTLE_S + MOVE_WINDOW_S;
    this.ldevMove[m.ldev] = -1;
    assert(this.arrays.ldevParityGroup[m.ldev] === m.to, 'volume move: switched to the target');
    const p = m.prediction;
    this.host.raise('info', 'volume-move', p.arrayId,
      `volume move done: LDEV ${p.ldevId} now on ${p.toGroup} (${this.tierOf(m.to)}) after ${((now - m.startedUs) / US_PER_S).toFixed(1)} s of copy; both groups are measured over ${m.measureEndS - MOVE_WINDOW_S}–${m.measureEndS} s`);
  }

  /** Once per simulated second, after the metrics sample: the window, measurements, the automatic rule. */
  sample(second: number): void {
    const w = this.window;
    w.record(second);
    for (let g = 0; g < this.lastUtilPct.length; g++) this.lastUtilPct[g] = w.groupUtilPct(g, second - 1, second);
    for (const m of this.moves) {
      if (m.state === 'done' && m.measured === null && m.measureEndS === second) {
        const fromS = second - MOVE_WINDOW_S;
        m.measured = { fromUtilPct: round2(w.groupUtilPct(m.from, fromS, second)), toUtilPct: round2(w.groupUtilPct(m.to, fromS, second)) };
      }
    }
    const rule = this.host.monitoring?.autoMove;
    if (rule !== undefined) this.autoMove(rule);
  }

  /** Whether a move is copying to or from group `pg`. */
  private groupBusyWithMove(pg: number): boolean {
    return this.moves.some((m) => m.state === 'copying' && (m.from === pg || m.to === pg));
  }

  private autoMove(rule: NonNullable<Monitoring['autoMove']>): void {
    for (let g = 0; g < this.aboveS.length; g++) {
      if (this.groupBusyWithMove(g) || this.lastUtilPct[g] <= rule.utilPct) {
        this.aboveS[g] = 0;
        continue;
      }
      this.aboveS[g]++;
      if (this.aboveS[g] < rule.sustainS) continue;
      const ldev = this.busiestLdev(g);
      if (ldev < 0) continue;
      const to = this.autoTarget(ldev, g, rule);
      if (to < 0) continue;
      const result = this.start(this.model.ldevs[ldev].id, this.groupName(to), true);
      assert(result.ok, `volume move: the automatic rule chose a move that was refused: ${result.message}`);
      this.autoMoved[ldev] = 1;
      this.aboveS[g] = 0;
    }
  }

  /** The LDEV of group `pg` with the most busy time over the window that may move automatically, or -1. */
  private busiestLdev(pg: number): number {
    const w = this.window;
    const toS = w.lastSecond;
    const fromS = toS - w.span();
    let best = -1;
    let bestUs = 0;
    for (let l = 0; l < this.model.ldevs.length; l++) {
      if (this.arrays.ldevParityGroup[l] !== pg || this.autoMoved[l] === 1 || this.ldevMove[l] >= 0 || this.arrays.ldevCacheResident[l] === 1) continue;
      const us = w.ldevWorkIn(l, WORK_BUSY_US, fromS, toS);
      if (us > bestUs) {
        bestUs = us;
        best = l;
      }
    }
    return best;
  }

  /** The least busy group over the window (ties: the first) of the rule's tier on `ldev`'s array with room for it, or -1. */
  private autoTarget(ldev: number, from: number, rule: NonNullable<Monitoring['autoMove']>): number {
    const groups = this.model.parityGroups;
    const w = this.window;
    const toS = w.lastSecond;
    const fromS = toS - w.span();
    let best = -1;
    let bestPct = Infinity;
    for (let g = 0; g < groups.length; g++) {
      if (g === from || groups[g].arrayIndex !== groups[from].arrayIndex || groups[g].tier !== rule.targetTier) continue;
      if (this.freeBytes(g) < this.model.ldevs[ldev].capacityBytes) continue;
      const pct = w.groupUtilPct(g, fromS, toS);
      if (pct >= bestPct) continue;
      best = g;
      bestPct = pct;
    }
    return best;
  }

  status(): VolumeMoveStatus[] {
    return this.moves.map((m) => ({
      ldevId: m.prediction.ldevId,
      arrayId: m.prediction.arrayId,
      fromGroup: m.prediction.fromGroup,
      toGroup: m.prediction.toGroup,
      state: m.state,
      copiedPct: round2(this.copiedPct(m)),
      startedUs: m.startedUs,
      switchedUs: m.switchedUs,
      automatic: m.automatic,
      prediction: m.prediction,
      measured: m.measured,
    }));
  }

  /** Per LDEV (its latest move): prediction and measurement side by side. */
  report(): FaultReport['moves'] {
    const out: FaultReport['moves'] = {};
    for (const m of this.moves) {
      const p = m.prediction;
      out[p.ldevId] = {
        fromGroup: p.fromGroup,
        toGroup: p.toGroup,
        state: m.state,
        predictedFromUtilPct: p.after.fromUtilPct,
        predictedToUtilPct: p.after.toUtilPct,
        measuredFromUtilPct: m.measured?.fromUtilPct ?? null,
        measuredToUtilPct: m.measured?.toUtilPct ?? null,
      };
    }
    return out;
  }
}
