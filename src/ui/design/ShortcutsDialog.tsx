/**
 * Keyboard shortcuts, as a modal <dialog> opened by `?` or the toolbar's Shortcuts button.
 * The list mirrors useShortcuts.ts and React Flow's own keys.
 */
import { useCallback } from 'react';
import { useDesignUi } from './useDesignUi.ts';
import { useModalDialog } from './useModalDialog.ts';

const SHORTCUTS: readonly [keys: string, action: string][] = [
  ['Ctrl+Z', 'Undo'],
  ['Ctrl+Shift+Z or Ctrl+Y', 'Redo'],
  ['Delete or Backspace', 'Delete the selected devices and cables'],
  ['Ctrl+S', 'Save the design as a .sandbox.json file'],
  ['Ctrl+O', 'Open a design or scenario file'],
  ['F', 'Fit the whole design in view'],
  ['Esc', 'Clear the selection; close a dialog'],
  ['Shift+drag', 'Box-select on the canvas'],
  ['Ctrl/Shift+click', 'Add to or remove from the selection'],
  ['Arrow keys (canvas)', 'Move the selected devices'],
  ['↑ ↓ Home End (palette)', 'Move between palette entries'],
  ['Enter or Space (palette)', 'Add the device at the centre of the view'],
  ['?', 'Show this list'],
];

export function ShortcutsDialog() {
  const open = useDesignUi((s) => s.shortcutsOpen);
  const onClose = useCallback(() => useDesignUi.getState().setShortcutsOpen(false), []);
  const ref = useModalDialog(open, onClose);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" className="dialog-actions">
        <button type="submit" className="btn btn-primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
