/**
 * Running runbooks (model/runbook.ts): the seeds' flows as data, step by step on the simulated
 * clock.
 *
 * A step, once the runbook reaches it:
 *   pending ─(pause requested? → paused until resumed)─ precondition `when` holds? ─no─▶ waiting
 *      └─yes─▶ running: its action is carried out now (refused → the step and the runbook fail)
 *                └─ after `durationS` and once `until` holds ─▶ done: its changes are recorded
 * and the next step starts at the same instant. A waiting or running step re-checks its
 * condition every RUNBOOK_POLL_US (EV_RUNBOOK events tagged with a generation, so only the
 * latest wake counts).
 *
 * Pausing (a trainer between steps): `pause` stops before the next step (or before step n);
 * `resume` continues, or with `oneStep` runs one step and pauses again; a runbook in step mode
 * pauses before every step.
 *
 * Owns: runbook and step states, start times and durations, and each step's changes — the
 * differences of the host's state vector (pair states, job states, backup modes, mounts,
 * access, read-only attributes) between its start and its end; each runbook's run count (a
 * start is run n + 1) and the end of every run, told to the host (`ended`) so the SAN manager
 * can close a scheduled occurrence even after the runbook was started again.
 *
 * Invariants: steps run in order, one at a time per runbook; a refused action changes nothing
 * (the command's own invariant) and stops the runbook with the refusal as its error.
 */
import type { Condition } from '../../model/runbook.ts';
import type { Action, Runbook } from '../../model/scenario.ts';
import type { CommandResult } from '../api.ts';
import type { RunbookState, RunbookStatus, RunbookStepStatus } from '../backup-api.ts';
import { RUNBOOK_POLL_US, US_PER_S } from '../constants.ts';

export interface RunbookHost {
  nowUs(): number;
  /** Queue EV_RUNBOOK for runbook `index` at `atUs`, tagged `generation`. */
  schedule(atUs: number, index: number, generation: number): void;
  perform(action: Action): CommandResult;
  holds(condition: Condition): boolean;
  /** Key → value of everything a step may change. */
  stateVector(): Map<string, string>;
  /** Run `run` of runbook `id` ended now (done or failed). */
  ended?(id: string, run: number, state: 'done' | 'failed'): void;
}

/** A runbook's latest run: `run` 0 before its first start. */
export interface RunInfo {
  run: number;
  state: RunbookState;
  startedUs: number;
}

interface StepRt {
  state: RunbookStepStatus['state'];
  startedUs: number;
  endedUs: number;
  changes: string[];
  error: string | null;
  before: Map<string, string> | null;
}

interface RunbookRt {
  def: Runbook;
  state: RunbookState;
  current: number;
  stepMode: boolean;
  pauseAtNext: boolean;
  pauseBefore: number | null;
  generation: number;
  /** Starts so far; the run in progress (or the last one) is number `run`. */
  run: number;
  startedUs: number;
  steps: StepRt[];
}

const freshSteps = (def: Runbook): StepRt[] => def.steps.map(() => ({ state: 'pending', startedUs: -1, endedUs: -1, changes: [], error: null, before: null }));

export class Runbooks {
  readonly list: RunbookRt[] = [];
  private readonly host: RunbookHost;

  constructor(defs: readonly Runbook[], host: RunbookHost) {
    this.host = host;
    for (const d of defs) this.add(d);
  }

  add(def: Runbook): number {
    this.list.push({ def, state: 'idle', current: -1, stepMode: def.stepMode, pauseAtNext: false, pauseBefore: null, generation: 0, run: 0, startedUs: -1, steps: freshSteps(def) });
    return this.list.length - 1;
  }

  indexOf(id: string): number {
    return this.list.findIndex((r) => r.def.id === id);
  }

  runInfo(id: string): RunInfo | null {
    const rb = this.list[this.indexOf(id)];
    return rb ? { run: rb.run, state: rb.state, startedUs: rb.startedUs } : null;
  }

  start(id: string): CommandResult {
    const i = this.indexOf(id);
    if (i < 0) return { ok: false, message: `no runbook "${id}"` };
    const rb = this.list[i];
    if (rb.state === 'running' || rb.state === 'waiting' || rb.state === 'paused') return { ok: false, message: `runbook ${id} is already ${rb.state}` };
    rb.steps = freshSteps(rb.def);
    rb.current = 0;
    rb.state = 'running';
    rb.run++;
    rb.startedUs = this.host.nowUs();
    rb.stepMode = rb.def.stepMode;
    rb.pauseAtNext = rb.def.stepMode;
    this.tick(i, ++rb.generation);
    return { ok: true };
  }

