/**
 * Fit the view whenever a whole document is loaded (open, demo, autosave restore, New) — but not
 * on ordinary edits. A load is recognised as a new document with empty undo and redo stacks.
 * A document that becomes empty (New) resets the view to 100 % at the origin.
 *
 * Nodes can grow just after a load (an array lists its volumes and pairs once the worker's
 * first status arrives), so the fit is repeated once a little later — unless the person has
 * moved the view in between.
 */
import { useEffect } from 'react';
import { useReactFlow, type Viewport } from '@xyflow/react';
import { useStore } from '../store/index.ts';

const FIT_DELAY_MS = 80;
const FIT_DURATION_MS = 200;
const REFIT_DELAY_MS = 700;
const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.1 };

const sameViewport = (a: Viewport, b: Viewport): boolean => a.x === b.x && a.y === b.y && a.zoom === b.zoom;

export function useFitOnLoad(): void {
  const { fitView, setViewport, getViewport } = useReactFlow();
  useEffect(() => {
    const timers: ReturnType<typeof setTimeout>[] = [];
    const clear = (): void => void timers.splice(0).forEach(clearTimeout);
    const unsubscribe = useStore.subscribe((s, prev) => {
      const emptied = s.scenario.topology.devices.length === 0 && prev.scenario.topology.devices.length > 0;
      if (emptied) return void setViewport({ x: 0, y: 0, zoom: 1 }, { duration: 150 });
      if (s.scenario === prev.scenario || s.past.length > 0 || s.future.length > 0 || s.dragBase) return;
      clear();
      timers.push(
        setTimeout(() => {
          void fitView({ ...FIT_OPTIONS, duration: FIT_DURATION_MS }).then(() => {
            const fitted = getViewport();
            timers.push(setTimeout(() => sameViewport(getViewport(), fitted) && void fitView({ ...FIT_OPTIONS, duration: FIT_DURATION_MS }), REFIT_DELAY_MS));
          });
        }, FIT_DELAY_MS),
      );
    });
    return () => {
      clear();
      unsubscribe();
    };
  }, [fitView, setViewport, getViewport]);
}
