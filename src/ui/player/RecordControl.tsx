/**
 * The player strip's Record control: one recording for the whole app (the console's store:
 * whoever starts it, the console, the side panels and the designer all record into it).
 * A toggle "Record" / "Recording" (aria-pressed, a red dot while on) and, once something is
 * recorded, a "3 actions recorded ▾" button whose panel holds "Add to timeline", "Save as
 * scenario…" and "Discard" — compact, the strip is one row.
 *
 * Owns: the panel's open state and dismissal (Escape, a press outside, an action chosen).
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useConsole } from '../console/console-store.ts';
import { addRecordingToTimeline, discardRecording } from '../console/console-session.ts';
import { recordedActionCount, recordingSummary } from '../console/recording.ts';
import { useOutsidePress } from '../design/toolbar-menu.ts';
import { saveRecordingAsScenario } from '../recording/save-recording.ts';
import './record.css';

const RECORD_TITLE =
  'While on, what you do during the run is kept with its simulated time: console commands, side-panel commands, and edits of workloads, zoning and LUN security (applied to the running emulation, not the design)';
const ADD_TITLE = 'Append the recorded actions to the scenario timeline at their times: the emulation reloads from t=0 and replays them (Undo removes them)';
const SAVE_TITLE = 'Add the recorded actions to the timeline, then download the scenario file';

function RecordToggle() {
  const recording = useConsole((s) => s.recording);
  return (
    <button
      type="button"
      className={`sim-btn rec-toggle${recording ? ' is-on' : ''}`}
      aria-pressed={recording}
      title={RECORD_TITLE}
      onClick={() => useConsole.getState().setRecording(!recording)}
    >
      <span className="rec-dot" aria-hidden="true" />
      {recording ? 'Recording' : 'Record'}
    </button>
  );
}

function RecordedPanel({ id, close }: { id: string; close(): void }) {
  const run = (fn: () => unknown) => () => {
    close();
    fn();
  };
  return (
    <div id={id} className="rec-panel" role="group" aria-label="Recorded actions">
      <button type="button" className="sim-btn sim-btn-primary" title={ADD_TITLE} onClick={run(addRecordingToTimeline)}>
        Add to timeline
      </button>
      <button type="button" className="sim-btn" title={SAVE_TITLE} onClick={run(saveRecordingAsScenario)}>
        Save as scenario…
      </button>
      <button type="button" className="sim-btn" title="Forget the recorded actions" onClick={run(discardRecording)}>
        Discard
      </button>
    </div>
  );
}

export function RecordControl() {
  const recorded = useConsole((s) => s.recorded);
  const n = recordedActionCount(recorded);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useOutsidePress(open, rootRef, close);
  useEffect(() => {
    if (n === 0) setOpen(false);
  }, [n]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setOpen(false);
    }
  };
  return (
    <div className="rec-control" ref={rootRef} onKeyDown={onKeyDown}>
      <RecordToggle />
      {n > 0 ? (
        <button
          type="button"
          className="sim-btn rec-count"
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          data-testid="rec-count"
          onClick={() => setOpen(!open)}
        >
          <span>{recordingSummary(recorded)}</span>
          <svg className="sim-icon" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true" focusable="false">
            <path d="M1.5 3.5l3.5 3.5 3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          </svg>
        </button>
      ) : null}
      {open && n > 0 ? <RecordedPanel id={panelId} close={close} /> : null}
    </div>
  );
}
