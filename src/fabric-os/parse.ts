/**
 * Parsing one Fabric OS (Brocade) zoning command line into a `FosCommand` (plain data), or the
 * error it deserves.
 *
 * Owns: FOS quoting — operands separated by commas, each one a `"quoted string"` or a bare word
 * (`zonecreate "z1", "10:00:00:00:c9:2b:c9:0c; 1,4"`, `zoneadd z1, "alias2"`); a member list is
 * split on `;` and trimmed. A `domain,port` member holds a comma, so it must be quoted (a bare
 * `1,4` reads as two operands and is refused). Also the session commands `login`, `logout` and
 * `cfgimport` (a pasted `cfgshow` text after the first line).
 * Pure: names are checked for their form only (`ZoneName`, `ZoneMember` of topology.ts); whether
 * they exist is edit.ts's business. A line that does not parse changes nothing.
 */
import { ZoneMember, ZoneName } from '../model/topology.ts';
import { canonicalMember } from '../model/zoning.ts';

export type FosObjectKind = 'alias' | 'zone' | 'cfg';

export type FosCommand =
  | { kind: 'login'; switchRef: string }
  | { kind: 'logout' }
  | { kind: 'create'; object: FosObjectKind; name: string; members: string[] }
  | { kind: 'add'; object: FosObjectKind; name: string; members: string[] }
  | { kind: 'remove'; object: FosObjectKind; name: string; members: string[] }
  | { kind: 'delete'; object: FosObjectKind; name: string }
  | { kind: 'cfgenable'; name: string }
  | { kind: 'cfgdisable' }
  | { kind: 'cfgsave' }
  | { kind: 'cfgclear' }
  | { kind: 'cfgtransabort' }
  | { kind: 'defzone'; mode: 'allaccess' | 'noaccess' | 'show' }
  /** cfgshow / zoneshow / alishow, with an optional name (or `*` pattern). */
  | { kind: 'show'; object: FosObjectKind | 'all'; pattern: string | null }
  | { kind: 'cfgimport'; text: string };

export type FosParse = { ok: true; verb: string; command: FosCommand } | { ok: false; name: string; message: string };

const VERBS: Readonly<Record<string, { object: FosObjectKind; op: 'create' | 'add' | 'remove' | 'delete' }>> = {
  alicreate: { object: 'alias', op: 'create' },
  aliadd: { object: 'alias', op: 'add' },
  aliremove: { object: 'alias', op: 'remove' },
  alidelete: { object: 'alias', op: 'delete' },
  zonecreate: { object: 'zone', op: 'create' },
  zoneadd: { object: 'zone', op: 'add' },
  zoneremove: { object: 'zone', op: 'remove' },
  zonedelete: { object: 'zone', op: 'delete' },
  cfgcreate: { object: 'cfg', op: 'create' },
  cfgadd: { object: 'cfg', op: 'add' },
  cfgremove: { object: 'cfg', op: 'remove' },
  cfgdelete: { object: 'cfg', op: 'delete' },
};

const SHOWS: Readonly<Record<string, FosObjectKind | 'all'>> = { cfgshow: 'all', zoneshow: 'zone', alishow: 'alias' };
const BARE = ['login', 'logout', 'cfgenable', 'cfgdisable', 'cfgsave', 'cfgclear', 'cfgtransabort', 'defzone', 'cfgimport'];

/** Every command this parser knows (lower case), for routing and completion. */
export const FOS_VERBS: readonly string[] = [...Object.keys(VERBS), ...Object.keys(SHOWS), ...BARE];

class FosSyntaxError extends Error {}

const bad = (message: string): never => {
  throw new FosSyntaxError(message);
};

/** The operands after the verb: comma-separated, each quoted or bare. */
export function splitOperands(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const skipBlank = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  skipBlank();
  while (i < text.length) {
    let word: string;
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) bad('unclosed double quote');
      word = text.slice(i + 1, end);
      i = end + 1;
    } else {
      const start = i;
      while (i < text.length && text[i] !== ',' && !/\s/.test(text[i]) && text[i] !== '"') i++;
      word = text.slice(start, i);
    }
    out.push(word);
    skipBlank();
    if (i < text.length && text[i] === ',') {
      i++;
      skipBlank();
      if (i >= text.length) bad('an operand is missing after the last comma');
    }
    // Otherwise a blank separated two operands (`zonecreate z1 "m1; m2"`): FOS wants a comma, but
    // a blank is unambiguous, so it is accepted.
  }
  return out;
}

