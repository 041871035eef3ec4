/** The engine's last answer to a Move from the Monitor tab (accepted, or why it was refused). */
import { useMonitorUi } from './useMonitorUi.ts';

const MARK = { ok: '✓', redundant: '=', rejected: '✗' } as const;

export function MoveNoteLine() {
  const note = useMonitorUi((s) => s.note);
  if (!note) return null;
  return (
    <p className={`rm-note tone-${note.tone}`} data-testid="move-note">
      <span aria-hidden="true">{MARK[note.tone]} </span>
      <code>{note.command}</code> <span>{note.text}</span>
    </p>
  );
}
