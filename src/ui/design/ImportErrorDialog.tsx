/**
 * The "could not open this file" dialog: every problem with its field path, line and column, as
 * reported by the model's parser. The design on the canvas is untouched. File content is shown
 * as text only (React escapes it), never as HTML.
 */
import { useCallback } from 'react';
import { useStore } from '../store/index.ts';
import { useModalDialog } from './useModalDialog.ts';

const MAX_SHOWN = 50;

export function ImportErrorDialog() {
  const value = useStore((s) => s.importErrors);
  const onClose = useCallback(() => useStore.getState().setImportErrors(null), []);
  const ref = useModalDialog(value !== null, onClose);
  const errors = value?.errors ?? [];
  return (
    <dialog ref={ref} className="dialog dialog-error" aria-labelledby="import-error-title" aria-describedby="import-error-desc">
      <h2 id="import-error-title">Could not open {value?.fileName ?? 'the file'}</h2>
      <p id="import-error-desc">
        {errors.length} problem{errors.length === 1 ? '' : 's'} found. Your current design was kept unchanged.
      </p>
      <ul className="import-errors">
        {errors.slice(0, MAX_SHOWN).map((e, i) => (
          <li key={i}>
            <span className="import-error-where">
              {e.line !== null ? `Line ${e.line}${e.column !== null ? `, column ${e.column}` : ''}` : 'No line'}
              {' · '}
              <code>{e.path || '(document)'}</code>
            </span>
            <span className="import-error-msg">{e.message}</span>
          </li>
        ))}
      </ul>
      {errors.length > MAX_SHOWN && <p>… and {errors.length - MAX_SHOWN} more.</p>}
      <form method="dialog" className="dialog-actions">
        <button type="submit" className="btn btn-primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
