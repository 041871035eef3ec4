/**
 * A pair's bitmap drawn on a canvas: one square per cell, row by row (bitmap-layout `gridOf`),
 * coloured by code — clean grey, copied green, dirty amber, pending a blue ring (shape as well
 * as hue). Hovering names the cell's tracks and state. Drawn at the device pixel ratio; redrawn
 * only when the bitmap object changes.
 */
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { PairBitmap } from '../../engine/api.ts';
import { cellAt, cellDescription, cellSizePx, cellStyle, gridOf, type Grid } from './bitmap-layout.ts';

/** The grid's side in CSS pixels (64 cells × 5 px). */
export const BITMAP_SIDE_PX = 320;
const RING_INNER = '#dbeafe';

function draw(ctx: CanvasRenderingContext2D, bitmap: PairBitmap, grid: Grid, cellPx: number): void {
  const gap = cellPx >= 4 ? 1 : 0;
  const size = cellPx - gap;
  ctx.clearRect(0, 0, grid.cols * cellPx, grid.rows * cellPx);
  for (let i = 0; i < bitmap.cells.length; i++) {
    const x = (i % grid.cols) * cellPx;
    const y = Math.floor(i / grid.cols) * cellPx;
    const style = cellStyle(bitmap.cells[i]);
    ctx.fillStyle = style.fill;
    ctx.fillRect(x, y, size, size);
    if (style.ring && size >= 4) {
      ctx.fillStyle = RING_INNER;
      ctx.fillRect(x + 1, y + 1, size - 2, size - 2);
    }
  }
}

export function BitmapCanvas({ bitmap, label }: { bitmap: PairBitmap; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<string | null>(null);
  const grid = useMemo(() => gridOf(bitmap.cells.length), [bitmap.cells.length]);
  const cellPx = cellSizePx(grid, BITMAP_SIDE_PX);
  const width = grid.cols * cellPx;
  const height = grid.rows * cellPx;

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw(ctx, bitmap, grid, cellPx);
  }, [bitmap, grid, cellPx, width, height]);

  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const i = cellAt(grid, cellPx, bitmap.cells.length, e.clientX - r.left, e.clientY - r.top);
    setHover(i === null ? null : cellDescription(i, bitmap));
  };

  return (
    <figure className="bitmap-figure">
      <canvas
        ref={ref}
        className="bitmap-canvas"
        style={{ width, height }}
        role="img"
        aria-label={label}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
      />
      <figcaption className="bitmap-hover mono" aria-hidden="true">
        {hover ?? 'Point at a cell to see its tracks.'}
      </figcaption>
    </figure>
  );
}
