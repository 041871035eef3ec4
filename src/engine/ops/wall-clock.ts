/**
 * Wall-clock schedules on the simulated clock, shared by the SAN manager's backup policies and
 * its scheduled runbooks (SAN patent Figs. 12, 20, 21).
 *
 * The scenario's `clockStart` ("HH:MM") is the time of day at simulated 0. Days are counted from
 * the day the run starts in: day 0 holds simulated 0 and is a Sunday (weekday 0), so a weekly
 * schedule on weekday w fires on the days whose index d has d % 7 === w.
 *
 * Owns: turning "daily / weekly on a weekday at HH:MM" into the simulated instants (integer µs)
 * at which it fires within a run, and the day index an instant falls in (the suffix of job and
 * occurrence ids). Pure: no state.
 */
import { US_PER_S } from '../constants.ts';

export const DAY_S = 86_400;

export interface WallClockSchedule {
  frequency: 'daily' | 'weekly';
  /** 0 = Sunday; read only when weekly. */
  weekday: number;
  /** Time of day, "HH:MM". */
  at: string;
}

/** Seconds after midnight of "HH:MM". */
export function clockSeconds(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 3600 + m * 60;
}

/** The day index (day 0 holds simulated 0) of the simulated instant `us`. */
export function dayIndex(clockStartS: number, us: number): number {
  return Math.floor((clockStartS + us / US_PER_S) / DAY_S);
}

/**
 * The instants (µs from the run's start, ascending) at which `s` fires in [fromUs, endUs): the
 * first `at` at or after simulated 0, then every day (daily) or only on `weekday` (weekly).
 */
export function wallClockStartsUs(s: WallClockSchedule, clockStartS: number, fromUs: number, endUs: number): number[] {
  let first = clockSeconds(s.at) - clockStartS;
  if (first < 0) first += DAY_S;
  const out: number[] = [];
  for (let sec = first; sec * US_PER_S < endUs; sec += DAY_S) {
    const day = Math.floor((clockStartS + sec) / DAY_S);
    if (s.frequency === 'weekly' && day % 7 !== s.weekday) continue;
    if (sec * US_PER_S >= fromUs) out.push(Math.round(sec * US_PER_S));
  }
  return out;
}
