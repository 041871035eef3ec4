/** Backup tab words and numbers: wall clock from the clock start, bytes, rates, spans, progress, tones. */
import { describe, expect, it } from 'vitest';
import type { JobState } from '../../engine/api.ts';
import {
  JOB_TONE,
  PATH_LABEL,
  clockMinutes,
  formatBytes,
  formatFraction,
  formatMBps,
  formatSimS,
  formatSpan,
  isJobRunning,
  jobFraction,
  jobRoute,
  stepDurationS,
  wallClock,
  wallClockDay,
  wallClockSeconds,
} from './backup-format.ts';
import { job } from './backup-fixtures.ts';

describe('backup format › wall clock', () => {
  it('adds simulated seconds to the clock start and wraps past midnight', () => {
    expect(clockMinutes('22:00')).toBe(1320);
    expect(wallClock('22:00', 0)).toBe('22:00');
    expect(wallClock('22:00', 7200)).toBe('00:00');
    expect(wallClock('22:00', 7200 + 3600 + 59)).toBe('01:00');
    expect(wallClockSeconds('00:00', 28.7)).toBe('00:00:28');
    expect(wallClockSeconds('23:59', 61)).toBe('00:00:01');
  });

  it('reads a malformed clock start as midnight', () => {
    expect(clockMinutes('25:00')).toBe(0);
    expect(clockMinutes('noon')).toBe(0);
    expect(wallClock('x', 90)).toBe('00:01');
  });

  it('counts the days past the first', () => {
    expect(wallClockDay('22:00', 3600)).toBe('23:00');
    expect(wallClockDay('22:00', 7200)).toBe('00:00 +1d');
    expect(wallClockDay('00:00', 7 * 86_400)).toBe('00:00 +7d');
  });
});

describe('backup format › numbers', () => {
  it('formats bytes in decimal units with three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(5_368_709_120)).toBe('5.37 GB');
    expect(formatBytes(12e12)).toBe('12.0 TB');
    expect(formatBytes(250e6)).toBe('250 MB');
  });

  it('formats rates, simulated seconds and spans', () => {
    expect(formatMBps(0)).toBe('—');
    expect(formatMBps(12.34)).toBe('12.3 MB/s');
    expect(formatMBps(299.6)).toBe('300 MB/s');
    expect(formatSimS(28)).toBe('28.0 s');
    expect(formatSimS(1234.56)).toBe('1,234.6 s');
    expect(formatSimS(null)).toBe('—');
    expect(formatSpan(0.5)).toBe('0.5 s');
    expect(formatSpan(0.002)).toBe('2 ms');
    expect(formatSpan(0)).toBe('0 ms');
    expect(formatSpan(75)).toBe('1:15');
    expect(formatSpan(3725)).toBe('1:02:05');
    expect(formatSpan(null)).toBe('—');
  });
});

describe('backup format › jobs', () => {
  it('measures progress in bytes, falls back to tracks, and is whole when done', () => {
    expect(jobFraction(job({ id: 'a', bytesDone: 1, bytesPlanned: 4 }))).toBe(0.25);
    expect(jobFraction(job({ id: 'b', bytesDone: 0, bytesPlanned: 0, tracksDone: 3, tracksPlanned: 4 }))).toBe(0.75);
    expect(jobFraction(job({ id: 'c', bytesDone: 0, bytesPlanned: 0, tracksDone: 0, tracksPlanned: 0 }))).toBe(0);
    expect(jobFraction(job({ id: 'd', state: 'done', bytesDone: 0, bytesPlanned: 9 }))).toBe(1);
    expect(jobFraction(job({ id: 'e', bytesDone: 9, bytesPlanned: 4 }))).toBe(1);
    expect(formatFraction(0.999)).toBe('99%');
    expect(formatFraction(1)).toBe('100%');
  });

  it('names the path and the route the data takes', () => {
    expect(PATH_LABEL['lan-free']).toBe('LAN-free');
    expect(jobRoute(job({ id: 'a' }))).toBe('backup-server · links l-bk-sw → l-sw-tape');
    expect(jobRoute(job({ id: 'b', servers: [], links: [] }))).toBe('no server · no link');
    // The backup server's HBA link is crossed twice in a row (read from the array, written to tape).
    const twice = job({ id: 'c', links: ['fc-array', 'fc-backup-0', 'fc-backup-0', 'fc-tape-0', 'fc-array'] });
    expect(jobRoute(twice)).toBe('backup-server · links fc-array → fc-backup-0 ×2 → fc-tape-0 → fc-array');
  });

  it('counts as running only the states that hold or move a drive', () => {
    const states = Object.keys(JOB_TONE) as JobState[];
    expect(states.filter(isJobRunning).sort()).toEqual(['mounting', 'spanning', 'transferring', 'unloading']);
  });

  it('times a step: ended minus started, or up to now while it runs', () => {
    expect(stepDurationS({ startedS: null, endedS: null }, 50)).toBeNull();
    expect(stepDurationS({ startedS: 28, endedS: 28.5 }, 50)).toBe(0.5);
    expect(stepDurationS({ startedS: 40, endedS: null }, 52.25)).toBe(12.25);
  });
});
