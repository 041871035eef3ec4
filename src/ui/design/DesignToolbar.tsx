/**
 * The design toolbar: New, Open…, Save, Load demo, Examples, Share, Undo, Redo, Auto-layout, Shortcuts. Opening a
 * file, the demo or an example goes through one path (`applyParsed`): a document that fails
 * validation shows every error (ImportErrorDialog) and leaves the canvas as it was.
 */
import type { ChangeEvent } from 'react';
import { useStore } from '../store/index.ts';
import { demoAvailable, downloadScenario, loadDemo, OPEN_INPUT_ID, openFilePicker, readScenarioFile } from './file-io.ts';
import { useDesignUi } from './useDesignUi.ts';
import { ExamplesMenu } from './ExamplesMenu.tsx';
import { ImportErrorDialog } from './ImportErrorDialog.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { AutoLayoutButton } from '../layout/AutoLayoutButton.tsx';
import { ShareMenu } from '../share/ShareMenu.tsx';
import type { ParseResult } from '../../model/parse.ts';

function applyParsed(result: ParseResult, fileName: string): void {
  const s = useStore.getState();
  if (result.ok) {
    s.loadScenario(result.scenario);
    s.setNotice(`Opened ${fileName}${result.source === 'topology' ? ' (a bare topology: default seed and duration)' : ''}`);
  } else {
    s.setImportErrors({ fileName, errors: result.errors });
    s.setError(`Could not open ${fileName}: ${result.errors.length} problem(s); the design was kept`);
  }
}

async function onFileChosen(e: ChangeEvent<HTMLInputElement>): Promise<void> {
  const input = e.currentTarget;
  const file = input.files?.[0];
  if (!file) return;
  applyParsed(await readScenarioFile(file), file.name);
  input.value = '';
}

function onLoadDemo(): void {
  applyParsed(loadDemo(), 'the demo');
}

export function DesignToolbar() {
  const canUndo = useStore((s) => s.past.length > 0);
  const canRedo = useStore((s) => s.future.length > 0);
  return (
    <div className="toolbar" role="toolbar" aria-label="Design">
      <button type="button" className="btn" onClick={() => useStore.getState().newScenario()} title="Start an empty design (undoable)">
        New
      </button>
      <button type="button" className="btn" onClick={openFilePicker} title="Open a .json design or scenario, or a PNG/SVG exported by Share (Ctrl+O)">
        Open…
      </button>
      <input id={OPEN_INPUT_ID} type="file" accept=".json,application/json,.png,image/png,.svg,image/svg+xml" hidden aria-label="Open file" onChange={(e) => void onFileChosen(e)} />
      <button
        type="button"
        className="btn"
        title="Download as .sandbox.json (Ctrl+S)"
        onClick={() => useStore.getState().setNotice(`Saved ${downloadScenario(useStore.getState().scenario)}`)}
      >
        Save
      </button>
      <button type="button" className="btn" onClick={onLoadDemo} disabled={!demoAvailable()}>
        Load demo
      </button>
      <ExamplesMenu onChoose={applyParsed} />
      <ShareMenu />
      <span className="toolbar-sep" aria-hidden="true" />
      <button type="button" className="btn" onClick={() => useStore.getState().undo()} disabled={!canUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" className="btn" onClick={() => useStore.getState().redo()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
      <span className="toolbar-sep" aria-hidden="true" />
      <AutoLayoutButton />
      <button
        type="button"
        className="btn btn-icon"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => useDesignUi.getState().setShortcutsOpen(true)}
      >
        ?
      </button>
      <ImportErrorDialog />
      <ShortcutsDialog />
    </div>
  );
}
