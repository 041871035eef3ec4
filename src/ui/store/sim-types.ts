/**
 * Shape of the simulation slice: written only by the worker bridge, never persisted, never in
 * the undo history. Per-tick values live here (not in React Flow node data) and are read by
 * narrow selectors, so a telemetry frame re-renders only the nodes and charts that show it.
 */
export type RunState = 'idle' | 'loading' | 'ready' | 'playing' | 'paused' | 'finished' | 'error';

/** Playback speed: a multiple of real time, or 'max' for as fast as possible. */
export type Speed = 1 | 10 | 100 | 1000 | 'max';

export interface LiveValues {
  /** Latest per-second total IOPS per device id (arrays: sum over their LDEVs; servers: their I/Os). */
  deviceIops: Record<string, number>;
  /** Latest utilisation percent per link id. */
  linkUtilPct: Record<string, number>;
}
