/**
 * The simulation: one virtual clock, one event queue, the wiring of every part of the engine.
 *
 * Owns: `createSimulation` (compile → runtime tables → initial events), the event loop
 * (`runUntil`, resumable in slices with identical results) and the dispatch of each event kind
 * to its owner. The life of an I/O is io-lifecycle.ts (the base class); actions, outputs and
 * entry points are actions.ts, simulation-facade.ts and simulation-outputs.ts.
 *
 * Event owners: EV_HOST_DONE / EV_READ_RETURN (io-lifecycle.ts), EV_ARRIVAL / EV_START /
 * EV_EXPIRE (host/workload-driver.ts), EV_SAMPLE (metrics, remote outputs, faults), EV_TIMELINE
 * (actions.ts), EV_COPY (replication/pairs.ts), EV_JOB / EV_RUNBOOK / EV_POLICY (backup.ts),
 * EV_REMOTE (remote/remote-copy.ts), EV_FAULT (faults/fault-runtime.ts).
 *
 * Invariants: times in events are integer µs; every processed event is recorded in the event
 * log; iteration orders come from the compiled (sorted) tables.
 */import type { Scenario } from '../model/scenario.ts';
import { performAction, type ActionParts } from './actions.ts';
import type { Simulation } from './api.ts';
import { DiskArrays } from './array/array.ts';
import { compileScenario } from './compile.ts';
import { BackupSystem } from './backup.ts';
import { IoLifecycle } from './io-lifecycle.ts';
import { US_PER_S } from './constants.ts';
import { HostControl } from './host/host-control.ts';
import { LinkTimelines } from './fabric/link-timelines.ts';
import { IO_RETRY } from './host/io-slots.ts';
import { FaultRuntime } from './faults/fault-runtime.ts';
import { TimelineTriggers, type FiredTrigger } from './ops/timeline-triggers.ts';
import { buildHostPaths } from './host/host-paths.ts';
import { Workloads } from './host/workload.ts';
import { WorkloadDriver } from './host/workload-driver.ts';
import { setAssertContext } from './kernel/assert.ts';
import { MetricsCollector, reasonCode } from './metrics/collector.ts';
import type { ProbeParts } from './probes.ts';
import { Replication, type ReplicationHost } from './replication/pairs.ts';
import { EV_ARRIVAL, EV_COPY, EV_EXPIRE, EV_FAULT, EV_HOST_DONE, EV_JOB, EV_POLICY, EV_READ_RETURN, EV_REMOTE, EV_RUNBOOK, EV_SAMPLE, EV_START, EV_TIMELINE } from './events.ts';
import { createRemote } from './remote/remote-copy.ts';
import type { RemoteOutputs } from './remote/remote-outputs.ts';
import { WanLinks } from './remote/wan.ts';
import type { OutputParts } from './simulation-outputs.ts';
import type { CompletionObserver, EngineSimulationHandle, SimulationOptions } from './simulation-types.ts';

export { eventKindName } from './events.ts';
export type { CacheStats, CompletedIo, CompletionObserver, EngineSimulationHandle, ParityGroupStats, SimulationOptions } from './simulation-types.ts';

const READ_ONLY = reasonCode('read-only');
const QUEUE_FULL = reasonCode('queue-full');
const PAIR_STATE = reasonCode('pair-state');
const FENCE = reasonCode('fence');
const SITE_DOWN = reasonCode('site-down');
/** EV_TIMELINE with b = 1: look at the timeline's state triggers (ops/timeline-triggers.ts). */
const TIMELINE_CHECK = 1;

class EngineSimulation extends IoLifecycle implements Simulation {
  readonly scenario: Scenario;
  readonly seed: number;
  /**
   * The assertion context's clock: reads this simulation through a WeakRef, so the process-wide
   * context (kernel/assert.ts) does not keep the last simulation alive after it is dropped.
   */
  private readonly clockReader: () => number = clockOf(new WeakRef(this));
  private readonly backup: BackupSystem;
  /** Timeline entries that run after an event, and what every entry did (ops/timeline-triggers.ts). */
  private readonly triggers: TimelineTriggers;
  /** Timeline entries carried out so far (`runToNextAction` stops when it moves). */
  private actionsRun = 0;
  /** Workload start / stop / re-arm and open-loop arrivals (host/workload-driver.ts). */
  private readonly driver: WorkloadDriver;
  private readonly remoteOut: RemoteOutputs;
  /** The tables and operations that actions.ts, probes.ts and simulation-outputs.ts work on (bound once). */
  protected readonly parts: ActionParts & ProbeParts & OutputParts;