/** `"m1; m2"` → ['m1', 'm2'], each checked as a zone member (WWPN, d,p or a name). */
export function memberList(text: string, what: string): string[] {
  const members = text
    .split(';')
    .map((m) => m.trim())
    .filter((m) => m.length > 0);
  if (members.length === 0) bad(`the ${what} list is empty`);
  for (const m of members) {
    if (!ZoneMember.safeParse(m).success) bad(`invalid member "${m}": a member is a WWPN (xx:xx:xx:xx:xx:xx:xx:xx), a domain,port pair (1,4) or a name`);
  }
  const seen = new Set<string>();
  for (const m of members) {
    const key = canonicalMember(m).toLowerCase();
    if (seen.has(key)) bad(`"${m}" is listed twice`);
    seen.add(key);
  }
  return members;
}

export function checkName(name: string): string {
  if (!ZoneName.safeParse(name).success) bad(`invalid name "${name}": a name starts with a letter and uses letters, digits and _ (at most 64)`);
  return name;
}

function arity(verb: string, ops: string[], min: number, max: number, usage: string): void {
  if (ops.length < min || ops.length > max) bad(`usage: ${verb} ${usage}`);
}

const MEMBER_WORD: Readonly<Record<FosObjectKind, string>> = { alias: 'member', zone: 'member', cfg: 'zone' };

function objectCommand(verb: string, ops: string[]): FosCommand {
  const { object, op } = VERBS[verb];
  if (op === 'delete') {
    arity(verb, ops, 1, 1, '"name"');
    return { kind: 'delete', object, name: checkName(ops[0]) };
  }
  const listWord = MEMBER_WORD[object];
  if (ops.length > 2) bad(`too many operands: quote the ${listWord} list, and a domain,port member inside it ("1,4; 2,5")`);
  arity(verb, ops, 2, 2, `"name", "${listWord}1[; ${listWord}2...]"`);
  const members = memberList(ops[1], listWord);
  if (object === 'cfg') members.forEach(checkName);
  return { kind: op, object, name: checkName(ops[0]), members };
}

function defzone(ops: string[]): FosCommand {
  const mode = ops.length === 1 ? ops[0].toLowerCase() : '';
  if (mode === '--allaccess') return { kind: 'defzone', mode: 'allaccess' };
  if (mode === '--noaccess') return { kind: 'defzone', mode: 'noaccess' };
  if (mode === '--show') return { kind: 'defzone', mode: 'show' };
  return bad('usage: defzone --allaccess | --noaccess | --show');
}

function build(verb: string, rest: string): FosCommand {
  if (verb === 'cfgimport') return { kind: 'cfgimport', text: rest };
  const ops = splitOperands(rest);
  if (Object.hasOwn(VERBS, verb)) return objectCommand(verb, ops);
  if (Object.hasOwn(SHOWS, verb)) {
    arity(verb, ops, 0, 1, '["name"]');
    return { kind: 'show', object: SHOWS[verb], pattern: ops[0] ?? null };
  }
  switch (verb) {
    case 'login':
      arity(verb, ops, 1, 1, '<switch id or name>');
      return { kind: 'login', switchRef: ops[0] };
    case 'cfgenable':
      arity(verb, ops, 1, 1, '"cfgName"');
      return { kind: 'cfgenable', name: checkName(ops[0]) };
    case 'defzone':
      return defzone(ops);
    default:
      arity(verb, ops, 0, 0, '(no operands)');
      return { kind: verb as 'logout' | 'cfgdisable' | 'cfgsave' | 'cfgclear' | 'cfgtransabort' };
  }
}

/** The verb of `line` when it is a Fabric OS command (lower case), else null. */
export function fosVerb(line: string): string | null {
  const verb = /^\s*([A-Za-z]+)/.exec(line)?.[1]?.toLowerCase();
  return verb !== undefined && FOS_VERBS.includes(verb) ? verb : null;
}

/**
 * Parses one line (a `cfgimport` line carries the pasted text after its first line break). Null
 * when the line is not a Fabric OS command. Verbs are case-insensitive (`cfgShow` works).
 */
export function parseFosLine(line: string): FosParse | null {
  const verb = fosVerb(line);
  if (verb === null) return null;
  const body = line.trimStart().slice(verb.length);
  if (body.length > 0 && !/^\s/.test(body)) return null; // `cfgshowx` is not ours
  const rest = verb === 'cfgimport' ? body.replace(/^[ \t]*\r?\n?/, '') : body;
  if (verb !== 'cfgimport' && /[\r\n]/.test(rest)) return { ok: false, name: verb, message: 'one command per line' };
  try {
    return { ok: true, verb, command: build(verb, rest) };
  } catch (e) {
    if (e instanceof FosSyntaxError) return { ok: false, name: verb, message: e.message };
    throw e;
  }
}
