/**
 * Apply one pair command from the UI: build the action from the panel's options, send it through
 * the worker bridge, and leave the engine's answer (accepted, redundant, or the rejection's code
 * and message) as a note under the target. The engine decides; the UI never pre-judges a state.
 */
import { useConsole } from '../console/console-store.ts';
import { getBridge } from '../sim/bridge.ts';
import { useStore } from '../store/index.ts';
import { actionFor, cciLine, resultNote, type PairTarget, type PairVerb } from './pair-commands.ts';
import { useReplicationUi } from './useReplicationUi.ts';

export function targetKey(target: PairTarget): string {
  return target.device === undefined ? target.group : `${target.group}/${target.device}`;
}

export async function runPairCommand(verb: PairVerb, target: PairTarget): Promise<void> {
  const ui = useReplicationUi.getState();
  const command = cciLine(verb, target, ui.options);
  const action = actionFor(verb, target, ui.options);
  let note;
  try {
    const atS = useStore.getState().sim.nowS;
    const result = await getBridge().apply(action);
    note = resultNote(command, result, useStore.getState().sim.nowS);
    // While the console records, what is done here is recorded too (as its CCI equivalent).
    const rec = useConsole.getState();
    if (result.ok && result.redundant !== true && rec.recording) rec.record(command, atS, [action], 'inspector');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    note = resultNote(command, { ok: false, message }, useStore.getState().sim.nowS);
  }
  useReplicationUi.getState().setNote(targetKey(target), note);
}
