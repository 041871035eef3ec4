/**
 * Level of detail of the canvas by zoom, for a class on the canvas container (`zoom-detail`,
 * `zoom-overview`, `zoom-far`) that styles.css uses to draw nodes more simply when they are
 * too small to read: below OVERVIEW_ZOOM a node shows its name only (large) on a tinted box and
 * its ports become plain dots; below FAR_ZOOM the name goes too. Nothing is unmounted and node
 * sizes do not change, so handles, edges and every interaction stay as they are.
 *
 * The selector returns a string, so a pan (same zoom) or a zoom within one level re-renders
 * nothing: only crossing a threshold does.
 */
import { useStore as useFlowStore, type ReactFlowState } from '@xyflow/react';

export type ZoomLevel = 'detail' | 'overview' | 'far';

/** At and above this zoom, nodes are drawn in full (the demo fits at ~0.7). */
export const OVERVIEW_ZOOM = 0.5;
/** Below this zoom a 13 px name is under 3 px on screen: nodes are drawn as tinted boxes. */
export const FAR_ZOOM = 0.25;

export function zoomLevelOf(zoom: number): ZoomLevel {
  return zoom >= OVERVIEW_ZOOM ? 'detail' : zoom >= FAR_ZOOM ? 'overview' : 'far';
}

const selectLevel = (s: ReactFlowState): ZoomLevel => zoomLevelOf(s.transform[2]);

export function useZoomLevel(): ZoomLevel {
  return useFlowStore(selectLevel);
}
