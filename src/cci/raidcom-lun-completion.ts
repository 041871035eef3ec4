/**
 * Tab completion of the LUN security raidcom commands' option values, for the browser console
 * (console-keys.ts asks here before the general completion.ts): `-port` the FC ports (`add
 * host_grp`, `get host_grp`) or the host groups as `Port#` names them (`CL1-A-0`, the others),
 * `-host_grp_name` the names of the host groups on the `-port` port, `-ldev_id` the LDEVs of the
 * array of `-port` (every array's when unknown), `-lun_id` the next free LUN (`add lun`) or the
 * group's LUNs (`delete lun`). Same rules as remote-completion.ts. Pure.
 */
import type { DiskArray, Topology } from '../model/topology.ts';
import { nextFreeLun } from '../model/factory.ts';
import { LUN_ACTIONS } from './raidcom-lun-parse.ts';
import type { ValueCompletion } from './remote-completion.ts';
import { arraysOf, hostGroupNumber } from './topology-view.ts';

/** One candidate replaces the word (then a space); several grow it to their common prefix and are listed. */
function completeWord(line: string, cursor: number, word: string, all: readonly string[]): ValueCompletion {
  const found = [...new Set(all)].filter((c) => c.toLowerCase().startsWith(word.toLowerCase())).sort();
  if (found.length === 0) return { text: line, cursor, candidates: [] };
  let prefix = found[0];
  for (const w of found) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const single = found.length === 1;
  const insert = single ? `${found[0]} ` : prefix;
  if (!single && insert.length <= word.length) return { text: line, cursor, candidates: found };
  const start = cursor - word.length;
  const rest = line.slice(cursor);
  const text = line.slice(0, start) + insert + (single && rest.startsWith(' ') ? rest.slice(1) : rest);
  return { text, cursor: start + insert.length, candidates: single ? [] : found };
}

const fcPorts = (a: DiskArray): string[] => a.ports.filter((p) => p.kind === 'fc').map((p) => p.id);

/** Arrays and host group the `-port` word names (loosely: for completion only). */
function target(t: Topology, port: string | undefined): { arrays: DiskArray[]; hostGroupId: string | null } {
  const arrays = arraysOf(t);
  if (port === undefined) return { arrays, hostGroupId: null };
  for (const a of arrays) {
    for (const h of a.hostGroups) if (`${h.portId}-${hostGroupNumber(a, h.portId, h.id)}` === port) return { arrays: [a], hostGroupId: h.id };
  }
  const onPort = arrays.filter((a) => fcPorts(a).includes(port));
  return { arrays: onPort.length > 0 ? onPort : arrays, hostGroupId: null };
}

function candidates(action: string, prev: string, tokens: readonly string[], t: Topology): string[] | null {
  const port = tokens[tokens.indexOf('-port') + 1];
  const hit = target(t, tokens.includes('-port') ? port : undefined);
  switch (prev) {
    case '-port':
      if (action === 'add host_grp' || action === 'get host_grp') return arraysOf(t).flatMap(fcPorts);
      return arraysOf(t).flatMap((a) => a.hostGroups.map((h) => `${h.portId}-${hostGroupNumber(a, h.portId, h.id)}`));
    case '-host_grp_name':
      return action === 'add host_grp' ? [] : hit.arrays.flatMap((a) => a.hostGroups.filter((h) => port === undefined || h.portId === port).map((h) => h.name));
    case '-ldev_id':
      return hit.arrays.flatMap((a) => a.ldevs.map((l) => l.id));
    case '-lun_id': {
      const a = hit.arrays[0];
      if (hit.hostGroupId === null || a === undefined) return [];
      if (action === 'add lun') return [String(nextFreeLun(a, hit.hostGroupId) ?? '')].filter((x) => x !== '');
      return a.luPaths.filter((p) => p.hostGroupId === hit.hostGroupId).map((p) => String(p.lun));
    }
    default:
      return null;
  }
}

/** The completion of a LUN security option's value under the cursor, or null when the word is not one. */
export function completeLunValue(line: string, cursor: number, topology: Topology): ValueCompletion | null {
  const words = line.slice(0, cursor).replace(/^\s+/, '').split(/\s+/);
  if (words.length < 5 || words[0].toLowerCase() !== 'raidcom') return null;
  const action = `${words[1]} ${words[2]}`.toLowerCase();
  if (!LUN_ACTIONS.includes(action)) return null;
  const values = candidates(action, words[words.length - 2], line.trim().split(/\s+/), topology);
  return values === null ? null : completeWord(line, cursor, words[words.length - 1], values);
}
