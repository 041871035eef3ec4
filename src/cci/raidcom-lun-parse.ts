/**
 * Parsing the array-side LUN security commands of raidcom into a `LunCommand` (plain data):
 * `raidcom add|delete host_grp`, `raidcom add|delete lun` and `raidcom get host_grp | hba_wwn |
 * lun`. (`raidcom add|delete hba_wwn` is parsed by backup-parse.ts.)
 *
 * Owns: `parseLunLine` — whether the line is one of these (else null, and the other parsers read
 * it), their options and the errors a malformed line gets, in parse.ts's classes. The host group
 * is named as CCI names it: `-port CL1-A-1`, `-port CL1-A <name>`, or `-port CL1-A -host_grp_name
 * <name>`; `-I<array>` (an array id or Seq#) picks the array when a port id is on several.
 * Pure: whether the port, host group, LDEV or LUN exists is checked by raidcom-lun.ts.
 */
import type { CciFailure } from './codes.ts';
import { exclusive, fail, one, parseOptions, ParseFailure, required, type OptSpec, type Opts } from './parse.ts';
import { tokenize } from './tokenize.ts';

/** LUNs SANdbox accepts (the topology's LuPath range). */
export const LUN_MAX = 2047;

/** Where a command points: the `-port` word as typed, the host group name (if given) and `-I`. */
export interface LunPlace {
  /** `CL1-A`, `CL1-A-1` or `CL1-A-db`, as typed. */
  port: string;
  /** The host group name: the word after the port or `-host_grp_name`; null when absent. */
  hostGroup: string | null;
  /** `-I<array>` without the `-I`: an array id or a Seq#; null for any array. */
  array: string | null;
}

export type LunCommand =
  | { kind: 'help'; topic: string }
  /** `raidcom add host_grp`: `port` may carry the GID (`CL1-A-2`); `name` becomes the host group's id. */
  | { kind: 'addHostGroup'; place: LunPlace; name: string }
  | { kind: 'deleteHostGroup'; place: LunPlace }
  /** `raidcom add lun`: `lun` null = the next free LUN of the host group. */
  | { kind: 'addLun'; place: LunPlace; ldevId: string; lun: number | null }
  /** `raidcom delete lun`: by LUN or by LDEV (exactly one is given). */
  | { kind: 'deleteLun'; place: LunPlace; lun: number | null; ldevId: string | null }
  | { kind: 'getHostGroup'; place: LunPlace }
  | { kind: 'getHbaWwn'; place: LunPlace }
  | { kind: 'getLun'; place: LunPlace };

export type LunParseOutcome = { ok: true; command: LunCommand } | { ok: false; name: string; failure: CciFailure };

const PORT_SPEC: OptSpec = {
  '-port': { arity: 'values', what: '<port>-<gid> or <port> <host group name>' },
  '-host_grp_name': { arity: 'value', what: 'a host group name' },
};
const LDEV = { '-ldev_id': { arity: 'value', what: 'an LDEV id' } } as const;
const LUN = { '-lun_id': { arity: 'value', what: 'a LUN 0-2047' } } as const;

/** `-I<array>` words (CCI's instance option, here naming the array by id or Seq#) and the rest. */
function instance(words: string[]): [string | null, string[]] {
  const given = words.filter((w) => /^-I./.test(w));
  if (given.length > 1) fail('EX_CMDERR', '-I is given twice');
  return [given.length === 0 ? null : given[0].slice(2), words.filter((w) => !/^-I./.test(w))];
}

function place(o: Opts, array: string | null): LunPlace {
  const port = o.values.get('-port');
  if (port === undefined) fail('EX_REQARG', '-port <port>-<gid> is required');
  if (port.length > 2) fail('EX_CMDERR', `unexpected argument "${port[2]}"`);
  const named = one(o, '-host_grp_name');
  if (port[1] !== undefined && named !== undefined) fail('EX_CMDERR', `the host group is given twice ("${port[1]}" and -host_grp_name ${named})`);
  return { port: port[0], hostGroup: port[1] ?? named ?? null, array };
}

function lunArg(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > LUN_MAX) fail('EX_INVARG', `-lun_id: "${v}" is not a LUN 0-${LUN_MAX}`);
  return n;
}

type Build = (o: Opts, array: string | null) => LunCommand;

const BUILDERS: Readonly<Record<string, { spec: OptSpec; build: Build }>> = {
  'add host_grp': {
    spec: PORT_SPEC,
    build: (o, array) => {
      const name = required(o, '-host_grp_name', '<name>');
      const p = place(o, array);
      if (o.values.get('-port')?.[1] !== undefined) fail('EX_CMDERR', `unexpected argument "${o.values.get('-port')?.[1]}" (name the new group with -host_grp_name)`);
      return { kind: 'addHostGroup', place: p, name };
    },
  },
  'delete host_grp': { spec: PORT_SPEC, build: (o, array) => ({ kind: 'deleteHostGroup', place: place(o, array) }) },
  'add lun': {
    spec: { ...PORT_SPEC, ...LDEV, ...LUN },
    build: (o, array) => ({ kind: 'addLun', place: place(o, array), ldevId: required(o, '-ldev_id', '<ldev>'), lun: lunArg(one(o, '-lun_id')) }),
  },
  'delete lun': {
    spec: { ...PORT_SPEC, ...LDEV, ...LUN },
    build: (o, array) => {
      exclusive(o, ['-lun_id', '-ldev_id']);
      const lun = lunArg(one(o, '-lun_id'));
      const ldevId = one(o, '-ldev_id') ?? null;
      if (lun === null && ldevId === null) fail('EX_REQARG', '-lun_id <lun> or -ldev_id <ldev> is required');
      return { kind: 'deleteLun', place: place(o, array), lun, ldevId };
    },
  },
  'get host_grp': { spec: PORT_SPEC, build: (o, array) => ({ kind: 'getHostGroup', place: place(o, array) }) },
  'get hba_wwn': { spec: PORT_SPEC, build: (o, array) => ({ kind: 'getHbaWwn', place: place(o, array) }) },
  'get lun': { spec: PORT_SPEC, build: (o, array) => ({ kind: 'getLun', place: place(o, array) }) },
};

/** The raidcom actions this module parses (for the list of known actions). */
export const LUN_ACTIONS: readonly string[] = Object.keys(BUILDERS);

/** The LUN security raidcom commands; null when the line is not one of them. */
export function parseLunLine(line: string): LunParseOutcome | null {
  const tok = tokenize(line);
  if (!tok.ok || tok.words.length < 3 || tok.words[0].toLowerCase() !== 'raidcom') return null;
  const key = `${tok.words[1]} ${tok.words[2]}`.toLowerCase();
  const entry = Object.hasOwn(BUILDERS, key) ? BUILDERS[key] : undefined;
  if (entry === undefined) return null;
  try {
    const [array, rest] = instance(tok.words.slice(3));
    const o = parseOptions(rest, entry.spec);
    return { ok: true, command: o === 'help' ? { kind: 'help', topic: `raidcom ${key}` } : entry.build(o, array) };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, name: 'raidcom', failure: e.failure };
    throw e;
  }
}
