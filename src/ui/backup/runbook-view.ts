/**
 * The runbook stepper as data, pure: which runbooks to list (every runbook of the loaded
 * scenario, idle until started, merged with what the engine reports), the commands of its
 * buttons (Start, Pause, Resume, Step) as scenario actions with a readable line for the console
 * transcript and the recording, the note an answer leaves, and which button a state suggests.
 *
 * Buttons stay enabled in every state (the engine says why a command is refused); the one the
 * state suggests is drawn as the primary button.
 */
import type { CommandResult, RunbookState, RunbookStatus } from '../../engine/api.ts';
import type { Action, Runbook } from '../../model/scenario.ts';

export type RunbookVerb = 'start' | 'pause' | 'resume' | 'step';

export interface RunbookVerbInfo {
  verb: RunbookVerb;
  label: string;
  summary: string;
}

export const RUNBOOK_VERBS: readonly RunbookVerbInfo[] = [
  { verb: 'start', label: 'Start', summary: 'start the runbook from its first step' },
  { verb: 'pause', label: 'Pause', summary: 'pause before the next step (the running step finishes)' },
  { verb: 'resume', label: 'Resume', summary: 'run on, step after step' },
  { verb: 'step', label: 'Step', summary: 'run the next step only, then pause again (step mode)' },
];

/** The state of a runbook no one started yet: every step pending. */
export function idleStatus(def: Pick<Runbook, 'id' | 'name' | 'stepMode' | 'steps'>): RunbookStatus {
  return {
    id: def.id,
    name: def.name,
    state: 'idle',
    current: -1,
    stepMode: def.stepMode,
    pauseBefore: null,
    steps: def.steps.map((s) => ({
      n: s.n,
      title: s.title,
      actor: s.actor ?? null,
      detail: s.detail ?? null,
      state: 'pending',
      startedS: null,
      endedS: null,
      changes: [],
      error: null,
    })),
  };
}

/**
 * The runbooks to show: the scenario's, in its order, each with the engine's status when there
 * is one (idle otherwise), then any the engine reports that the scenario does not define.
 */
export function runbookViews(defs: readonly Runbook[], statuses: readonly RunbookStatus[]): RunbookStatus[] {
  const byId = new Map(statuses.map((s) => [s.id, s]));
  const listed = defs.map((d) => byId.get(d.id) ?? idleStatus(d));
  const known = new Set(defs.map((d) => d.id));
  return [...listed, ...statuses.filter((s) => !known.has(s.id))];
}

export function runbookAction(verb: RunbookVerb, runbook: string): Action {
  switch (verb) {
    case 'start':
      return { type: 'startRunbook', runbook };
    case 'pause':
      return { type: 'pauseRunbook', runbook };
    case 'resume':
      return { type: 'resumeRunbook', runbook, oneStep: false };
    case 'step':
      return { type: 'resumeRunbook', runbook, oneStep: true };
  }
}

/** The line recorded and shown for a command: "runbook start online", "runbook step online". */
export function runbookLine(verb: RunbookVerb, runbook: string): string {
  return `runbook ${verb} ${runbook}`;
}

/** The button a state suggests: Start when not running, Pause while running, Step when paused. */
export function suggestedVerb(state: RunbookState): RunbookVerb {
  if (state === 'running' || state === 'waiting') return 'pause';
  if (state === 'paused') return 'step';
  return 'start';
}

export interface RunbookNote {
  tone: 'ok' | 'rejected';
  command: string;
  text: string;
  atS: number;
}

export function runbookNote(command: string, result: CommandResult, atS: number): RunbookNote {
  if (!result.ok) return { tone: 'rejected', command, text: `rejected: ${result.message ?? 'no reason given'}`, atS };
  return { tone: 'ok', command, text: result.redundant ? (result.message ?? 'nothing to do') : 'accepted', atS };
}

/** The step the stepper highlights: the current one, or none before the start and after the end. */
export function highlightedStep(rb: Pick<RunbookStatus, 'current' | 'steps' | 'state'>): number | null {
  if (rb.state === 'idle' || rb.state === 'done') return null;
  const step = rb.steps[rb.current];
  return step ? step.n : null;
}

/** "step 3 of 12" / "not started" / "finished" — the stepper's position in words. */
export function positionText(rb: Pick<RunbookStatus, 'current' | 'steps' | 'state'>): string {
  if (rb.state === 'idle') return 'not started';
  if (rb.state === 'done') return `finished, ${rb.steps.length} steps`;
  if (rb.current < 0) return `${rb.steps.length} steps`;
  return `step ${rb.current + 1} of ${rb.steps.length}`;
}
