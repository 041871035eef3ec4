/**
 * The console's toolbar: Record (a toggle; the same recording as the player strip's Record
 * control, player/RecordControl.tsx), the recording's count with "Add to timeline" and
 * "Discard", and on the right "Import horcm.conf…", "Paste cfgshow…" (the zoning import),
 * "Taller" (a toggle), "Copy" (the transcript as text) and "Clear".
 */
import { useConsole } from './console-store.ts';
import { addRecordingToTimeline, discardRecording } from './console-session.ts';
import { recordedActionCount, recordingSummary } from './recording.ts';
import { transcriptText } from './transcript.ts';

const ADD_TITLE =
  'Append the recorded actions to the scenario timeline at the times they were accepted. This edits the design: the emulation reloads from t=0 and replays them (Undo removes them).';

function RecordControls() {
  const recording = useConsole((s) => s.recording);
  const recorded = useConsole((s) => s.recorded);
  const n = recordedActionCount(recorded);
  const show = recording || n > 0;
  return (
    <>
      <button
        type="button"
        className={`btn btn-small cci-record${recording ? ' is-on' : ''}`}
        aria-pressed={recording}
        onClick={() => useConsole.getState().setRecording(!recording)}
        title="While on, every accepted state-changing command is kept with its simulated time, to add to the timeline (the same recording as Record in the player strip: side-panel commands and live edits are kept too)"
      >
        <span className="cci-record-dot" aria-hidden="true" />
        {recording ? 'Recording' : 'Record'}
      </button>
      {show ? (
        <span className="cci-record-count" role="status" data-testid="cci-recorded">
          {recordingSummary(recorded)}
        </span>
      ) : null}
      {show ? (
        <>
          <button type="button" className="btn btn-small" disabled={n === 0} onClick={addRecordingToTimeline} title={ADD_TITLE}>
            Add to timeline
          </button>
          <button type="button" className="btn btn-small" disabled={n === 0} onClick={discardRecording} title="Forget the recorded actions">
            Discard
          </button>
        </>
      ) : null}
    </>
  );
}

export function ConsoleToolbar({ onPasteCfgshow }: { onPasteCfgshow(): void }) {
  const empty = useConsole((s) => s.transcript.blocks.length === 0);
  const tall = useConsole((s) => s.tall);
  const copy = () => void navigator.clipboard?.writeText(transcriptText(useConsole.getState().transcript));
  return (
    <div className="cci-toolbar" role="group" aria-label="Console tools">
      <RecordControls />
      <span className="cci-toolbar-gap" />
      <button type="button" className="btn btn-small" onClick={() => useConsole.getState().setImportOpen(true)} title="Define copy groups from CCI horcm.conf files">
        Import horcm.conf…
      </button>
      <button type="button" className="btn btn-small" onClick={onPasteCfgshow} title="Replace a fabric's zoning with the saved output of a switch's cfgshow">
        Paste cfgshow…
      </button>
      <button
        type="button"
        className="btn btn-small"
        aria-pressed={tall}
        onClick={() => useConsole.getState().setTall(!tall)}
        title="Show more output lines (the canvas gets shorter meanwhile)"
      >
        Taller
      </button>
      <button type="button" className="btn btn-small" disabled={empty} onClick={copy} title="Copy the console output as text">
        Copy
      </button>
      <button type="button" className="btn btn-small" disabled={empty} onClick={() => useConsole.getState().clear()} title="Clear the output (Ctrl+L)">
        Clear
      </button>
    </div>
  );
}
