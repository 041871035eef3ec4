/**
 * The zoning edits of Fabric OS over a `Zoning` document (topology.ts): alicreate / aliadd /
 * aliremove / alidelete, the same for zones and configurations, cfgenable, cfgdisable,
 * cfgclear and defzone. Pure: `editZoning(z, command)` returns the new document or a FOS-like
 * error, and an error never changes anything (the input is never mutated).
 *
 * Rules kept (as Fabric OS keeps them):
 * - one namespace: an alias, a zone and a configuration cannot share a name (case-insensitive);
 * - alias members are WWPNs or `domain,port` (aliases do not nest); zone members are WWPNs,
 *   `domain,port` or names of existing aliases; configuration members are existing zones;
 * - removing the last member deletes the object; an object that another one lists cannot be
 *   deleted (remove it from there first), so the document never holds a dangling name;
 * - cfgclear is refused while a configuration is effective (cfgdisable first).
 * Defined vs effective: `effectiveCfg` names a configuration of the document, so the effective
 * zones are that configuration as defined. The snapshot taken by cfgenable is kept by the
 * transaction (session.ts): edits stay in the transaction until cfgsave / cfgenable.
 */
import { canonicalMember } from '../model/zoning.ts';
import type { Zoning, ZoneObject } from '../model/topology.ts';
import type { FosCommand, FosObjectKind } from './parse.ts';

export type EditResult = { ok: true; zoning: Zoning; message: string } | { ok: false; message: string };

export type EditCommand = Extract<FosCommand, { kind: 'create' | 'add' | 'remove' | 'delete' | 'cfgenable' | 'cfgdisable' | 'cfgclear' | 'defzone' }>;

export const EMPTY_ZONING: Zoning = { aliases: [], zones: [], cfgs: [], defaultZone: 'allaccess' };

const WWPN = /^([0-9a-f]{2}:){7}[0-9a-f]{2}$/i;
const DOMAIN_PORT = /^\d{1,3},\d{1,3}$/;
const isAddress = (m: string): boolean => WWPN.test(m) || DOMAIN_PORT.test(m);

const LIST: Readonly<Record<FosObjectKind, 'aliases' | 'zones' | 'cfgs'>> = { alias: 'aliases', zone: 'zones', cfg: 'cfgs' };
const WORD: Readonly<Record<FosObjectKind, string>> = { alias: 'alias', zone: 'zone', cfg: 'zone configuration' };
const A_WORD: Readonly<Record<FosObjectKind, string>> = { alias: 'an alias', zone: 'a zone', cfg: 'a zone configuration' };

class EditError extends Error {}
const refuse = (message: string): never => {
  throw new EditError(message);
};

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const sameMember = (a: string, b: string): boolean => canonicalMember(a) === canonicalMember(b);

/** The object of that kind and name; refuses with FOS's "not found" when absent. */
function find(z: Zoning, object: FosObjectKind, name: string): ZoneObject {
  const hit = z[LIST[object]].find((o) => same(o.name, name));
  if (hit !== undefined) return hit;
  const other = (['alias', 'zone', 'cfg'] as const).find((k) => z[LIST[k]].some((o) => same(o.name, name)));
  return refuse(other === undefined ? `"${name}" not found` : `"${name}" is not ${A_WORD[object]} (it is ${A_WORD[other]})`);
}

function checkFree(z: Zoning, name: string): void {
  for (const k of ['alias', 'zone', 'cfg'] as const) {
    const hit = z[LIST[k]].find((o) => same(o.name, name));
    if (hit !== undefined) refuse(`duplicate name "${name}": ${A_WORD[k]} of that name exists`);
  }
}

/** Whether `m` may be a member of an object of kind `object` in `z`. */
function checkMember(z: Zoning, object: FosObjectKind, m: string): void {
  if (object === 'alias') {
    if (!isAddress(m)) refuse(`invalid alias member "${m}": an alias lists WWPNs and domain,port pairs (aliases do not nest)`);
  } else if (object === 'zone') {
    if (!isAddress(m) && !z.aliases.some((a) => same(a.name, m))) refuse(`invalid zone member "${m}": no alias of that name (nor a WWPN or domain,port)`);
  } else if (!z.zones.some((zone) => same(zone.name, m))) {
    refuse(`invalid configuration member "${m}": no zone of that name`);
  }
}

