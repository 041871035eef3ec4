/**
 * The engine's answer to the last fault command — "fail link l3: accepted", or why it refused —
 * in a polite live region, so it is announced once.
 */
import { simClock } from './fault-commands.ts';
import { useFaultUi } from './useFaultUi.ts';

export function FaultNote() {
  const note = useFaultUi((s) => s.note);
  return (
    <p className={`fault-note${note ? ` is-${note.tone}` : ''}`} role="status" aria-live="polite">
      {note && (
        <>
          <span className="fault-note-cmd">{note.command}</span>: {note.text} <span className="fault-note-at">at {simClock(note.atS)}</span>
        </>
      )}
    </p>
  );
}
