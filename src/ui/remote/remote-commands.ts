/**
 * The Remote tab's commands as data, pure: the scenario actions behind each group button
 * (takeover, swap resync, resync — one action per copy group of the remote group, since a
 * consistency group may hold several) and each WAN link button (outage start / end), the line
 * each corresponds to (the CCI spelling for pair commands; shown as the button's tooltip, in the
 * note and in the console's recording), and the note the engine's answers leave.
 *
 * Buttons stay enabled in every state: the engine says why a command is refused.
 */
import type { CommandResult } from '../../engine/api.ts';
import type { Action } from '../../model/scenario.ts';

export type GroupVerb = 'takeover' | 'swapResync' | 'resync';

export interface GroupVerbInfo {
  verb: GroupVerb;
  label: string;
  /** What it does, for the tooltip. */
  summary: string;
}

export const GROUP_VERBS: readonly GroupVerbInfo[] = [
  { verb: 'takeover', label: 'Take over', summary: 'pairsplit -RS at the remote: the S-VOL becomes writable (SSWS), whatever the main site’s state' },
  { verb: 'swapResync', label: 'Swap resync', summary: 'pairresync -swaps: the S-VOL becomes the P-VOL and the copy reverses; both sides’ changes are copied' },
  { verb: 'resync', label: 'Resync', summary: 'pairresync: copy the bitmap to the remote; the remote is inconsistent until it ends, then PAIR' },
];

export function groupAction(verb: GroupVerb, group: string): Action {
  switch (verb) {
    case 'takeover':
      return { type: 'pairSplit', group, mode: 'steady', access: 'rw', takeover: true };
    case 'swapResync':
      return { type: 'pairResync', group, restore: false, swap: true };
    case 'resync':
      return { type: 'pairResync', group, restore: false };
  }
}

export function groupLine(verb: GroupVerb, group: string): string {
  switch (verb) {
    case 'takeover':
      return `pairsplit -g ${group} -RS`;
    case 'swapResync':
      return `pairresync -g ${group} -swaps`;
    case 'resync':
      return `pairresync -g ${group}`;
  }
}

export function wanAction(wanLinkId: string, up: boolean): Action {
  return { type: 'setWanLink', wanLinkId, up };
}

/** Not a CCI command: how the recording and the note name a WAN outage. */
export function wanLine(wanLinkId: string, up: boolean): string {
  return `WAN link ${wanLinkId} ${up ? 'up (outage ends)' : 'down (outage starts)'}`;
}

export function verifyLine(group: string): string {
  return `verify remote -g ${group}`;
}

export interface RemoteNote {
  tone: 'ok' | 'redundant' | 'rejected';
  /** The command line(s), joined with "; ". */
  command: string;
  text: string;
  atS: number;
}

/**
 * One note for the answers to several commands (one per copy group): rejected when any was
 * (naming which), redundant when every one was, accepted otherwise.
 */
export function combinedNote(answers: readonly { line: string; result: CommandResult }[], atS: number): RemoteNote {
  const command = answers.map((a) => a.line).join('; ');
  const rejected = answers.filter((a) => !a.result.ok);
  if (rejected.length > 0) {
    const text = rejected
      .map((a) => `${answers.length > 1 ? `${a.line}: ` : ''}${a.result.code ? `[${a.result.code}] ` : ''}${a.result.message ?? 'no reason given'}`)
      .join('; ');
    return { tone: 'rejected', command, text: `rejected: ${text}`, atS };
  }
  if (answers.length > 0 && answers.every((a) => a.result.redundant === true)) {
    return { tone: 'redundant', command, text: answers[0].result.message ?? 'nothing to do: already in the requested state', atS };
  }
  return { tone: 'ok', command, text: 'accepted', atS };
}
