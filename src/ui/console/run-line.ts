/**
 * Running one console line, without React or the store: the console's own commands (`clear`),
 * CCI lines through `runCci` over a CciContext, abandoning a waiting command (AbortSignal), and
 * what the transcript and the recording get out of it. The caller (console-session.ts) owns the
 * store; tests drive this with a fake `runCci`.
 */
import type { CciContext, CciOutput } from '../../cci/execute.ts';
import type { Action } from '../../model/scenario.ts';
import { createCciContext, isAbortError, type ConsoleEnv } from './cci-context.ts';
import { formatSimTime, outputBlocks, type BlockKind } from './transcript.ts';

export type RunCci = (line: string, ctx: CciContext) => Promise<CciOutput>;

/** Commands the console itself answers (they never reach runCci). */
export const CONSOLE_COMMANDS: readonly { name: string; usage: string; summary: string }[] = [
  { name: 'clear', usage: 'clear', summary: 'Clear the console output (also Ctrl+L)' },
];

export const CONSOLE_KEYS_HELP =
  'Console: ↑/↓ history · Tab completes commands, options, -g groups and -d devices · Ctrl+C stops a waiting command · Ctrl+L or `clear` clears';

export interface LineOutcome {
  blocks: { kind: BlockKind; text: string }[];
  /** The accepted state-changing actions and when they were accepted (for recording). */
  accepted: { atS: number; actions: Action[] } | null;
  /** The user abandoned the command. */
  stopped: boolean;
  /** The transcript should be cleared. */
  clear: boolean;
}

const nothing: LineOutcome = { blocks: [], accepted: null, stopped: false, clear: false };

type Settled = { out: CciOutput } | { err: unknown } | 'stopped';

function stoppedBy(signal: AbortSignal): Promise<'stopped'> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve('stopped');
    else signal.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
}

function firstWord(line: string): string {
  return line.trim().split(/\s+/)[0] ?? '';
}

/** Run one line. Never throws: engine or library failures come back as stderr blocks. */
export async function executeLine(line: string, env: ConsoleEnv, runCci: RunCci, signal: AbortSignal): Promise<LineOutcome> {
  const text = line.trim();
  if (text === 'clear') return { ...nothing, clear: true };
  const startS = env.clock().nowS;
  const ctx = createCciContext(env, signal);
  const settled: Settled = await Promise.race([
    runCci(text, ctx).then(
      (out) => ({ out }),
      (err: unknown) => ({ err }),
    ),
    stoppedBy(signal),
  ]);
  if (settled === 'stopped' || ('err' in settled && isAbortError(settled.err))) {
    const at = formatSimTime(env.clock().nowS);
    return { ...nothing, stopped: true, blocks: [{ kind: 'info', text: `^C ${firstWord(text)} stopped ${at}; nothing after that point was applied` }] };
  }
  if ('err' in settled) {
    const message = settled.err instanceof Error ? settled.err.message : String(settled.err);
    return { ...nothing, blocks: [{ kind: 'stderr', text: `${firstWord(text)}: console error: ${message}` }] };
  }
  const out = settled.out;
  const blocks = outputBlocks(out);
  const waitedS = ctx.waitedS();
  if (waitedS !== null) blocks.splice(2, 0, { kind: 'info', text: `done at t=${env.clock().nowS.toFixed(1)} s (waited ${waitedS.toFixed(1)} s of simulated time)` });
  if (text === 'help') blocks.push({ kind: 'info', text: CONSOLE_KEYS_HELP });
  const accepted = out.actions.length > 0 ? { atS: ctx.acceptedAtS() ?? startS, actions: out.actions } : null;
  return { ...nothing, blocks, accepted };
}
