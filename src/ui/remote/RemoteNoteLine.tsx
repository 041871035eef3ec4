/** The engine's last answer to a Remote-tab command on one target, under its buttons. */
import { useRemoteUi } from './useRemoteUi.ts';

const MARK = { ok: '✓', redundant: '=', rejected: '✗' } as const;

export function RemoteNoteLine({ target }: { target: string }) {
  const note = useRemoteUi((s) => s.notes[target]);
  if (!note) return null;
  return (
    <p className={`rm-note tone-${note.tone}`} data-testid={`note-${target}`}>
      <span aria-hidden="true">{MARK[note.tone]} </span>
      <code>{note.command}</code> <span>{note.text}</span>
    </p>
  );
}
