/**
 * The console's recording buffer, pure: while "Record" is on, each accepted state-changing
 * command is kept with the simulated time it was accepted at and the scenario actions it
 * corresponds to; "Add to timeline" turns the buffer into timeline entries noted
 * `<source>: <the command line>` (console, inspector or designer), so the recorded drill
 * replays in every later run.
 */
import type { Action, TimelineEntry } from '../../model/scenario.ts';

/** Recorded commands kept at most (a timeline holds at most 10,000 entries anyway). */
export const RECORDING_MAX = 1000;
/** Timeline notes are at most 2000 characters (scenario schema). */
const NOTE_MAX = 2000;

/**
 * Where a recorded command was given: typed in the console, clicked in a side panel (the
 * Replication tab …), or an edit in the designer or the inspector applied to the running
 * emulation (recording/live-edit-hook.ts).
 */
export type RecordSource = 'console' | 'inspector' | 'designer';

const NOTE_PREFIX: Record<RecordSource, string> = { console: 'console: ', inspector: 'inspector: ', designer: 'designer: ' };

export interface RecordedCommand {
  line: string;
  source?: RecordSource;
  /** Simulated seconds when the command was accepted. */
  atS: number;
  actions: Action[];
}

/** Add a command's accepted actions; a command that changed nothing is not recorded. */
export function recordCommand(
  buffer: readonly RecordedCommand[],
  line: string,
  atS: number,
  actions: readonly Action[],
  source: RecordSource = 'console',
): RecordedCommand[] {
  if (actions.length === 0 || buffer.length >= RECORDING_MAX) return buffer as RecordedCommand[];
  return [...buffer, { line: line.trim(), source, atS: roundMs(Math.max(0, atS)), actions: [...actions] }];
}

export function recordedActionCount(buffer: readonly RecordedCommand[]): number {
  return buffer.reduce((n, c) => n + c.actions.length, 0);
}

/** Whether the buffer may still take commands. */
export function recordingFull(buffer: readonly RecordedCommand[]): boolean {
  return buffer.length >= RECORDING_MAX;
}

export function noteFor(line: string, source: RecordSource = 'console'): string {
  const text = `${NOTE_PREFIX[source]}${line.trim()}`;
  return text.length <= NOTE_MAX ? text : `${text.slice(0, NOTE_MAX - 1)}…`;
}

/** One timeline entry per recorded action, in recording order. */
export function toTimelineEntries(buffer: readonly RecordedCommand[]): TimelineEntry[] {
  return buffer.flatMap((c) => c.actions.map((action) => ({ atS: c.atS, action, note: noteFor(c.line, c.source) })));
}

/** "3 actions recorded" / "1 action recorded". */
export function recordingSummary(buffer: readonly RecordedCommand[]): string {
  const n = recordedActionCount(buffer);
  return `${n} action${n === 1 ? '' : 's'} recorded`;
}

/** Timeline times are kept to the millisecond, so saved files stay readable. */
function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
