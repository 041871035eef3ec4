/**
 * Tab completion for the console, pure: command names (multi-word ones such as
 * `raidcom get pool` complete word by word), option names taken from a command's usage text,
 * and option values — `-g` copy group ids, `-d` device names of the group named by `-g`,
 * `pairevtwait -s` statuses, `-fq` modes, `-access_attribute` values, `help <command>`; for the
 * tape and backup commands `-l` libraries, `-s` / `-b` servers, `-p` paths, `-c` the barcodes
 * of the `-l` library, `-t` / `policy set -d` LDEVs, `-v` groups, `-port` host groups,
 * `-hba_wwn` server WWPNs, `-m` / `-f` / `-D` choices, the `mtx` verbs, and positional
 * arguments (`backup <ldev>`, `restore <job>`, `vol mount <server> <ldev>`,
 * `db backup-mode <server> begin|end`, `runbook start <runbook>`, `policy run <policy>` …).
 * `completionSourcesOf` builds the sources from a topology and a backup status.
 *
 * One candidate: it replaces the word under the cursor, followed by a space. Several: the word
 * grows to their longest common prefix and the candidates are returned for the console to list.
 */

import type { BackupStatus } from '../../engine/api.ts';
import type { Topology } from '../../model/topology.ts';
import { arraysOf, hostGroupNumber } from '../../cci/topology-view.ts';

export interface CompletionSources {
  /** Every command the console accepts (CCI_COMMANDS plus the console's own, e.g. `clear`). */
  commands: readonly { name: string; usage: string }[];
  /** Copy groups of the design and their device names. */
  groups: readonly { id: string; devices: readonly string[] }[];
  /** Tape and DVD libraries with the barcodes of their cartridges. */
  libraries?: readonly { id: string; barcodes: readonly string[] }[];
  /** Servers with the WWPNs of their FC ports. */
  servers?: readonly { id: string; wwpns: readonly string[] }[];
  ldevs?: readonly string[];
  /** Host groups as raidcom's `-port` names them: `CL1-A-0`. */
  hostGroups?: readonly string[];
  runbooks?: readonly string[];
  policies?: readonly string[];
  /** Jobs and catalog entries (`restore <job>`, `jobs <job>`). */
  jobs?: readonly string[];
}

export interface Completion {
  text: string;
  cursor: number;
  /** Listed when the word is ambiguous (more than one candidate); empty otherwise. */
  candidates: string[];
}

/** `pairevtwait -s` statuses (CCI spelling, lower case as in CCI scripts). */
export const WAIT_STATUSES: readonly string[] = ['smpl', 'copy', 'rcpy', 'pair', 'psus', 'ssus', 'psue', 'pful', 'pfus'];

const OPTION_VALUES: Record<string, readonly string[]> = {
  '-fq': ['quick', 'normal'],
  '-access_attribute': ['read_only', 'read_write'],
  '-m': ['replica', 'direct'],
  '-f': ['daily', 'weekly'],
  '-D': ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
};

const PATHS: readonly string[] = ['lan', 'lan-free', 'server-less'];
/** Commands whose -s / -b / -p name servers and data paths (elsewhere -s is a status or a flag). */
const PATH_COMMANDS: ReadonlySet<string> = new Set(['backup', 'restore', 'policy set']);

type Positional = 'ldevs' | 'jobs' | 'servers' | 'runbooks' | 'policies' | 'backupMode';

/** What the leading (non-option) arguments of a command are. */
const POSITIONAL: Readonly<Record<string, readonly Positional[]>> = {
  backup: ['ldevs'],
  restore: ['jobs'],
  jobs: ['jobs'],
  'vol mount': ['servers', 'ldevs'],
  'vol unmount': ['servers', 'ldevs'],
  'db backup-mode': ['servers', 'backupMode'],
  'runbook show': ['runbooks'],
  'runbook start': ['runbooks'],
  'runbook pause': ['runbooks'],
  'runbook resume': ['runbooks'],
  'runbook step': ['runbooks'],
  'policy set': ['policies'],
  'policy run': ['policies'],
};

