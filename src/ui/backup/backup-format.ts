/**
 * How the Backup tab reads: wall-clock times from the scenario's clock start, bytes and rates,
 * simulated seconds and durations, job progress, the words for paths, job, drive and runbook
 * states, and each state's tone. Pure functions, shared by the panel, the schedule chart and the
 * library badge on the canvas.
 *
 * Colour is never the only cue: every tone goes with the state's own word.
 */
import type { DriveState, JobState, JobStatus, RunbookState, RunbookStepStatus } from '../../engine/api.ts';

const SECONDS_PER_DAY = 86_400;

/** Minutes after midnight of an "HH:MM" time; 0 for anything malformed. */
export function clockMinutes(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return 0;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : 0;
}

/** Seconds after midnight (0 ≤ s < 86,400) at simulated second `simS`. */
export function wallSecondsOfDay(clockStart: string, simS: number): number {
  const s = Math.floor(clockMinutes(clockStart) * 60 + (Number.isFinite(simS) ? simS : 0));
  return ((s % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Wall-clock "HH:MM" at simulated second `simS` (wraps past midnight). */
export function wallClock(clockStart: string, simS: number): string {
  const s = wallSecondsOfDay(clockStart, simS);
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}`;
}

/** Wall-clock "HH:MM:SS" at simulated second `simS`. */
export function wallClockSeconds(clockStart: string, simS: number): string {
  const s = wallSecondsOfDay(clockStart, simS);
  return `${wallClock(clockStart, simS)}:${pad2(s % 60)}`;
}

/** Wall-clock "HH:MM" with the days past the run's first day: "01:30", "22:00 +7d". */
export function wallClockDay(clockStart: string, simS: number): string {
  const days = Math.floor((clockMinutes(clockStart) * 60 + Math.max(0, simS)) / SECONDS_PER_DAY);
  return days > 0 ? `${wallClock(clockStart, simS)} +${days}d` : wallClock(clockStart, simS);
}

/** Simulated seconds as shown beside steps and jobs: "28.0 s", "1,234.5 s"; null reads "—". */
export function formatSimS(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '—';
  return `${s.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;
}

/** A duration: "2 ms" below 0.1 s, "0.5 s" below a minute, then "m:ss", then "h:mm:ss". */
export function formatSpan(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, seconds);
  if (s < 0.1) return `${Math.round(s * 1000)} ms`;
  if (s < 60) return `${s.toFixed(1)} s`;
  const total = Math.floor(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const ss = pad2(total % 60);
  return h > 0 ? `${h}:${pad2(m)}:${ss}` : `${m}:${ss}`;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** Decimal bytes, as tape vendors count: "512 B", "5.37 GB", "12.0 TB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  const digits = u === 0 ? 0 : v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${UNITS[u]}`;
}

/** "300 MB/s", "12.5 MB/s"; nothing moved yet reads "—". */
export function formatMBps(mbps: number): string {
  if (!Number.isFinite(mbps) || mbps <= 0) return '—';
  return `${mbps >= 100 ? Math.round(mbps) : mbps.toFixed(1)} MB/s`;
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export function formatCount(n: number): string {
  return count.format(n);
}

/** Fraction done, 0…1: bytes when planned, else tracks; a done job is 1. */
export function jobFraction(job: Pick<JobStatus, 'state' | 'bytesDone' | 'bytesPlanned' | 'tracksDone' | 'tracksPlanned'>): number {
  if (job.state === 'done') return 1;
  const f = job.bytesPlanned > 0 ? job.bytesDone / job.bytesPlanned : job.tracksPlanned > 0 ? job.tracksDone / job.tracksPlanned : 0;
  return Math.min(1, Math.max(0, Number.isFinite(f) ? f : 0));
}

/** Whole percent, rounded down (100 only when done). */
export function formatFraction(f: number): string {
  return `${Math.floor(Math.min(1, Math.max(0, f)) * 100)}%`;
}

export const PATH_LABEL: Record<JobStatus['path'], string> = {
  lan: 'LAN',
  'lan-free': 'LAN-free',
  'server-less': 'server-less',
  san: 'SAN',
};

/** What each path means, for tooltips and the guide. */
export const PATH_MEANING: Record<JobStatus['path'], string> = {
  lan: 'the server reads the volume and sends it over the LAN to the backup server, which writes the tape',
  'lan-free': 'the server reads the volume over the SAN and writes the tape over the SAN',
  'server-less': 'the array copies the volume to the tape itself, no server in the data path',
  san: 'volume to volume over the SAN',
};

/** A route's names in order, a name crossed twice in a row once with "×2" (an HBA link read in and written out). */
function collapseRepeats(names: readonly string[]): string[] {
  const out: { name: string; n: number }[] = [];
  for (const name of names) {
    const last = out[out.length - 1];
    if (last && last.name === name) last.n++;
    else out.push({ name, n: 1 });
  }
  return out.map((x) => (x.n > 1 ? `${x.name} ×${x.n}` : x.name));
}

/** The route a job's data takes: "backup-server · links l1 → l2 ×2 → l3", or "no server · links …". */
export function jobRoute(job: Pick<JobStatus, 'servers' | 'links'>): string {
  const servers = job.servers.length > 0 ? collapseRepeats(job.servers).join(' → ') : 'no server';
  const links = job.links.length > 0 ? `links ${collapseRepeats(job.links).join(' → ')}` : 'no link';
  return `${servers} · ${links}`;
}

export type Tone = 'idle' | 'active' | 'waiting' | 'ok' | 'error';

export const JOB_TONE: Record<JobState, Tone> = {
  queued: 'waiting',
  mounting: 'active',
  transferring: 'active',
  spanning: 'active',
  unloading: 'active',
  done: 'ok',
  failed: 'error',
};

/** A job holding (or moving) a drive: counted on the tab and drawn moving. */
export function isJobRunning(state: JobState): boolean {
  return JOB_TONE[state] === 'active';
}

export const DRIVE_TONE: Record<DriveState, Tone> = {
  empty: 'idle',
  mounting: 'active',
  loaded: 'waiting',
  busy: 'active',
  unloading: 'active',
};

export const RUNBOOK_TONE: Record<RunbookState, Tone> = {
  idle: 'idle',
  waiting: 'waiting',
  running: 'active',
  paused: 'waiting',
  done: 'ok',
  failed: 'error',
};

export const STEP_TONE: Record<RunbookStepStatus['state'], Tone> = {
  pending: 'idle',
  waiting: 'waiting',
  running: 'active',
  done: 'ok',
  failed: 'error',
};

/** A step's duration: ended − started, or now − started while it runs; null before it starts. */
export function stepDurationS(step: Pick<RunbookStepStatus, 'startedS' | 'endedS'>, nowS: number): number | null {
  if (step.startedS === null) return null;
  return Math.max(0, (step.endedS ?? nowS) - step.startedS);
}
