/**
 * Event triggers of timeline entries (scenario v2): an entry runs at a simulated time (`atS`)
 * or `after` an event — the first time the event's condition holds — plus `delayS`.
 *
 * Owns the zod schema of a trigger. The conditions are a runbook step's (runbook.ts:
 * `pairState`, `jobDone`, `runbookDone`, so a timeline waits the way a runbook does, like CCI's
 * `pairevtwait`), plus two only a timeline needs:
 * - `alert`: an alert was raised (optionally of one kind, at least one severity, on one device);
 * - `step`: another timeline entry (by its `id`) was carried out (accepted or refused), so steps
 *   chain: "30 s after the split, start the backup".
 *
 * Pure data: the engine's ops/timeline-triggers.ts watches for them.
 */
import { z } from 'zod';
import { Condition } from './runbook.ts';
import { Id } from './topology.ts';
import { AlertKind, AlertSeverity } from './topology-monitoring.ts';

export const AlertTrigger = z.object({
  kind: z.literal('alert'),
  /** Only this kind of alert (absent: any). */
  alertKind: AlertKind.optional(),
  /** Only alerts at or above this severity. */
  minSeverity: AlertSeverity.default('info'),
  /** Only alerts on this device (absent: any). */
  deviceId: Id.optional(),
});

export const StepTrigger = z.object({ kind: z.literal('step'), id: Id });

export const Trigger = z.discriminatedUnion('kind', [...Condition.options, AlertTrigger, StepTrigger]);
export type Trigger = z.infer<typeof Trigger>;
export type TriggerKind = Trigger['kind'];

/** One line for people: "pair bk/db in PAIR", "job nightly done", "step split carried out" … */
export function describeTrigger(t: Trigger): string {
  switch (t.kind) {
    case 'pairState':
      return `pair ${t.group}${t.device ? `/${t.device}` : ''} in ${t.states.join(' or ')}`;
    case 'jobDone':
      return `job ${t.job} ended`;
    case 'runbookDone':
      return `runbook ${t.runbook} finished`;
    case 'alert':
      return `alert${t.alertKind ? ` ${t.alertKind}` : ''}${t.minSeverity !== 'info' ? ` (${t.minSeverity} or worse)` : ''}${t.deviceId ? ` on ${t.deviceId}` : ''}`;
    case 'step':
      return `step ${t.id} carried out`;
  }
}