  pause(id: string, beforeStep: number | undefined): CommandResult {
    const rb = this.list[this.indexOf(id)];
    if (!rb) return { ok: false, message: `no runbook "${id}"` };
    if (beforeStep !== undefined) {
      if (!rb.def.steps.some((s) => s.n === beforeStep)) return { ok: false, message: `runbook ${id} has no step ${beforeStep}` };
      rb.pauseBefore = beforeStep;
      return { ok: true };
    }
    if (rb.state === 'done' || rb.state === 'failed' || rb.state === 'idle') return { ok: false, message: `runbook ${id} is ${rb.state}` };
    if (rb.state === 'paused') return { ok: true, redundant: true };
    rb.pauseAtNext = true;
    const step = rb.steps[rb.current];
    if (step && (step.state === 'pending' || step.state === 'waiting')) {
      // Between steps (or before one still waiting for its precondition): pause now; a waiting
      // step has done nothing yet and checks its condition again on resume.
      step.state = 'pending';
      rb.state = 'paused';
      rb.pauseAtNext = false;
      rb.generation++;
    }
    return { ok: true };
  }

  resume(id: string, oneStep: boolean): CommandResult {
    const i = this.indexOf(id);
    const rb = this.list[i];
    if (!rb) return { ok: false, message: `no runbook "${id}"` };
    if (rb.state === 'idle') {
      // Resuming a runbook not started yet starts it at its first step.
      rb.steps = freshSteps(rb.def);
      rb.current = 0;
      rb.state = 'paused';
      rb.run++;
      rb.startedUs = this.host.nowUs();
    }
    if (rb.state !== 'paused') return rb.state === 'done' || rb.state === 'failed' ? { ok: false, message: `runbook ${id} is ${rb.state}` } : { ok: true, redundant: true };
    rb.stepMode = oneStep;
    rb.pauseAtNext = false;
    rb.state = 'running';
    this.tick(i, ++rb.generation);
    return { ok: true };
  }

  /** EV_RUNBOOK: advance runbook `index` as far as it can go now. */
  tick(index: number, generation: number): void {
    const rb = this.list[index];
    if (generation !== rb.generation) return;
    const h = this.host;
    for (;;) {
      if (rb.state !== 'running' && rb.state !== 'waiting') return;
      const step = rb.steps[rb.current];
      const def = rb.def.steps[rb.current];
      const now = h.nowUs();
      if (step.state === 'pending' || step.state === 'waiting') {
        if (rb.pauseAtNext || rb.pauseBefore === def.n) {
          if (rb.pauseBefore === def.n) rb.pauseBefore = null;
          rb.pauseAtNext = false;
          rb.state = 'paused';
          step.state = 'pending';
          return;
        }
        if (def.when && !h.holds(def.when)) {
          step.state = 'waiting';
          rb.state = 'waiting';
          h.schedule(now + RUNBOOK_POLL_US, index, rb.generation);
          return;
        }
        step.state = 'running';
        rb.state = 'running';
        step.startedUs = now;
        step.before = h.stateVector();
        if (def.action) {
          const r = h.perform(def.action);
          if (!r.ok) {
            step.state = 'failed';
            step.error = r.message ?? 'refused';
            step.endedUs = now;
            this.end(rb, 'failed');
            return;
          }
        }
      }
      const dueUs = step.startedUs + Math.round(def.durationS * US_PER_S);
      if (now < dueUs) {
        h.schedule(dueUs, index, rb.generation);
        return;
      }
      if (def.until && !h.holds(def.until)) {
        h.schedule(now + RUNBOOK_POLL_US, index, rb.generation);
        return;
      }
      step.state = 'done';
      step.endedUs = now;
      step.changes = diff(step.before!, h.stateVector());
      step.before = null;
      rb.current++;
      if (rb.stepMode) rb.pauseAtNext = true;
      if (rb.current >= rb.steps.length) {
        this.end(rb, 'done');
        return;
      }
    }
  }

  private end(rb: RunbookRt, state: 'done' | 'failed'): void {
    rb.state = state;
    this.host.ended?.(rb.def.id, rb.run, state);
  }

  isDone(id: string): boolean {
    const rb = this.list[this.indexOf(id)];
    return rb !== undefined && (rb.state === 'done' || rb.state === 'failed');
  }

  status(): RunbookStatus[] {
    const s = (us: number): number | null => (us < 0 ? null : us / US_PER_S);
    return this.list.map((rb) => ({
      id: rb.def.id,
      name: rb.def.name,
      state: rb.state,
      current: rb.current < rb.steps.length ? rb.current : -1,
      stepMode: rb.stepMode,
      pauseBefore: rb.pauseBefore,
      steps: rb.steps.map((st, k) => {
        const d = rb.def.steps[k];
        return { n: d.n, title: d.title, actor: d.actor ?? null, detail: d.detail ?? null, state: st.state, startedS: s(st.startedUs), endedS: s(st.endedUs), changes: [...st.changes], error: st.error };
      }),
    }));
  }
}

/** "key: before → after" for every key whose value changed (absent shown as —). */
export function diff(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const out: string[] = [];
  for (const k of [...keys].sort()) {
    const a = before.get(k);
    const b = after.get(k);
    if (a !== b) out.push(`${k}: ${a ?? '—'} → ${b ?? '—'}`);
  }
  return out;
}
