/**
 * Apply the Remote tab's commands through the worker bridge (as the Replication and Backup tabs
 * do): a group command once per copy group of the remote group, a WAN outage start or end, and
 * "verify remote". The engine's answer is left as a note under its target (a verdict shows in its
 * own box and is announced); while the console records, accepted commands are recorded with
 * their lines, so the drill replays from the timeline.
 */
import type { CommandResult } from '../../engine/api.ts';
import type { Action } from '../../model/scenario.ts';
import { useConsole } from '../console/console-store.ts';
import { getBridge } from '../sim/bridge.ts';
import { useStore } from '../store/index.ts';
import { combinedNote, groupAction, groupLine, verifyLine, wanAction, wanLine, type GroupVerb } from './remote-commands.ts';
import { verdictLine } from './remote-format.ts';
import { groupTarget, useRemoteUi, wanTarget } from './useRemoteUi.ts';

const nowS = () => useStore.getState().sim.nowS;

async function applyRecorded(line: string, action: Action): Promise<CommandResult> {
  const atS = nowS();
  try {
    const result = await getBridge().apply(action);
    const rec = useConsole.getState();
    if (result.ok && result.redundant !== true && rec.recording) rec.record(line, atS, [action], 'inspector');
    return result;
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/** Take over, swap resync or resync every copy group of remote group `key`, in order. */
export async function runGroupCommand(verb: GroupVerb, key: string, copyGroups: readonly string[]): Promise<void> {
  const answers: { line: string; result: CommandResult }[] = [];
  for (const group of copyGroups) {
    const line = groupLine(verb, group);
    answers.push({ line, result: await applyRecorded(line, groupAction(verb, group)) });
  }
  useRemoteUi.getState().setNote(groupTarget(key), combinedNote(answers, nowS()));
}

/** Start (up = false) or end (up = true) an outage of a WAN link. */
export async function runWanCommand(wanLinkId: string, up: boolean): Promise<void> {
  const line = wanLine(wanLinkId, up);
  const result = await applyRecorded(line, wanAction(wanLinkId, up));
  useRemoteUi.getState().setNote(wanTarget(wanLinkId), combinedNote([{ line, result }], nowS()));
}

/** "Verify remote" for remote group `key` through its first copy group. */
export async function runVerify(key: string, group: string): Promise<void> {
  const ui = useRemoteUi.getState();
  const line = verifyLine(group);
  ui.setVerifying(key, true);
  try {
    const bridge = getBridge();
    await bridge.ready();
    const atS = nowS();
    const v = await bridge.remote().verifyRemote(group);
    if (v) {
      ui.announce({ tone: v.verdict === 'PASS' ? 'ok' : 'rejected', command: line, text: verdictLine(v), atS: v.atS });
      const rec = useConsole.getState();
      if (rec.recording) rec.record(line, atS, [{ type: 'verifyRemote', group }], 'inspector');
    } else {
      ui.setNote(groupTarget(key), combinedNote([{ line, result: { ok: false, message: `${group} is not a remote copy group in this run` } }], nowS()));
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    ui.setNote(groupTarget(key), combinedNote([{ line, result: { ok: false, message } }], nowS()));
  } finally {
    useRemoteUi.getState().setVerifying(key, false);
  }
}
