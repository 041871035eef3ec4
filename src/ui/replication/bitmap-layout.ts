/**
 * The bitmap view's geometry and words: how `PairBitmap.cells` lay out as a grid, which cell a
 * pointer is over and which tracks it covers, the colour and name of each cell code, and the
 * view's title. Pure; BitmapCanvas draws with it.
 *
 * Codes (engine/api.ts): clean 0, copied 1, dirty 2, pending 3 — a cell shows the most urgent
 * state of its tracks.
 */
import { BITMAP_CLEAN, BITMAP_COPIED, BITMAP_DIRTY, BITMAP_PENDING, type PairBitmap } from '../../engine/api.ts';
import { formatCount } from './pair-style.ts';

/** Cells asked of the engine: a 64 × 64 grid. */
export const BITMAP_CELLS = 4096;

export interface Grid {
  cols: number;
  rows: number;
}

/** A near-square grid holding `cellCount` cells row by row (64 × 64 for 4096). */
export function gridOf(cellCount: number): Grid {
  if (cellCount <= 0) return { cols: 0, rows: 0 };
  const cols = Math.ceil(Math.sqrt(cellCount));
  return { cols, rows: Math.ceil(cellCount / cols) };
}

/** Whole CSS pixels per cell so the grid fits in `maxPx` (at least 1). */
export function cellSizePx(grid: Grid, maxPx: number): number {
  if (grid.cols === 0) return 1;
  return Math.max(1, Math.floor(maxPx / Math.max(grid.cols, grid.rows)));
}

/** Index of the cell under (x, y) CSS pixels from the grid's top-left corner, or null. */
export function cellAt(grid: Grid, cellPx: number, cellCount: number, x: number, y: number): number | null {
  if (x < 0 || y < 0) return null;
  const col = Math.floor(x / cellPx);
  const row = Math.floor(y / cellPx);
  if (col >= grid.cols || row >= grid.rows) return null;
  const i = row * grid.cols + col;
  return i < cellCount ? i : null;
}

/** First and last track (inclusive) of cell `index`. */
export function cellTracks(index: number, tracksPerCell: number, trackCount: number): { first: number; last: number } {
  const first = index * tracksPerCell;
  return { first, last: Math.min(trackCount, first + tracksPerCell) - 1 };
}

export type CellCode = typeof BITMAP_CLEAN | typeof BITMAP_COPIED | typeof BITMAP_DIRTY | typeof BITMAP_PENDING;

export interface CellStyle {
  code: CellCode;
  name: string;
  meaning: string;
  fill: string;
  /** Pending cells are drawn as a ring, so they differ from dirty ones by shape as well as hue. */
  ring: boolean;
}

export const CELL_STYLES: readonly CellStyle[] = [
  { code: BITMAP_CLEAN, name: 'clean', meaning: 'unchanged since the last copy', fill: '#e5e7eb', ring: false },
  { code: BITMAP_COPIED, name: 'copied', meaning: 'copied by the current or last copy', fill: '#16a34a', ring: false },
  { code: BITMAP_DIRTY, name: 'dirty', meaning: 'written since the split', fill: '#d97706', ring: false },
  { code: BITMAP_PENDING, name: 'pending', meaning: 'in the copy set, not copied yet', fill: '#1d4ed8', ring: true },
];

export function cellStyle(code: number): CellStyle {
  return CELL_STYLES[code] ?? CELL_STYLES[BITMAP_CLEAN];
}

/** Cells per code: [clean, copied, dirty, pending]. */
export function countCells(cells: Uint8Array): [number, number, number, number] {
  const n: [number, number, number, number] = [0, 0, 0, 0];
  for (const c of cells) if (c <= BITMAP_PENDING) n[c as CellCode]++;
  return n;
}

/** `db-primary → db-secondary, PSUS, 819,200 tracks, 200 tracks per cell`. */
export function bitmapTitle(pvol: string, svol: string | null, bitmap: Pick<PairBitmap, 'state' | 'trackCount' | 'tracksPerCell'>): string {
  const pair = svol ? `${pvol} → ${svol}` : `${pvol} (snapshot)`;
  const perCell = `${formatCount(bitmap.tracksPerCell)} track${bitmap.tracksPerCell === 1 ? '' : 's'} per cell`;
  return `${pair}, ${bitmap.state}, ${formatCount(bitmap.trackCount)} tracks, ${perCell}`;
}

/** What a hovered cell says: `cell 12 · tracks 2,400–2,599 · dirty`. */
export function cellDescription(index: number, bitmap: Pick<PairBitmap, 'cells' | 'tracksPerCell' | 'trackCount'>): string {
  const { first, last } = cellTracks(index, bitmap.tracksPerCell, bitmap.trackCount);
  const range = first === last ? `track ${formatCount(first)}` : `tracks ${formatCount(first)}–${formatCount(last)}`;
  return `cell ${index} · ${range} · ${cellStyle(bitmap.cells[index]).name}`;
}
