/**
 * Tab completion of the remote-copy option values, for the browser console (console-keys.ts asks
 * here first, then falls back to ui/console/completion.ts): `paircreate -f` fence levels (those
 * that fit the `-g` group's kind), `paircreate -jp` / `-js` the journal IDs of the group's P-VOL /
 * S-VOL array, `raidvchkscan -v` jnl / jnlt, `raidvchkscan -s` the arrays' Seq# and ids, and
 * `pairevtwait -s` every status (ssws included).
 *
 * Same rules as completion.ts: one candidate replaces the word under the cursor, followed by a
 * space; several grow it to their longest common prefix and are returned to be listed. Pure.
 */
import type { CopyGroup, Topology } from '../model/topology.ts';
import { WAIT_STATUSES } from './parse.ts';
import { arraysOf, findGroup, findLdev, serialOf } from './topology-view.ts';

export interface ValueCompletion {
  text: string;
  cursor: number;
  /** Listed when the word is ambiguous (more than one candidate); empty otherwise. */
  candidates: string[];
}

const FENCES: Readonly<Record<string, readonly string[]>> = {
  'remote-sync': ['data', 'status', 'never'],
  'remote-async': ['async'],
};

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

function matching(candidates: readonly string[], word: string): string[] {
  const unique = [...new Set(candidates)];
  const exact = unique.filter((c) => c.startsWith(word));
  if (exact.length > 0) return exact.sort();
  return unique.filter((c) => c.toLowerCase().startsWith(word.toLowerCase())).sort();
}

function replaceWord(line: string, cursor: number, word: string, candidates: string[]): ValueCompletion {
  if (candidates.length === 0) return { text: line, cursor, candidates: [] };
  const start = cursor - word.length;
  const single = candidates.length === 1;
  const insert = single ? `${candidates[0]} ` : commonPrefix(candidates);
  if (!single && insert.length <= word.length) return { text: line, cursor, candidates };
  const rest = line.slice(cursor);
  const text = line.slice(0, start) + insert + (single && rest.startsWith(' ') ? rest.slice(1) : rest);
  return { text, cursor: start + insert.length, candidates: single ? [] : candidates };
}

/** Journal IDs of the array holding the group's P-VOLs (`-jp`) or S-VOLs (`-js`); every array's without a group. */
function journalIds(topology: Topology, group: CopyGroup | undefined, option: '-jp' | '-js'): string[] {
  const ldevs = group === undefined ? [] : group.devices.map((d) => (option === '-jp' ? d.pvol : d.svol));
  const arrayIds = new Set(ldevs.flatMap((l) => (l === undefined ? [] : [findLdev(topology, l)?.array.id ?? ''])));
  const arrays = arraysOf(topology).filter((a) => arrayIds.size === 0 || arrayIds.has(a.id));
  return arrays.flatMap((a) => (a.journals ?? []).map((j) => String(j.id)));
}

function candidatesFor(command: string, prev: string, tokens: readonly string[], topology: Topology): string[] | null {
  const groupId = tokens[tokens.indexOf('-g') + 1];
  const group = tokens.includes('-g') && groupId !== undefined ? findGroup(topology, groupId) : undefined;
  if (command === 'paircreate' && prev === '-f') return [...(FENCES[group?.kind ?? ''] ?? ['data', 'status', 'never', 'async'])];
  if (command === 'paircreate' && (prev === '-jp' || prev === '-js')) return journalIds(topology, group, prev);
  if (command === 'raidvchkscan' && prev === '-v') return ['jnl', 'jnlt'];
  if (command === 'raidvchkscan' && prev === '-s') return arraysOf(topology).flatMap((a) => [String(serialOf(topology, a.id)), a.id]);
  if (command === 'pairevtwait' && prev === '-s') return [...WAIT_STATUSES];
  return null;
}

/** The completion of a remote option's value under the cursor, or null when the word is not one. */
export function completeRemoteValue(line: string, cursor: number, topology: Topology): ValueCompletion | null {
  const words = line.slice(0, cursor).replace(/^\s+/, '').split(/\s+/);
  if (words.length < 3) return null;
  const word = words[words.length - 1];
  const prev = words[words.length - 2];
  const values = candidatesFor(words[0].toLowerCase(), prev, line.trim().split(/\s+/), topology);
  return values === null ? null : replaceWord(line, cursor, word, matching(values, word));
}