  constructor(scenario: Scenario, seed: number, onComplete: CompletionObserver | null) {
    super();
    this.scenario = scenario;
    this.seed = seed;
    this.onComplete = onComplete;
    setAssertContext(seed, this.clockReader);
    this.model = compileScenario(scenario, seed);
    const m = this.model;
    this.links = new LinkTimelines(m.links, this.cursor);
    this.arrays = new DiskArrays(m, this.cursor);
    this.wl = new Workloads(m.workloads, seed);
    this.metrics = new MetricsCollector(m.ldevs.length, m.links.length, this.cursor);
    this.triggers = new TimelineTriggers(m.timeline, m.timelineIndex, {
      nowUs: () => this.now,
      schedule: (atUs, index) => this.queue.push(atUs, EV_TIMELINE, index, 0),
      scheduleCheck: (atUs) => this.queue.push(atUs, EV_TIMELINE, 0, TIMELINE_CHECK),
      holds: (c) => this.backup.holds(c),
    });
    this.wlLdev = Int32Array.from(m.workloads, (w) => w.ldevIndex);
    this.wlReject = Int8Array.from(m.workloads, (w) => (w.reject === null ? -1 : reasonCode(w.reject)));
    const paths = buildHostPaths(m, this.links.propagationUs);
    this.wlMirror = paths.wlMirror;
    this.wlHold = new Uint8Array(m.workloads.length);
    this.wlLastReject = new Int8Array(m.workloads.length).fill(-1);
    this.driver = new WorkloadDriver({
      wl: this.wl, queue: this.queue, cursor: this.cursor, metrics: this.metrics, log: this.log, wlLdev: this.wlLdev, queueFull: QUEUE_FULL, wlLastReject: this.wlLastReject,
      nowUs: () => this.now,
      issue: (w) => this.issue(w),
    });
    const replicationHost: ReplicationHost = {
      nowUs: () => this.now,
      scheduleCopy: (atUs, pair, generation) => this.queue.push(atUs, EV_COPY, pair, generation),
      log: (code, a, b) => {
        this.log.record(this.now, code, a, b);
        // Only a pair state change can make a pairState trigger hold (copy progress cannot).
        if (this.faults.pairLogged(code, a)) this.triggers.changed();
      },
      splitAccepted: (pair) => this.backup.splitAccepted(pair),
      remotePful: (pair, over) => this.faults.journalPful(pair, over),
    };
    const reasons = { readOnly: READ_ONLY, pairState: PAIR_STATE };
    this.repl = new Replication(m.replication, m.ldevs, this.arrays, this.links, this.cursor, replicationHost, reasons);
    [this.remote, this.remoteOut] = createRemote({
      model: m, arrays: this.arrays, repl: this.repl, cursor: this.cursor, wan: new WanLinks(m.remote.wans, seed), metrics: this.metrics, reasons: { fence: FENCE, siteDown: SITE_DOWN },
      nowUs: () => this.now,
      push: (atUs, a, b) => this.queue.push(atUs, EV_REMOTE, a, b),
      resume: (slot, w, block, bytes) => this.resumeParked(slot, w, block, bytes),
    });
    replicationHost.remote = this.remote;
    this.faults = new FaultRuntime({
      scenario, model: m, arrays: this.arrays, metrics: this.metrics, repl: this.repl, remote: this.remote, paths, propagationUs: this.links.propagationUs, wlLdev: this.wlLdev,
      backup: () => this.backup,
      nowUs: () => this.now,
      push: (atUs, kind, a, b) => this.queue.push(atUs, kind, a, b),
      writeSeq: () => this.writeSeq,
      retryLost: () => this.retryLost(),
      stopWorkload: (w) => this.driver.stop(w),
      wlRejected: this.wl.rejected,
      wlLastReject: this.wlLastReject,
    });
    this.mp = this.faults.mp;
    this.ldevDown = this.faults.ldevDown;
    this.ack = this.faults.ack;
    this.backup = new BackupSystem({
      raise: (severity, kind, deviceId, message) => this.faults.system.raise(severity, kind, deviceId, message),
      scenario, model: m, arrays: this.arrays, links: this.links, repl: this.repl, cursor: this.cursor, metrics: this.metrics,
      nowUs: () => this.now,
      push: (atUs, kind, a, b) => this.queue.push(atUs, kind, a, b),
      perform: (action) => performAction(this.parts, action, 2),
      ended: () => this.triggers.changed(),
      hostControl: new HostControl({
        model: m, held: this.held, wlHold: this.wlHold, wlLdev: this.wlLdev, wlReject: this.wlReject, wlMirror: this.wlMirror, repl: this.repl, cursor: this.cursor,
        nowUs: () => this.now,
        access: () => this.backup.access,
        sendWrite: (w, ldev, block, bytes, seq, duplex, paired) => {
          const p = this.mp.pick(w);
          this.ioPath = p >= 0 ? p : this.mp.wlPathStart[w];
          this.sendWrite(w, ldev, block, bytes, seq, duplex, paired, false);
        },
        refreshed: () => this.mp.refreshLuns(this.backup.access, (w) => (this.wlLdev[w] >= 0 ? m.ldevs[this.wlLdev[w]].id : null)),
      }),
    });
    this.parts = {
      scenario, seed, model: m, links: this.links, arrays: this.arrays, wl: this.wl, slots: this.slots, faults: this.faults,
      metrics: this.metrics, repl: this.repl, log: this.log, cursor: this.cursor, backup: this.backup, remote: this.remote, remoteOut: this.remoteOut,
      wlLdev: this.wlLdev, wlReject: this.wlReject,
      nowUs: () => this.now,
      timelineReport: () => this.triggers.report(this.now),
      nextWriteSeq: () => this.writeSeq++,
      startWorkload: (w) => this.driver.start(w),
      stopWorkload: (w) => this.driver.stop(w),
      arm: (w) => this.driver.arm(w),
    };
    const journalAlert = this.faults.alerts.onRaise;
    this.faults.alerts.onRaise = (a) => {
      journalAlert?.(a);
      this.triggers.alert(a);
    };
    this.scheduleInitialEvents();
  }

