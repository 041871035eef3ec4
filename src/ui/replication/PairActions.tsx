/**
 * The command buttons for one target (a pair, or a whole group): Create, Split, Resync,
 * Restore, Suspend (-E), Delete (-S), each applying its action with the panel's options, and the
 * engine's last answer for that target under them. Buttons stay enabled in every state — the
 * engine says why a command is refused — but the ones the state makes redundant are drawn
 * quieter.
 */
import type { PairState } from '../../engine/api.ts';
import { cciLine, isRedundant, VERBS, type PairTarget } from './pair-commands.ts';
import { runPairCommand, targetKey } from './run-pair-command.ts';
import { useReplicationUi } from './useReplicationUi.ts';

const NOTE_ICON = { ok: '✓', redundant: '=', rejected: '✗' } as const;

export function ResultNoteLine({ target }: { target: PairTarget }) {
  const note = useReplicationUi((s) => s.notes[targetKey(target)]);
  if (!note) return null;
  return (
    <p className={`pair-note tone-${note.tone}`} data-testid={`note-${targetKey(target)}`}>
      <span aria-hidden="true">{NOTE_ICON[note.tone]} </span>
      <code>{note.command}</code> <span>{note.text}</span>
    </p>
  );
}

export function PairActions({ target, states, label }: { target: PairTarget; states: readonly PairState[]; label: string }) {
  const options = useReplicationUi((s) => s.options);
  return (
    <div className="pair-actions" role="group" aria-label={label}>
      {VERBS.map((v) => {
        const quiet = isRedundant(v.verb, states);
        return (
          <button
            key={v.verb}
            type="button"
            className={`btn btn-small${v.danger ? ' btn-danger' : ''}${quiet ? ' is-redundant' : ''}`}
            title={`${v.summary}${quiet ? ' (already there: nothing to do)' : ''}\n${cciLine(v.verb, target, options)}`}
            onClick={() => void runPairCommand(v.verb, target)}
          >
            {v.label}
          </button>
        );
      })}
    </div>
  );
}
