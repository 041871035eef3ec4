/**
 * Runbooks: the seeds' operating flows as data. A runbook is an ordered list of steps; each
 * step may wait for a precondition, carries out one action (any timeline action), and ends on a
 * completion condition and/or after a fixed duration. The emulator runs them step by step and
 * reports each step's start, duration and the pair and job states it changed.
 *
 * Owns the runbook zod schemas (conditions, steps, runbooks). Step numbers (`n`) keep the
 * seeds' numbering (JP2002-041345 Fig. 2: 400–415, Fig. 3: 500–514, Fig. 5: 600–614).
 *
 * Pure data: the engine's ops/runbooks.ts interprets it.
 */
import { z } from 'zod';
import { ClockTime, Id } from './topology.ts';

/**
 * When the SAN manager starts a runbook by itself (Fig. 21: a remote replica split every night
 * for the reporting server): daily, or weekly on `weekday` (0 = Sunday), at `at` wall-clock time.
 */
export const RunbookSchedule = z.object({
  frequency: z.enum(['daily', 'weekly']).default('daily'),
  weekday: z.number().int().min(0).max(6).default(0),
  at: ClockTime,
});

/** The CCI pair states a condition may wait for. */
export const PairStateName = z.enum([
  'SMPL',
  'COPY',
  'PAIR',
  'COPY(SP)',
  'PSUS(SP)',
  'PSUS',
  'COPY(RS)',
  'COPY(RS-R)',
  'PSUE',
  'PFUL',
  'PFUS',
  'SSWS',
]);

/**
 * What a step waits for:
 * - `pairState`: every pair addressed (group, optional device) is in one of `states`;
 * - `jobDone`: the tape job ended (done or failed);
 * - `runbookDone`: another runbook finished.
 */
export const Condition = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pairState'),
    group: Id,
    device: Id.optional(),
    states: z.array(PairStateName).min(1).max(12),
  }),
  z.object({ kind: z.literal('jobDone'), job: Id }),
  z.object({ kind: z.literal('runbookDone'), runbook: Id }),
]);
export type Condition = z.infer<typeof Condition>;

/**
 * One step. The action is any scenario timeline action (see scenario.ts); it is validated by
 * the scenario schema, which imports this file lazily through `stepActionSchema`.
 */
export function runbookSchemas<A extends z.ZodTypeAny>(action: A) {
  const RunbookStep = z.object({
    /** The seed's step number, e.g. 404. Unique within the runbook. */
    n: z.number().int().min(0).max(99_999),
    title: z.string().min(1).max(200),
    /** The device that performs the step (a server id, the array, the library …). */
    actor: Id.optional(),
    /** Narration for a trainer. */
    detail: z.string().max(2000).optional(),
    /** Precondition: the step does not start until it holds. */
    when: Condition.optional(),
    action: action.optional(),
    /** Completion event: the step ends when it holds (checked after `durationS`). */
    until: Condition.optional(),
    /** The step takes at least this long (coordination calls, operator actions), simulated seconds. */
    durationS: z.number().min(0).max(86_400).default(0),
  });
  const Runbook = z
    .object({
      id: Id,
      name: z.string().min(1).max(120),
      description: z.string().max(4000).default(''),
      /** Pause before every step (a trainer steps through with resumeRunbook). */
      stepMode: z.boolean().default(false),
      /** Started by the SAN manager on this schedule (absent: only by a timeline action or a command). */
      schedule: RunbookSchedule.optional(),
      steps: z.array(RunbookStep).min(1).max(500),
    })
    .superRefine((r, ctx) => {
      const seen = new Set<number>();
      r.steps.forEach((s, i) => {
        if (seen.has(s.n)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'n'], message: `step number ${s.n} is used twice` });
        seen.add(s.n);
      });
    });
  return { RunbookStep, Runbook };
}
