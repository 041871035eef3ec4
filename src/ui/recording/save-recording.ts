/**
 * "Save as scenario…" of the Record control: the recorded actions go onto the timeline (as
 * "Add to timeline" does: the run reloads and replays them), then the whole scenario is
 * downloaded with the app's Save (design/file-io.ts), so the drill is a file to share or replay
 * in the CLI.
 */
import { addRecordingToTimeline } from '../console/console-session.ts';
import { downloadScenario } from '../design/file-io.ts';
import { useStore } from '../store/index.ts';

/** The saved file's name, or null when nothing was added (empty buffer, full timeline). */
export function saveRecordingAsScenario(): string | null {
  if (!addRecordingToTimeline()) return null;
  const name = downloadScenario(useStore.getState().scenario);
  useStore.getState().setNotice(`Added the recording to the timeline and saved ${name}`);
  return name;
}
