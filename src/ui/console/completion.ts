/**
 * Tab completion for the console, pure: command names (multi-word ones such as
 * `raidcom get pool` complete word by word), option names taken from a command's usage text,
 * and option values — `-g` copy group ids, `-d` device names of the group named by `-g`,
 * `pairevtwait -s` statuses, `-fq` modes, `-access_attribute` values, `help <command>`.
 *
 * One candidate: it replaces the word under the cursor, followed by a space. Several: the word
 * grows to their longest common prefix and the candidates are returned for the console to list.
 */

export interface CompletionSources {
  /** Every command the console accepts (CCI_COMMANDS plus the console's own, e.g. `clear`). */
  commands: readonly { name: string; usage: string }[];
  /** Copy groups of the design and their device names. */
  groups: readonly { id: string; devices: readonly string[] }[];
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
};

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

function valueCandidates(command: string, prev: string, tokens: readonly string[], sources: CompletionSources): string[] | null {
  if (prev === '-g') return sources.groups.map((g) => g.id);
  if (prev === '-d') {
    const group = optionValue(tokens, '-g');
    const groups = sources.groups.filter((g) => group === undefined || g.id === group);
    return groups.flatMap((g) => g.devices);
  }
  if (prev === '-s' && command === 'pairevtwait') return [...WAIT_STATUSES];
  return OPTION_VALUES[prev] ? [...OPTION_VALUES[prev]] : null;
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