/** Names are kept as the user spelled them when created; members referring to names use the object's spelling. */
function spelled(z: Zoning, object: FosObjectKind, m: string): string {
  if (isAddress(m)) return m.toLowerCase();
  const list = object === 'cfg' ? z.zones : z.aliases;
  return list.find((o) => same(o.name, m))?.name ?? m;
}

function replaceObject(z: Zoning, object: FosObjectKind, name: string, next: ZoneObject | null): Zoning {
  const key = LIST[object];
  const list = z[key];
  const kept = next === null ? list.filter((o) => !same(o.name, name)) : list.map((o) => (same(o.name, name) ? next : o));
  return { ...z, [key]: kept };
}

/** Who lists `name` (a zone listing an alias, a configuration listing a zone). */
function referrers(z: Zoning, object: FosObjectKind, name: string): string[] {
  if (object === 'alias') return z.zones.filter((zone) => zone.members.some((m) => same(m, name))).map((zone) => `zone "${zone.name}"`);
  if (object === 'zone') return z.cfgs.filter((c) => c.members.some((m) => same(m, name))).map((c) => `configuration "${c.name}"`);
  return same(z.effectiveCfg ?? '', name) ? ['the effective configuration (cfgdisable first)'] : [];
}

function create(z: Zoning, object: FosObjectKind, name: string, members: string[]): Zoning {
  checkFree(z, name);
  members.forEach((m) => checkMember(z, object, m));
  return { ...z, [LIST[object]]: [...z[LIST[object]], { name, members: members.map((m) => spelled(z, object, m)) }] };
}

function add(z: Zoning, object: FosObjectKind, name: string, members: string[]): Zoning {
  const target = find(z, object, name);
  members.forEach((m) => checkMember(z, object, m));
  const dup = members.find((m) => target.members.some((t) => sameMember(t, m)));
  if (dup !== undefined) refuse(`"${dup}" is already a member of ${WORD[object]} "${target.name}"`);
  return replaceObject(z, object, name, { ...target, members: [...target.members, ...members.map((m) => spelled(z, object, m))] });
}

function remove(z: Zoning, object: FosObjectKind, name: string, members: string[]): Zoning {
  const target = find(z, object, name);
  const missing = members.find((m) => !target.members.some((t) => sameMember(t, m)));
  if (missing !== undefined) refuse(`"${missing}" is not a member of ${WORD[object]} "${target.name}"`);
  const left = target.members.filter((t) => !members.some((m) => sameMember(t, m)));
  if (left.length > 0) return replaceObject(z, object, name, { ...target, members: left });
  // The last member gone: Fabric OS deletes the object, which must then be unreferenced.
  return del(z, object, name);
}

function del(z: Zoning, object: FosObjectKind, name: string): Zoning {
  const target = find(z, object, name);
  const users = referrers(z, object, target.name);
  if (users.length > 0) refuse(`"${target.name}" is still used by ${users.join(', ')}: remove it there first`);
  return replaceObject(z, object, target.name, null);
}

function cfgenable(z: Zoning, name: string): Zoning {
  const cfg = find(z, 'cfg', name);
  return { ...z, effectiveCfg: cfg.name };
}

function cfgclear(z: Zoning): Zoning {
  if (z.effectiveCfg !== undefined) refuse(`configuration "${z.effectiveCfg}" is in effect: run cfgdisable before cfgclear`);
  return { ...z, aliases: [], zones: [], cfgs: [] };
}

function cfgdisable(z: Zoning): Zoning {
  if (z.effectiveCfg === undefined) refuse('no configuration in effect');
  const { effectiveCfg: _, ...rest } = z;
  return rest;
}

function apply(z: Zoning, c: EditCommand): Zoning {
  switch (c.kind) {
    case 'create':
      return create(z, c.object, c.name, c.members);
    case 'add':
      return add(z, c.object, c.name, c.members);
    case 'remove':
      return remove(z, c.object, c.name, c.members);
    case 'delete':
      return del(z, c.object, c.name);
    case 'cfgenable':
      return cfgenable(z, c.name);
    case 'cfgdisable':
      return cfgdisable(z);
    case 'cfgclear':
      return cfgclear(z);
    case 'defzone':
      return c.mode === 'show' ? z : { ...z, defaultZone: c.mode };
  }
}

/** Applies one edit to `z`; on refusal `z` is untouched and the message says why. */
export function editZoning(z: Zoning, c: EditCommand): EditResult {
  try {
    const zoning = apply(z, c);
    return { ok: true, zoning, message: '' };
  } catch (e) {
    if (e instanceof EditError) return { ok: false, message: e.message };
    throw e;
  }
}
