/**
 * "Paste cfgshow…", pure: which FC switches a pasted `cfgshow` text can go to, and the plan of
 * an import — the zoning read by the Fabric OS library (`importCfgshow`), the switch that holds
 * the fabric's database, and a summary — or the one problem, naming its line (`importProblem`).
 *
 * All or nothing: a text with any problem plans nothing, so the design is never touched by bad
 * input. The database goes where the switch console commits it (fabric-os/session.ts): on the
 * fabric's principal switch when one switch of the fabric already holds a database, else on the
 * chosen switch. The import replaces the whole database (aliases, zones, configurations, the
 * effective configuration) and keeps the fabric's default-zone policy, which cfgshow does not
 * print.
 */
import { importCfgshow, importProblem } from '../../fabric-os/import.ts';
import type { Topology, Zoning } from '../../model/topology.ts';
import { fabricZoning } from '../../model/zoning.ts';

export interface SwitchChoice {
  value: string;
  label: string;
}

export type CfgshowPlan = { ok: true; switchId: string; zoning: Zoning; summary: string } | { ok: false; problem: string };

/** The design's FC switches, for the dialog's select. */
export function fcSwitchChoices(t: Topology): SwitchChoice[] {
  return t.devices.filter((d) => d.kind === 'fcSwitch').map((d) => ({ value: d.id, label: `${d.name} (${d.id})` }));
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** Reads `text` for the fabric of `switchId`; nothing is built unless every line is understood. */
export function planCfgshowImport(text: string, switchId: string, t: Topology): CfgshowPlan {
  const chosen = t.devices.find((d) => d.id === switchId && d.kind === 'fcSwitch');
  if (chosen === undefined) return { ok: false, problem: fcSwitchChoices(t).length === 0 ? 'This design has no FC switch to hold the zoning.' : 'Pick the FC switch to import into.' };
  if (text.trim() === '') return { ok: false, problem: 'Paste the output of cfgshow first.' };
  const r = importCfgshow(text);
  if (!r.ok) return { ok: false, problem: importProblem(r) };
  const holder = fabricZoning(t, switchId);
  const targetId = holder?.switchId ?? switchId;
  const zoning: Zoning = { ...r.zoning, defaultZone: holder?.zoning.defaultZone ?? r.zoning.defaultZone };
  const targetName = t.devices.find((d) => d.id === targetId)?.name ?? targetId;
  const where = targetId === switchId ? targetName : `${targetName}, the principal switch of ${chosen.name}'s fabric`;
  const effective = zoning.effectiveCfg === undefined ? `no configuration in effect (default zone ${zoning.defaultZone})` : `"${zoning.effectiveCfg}" in effect`;
  const summary = `Imported ${plural(zoning.aliases.length, 'alias', 'aliases')}, ${plural(zoning.zones.length, 'zone')} and ${plural(zoning.cfgs.length, 'configuration')} into the zoning of ${where}; ${effective}.`;
  return { ok: true, switchId: targetId, zoning, summary };
}

/** `t` with the zoning database of `switchId` replaced. */
export function withSwitchZoning(t: Topology, switchId: string, zoning: Zoning): Topology {
  return { ...t, devices: t.devices.map((d) => (d.kind === 'fcSwitch' && d.id === switchId ? { ...d, zoning } : d)) };
}
