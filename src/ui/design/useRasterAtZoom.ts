/**
 * The canvas viewport is its own compositor layer (`will-change: transform`, styles.css), so a
 * pan only moves tiles that are already rastered. Chromium rasters such a layer at the scale it
 * had when the layer was created and keeps that scale when the zoom goes down; after zooming out
 * from 100 % to a 500-device overview every frame then scales the old, much larger tiles down —
 * in software that roughly triples the compositor's work per frame of a pan. So once the zoom has settled at a new value,
 * the layer is dropped for one frame (`data-rescaling` on the canvas) and made again, at the
 * current scale. No React render is involved: the store is watched directly and the attribute set
 * on the element (an attribute React does not manage, so a render meanwhile cannot clear it).
 */
import { useEffect, type RefObject } from 'react';
import { useStoreApi } from '@xyflow/react';

/** Quiet time after the last zoom change (wheel ticks, fit-view animation) before re-rastering. */
const SETTLE_MS = 250;

export function useRasterAtZoom(container: RefObject<HTMLElement | null>): void {
  const store = useStoreApi();
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let zoom = store.getState().transform[2];
    let rasteredAt = zoom;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame = 0;
    const rescale = () => {
      if (zoom === rasteredAt) return;
      rasteredAt = zoom;
      el.dataset.rescaling = '';
      // one frame is painted without the layer; the next one creates it again at the new scale
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => delete el.dataset.rescaling);
      });
    };
    const unsubscribe = store.subscribe((s) => {
      if (s.transform[2] === zoom) return;
      zoom = s.transform[2];
      clearTimeout(timer);
      timer = setTimeout(rescale, SETTLE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
      cancelAnimationFrame(frame);
      delete el.dataset.rescaling;
    };
  }, [store, container]);
}
