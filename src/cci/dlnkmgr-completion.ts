/**
 * Tab completion of `dlnkmgr view -hostname <server>` for the browser console (console-keys.ts
 * asks here before the generic completer, which already completes `dlnkmgr view` and its
 * parameters from the usage line): the ids of the design's servers.
 *
 * Same rules as remote-completion.ts: one candidate replaces the word under the cursor,
 * followed by a space; several grow it to their longest common prefix and are returned to be
 * listed. Pure; null when the word is not a -hostname value.
 */
import type { Topology } from '../model/topology.ts';

export interface DlnkmgrCompletion {
  text: string;
  cursor: number;
  candidates: string[];
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export function completeDlnkmgrValue(line: string, cursor: number, topology: Topology): DlnkmgrCompletion | null {
  const words = line.slice(0, cursor).replace(/^\s+/, '').split(/\s+/);
  if (words.length < 3 || words[0].toLowerCase() !== 'dlnkmgr' || words[words.length - 2] !== '-hostname') return null;
  const word = words[words.length - 1];
  const hits = topology.devices.filter((d) => d.kind === 'server' && d.id.startsWith(word)).map((d) => d.id).sort();
  if (hits.length === 0) return { text: line, cursor, candidates: [] };
  const start = cursor - word.length;
  const insert = hits.length === 1 ? `${hits[0]} ` : commonPrefix(hits);
  if (hits.length > 1 && insert.length <= word.length) return { text: line, cursor, candidates: hits };
  const rest = line.slice(cursor);
  const text = line.slice(0, start) + insert + (hits.length === 1 && rest.startsWith(' ') ? rest.slice(1) : rest);
  return { text, cursor: start + insert.length, candidates: hits.length === 1 ? [] : hits };
}
