/**
 * The console's commands as the panel calls them: submit a line, stop the running one, and
 * hand the recording to the timeline. Glue between the console store, the app store, the
 * worker bridge (bridge-env.ts) and the CCI library (`runCci`); the logic lives in
 * run-line.ts, recording.ts and transcript.ts.
 *
 * One command runs at a time (as in a shell without `&`): a line submitted while another runs
 * is refused with a hint, never queued behind an unbounded wait.
 */
import { runCci } from '../../cci/execute.ts';
import { useStore } from '../store/index.ts';
import { bridgeEnv } from './bridge-env.ts';
import { useConsole } from './console-store.ts';
import { recordedActionCount, toTimelineEntries } from './recording.ts';
import { executeLine } from './run-line.ts';
import { currentPrompt } from './transcript.ts';
import { sharedFosSession } from '../../fabric-os/session.ts';

let controller: AbortController | null = null;

/** Run `line`; resolves when it finished (or was stopped). False when another command runs. */
export async function submitLine(line: string): Promise<boolean> {
  const c = useConsole.getState();
  if (c.running) {
    c.print([{ kind: 'info', text: `${c.running.line.split(/\s+/)[0]} is still running: wait, or press Ctrl+C / Stop` }]);
    return false;
  }
  const text = line.trim();
  const env = bridgeEnv();
  const startedAtS = env.clock().nowS;
  c.pushHistory(text);
  c.print([{ kind: 'command', text, atS: startedAtS, prompt: currentPrompt(sharedFosSession, useStore.getState().scenario.topology) }]);
  if (text.length === 0 || text.startsWith('#')) return true;
  controller = new AbortController();
  c.setRunning({ line: text, startedAtS });
  try {
    const outcome = await executeLine(text, env, runCci, controller.signal);
    const after = useConsole.getState();
    if (outcome.clear) after.clear();
    after.print(outcome.blocks);
    if (outcome.accepted && after.recording) after.record(text, outcome.accepted.atS, outcome.accepted.actions);
  } finally {
    controller = null;
    useConsole.getState().setRunning(null);
  }
  return true;
}

/** Abandon the running command (Ctrl+C / Stop); nothing when none runs. */
export function stopRunning(): boolean {
  if (!controller) return false;
  controller.abort();
  return true;
}

/**
 * Append the recorded actions to the scenario's timeline (reloads the run) and stop recording.
 * Recording stops first: while it is on, design edits during a run are refused (live-edit-hook.ts).
 * True when the timeline took them.
 */
export function addRecordingToTimeline(): boolean {
  const c = useConsole.getState();
  const entries = toTimelineEntries(c.recorded);
  if (entries.length === 0) return false;
  const wasRecording = c.recording;
  c.setRecording(false);
  const before = useStore.getState().revision;
  useStore.getState().appendTimeline(entries);
  if (useStore.getState().revision === before) {
    c.setRecording(wasRecording);
    c.print([{ kind: 'stderr', text: `record: ${useStore.getState().lastError ?? 'the timeline was not changed'}` }]);
    return false;
  }
  const n = recordedActionCount(c.recorded);
  c.discardRecording();
  c.print([
    {
      kind: 'info',
      text: `Added ${n} recorded action${n === 1 ? '' : 's'} to the scenario timeline (Undo removes them). The emulation reloads from t=0 and replays them.`,
    },
  ]);
  return true;
}

export function discardRecording(): void {
  const c = useConsole.getState();
  const n = recordedActionCount(c.recorded);
  c.discardRecording();
  if (n > 0) c.print([{ kind: 'info', text: `Discarded ${n} recorded action${n === 1 ? '' : 's'}` }]);
}
