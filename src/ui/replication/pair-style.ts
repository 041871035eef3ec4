/**
 * How a pair looks and reads everywhere in the UI (canvas connectors and edges, the pair table,
 * the bitmap view, the legend): its state's tone and colour, and the words of its label —
 * state, copy % while copying, dirty tracks and how long it has been split. Pure functions.
 *
 * Colour is never the only cue: every label starts with the CCI state name.
 */
import type { PairState, PairStatus } from '../../engine/api.ts';

/** The legend's groups of states. */
export type PairTone = 'smpl' | 'copy' | 'pair' | 'split' | 'error' | 'full';

export const STATE_TONE: Record<PairState, PairTone> = {
  SMPL: 'smpl',
  COPY: 'copy',
  'COPY(RS)': 'copy',
  'COPY(RS-R)': 'copy',
  PAIR: 'pair',
  PSUS: 'split',
  'PSUS(SP)': 'split',
  'COPY(SP)': 'split',
  PSUE: 'error',
  PFUL: 'full',
  PFUS: 'full',
  SSWS: 'split',
};

/** Stroke / fill colour per tone (text on top of them is white; see TONE_TEXT for text on white). */
export const TONE_COLOUR: Record<PairTone, string> = {
  smpl: '#6b7280',
  copy: '#2563eb',
  pair: '#15803d',
  split: '#b45309',
  error: '#dc2626',
  full: '#ea580c',
};

/** Darker shades of the same hues for text on a white background (WCAG AA). */
export const TONE_TEXT: Record<PairTone, string> = {
  smpl: '#4b5563',
  copy: '#1d4ed8',
  pair: '#166534',
  split: '#92400e',
  error: '#b91c1c',
  full: '#9a3412',
};

export interface LegendEntry {
  tone: PairTone;
  states: string;
  meaning: string;
}

export const PAIR_LEGEND: readonly LegendEntry[] = [
  { tone: 'smpl', states: 'SMPL', meaning: 'no pair' },
  { tone: 'copy', states: 'COPY · COPY(RS)', meaning: 'copying' },
  { tone: 'pair', states: 'PAIR', meaning: 'in sync' },
  { tone: 'split', states: 'PSUS · PSUS(SP) · COPY(SP) · SSWS', meaning: 'split or taken over' },
  { tone: 'error', states: 'PSUE', meaning: 'suspended by error' },
  { tone: 'full', states: 'PFUL · PFUS', meaning: 'pool over threshold' },
];

export function toneOf(state: PairState): PairTone {
  return STATE_TONE[state] ?? 'smpl';
}

/** States in which a copy is running (initial, resync, restore, split drain, quick-split background). */
const COPYING: ReadonlySet<PairState> = new Set<PairState>(['COPY', 'COPY(RS)', 'COPY(RS-R)', 'COPY(SP)', 'PSUS(SP)']);

export function isCopying(state: PairState): boolean {
  return COPYING.has(state);
}

/** Drawn animated (the copy flows): the blue tone. */
export function isAnimated(state: PairState): boolean {
  return toneOf(state) === 'copy';
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return count.format(n);
}

/** `200 GiB`, `1.5 TiB` (as the inspector's parity groups show capacities). */
export function formatGiB(g: number): string {
  return g >= 1024 ? `${(g / 1024).toFixed(1)} TiB` : `${Math.round(g)} GiB`;
}

/** `m:ss` (or `h:mm:ss` from one hour), whole seconds rounded down; negative reads 0:00. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Seconds since the split was accepted, or null when the pair is not split. */
export function splitForS(pair: Pick<PairStatus, 'splitAtS'>, nowS: number): number | null {
  return pair.splitAtS === null ? null : Math.max(0, nowS - pair.splitAtS);
}

/** Copy percent as shown: whole percent rounded down (100 only when done), CCI's way. */
export function formatPct(pct: number): string {
  return `${Math.floor(Math.min(100, Math.max(0, pct)))}%`;
}

/**
 * The label's parts after the state: copy % while copying; dirty tracks (snapshots: preserved
 * tracks) and the split duration while split.
 */
export function pairDetails(pair: PairStatus, nowS: number): string[] {
  const parts: string[] = [];
  if (isCopying(pair.state)) parts.push(formatPct(pair.copyPct));
  const split = splitForS(pair, nowS);
  if (pair.kind === 'snapshot' && pair.state !== 'SMPL' && pair.preservedTracks > 0) parts.push(`${formatCount(pair.preservedTracks)} preserved`);
  else if (split !== null) parts.push(`${formatCount(pair.dirtyTracks)} dirty`);
  if (split !== null) parts.push(`split ${formatDuration(split)}`);
  return parts;
}

/** The whole label: `PSUS · 1,204 dirty · split 1:05`. */
export function pairLabel(pair: PairStatus, nowS: number): string {
  return [pair.state, ...pairDetails(pair, nowS)].join(' · ');
}