const MTX_VERBS: readonly string[] = ['status', 'load', 'unload'];

export function longestCommonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i] === w[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

function matching(candidates: readonly string[], word: string): string[] {
  const unique = [...new Set(candidates)];
  const exact = unique.filter((c) => c.startsWith(word));
  if (exact.length > 0) return exact.sort();
  const lower = word.toLowerCase();
  return unique.filter((c) => c.toLowerCase().startsWith(lower)).sort();
}

/** Replace the `word` that ends at `cursor` by the completion of `candidates`. */
function replaceWord(line: string, cursor: number, word: string, candidates: string[]): Completion {
  const unchanged: Completion = { text: line, cursor, candidates: [] };
  if (candidates.length === 0) return unchanged;
  const start = cursor - word.length;
  const single = candidates.length === 1;
  const insert = single ? `${candidates[0]} ` : longestCommonPrefix(candidates);
  if (!single && insert.length <= word.length) return { ...unchanged, candidates };
  const rest = line.slice(cursor);
  const text = line.slice(0, start) + insert + (single && rest.startsWith(' ') ? rest.slice(1) : rest);
  return { text, cursor: start + insert.length, candidates: single ? [] : candidates };
}

/** The value following `option` anywhere in the line (e.g. the group of `-g`). */
function optionValue(tokens: readonly string[], option: string): string | undefined {
  const i = tokens.indexOf(option);
  return i >= 0 ? tokens[i + 1] : undefined;
}

function optionsOf(usage: string): string[] {
  return [...new Set(usage.match(/(?<![\w-])-[A-Za-z_]+/g) ?? [])];
}

const servers = (s: CompletionSources): string[] => (s.servers ?? []).map((x) => x.id);

/** Values of the tape and backup commands' options, or null when `prev` takes none here. */
function backupValueCandidates(command: string, prev: string, tokens: readonly string[], sources: CompletionSources): string[] | null {
  const paths = PATH_COMMANDS.has(command);
  switch (prev) {
    case '-l':
      return (sources.libraries ?? []).map((l) => l.id);
    case '-s':
    case '-b':
      return paths ? servers(sources) : null;
    case '-p':
      return paths ? [...PATHS] : null;
    case '-t':
      return command === 'restore' ? [...(sources.ldevs ?? [])] : null;
    case '-c': {
      if (command !== 'backup') return null;
      const lib = optionValue(tokens, '-l');
      return (sources.libraries ?? []).filter((l) => lib === undefined || l.id === lib).flatMap((l) => l.barcodes);
    }
    case '-v':
      return command === 'backup' ? sources.groups.map((g) => g.id) : null;
    case '-port':
      return [...(sources.hostGroups ?? [])];
    case '-hba_wwn':
      return (sources.servers ?? []).flatMap((x) => x.wwpns);
    default:
      return null;
  }
}

function valueCandidates(command: string, prev: string, tokens: readonly string[], sources: CompletionSources): string[] | null {
  if (prev === '-g') return sources.groups.map((g) => g.id);
  if (prev === '-d' && command === 'policy set') return [...(sources.ldevs ?? [])];
  if (prev === '-d') {
    const group = optionValue(tokens, '-g');
    const groups = sources.groups.filter((g) => group === undefined || g.id === group);
    return groups.flatMap((g) => g.devices);
  }
  if (prev === '-s' && command === 'pairevtwait') return [...WAIT_STATUSES];
  const backup = backupValueCandidates(command, prev, tokens, sources);
  if (backup !== null) return backup;
  return OPTION_VALUES[prev] ? [...OPTION_VALUES[prev]] : null;
}

function positionalSource(kind: Positional, sources: CompletionSources): string[] {
  if (kind === 'servers') return servers(sources);
  if (kind === 'backupMode') return ['begin', 'end'];
  return [...(sources[kind] ?? [])];
}

/** Candidates for a leading argument (`args`: the words between the command name and the word completed). */
function positionalCandidates(command: string, args: readonly string[], sources: CompletionSources): string[] | null {
  if (command === 'mtx') return args.length === 2 && (args[0] === '-l' || args[0] === '-f') ? [...MTX_VERBS] : null;
  const kinds = POSITIONAL[command];
  if (kinds === undefined || args.some((a) => a.startsWith('-')) || args.length >= kinds.length) return null;
  return positionalSource(kinds[args.length], sources);
}

function completeArgument(line: string, cursor: number, body: string, sources: CompletionSources): Completion {
  const command = [...sources.commands]
    .sort((a, b) => b.name.length - a.name.length)
    .find((c) => body.startsWith(`${c.name} `));
  if (!command) return { text: line, cursor, candidates: [] };
  const tokens = line.trim().split(/\s+/);
  const words = body.split(/\s+/);
  const word = words[words.length - 1];
  const prev = words[words.length - 2] ?? '';
  if (command.name === 'help' && words.length === 2) {
    return replaceWord(line, cursor, word, matching(sources.commands.map((c) => c.name.split(' ')[0]), word));
  }
  const values = valueCandidates(command.name, prev, tokens, sources);
  if (values) return replaceWord(line, cursor, word, matching(values, word));
  if (word.startsWith('-')) return replaceWord(line, cursor, word, matching(optionsOf(command.usage), word));
  const args = words.slice(command.name.split(' ').length, -1);
  const positional = positionalCandidates(command.name, args, sources);
  if (positional) return replaceWord(line, cursor, word, matching(positional, word));
  return { text: line, cursor, candidates: [] };
}

/** Complete the word that ends at `cursor`. */
export function complete(line: string, cursor: number, sources: CompletionSources): Completion {
  const before = line.slice(0, cursor);
  const body = before.replace(/^\s+/, '');
  const names = sources.commands.map((c) => c.name);
  const byName = matching(names, body);
  const onFirstWords = !/\s-/.test(` ${body}`) && byName.length > 0;
  if (onFirstWords) return replaceWord(line, cursor, body, byName);
  return completeArgument(line, cursor, body, sources);
}

/** Completion sources (all but `commands`) from the design's topology and the engine's backup status. */
export function completionSourcesOf(topology: Topology, backup: BackupStatus | null): Omit<CompletionSources, 'commands'> {
  const arrays = arraysOf(topology);
  const devices = topology.devices;
  const policies = [...(topology.backup?.policies ?? []).map((p) => p.id), ...(backup?.schedule ?? []).map((j) => j.policyId)];
  return {
    groups: (topology.copyGroups ?? []).map((g) => ({ id: g.id, devices: g.devices.map((d) => d.name) })),
    libraries: devices.flatMap((d) => (d.kind === 'tapeLibrary' || d.kind === 'dvdLibrary' ? [{ id: d.id, barcodes: (d.cartridges ?? []).map((c) => c.barcode) }] : [])),
    servers: devices.flatMap((d) => (d.kind === 'server' ? [{ id: d.id, wwpns: d.ports.flatMap((p) => (p.wwpn === undefined ? [] : [p.wwpn])) }] : [])),
    ldevs: arrays.flatMap((a) => a.ldevs.map((l) => l.id)),
    hostGroups: [...new Set(arrays.flatMap((a) => a.hostGroups.map((h) => `${h.portId}-${hostGroupNumber(a, h.portId, h.id)}`)))],
    runbooks: (backup?.runbooks ?? []).map((r) => r.id),
    policies: [...new Set(policies)],
    jobs: [...new Set([...(backup?.jobs ?? []).map((j) => j.id), ...(backup?.catalog ?? []).map((e) => e.jobId)])],
  };
}
