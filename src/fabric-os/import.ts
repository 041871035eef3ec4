/**
 * Reading a saved `cfgshow` text back into a `Zoning` (the defined configuration, and the name of
 * the effective configuration from the effective part). The text may come from a real switch
 * (tabs or spaces, a `switch:admin> cfgshow` prompt line first) or from format.ts.
 *
 * Owns: the line grammar — a section header (`Defined configuration:` / `Effective
 * configuration:`), an object line (` cfg:`, ` zone:`, ` alias:` then the name, then members
 * joined by `;`), continuation lines (indented members of the object above); in the effective
 * part only the ` cfg:` line matters (its zones are the defined ones, re-expanded).
 * All or nothing: the first problem comes back with its line number and nothing is built. The
 * result passes the same rules as typed commands (edit.ts): unique names, alias members are
 * addresses, zone members exist, configuration members are zones.
 */
import { Zoning, type ZoneObject } from '../model/topology.ts';
import { EMPTY_ZONING, editZoning } from './edit.ts';
import { checkName, memberList, type FosObjectKind } from './parse.ts';

export type ImportResult = { ok: true; zoning: Zoning } | { ok: false; line: number | null; message: string };

interface Pending {
  kind: FosObjectKind;
  name: string;
  text: string;
  line: number;
}

class ImportError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

const OBJECT_LINE = /^\s*(cfg|zone|alias):\s*(\S+)\s*(.*)$/i;
const PROMPT_LINE = /^\S+:\S+>\s*cfgshow\s*$/i;

interface Parsed {
  objects: Pending[];
  effectiveCfg: string | null;
}

function scan(text: string): Parsed {
  const lines = text.split(/\r?\n/);
  let section: 'before' | 'defined' | 'effective' = 'before';
  const objects: Pending[] = [];
  let effectiveCfg: string | null = null;
  let current: Pending | null = null;
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') return;
    if (/^\s*defined configuration:$/i.test(line)) {
      if (section !== 'before') throw new ImportError(n, '"Defined configuration:" appears twice');
      section = 'defined';
      return;
    }
    if (/^\s*effective configuration:$/i.test(line)) {
      if (section !== 'defined') throw new ImportError(n, '"Effective configuration:" must follow the defined configuration');
      section = 'effective';
      current = null;
      return;
    }
    if (section === 'before') {
      if (PROMPT_LINE.test(line)) return;
      throw new ImportError(n, `expected "Defined configuration:" (the first line of cfgshow's output), found "${line.trim()}"`);
    }
    if (/^\s*no configuration (defined|in effect)$/i.test(line)) return;
    const m = OBJECT_LINE.exec(line);
    if (section === 'effective') {
      if (m !== null && m[1].toLowerCase() === 'cfg') {
        if (effectiveCfg !== null) throw new ImportError(n, 'the effective part names two configurations');
        effectiveCfg = m[2];
      } else if (m === null && !/^\s/.test(line)) throw new ImportError(n, `unexpected line in the effective configuration: "${line.trim()}"`);
      return;
    }
    if (m !== null) {
      current = { kind: m[1].toLowerCase() as FosObjectKind, name: m[2], text: m[3], line: n };
      objects.push(current);
    } else if (/^\s/.test(line) && current !== null) {
      current.text += ` ${line.trim()}`;
    } else {
      throw new ImportError(n, `expected a cfg:, zone: or alias: line, found "${line.trim()}"`);
    }
  });
  if (section === 'before') throw new ImportError(null, 'no "Defined configuration:" line: paste the whole output of cfgshow');
  return { objects, effectiveCfg };
}

/** The object's members, each checked for its form; the error names the object's line. */
function objectOf(p: Pending): ZoneObject {
  const fail = (message: string): never => {
    throw new ImportError(p.line, message);
  };
  let members: string[] = [];
  try {
    checkName(p.name);
    members = memberList(p.text.replace(/;\s*$/, ''), p.kind === 'cfg' ? 'zone' : 'member');
  } catch (e) {
    fail(`${p.kind} "${p.name}": ${e instanceof Error ? e.message : String(e)}`);
  }
  return { name: p.name, members };
}

/** Builds the document in dependency order (aliases, zones, configurations) with edit.ts's rules. */
function build(parsed: Parsed): Zoning {
  let z: Zoning = EMPTY_ZONING;
  for (const kind of ['alias', 'zone', 'cfg'] as const) {
    for (const p of parsed.objects.filter((o) => o.kind === kind)) {
      const o = objectOf(p);
      const r = editZoning(z, { kind: 'create', object: kind, name: o.name, members: o.members });
      if (!r.ok) throw new ImportError(p.line, `${kind} "${p.name}": ${r.message}`);
      z = r.zoning;
    }
  }
  if (parsed.effectiveCfg !== null) {
    const r = editZoning(z, { kind: 'cfgenable', name: parsed.effectiveCfg });
    if (!r.ok) throw new ImportError(null, `the effective configuration "${parsed.effectiveCfg}" is not in the defined configuration`);
    z = r.zoning;
  }
  return z;
}

/** Parses a pasted `cfgshow` text; the zoning's default-zone policy is `allaccess` (cfgshow does not print it). */
export function importCfgshow(text: string): ImportResult {
  try {
    const z = build(scan(text));
    const checked = Zoning.safeParse(z);
    if (!checked.success) return { ok: false, line: null, message: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    return { ok: true, zoning: checked.data };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, line: e.line, message: e.message };
    throw e;
  }
}

/** "line 4: zone "z1": …" */
export function importProblem(r: Extract<ImportResult, { ok: false }>): string {
  return r.line === null ? r.message : `line ${r.line}: ${r.message}`;
}
