/**
 * Fit the view whenever a whole document is loaded (open, demo, autosave restore, New) — but not
 * on ordinary edits. A load is recognised as a new document with empty undo and redo stacks.
 * A document that becomes empty (New) resets the view to 100 % at the origin.
 */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStore } from '../store/index.ts';

const FIT_DELAY_MS = 80;

export function useFitOnLoad(): void {
  const { fitView, setViewport } = useReactFlow();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = useStore.subscribe((s, prev) => {
      const emptied = s.scenario.topology.devices.length === 0 && prev.scenario.topology.devices.length > 0;
      if (emptied) return void setViewport({ x: 0, y: 0, zoom: 1 }, { duration: 150 });
      if (s.scenario === prev.scenario || s.past.length > 0 || s.future.length > 0 || s.dragBase) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void fitView({ padding: 0.15, maxZoom: 1.1, duration: 200 }), FIT_DELAY_MS);
    });
    return () => {
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [fitView, setViewport]);
}
