/**
 * Fault injection as data, pure: the scenario action behind each "Fail …" / "Repair …" entry of
 * the canvas's context menu, the Inject fault dialog and the active-fault list (`setFault`, or
 * `siteLoss` for a whole site), the line that names it (in the note under the controls and in
 * the console's recording), and which components are failed now (keyed by their label).
 *
 * A component's key is `componentLabel` (model/scenario-faults.ts): `link l3`, `port srv1/hba0`,
 * `device sw1`, `controller ar1/CL2`, `disk ar1/PG1#2`, `drive lib1#0` — unique, since ids use no
 * `/`, `#` or spaces.
 *
 * Does not handle: whether the engine accepts a command (it says why it refuses), sending it
 * (run-fault-command.ts).
 */
import type { FaultStatus } from '../../engine/api.ts';
import { componentLabel, type FaultComponent } from '../../model/scenario-faults.ts';
import type { Action } from '../../model/scenario.ts';

export interface FaultCommand {
  action: Action;
  /** How the note and the recording name it: `fail link l3`, `repair drive lib1#0`, `lose site dr`. */
  line: string;
}

export function faultKey(c: FaultComponent): string {
  return componentLabel(c);
}

export function faultCommand(component: FaultComponent, failed: boolean): FaultCommand {
  return { action: { type: 'setFault', component, failed }, line: `${failed ? 'fail' : 'repair'} ${componentLabel(component)}` };
}

/** A whole site is lost (a disaster); the Disaster menu offers "Restore site" (setFault with a `site` component, failed false) once it is. */
export function siteLossCommand(siteId: string): FaultCommand {
  return { action: { type: 'siteLoss', siteId }, line: `lose site ${siteId}` };
}

/** The keys of the components failed now (empty before the first status). */
export function activeKeys(faults: FaultStatus | null): ReadonlySet<string> {
  return new Set((faults?.faults ?? []).map((f) => faultKey(f.component)));
}

/** Where the run is, for fault commands: none yet (or loading), running or paused, over. */
export type RunPhase = 'none' | 'active' | 'finished';

export function runPhaseOf(runState: string): RunPhase {
  if (runState === 'playing' || runState === 'paused') return 'active';
  if (runState === 'finished') return 'finished';
  return 'none';
}

/** Why fault commands are unavailable, or null when they are. */
export function unavailableReason(phase: RunPhase): string | null {
  switch (phase) {
    case 'active':
      return null;
    case 'none':
      return 'Start the run to inject faults';
    case 'finished':
      return 'The run has finished: Reset and play to inject faults';
  }
}

/** Simulated seconds as the run clock shows them: `mm:ss.s` (minutes may pass 59). */
export function simClock(seconds: number): string {
  const s = Math.max(0, seconds);
  const minutes = Math.floor(s / 60);
  const rest = (s - minutes * 60).toFixed(1).padStart(4, '0');
  return `${String(minutes).padStart(2, '0')}:${rest}`;
}
