/**
 * Workload control for the simulation: starting, stopping and re-arming a workload's event
 * chains, and the open-loop arrivals (EV_ARRIVAL) that issue its I/Os.
 *
 * Owns: the generation rule — every start, stop and re-arm bumps the workload's generation, so
 * pending arrivals and runtime expiries of an earlier chain are stale and ignored; the open-loop
 * limit (an arrival finding OPEN_LOOP_OUTSTANDING_LIMIT I/Os outstanding is refused as
 * queue-full, counted and logged); a closed loop topped up to its iodepth at arm.
 *
 * Does not handle: the I/O itself (simulation.ts `issue`), completions and the closed loop's
 * next I/O (simulation.ts `complete`).
 */
import { OPEN_LOOP_OUTSTANDING_LIMIT } from '../constants.ts';
import { EV_ARRIVAL, EV_EXPIRE, LOG_REJECT } from '../events.ts';
import type { IoCursor } from '../io-cursor.ts';
import type { EventLog } from '../kernel/event-log.ts';
import type { EventQueue } from '../kernel/event-queue.ts';
import type { MetricsCollector } from '../metrics/collector.ts';
import type { Workloads } from './workload.ts';

export interface WorkloadDriverDeps {
  wl: Workloads;
  queue: EventQueue;
  cursor: IoCursor;
  metrics: MetricsCollector;
  log: EventLog;
  wlLdev: Int32Array;
  /** The reject-reason code of queue-full. */
  queueFull: number;
  /** Per workload: the reason code of its last refused I/O (the event journal reads it). */
  wlLastReject: Int8Array;
  nowUs(): number;
  /** Issue one I/O of `w` at cursor[0] (the simulation's). */
  issue(w: number): void;
}

export class WorkloadDriver {
  constructor(private readonly d: WorkloadDriverDeps) {}

  start(w: number): void {
    if (this.d.wl.active[w] === 1) return; // redundant: already running
    this.d.wl.active[w] = 1;
    this.arm(w);
  }

  stop(w: number): void {
    this.d.wl.active[w] = 0;
    this.d.wl.generation[w]++; // pending arrivals and expiry become stale
  }

  /** (Re)starts the event chains of an active workload from now: expiry, arrivals, closed-loop top-up. */
  arm(w: number): void {
    const { wl, queue, cursor } = this.d;
    const now = this.d.nowUs();
    const gen = ++wl.generation[w];
    if (wl.runtimeUs[w] > 0) queue.push(now + wl.runtimeUs[w], EV_EXPIRE, w, gen);
    if (wl.closedLoop[w] === 1) {
      for (let k = wl.inflight[w]; k < wl.iodepth[w]; k++) {
        cursor[0] = now;
        this.d.issue(w);
      }
    } else {
      wl.nextArrivalUs[w] = now;
      this.scheduleArrival(w);
    }
  }

  /** An open-loop arrival (EV_ARRIVAL) of chain `generation`. */
  arrival(w: number, generation: number): void {
    const { wl } = this.d;
    const t = this.d.nowUs();
    if (wl.generation[w] !== generation || wl.active[w] === 0 || wl.closedLoop[w] === 1) return;
    if (wl.inflight[w] >= OPEN_LOOP_OUTSTANDING_LIMIT) {
      wl.rejected[w]++;
      this.d.wlLastReject[w] = this.d.queueFull;
      this.d.metrics.reject(this.d.wlLdev[w], this.d.queueFull);
      this.d.log.record(t, LOG_REJECT + this.d.queueFull, w, this.d.wlLdev[w]);
    } else {
      this.d.cursor[0] = t;
      this.d.issue(w);
    }
    this.scheduleArrival(w);
  }

  private scheduleArrival(w: number): void {
    const wl = this.d.wl;
    wl.nextArrivalUs[w] += wl.nextInterArrivalUs(w);
    this.d.queue.push(Math.ceil(wl.nextArrivalUs[w]), EV_ARRIVAL, w, wl.generation[w]);
  }
}
