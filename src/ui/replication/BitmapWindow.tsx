/**
 * The bitmap view of one pair, as a floating, non-modal window over the canvas (so the pairs,
 * the charts and the pair panel stay usable while it updates): title "P-VOL → S-VOL, state,
 * tracks, tracks per cell", the grid, a legend with the pending / dirty / copied track counts,
 * and the pair's command buttons — the picture that shows a resync copying only what changed.
 * Opened from the pair table and from the pair badges on the canvas; Escape or × closes it; its
 * header drags it out of the way.
 */
import { useEffect, useId } from 'react';
import { useDragPosition } from './useDragPosition.ts';
import { createPortal } from 'react-dom';
import type { PairBitmap } from '../../engine/api.ts';
import { useStore } from '../store/index.ts';
import { BitmapCanvas } from './BitmapCanvas.tsx';
import { bitmapTitle, CELL_STYLES } from './bitmap-layout.ts';
import { PairActions, ResultNoteLine } from './PairActions.tsx';
import { PairBadge } from './PairBadge.tsx';
import { pairRef } from './pair-layout.ts';
import { formatCount } from './pair-style.ts';
import { useBitmap } from './useBitmap.ts';
import { usePairStatus } from './useReplication.ts';
import { useReplicationUi } from './useReplicationUi.ts';
import './replication.css';

const COUNT_OF: Record<string, (b: PairBitmap) => number | null> = {
  clean: () => null,
  copied: (b) => b.copiedTracks,
  dirty: (b) => b.dirtyTracks,
  pending: (b) => b.pendingTracks,
};

function BitmapLegend({ bitmap }: { bitmap: PairBitmap }) {
  return (
    <ul className="bitmap-legend" aria-label="Cell colours and track counts">
      {CELL_STYLES.map((s) => {
        const n = COUNT_OF[s.name](bitmap);
        return (
          <li key={s.name} data-testid={`bitmap-${s.name}`}>
            <span className={`bitmap-swatch${s.ring ? ' is-ring' : ''}`} style={{ ['--swatch' as string]: s.fill }} aria-hidden="true" />
            <strong>{s.name}</strong>
            <span className="bitmap-count" data-testid={n === null ? undefined : `bitmap-${s.name}-tracks`}>
              {n === null ? '' : `${formatCount(n)} track${n === 1 ? '' : 's'}`}
            </span>
            <span className="muted">{s.meaning}</span>
          </li>
        );
      })}
    </ul>
  );
}

function BitmapBody({ pairKey }: { pairKey: string }) {
  const { bitmap, loaded, error } = useBitmap(pairKey);
  const ref = useStore((s) => pairRef(s.scenario.topology, pairKey));
  const pvol = ref?.pvol ?? '?';
  const svol = ref?.svol ?? null;
  if (error) return <p className="field-error">The bitmap could not be read: {error}</p>;
  if (!bitmap) return <p className="muted">{loaded ? `No pair ${pairKey} in this run (is the design loaded without errors?).` : 'Reading the bitmap…'}</p>;
  const title = bitmapTitle(pvol, svol, bitmap);
  return (
    <>
      <p className="bitmap-title" data-testid="bitmap-title">
        {title}
      </p>
      <BitmapCanvas bitmap={bitmap} label={`Bitmap of ${title}: ${formatCount(bitmap.dirtyTracks)} dirty, ${formatCount(bitmap.pendingTracks)} pending, ${formatCount(bitmap.copiedTracks)} copied tracks`} />
      <BitmapLegend bitmap={bitmap} />
    </>
  );
}

function PairControls({ pairKey }: { pairKey: string }) {
  const status = usePairStatus(pairKey);
  const ref = useStore((s) => pairRef(s.scenario.topology, pairKey));
  if (!ref) return null;
  const target = { group: ref.group, device: ref.device };
  return (
    <>
      <PairActions target={target} states={status ? [status.state] : []} label={`Commands for ${pairKey}`} />
      <ResultNoteLine target={target} />
    </>
  );
}

export function BitmapWindow() {
  const key = useReplicationUi((s) => s.bitmapKey);
  const headingId = useId();
  const drag = useDragPosition();
  useEffect(() => {
    if (!key) return;
    // Escape in an inspector field reverts the field; it closes the window only from inside it
    // or when nothing in particular has the focus.
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      const here = !target || target === document.body || target.closest('.bitmap-window') !== null;
      if (e.key === 'Escape' && here) useReplicationUi.getState().closeBitmap();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key]);
  if (!key) return null;
  return createPortal(
    <section className="bitmap-window" role="dialog" aria-modal="false" aria-labelledby={headingId} style={drag.style}>
      <header className="bitmap-window-head" onPointerDown={drag.onPointerDown} title="Drag to move">
        <h2 id={headingId}>
          Bitmap · <span className="mono">{key}</span>
        </h2>
        <PairBadge pairKey={key} />
        <button type="button" className="btn-x" aria-label="Close the bitmap view" onClick={() => useReplicationUi.getState().closeBitmap()}>
          ×
        </button>
      </header>
      <BitmapBody key={key} pairKey={key} />
      <PairControls pairKey={key} />
    </section>,
    document.body,
  );
}
