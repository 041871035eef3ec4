/**
 * The bitmap of one pair, kept fresh while the view is open: fetched on open, polled every
 * BITMAP_POLL_MS while the run plays, and fetched again whenever the clock, the run or the pair's
 * status changes while paused (a step, a runUntil, a command). At most one request is in flight;
 * a change during it asks for one more afterwards, so a slow worker is never flooded.
 */
import { useEffect, useRef, useState } from 'react';
import type { PairBitmap } from '../../engine/api.ts';
import { getBridge } from '../sim/bridge.ts';
import { useStore } from '../store/index.ts';
import { BITMAP_CELLS } from './bitmap-layout.ts';
import { usePairStatus } from './useReplication.ts';

/** ~4 fetches per second while playing. */
export const BITMAP_POLL_MS = 250;

export interface BitmapState {
  bitmap: PairBitmap | null;
  /** True once the first answer arrived (null bitmap then means: no such pair in this run). */
  loaded: boolean;
  error: string | null;
}

function useFetcher(key: string, setState: (s: BitmapState) => void) {
  const inFlight = useRef(false);
  const again = useRef(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, [key]);
  return async function fetchNow(): Promise<void> {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      const bitmap = await getBridge().pairBitmap(key, BITMAP_CELLS);
      if (alive.current) setState({ bitmap, loaded: true, error: null });
    } catch (err) {
      if (alive.current) setState({ bitmap: null, loaded: true, error: err instanceof Error ? err.message : String(err) });
    } finally {
      inFlight.current = false;
      if (again.current && alive.current) {
        again.current = false;
        void fetchNow();
      }
    }
  };
}

export function useBitmap(key: string): BitmapState {
  const [state, setState] = useState<BitmapState>({ bitmap: null, loaded: false, error: null });
  const fetchNow = useFetcher(key, setState);
  const fetchRef = useRef(fetchNow);
  fetchRef.current = fetchNow;
  const playing = useStore((s) => s.sim.runState === 'playing');
  const nowS = useStore((s) => s.sim.nowS);
  const generation = useStore((s) => s.sim.generation);
  const pair = usePairStatus(key);

  useEffect(() => setState({ bitmap: null, loaded: false, error: null }), [key]);
  useEffect(() => {
    if (!playing) void fetchRef.current();
  }, [key, playing, nowS, generation, pair]);
  useEffect(() => {
    if (!playing) return;
    void fetchRef.current();
    const timer = setInterval(() => void fetchRef.current(), BITMAP_POLL_MS);
    return () => clearInterval(timer);
  }, [key, playing]);
  return state;
}
