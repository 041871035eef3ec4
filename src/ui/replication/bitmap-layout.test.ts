/** The bitmap view's grid: layout of the cells, hit testing, track ranges, counts and words. */
import { describe, expect, it } from 'vitest';
import { BITMAP_CLEAN, BITMAP_COPIED, BITMAP_DIRTY, BITMAP_PENDING } from '../../engine/api.ts';
import { BITMAP_CELLS, CELL_STYLES, bitmapTitle, cellAt, cellDescription, cellSizePx, cellStyle, cellTracks, countCells, gridOf } from './bitmap-layout.ts';

describe('bitmap layout › grid', () => {
  it('lays 4096 cells out as 64 × 64 and fewer cells as a near square', () => {
    expect(gridOf(BITMAP_CELLS)).toEqual({ cols: 64, rows: 64 });
    expect(gridOf(1000)).toEqual({ cols: 32, rows: 32 });
    expect(gridOf(10)).toEqual({ cols: 4, rows: 3 });
    expect(gridOf(1)).toEqual({ cols: 1, rows: 1 });
    expect(gridOf(0)).toEqual({ cols: 0, rows: 0 });
  });

  it('sizes cells in whole pixels to fit, at least one pixel', () => {
    expect(cellSizePx({ cols: 64, rows: 64 }, 320)).toBe(5);
    expect(cellSizePx({ cols: 64, rows: 64 }, 330)).toBe(5);
    expect(cellSizePx({ cols: 4, rows: 3 }, 320)).toBe(80);
    expect(cellSizePx({ cols: 1000, rows: 1000 }, 320)).toBe(1);
  });

  it('finds the cell under a point, row by row, and nothing outside or past the last cell', () => {
    const g = { cols: 4, rows: 3 };
    expect(cellAt(g, 10, 10, 0, 0)).toBe(0);
    expect(cellAt(g, 10, 10, 39.9, 0)).toBe(3);
    expect(cellAt(g, 10, 10, 0, 10)).toBe(4);
    expect(cellAt(g, 10, 10, 15, 25)).toBe(9);
    expect(cellAt(g, 10, 10, 25, 25)).toBeNull(); // cell 10 does not exist
    expect(cellAt(g, 10, 10, 40, 0)).toBeNull();
    expect(cellAt(g, 10, 10, -1, 0)).toBeNull();
  });

  it('maps a cell to its tracks, the last cell cut at the track count', () => {
    expect(cellTracks(0, 200, 819_200)).toEqual({ first: 0, last: 199 });
    expect(cellTracks(4095, 200, 819_200)).toEqual({ first: 819_000, last: 819_199 });
    expect(cellTracks(2, 4, 10)).toEqual({ first: 8, last: 9 });
  });
});

describe('bitmap layout › cells', () => {
  it('names and colours every code, pending drawn as a ring', () => {
    expect(CELL_STYLES.map((s) => s.code)).toEqual([BITMAP_CLEAN, BITMAP_COPIED, BITMAP_DIRTY, BITMAP_PENDING]);
    expect(CELL_STYLES.map((s) => s.name)).toEqual(['clean', 'copied', 'dirty', 'pending']);
    expect(new Set(CELL_STYLES.map((s) => s.fill)).size).toBe(4);
    expect(cellStyle(BITMAP_PENDING).ring).toBe(true);
    expect(cellStyle(99).name).toBe('clean');
  });

  it('counts cells per code', () => {
    expect(countCells(Uint8Array.from([0, 1, 2, 2, 3, 3, 3]))).toEqual([1, 1, 2, 3]);
  });

  it('titles the view P-VOL → S-VOL, state, tracks, tracks per cell', () => {
    expect(bitmapTitle('db-primary', 'db-secondary', { state: 'PSUS', trackCount: 819_200, tracksPerCell: 200 })).toBe(
      'db-primary → db-secondary, PSUS, 819,200 tracks, 200 tracks per cell',
    );
    expect(bitmapTitle('db-primary', null, { state: 'PAIR', trackCount: 10, tracksPerCell: 1 })).toBe('db-primary (snapshot), PAIR, 10 tracks, 1 track per cell');
  });

  it('describes a hovered cell', () => {
    const bitmap = { cells: Uint8Array.from([0, 2, 3]), tracksPerCell: 100, trackCount: 250 };
    expect(cellDescription(1, bitmap)).toBe('cell 1 · tracks 100–199 · dirty');
    expect(cellDescription(2, bitmap)).toBe('cell 2 · tracks 200–249 · pending');
    expect(cellDescription(0, { cells: Uint8Array.from([1]), tracksPerCell: 1, trackCount: 1 })).toBe('cell 0 · track 0 · copied');
  });
});
