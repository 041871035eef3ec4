/**
 * Opens the side panel's Activity tab when a scenario with an activity is loaded (Examples,
 * Open…, a share link, `window.sandbox.loadScenario`), and leaves it for the Inspector when the
 * loaded scenario has none. A load is a document change with an empty undo history (load
 * clears it; edits, undo and redo do not leave both stacks empty after a change).
 */
import { useEffect } from 'react';
import { useDesignUi } from '../design/useDesignUi.ts';
import { useStore } from '../store/index.ts';

export function useActivityTab(): void {
  useEffect(() => {
    if (useStore.getState().scenario.activity && useStore.getState().past.length === 0) useDesignUi.getState().setSideTab('activity');
    return useStore.subscribe((s, prev) => {
      if (s.scenario === prev.scenario) return;
      const ui = useDesignUi.getState();
      const loaded = s.past.length === 0 && s.future.length === 0;
      if (loaded && s.scenario.activity) ui.setSideTab('activity');
      else if (!s.scenario.activity && ui.sideTab === 'activity') ui.setSideTab('inspector');
    });
  }, []);
}
