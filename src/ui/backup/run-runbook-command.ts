/**
 * Apply one runbook command from the Backup tab: send its action through the worker bridge (as
 * the Replication tab does), leave the engine's answer as a note under the runbook, and — while
 * the console records — record it with its line, so the drill replays from the timeline.
 */
import { useConsole } from '../console/console-store.ts';
import { getBridge } from '../sim/bridge.ts';
import { useStore } from '../store/index.ts';
import { runbookAction, runbookLine, runbookNote, type RunbookVerb } from './runbook-view.ts';
import { useBackupUi } from './useBackupUi.ts';

export async function runRunbookCommand(verb: RunbookVerb, runbook: string): Promise<void> {
  const command = runbookLine(verb, runbook);
  const action = runbookAction(verb, runbook);
  let note;
  try {
    const atS = useStore.getState().sim.nowS;
    const result = await getBridge().apply(action);
    note = runbookNote(command, result, useStore.getState().sim.nowS);
    const rec = useConsole.getState();
    if (result.ok && result.redundant !== true && rec.recording) rec.record(command, atS, [action], 'inspector');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    note = runbookNote(command, { ok: false, message }, useStore.getState().sim.nowS);
  }
  useBackupUi.getState().setNote(runbook, note);
}
