/**
 * Send a fault command (fault-commands.ts) through the worker bridge, as the Remote tab's WAN
 * outage buttons do: the engine's answer is left as the note under the fault list, and while the
 * console records, an accepted command is recorded with its line, so the drill replays from the
 * timeline.
 */
import type { CommandResult } from '../../engine/api.ts';
import { useConsole } from '../console/console-store.ts';
import { combinedNote } from '../remote/remote-commands.ts';
import { getBridge } from '../sim/bridge.ts';
import { useStore } from '../store/index.ts';
import type { FaultCommand } from './fault-commands.ts';
import { useFaultUi } from './useFaultUi.ts';

const nowS = () => useStore.getState().sim.nowS;

export async function runFaultCommand(cmd: FaultCommand): Promise<CommandResult> {
  const atS = nowS();
  let result: CommandResult;
  try {
    result = await getBridge().apply(cmd.action);
    const rec = useConsole.getState();
    if (result.ok && result.redundant !== true && rec.recording) rec.record(cmd.line, atS, [cmd.action], 'inspector');
  } catch (err) {
    result = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  useFaultUi.getState().setNote(combinedNote([{ line: cmd.line, result }], nowS()));
  return result;
}