  private scheduleInitialEvents(): void {
    this.model.workloads.forEach((w, i) => {
      if (w.spec.startAtS !== undefined) this.queue.push(Math.round(w.spec.startAtS * US_PER_S), EV_START, i, 0);
    });
    // The first look at the state triggers is queued before the entries at 0 s, so it sees the starting states.
    this.triggers.start();
    this.model.timeline.forEach((e, i) => e.atS !== undefined && this.queue.push(Math.round(e.atS * US_PER_S), EV_TIMELINE, i, 0));
    this.queue.pushLate(US_PER_S, EV_SAMPLE, 1, 0);
  }

  nowUs(): number {
    return this.now;
  }

  endUs(): number {
    return this.model.endUs;
  }

  runUntil(us: number, maxEvents = Infinity): number {
    setAssertContext(this.seed, this.clockReader);
    const limit = Math.min(us, this.model.endUs);
    const queue = this.queue;
    const log = this.log;
    let n = 0;
    while (n < maxEvents && queue.popNotAfter(limit)) {
      const t = queue.timeUs;
      this.now = t;
      log.record(t, queue.kind, queue.a, queue.b);
      this.dispatch(queue.kind, queue.a, queue.b);
      n++;
    }
    if (queue.peekTimeUs() > limit && limit > this.now) this.now = limit;
    return n;
  }

  /**
   * Runs until the next timeline entry has been carried out (at a time or after an event), then
   * to the end of that instant; or to `us` when none runs before it. Returns whether one ran.
   * Same results as `runUntil` in any slicing: it only chooses where to stop.
   */
  runToNextAction(us: number): boolean {
    const limit = Math.min(us, this.model.endUs);
    const before = this.actionsRun;
    while (this.queue.peekTimeUs() <= limit) {
      this.runUntil(this.queue.peekTimeUs(), 1);
      if (this.actionsRun !== before) {
        this.runUntil(this.now);
        return true;
      }
    }
    this.runUntil(limit);
    return false;
  }

  /** Timeline entries waiting on an event that have fired: scenario index and run time. */
  firedTriggers(): readonly FiredTrigger[] {
    return this.triggers.fired();
  }

  /** Runs one event at `this.now` (times are not passed as arguments: see io-cursor.ts). */
  private dispatch(kind: number, a: number, b: number): void {
    switch (kind) {
      case EV_READ_RETURN:
        this.readReturned(a);
        return;
      case EV_HOST_DONE:
        if ((this.slots.flags[a] & IO_RETRY) !== 0) return this.retry(a);
        this.cursor[0] = this.slots.doneUs[a];
        this.complete(a);
        return;
      case EV_FAULT:
        this.faults.event(a, b);
        return;
      case EV_ARRIVAL:
        this.driver.arrival(a, b);
        return;
      case EV_SAMPLE:
        this.metrics.sample(a, this.links);
        this.remoteOut.sample(a);
        this.faults.sample(a);
        this.queue.pushLate((a + 1) * US_PER_S, EV_SAMPLE, a + 1, 0);
        return;
      case EV_TIMELINE:
        if (b === TIMELINE_CHECK) return this.triggers.check();
        this.actionsRun++;
        this.triggers.carriedOut(a, performAction(this.parts, this.model.timeline[a].action, 0).ok);
        return;
      case EV_START:
        this.driver.start(a);
        return;
      case EV_EXPIRE:
        if (this.wl.generation[a] === b) this.driver.stop(a);
        return;
      case EV_COPY:
        this.repl.copyCycle(a, b);
        return;
      case EV_JOB:
        this.backup.jobPhase(a, b);
        return;
      case EV_RUNBOOK:
        this.backup.runbookTick(a, b);
        return;
      case EV_POLICY:
        this.backup.policyFire(a);
        return;
      case EV_REMOTE:
        this.remote.event(a, b);
        return;
    }
  }
}

function clockOf(ref: WeakRef<{ nowUs(): number }>): () => number {
  return () => ref.deref()?.nowUs() ?? Number.NaN;
}

/** Builds a simulation at time 0; throws `CompileError` naming the device and field at fault. */
export function createSimulation(scenario: Scenario, opts: SimulationOptions = {}): EngineSimulationHandle {
  return new EngineSimulation(scenario, opts.seed ?? scenario.seed, opts.onComplete ?? null);
}
