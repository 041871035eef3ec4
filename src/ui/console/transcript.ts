/**
 * The console transcript, pure: a bounded list of text blocks — the echoed command (with the
 * simulated time it was typed at), its stdout, its stderr, and the console's own notes. Blocks
 * are plain text, rendered as text (never HTML) with spacing preserved.
 */
import { fosPrompt, type FosSession } from '../../fabric-os/session.ts';
import type { Topology } from '../../model/topology.ts';

/** Blocks kept (the oldest fall off). */
export const TRANSCRIPT_MAX = 1000;

/** Sober shell prompt: the console plays CCI instance 0 (the P-VOL side, horcm0.conf). */
export const PROMPT = 'horcm0 $';

/** The prompt now: `sw1:admin>` while the Fabric OS session is logged in to a switch of `t`, else the CCI shell's. */
export function currentPrompt(session: FosSession, t: Topology): string {
  return fosPrompt(session, t) ?? PROMPT;
}

export type BlockKind = 'command' | 'stdout' | 'stderr' | 'info';

export interface Block {
  id: number;
  kind: BlockKind;
  text: string;
  /** command blocks: the simulated time when the command was typed. */
  atS?: number;
  /** command blocks: the prompt it was typed at, when not the default (`switch:admin>` while logged in to a switch). */
  prompt?: string;
}

export interface Transcript {
  blocks: Block[];
  nextId: number;
}

export function emptyTranscript(): Transcript {
  return { blocks: [], nextId: 1 };
}

/** Append blocks; empty text is skipped, one trailing newline is dropped. */
export function appendBlocks(
  t: Transcript,
  blocks: readonly { kind: BlockKind; text: string; atS?: number; prompt?: string }[],
  max = TRANSCRIPT_MAX,
): Transcript {
  let nextId = t.nextId;
  const added: Block[] = [];
  for (const b of blocks) {
    const text = b.text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
    if (text.length === 0 && b.kind !== 'command') continue;
    added.push({ id: nextId++, kind: b.kind, text, ...(b.atS === undefined ? {} : { atS: b.atS }), ...(b.prompt === undefined || b.prompt === PROMPT ? {} : { prompt: b.prompt }) });
  }
  if (added.length === 0) return t;
  const all = [...t.blocks, ...added];
  return { blocks: all.length > max ? all.slice(all.length - max) : all, nextId };
}

/** `[t=31.2 s]`: simulated time to a tenth of a second. */
export function formatSimTime(seconds: number): string {
  return `[t=${Math.max(0, seconds).toFixed(1)} s]`;
}

/** The blocks of a finished command: stdout, stderr, and a note with a non-zero exit code. */
export function outputBlocks(out: { exitCode: number; stdout: string; stderr: string }): { kind: BlockKind; text: string }[] {
  const blocks: { kind: BlockKind; text: string }[] = [
    { kind: 'stdout', text: out.stdout },
    { kind: 'stderr', text: out.stderr },
  ];
  if (out.exitCode !== 0) blocks.push({ kind: 'info', text: `exit code ${out.exitCode}` });
  return blocks;
}

/** The whole transcript as plain text (for "Copy"), prompts included. */
export function transcriptText(t: Transcript): string {
  return t.blocks
    .map((b) => (b.kind === 'command' ? `${formatSimTime(b.atS ?? 0)} ${b.prompt ?? PROMPT} ${b.text}` : b.kind === 'stderr' ? prefixLines(b.text, '! ') : b.text))
    .join('\n');
}

function prefixLines(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}
