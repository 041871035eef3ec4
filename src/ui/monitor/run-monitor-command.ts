/**
 * The Monitor tab's commands through the worker bridge: "Predict" asks the engine what moving an
 * LDEV to a parity group would do to both groups (`predictMove`, from the load measured just
 * before now; changes nothing), "Move" starts the move (`moveVolume`, as a timeline action would).
 * The answer is left in the tab's store (an accepted move drops the planner's prediction: the
 * move's own card shows the one the engine took at its start); while the console records, an accepted move is recorded
 * with its line, so the drill replays from the timeline.
 */
import type { CommandResult } from '../../engine/api.ts';
import type { Action } from '../../model/scenario.ts';
import { useConsole } from '../console/console-store.ts';
import { combinedNote } from '../remote/remote-commands.ts';
import { getBridge } from '../sim/bridge.ts';
import { useStore } from '../store/index.ts';
import { useMonitorUi } from './useMonitorUi.ts';

const nowS = () => useStore.getState().sim.nowS;

/** Not a CCI command: how the note and the recording name a volume move. */
export function moveLine(ldevId: string, groupId: string): string {
  return `move volume ${ldevId} to parity group ${groupId}`;
}

export async function runPredict(ldevId: string, groupId: string): Promise<void> {
  const ui = useMonitorUi.getState();
  ui.setPredicting(true);
  try {
    const bridge = getBridge();
    await bridge.ready();
    const atS = nowS();
    const result = (await bridge.remote().predictMove(ldevId, groupId)) ?? { error: 'no scenario is loaded' };
    useMonitorUi.getState().setPrediction({ ldevId, groupId, atS, result });
  } catch (err) {
    useMonitorUi.getState().setPrediction({ ldevId, groupId, atS: nowS(), result: { error: err instanceof Error ? err.message : String(err) } });
  } finally {
    useMonitorUi.getState().setPredicting(false);
  }
}

export async function runMove(ldevId: string, groupId: string): Promise<CommandResult> {
  const line = moveLine(ldevId, groupId);
  const action: Action = { type: 'moveVolume', ldevId, parityGroupId: groupId };
  const atS = nowS();
  let result: CommandResult;
  try {
    result = await getBridge().apply(action);
    const rec = useConsole.getState();
    if (result.ok && result.redundant !== true && rec.recording) rec.record(line, atS, [action], 'inspector');
  } catch (err) {
    result = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  const ui = useMonitorUi.getState();
  ui.setNote(combinedNote([{ line, result }], nowS()));
  // The move's card carries the prediction the engine made at its start from now on.
  if (result.ok) ui.setPrediction(null);
  return result;
}
