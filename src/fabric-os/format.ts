/**
 * What Fabric OS prints for zoning: `cfgshow` (the defined configuration, then the effective
 * one with its zones' members expanded one per line), `zoneshow` / `alishow` / `cfgshow "name"`
 * for chosen objects, and `defzone --show`.
 *
 * Layout (FOS prints tabs; they are expanded here to 8-column stops so the text reads the same
 * in any terminal and pastes back through import.ts):
 *
 *   Defined configuration:
 *    cfg:   cfg1    zone1; zone2
 *    zone:  zone_host1_array1
 *                   host1; array1
 *    alias: host1   10:00:00:00:c9:2b:c9:0c
 *
 *   Effective configuration:
 *    cfg:   cfg1
 *    zone:  zone1
 *                   10:00:00:00:c9:2b:c9:0c
 *
 * A name of up to 7 characters keeps its members on its line (column 16); a longer one puts them
 * on the next line. Member lists wrap before column 80, each wrapped line indented to column 16.
 */
import { canonicalMember } from '../model/zoning.ts';
import type { Zoning, ZoneObject } from '../model/topology.ts';
import type { FosObjectKind } from './parse.ts';

const INDENT = ' '.repeat(16);
const WIDTH_MAX = 80;
const LABEL: Readonly<Record<FosObjectKind, string>> = { cfg: ' cfg:   ', zone: ' zone:  ', alias: ' alias: ' };

/** The members joined by "; ", wrapped to lines that start at column 16. */
function memberLines(members: readonly string[]): string[] {
  const lines: string[] = [];
  let line = '';
  members.forEach((m, i) => {
    const piece = i < members.length - 1 ? `${m};` : m;
    const candidate = line === '' ? piece : `${line} ${piece}`;
    if (line !== '' && INDENT.length + candidate.length > WIDTH_MAX) {
      lines.push(line);
      line = piece;
    } else line = candidate;
  });
  if (line !== '') lines.push(line);
  return lines.map((l) => INDENT + l);
}

/** One defined object: label, name, and its members on the same line when the name is short. */
export function objectLines(kind: FosObjectKind, o: ZoneObject): string[] {
  const head = `${LABEL[kind]}${o.name}`;
  const body = memberLines(o.members);
  if (head.length < INDENT.length) return [head.padEnd(INDENT.length) + body[0].slice(INDENT.length), ...body.slice(1)];
  return [head, ...body];
}

function definedLines(z: Zoning): string[] {
  const lines = [
    ...z.cfgs.flatMap((o) => objectLines('cfg', o)),
    ...z.zones.flatMap((o) => objectLines('zone', o)),
    ...z.aliases.flatMap((o) => objectLines('alias', o)),
  ];
  return lines.length > 0 ? lines : [' no configuration defined'];
}

/** A zone's members with aliases replaced by theirs (in order, each once). */
export function expandedMembers(z: Zoning, zone: ZoneObject): string[] {
  const out: string[] = [];
  for (const m of zone.members) {
    const alias = z.aliases.find((a) => a.name.toLowerCase() === m.toLowerCase());
    for (const x of alias ? alias.members : [m]) {
      const c = canonicalMember(x);
      if (!out.includes(c)) out.push(c);
    }
  }
  return out;
}

function effectiveLines(z: Zoning): string[] {
  const cfg = z.effectiveCfg === undefined ? undefined : z.cfgs.find((c) => c.name === z.effectiveCfg);
  if (cfg === undefined) return [' no configuration in effect'];
  const lines = [`${LABEL.cfg}${cfg.name}`];
  for (const name of cfg.members) {
    const zone = z.zones.find((x) => x.name === name);
    if (zone === undefined) continue;
    lines.push(`${LABEL.zone}${zone.name}`, ...expandedMembers(z, zone).map((m) => INDENT + m));
  }
  return lines;
}

/**
 * `cfgshow`: `defined` is the defined configuration as the session sees it (with its open
 * transaction), `effective` the database the fabric enforces.
 */
export function formatCfgshow(defined: Zoning, effective: Zoning): string {
  return ['Defined configuration:', ...definedLines(defined), '', 'Effective configuration:', ...effectiveLines(effective), ''].join('\n');
}

/** FOS name patterns: `*` any run of characters, `?` one character; case-insensitive. */
function matcher(pattern: string): (name: string) => boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return (name) => re.test(name);
}

/**
 * `zoneshow` / `alishow` / `cfgshow` with a name or pattern: the matching objects' lines, or
 * null when none matches (the caller prints FOS's "does not exist").
 */
export function formatObjects(z: Zoning, kind: FosObjectKind, pattern: string): string | null {
  const list = kind === 'alias' ? z.aliases : kind === 'zone' ? z.zones : z.cfgs;
  const hits = list.filter((o) => matcher(pattern)(o.name));
  if (hits.length === 0) return null;
  return `${hits.flatMap((o) => objectLines(kind, o)).join('\n')}\n`;
}

/** `defzone --show`. */
export function formatDefzone(z: Zoning, pending: boolean): string {
  const mode = z.defaultZone === 'noaccess' ? 'No Access' : 'All Access';
  return `Default Zone Access Mode: ${mode}${pending ? ' (transaction pending: cfgsave to commit)' : ''}\n`;
}
