/**
 * Design rules over zoning databases and tenant separation (SAN patent Fig. 20).
 *
 * Owns the rules:
 * - a name used twice among one database's aliases, zones and configurations (error);
 * - an alias member that is a name (aliases hold WWPNs and domain,port only; error);
 * - a zone member name that is no alias of the database (error);
 * - a configuration listing a zone the database does not define (error);
 * - `effectiveCfg` naming no configuration (error: the default zone would apply instead);
 * - a WWPN member that is no port of any device, a domain,port member naming no port of a
 *   switch of the fabric (warnings: they match nothing);
 * - two switches of one fabric holding different databases (warning: the principal's applies);
 * - a server reaching an LU of another tenant (error, from reach.ts `crossTenant`), reported on
 *   the host group WWPN that admits it, which is what an administrator changes;
 * - a workload whose target LU zoning refuses (warning: every I/O of it will be rejected; a
 *   scenario may zone a host out on purpose).
 *
 * Reads the document only; issues name field paths as the other rule modules do.
 */
import type { IssueList } from './design-issue.ts';
import { reachReport, type CrossTenantFlag, type ReachReport } from './reach.ts';
import type { DeviceOf, Topology, Zoning } from './topology.ts';
import { canonicalMember, fabricSwitches, fabricZoning, switchPortNumber } from './zoning.ts';

type FcSwitchDevice = DeviceOf<'fcSwitch'>;

const WWPN = /^([0-9a-f]{2}:){7}[0-9a-f]{2}$/;
const DOMAIN_PORT = /^\d+,\d+$/;

interface ZoningCtx {
  topology: Topology;
  sw: FcSwitchDevice;
  at: string;
  /** Every WWPN of every device port (canonical). */
  wwpns: Set<string>;
  issues: IssueList;
}

function checkNames(ctx: ZoningCtx, z: Zoning): void {
  const seen = new Map<string, string>();
  for (const [kind, list] of [['aliases', z.aliases], ['zones', z.zones], ['cfgs', z.cfgs]] as const) {
    list.forEach((o, j) => {
      const first = seen.get(o.name);
      if (first !== undefined) ctx.issues.error(`${ctx.at}.${kind}[${j}].name`, `zoning of ${ctx.sw.id}: the name "${o.name}" is already used by ${first}`, { deviceId: ctx.sw.id });
      else seen.set(o.name, `${kind}[${j}]`);
    });
  }
}

/** Warnings for WWPN and domain,port members that match no device port; true when the member is one of those forms. */
function checkAddress(ctx: ZoningCtx, member: string, field: string, owner: string): boolean {
  const m = canonicalMember(member);
  if (WWPN.test(m)) {
    if (!ctx.wwpns.has(m)) ctx.issues.warning(field, `${owner} of ${ctx.sw.id}: WWPN ${m} is no port of any device, so it matches nothing`, { deviceId: ctx.sw.id });
    return true;
  }
  if (!DOMAIN_PORT.test(m)) return false;
  const [domain, port] = m.split(',').map(Number);
  const sw = fabricSwitches(ctx.topology, ctx.sw.id)
    .map((id) => ctx.topology.devices.find((d) => d.id === id))
    .find((d): d is FcSwitchDevice => d?.kind === 'fcSwitch' && d.domainId === domain);
  const portCount = sw ? sw.ports.filter((p) => p.kind === 'fc').length : 0;
  if (!sw) ctx.issues.warning(field, `${owner} of ${ctx.sw.id}: no switch of the fabric has domain ID ${domain}, so ${m} matches nothing`, { deviceId: ctx.sw.id });
  else if (port >= portCount) ctx.issues.warning(field, `${owner} of ${ctx.sw.id}: switch ${sw.id} (domain ${domain}) has no port ${port} (ports 0–${portCount - 1})`, { deviceId: ctx.sw.id });
  return true;
}

function checkMembers(ctx: ZoningCtx, z: Zoning): void {
  const aliases = new Set(z.aliases.map((a) => a.name));
  const zones = new Set(z.zones.map((zone) => zone.name));
  const refs = { deviceId: ctx.sw.id };
  z.aliases.forEach((a, j) =>
    a.members.forEach((m, k) => {
      const field = `${ctx.at}.aliases[${j}].members[${k}]`;
      if (!checkAddress(ctx, m, field, `alias ${a.name}`)) ctx.issues.error(field, `alias ${a.name} of ${ctx.sw.id}: member "${m}" is a name; an alias lists WWPNs and domain,port members only`, refs);
    }),
  );
  z.zones.forEach((zone, j) =>
    zone.members.forEach((m, k) => {
      const field = `${ctx.at}.zones[${j}].members[${k}]`;
      if (checkAddress(ctx, m, field, `zone ${zone.name}`) || aliases.has(m)) return;
      ctx.issues.error(field, `zone ${zone.name} of ${ctx.sw.id}: member "${m}" is no alias defined on ${ctx.sw.id}`, refs);
    }),
  );
  z.cfgs.forEach((cfg, j) =>
    cfg.members.forEach((m, k) => {
      if (!zones.has(m)) ctx.issues.error(`${ctx.at}.cfgs[${j}].members[${k}]`, `cfg ${cfg.name} of ${ctx.sw.id}: zone "${m}" is not defined on ${ctx.sw.id}`, refs);
    }),
  );
  if (z.effectiveCfg !== undefined && !z.cfgs.some((c) => c.name === z.effectiveCfg)) {
    ctx.issues.error(`${ctx.at}.effectiveCfg`, `zoning of ${ctx.sw.id}: the effective cfg "${z.effectiveCfg}" is not defined (the default zone ${z.defaultZone} applies instead)`, refs);
  }
}

/** The database as compared between switches: member order inside objects does not matter. */
function zoningKey(z: Zoning): string {
  const objects = (list: Zoning['zones']) => list.map((o) => `${o.name}=${o.members.map(canonicalMember).sort().join(';')}`).sort();
  return JSON.stringify([objects(z.aliases), objects(z.zones), objects(z.cfgs), z.effectiveCfg ?? null, z.defaultZone]);
}

function checkFabricAgreement(t: Topology, sw: FcSwitchDevice, i: number, issues: IssueList): void {
  const principal = fabricZoning(t, sw.id);
  if (!principal || principal.switchId === sw.id) return;
  const p = t.devices.find((d) => d.id === principal.switchId) as FcSwitchDevice;
  if (zoningKey(principal.zoning) === zoningKey(sw.zoning!)) return;
  issues.warning(`devices[${i}].zoning`, `the zoning of ${sw.id} differs from that of ${p.id}, the principal switch of its fabric (domain ${p.domainId}); ${p.id}'s applies`, { deviceId: sw.id });
}

function crossTenantIssue(t: Topology, f: CrossTenantFlag, issues: IssueList): void {
  const ai = t.devices.findIndex((d) => d.id === f.lu.arrayId);
  const a = t.devices[ai];
  if (a?.kind !== 'array') return;
  const j = a.hostGroups.findIndex((g) => g.id === f.lu.hostGroupId);
  const k = j < 0 ? -1 : a.hostGroups[j].wwpns.indexOf(f.wwpn);
  const field = k < 0 ? `devices[${ai}].hostGroups[${j}]` : `devices[${ai}].hostGroups[${j}].wwpns[${k}]`;
  const lu = `${f.lu.arrayId} port ${f.lu.portId} LUN ${f.lu.lun}`;
  const message =
    f.kind === 'ldev'
      ? `server ${f.serverId} (tenant ${f.serverTenant}) can reach LU ${lu} → LDEV ${f.lu.ldevId} of tenant ${f.otherTenant}`
      : `server ${f.serverId} (tenant ${f.serverTenant}) can reach LU ${lu} → LDEV ${f.lu.ldevId}, which host group ${f.lu.hostGroupId} also opens to ${f.otherServerId} of tenant ${f.otherTenant}`;
  issues.error(field, message, { deviceId: f.serverId });
}

function zonedOutWorkloads(t: Topology, report: ReachReport, issues: IssueList): void {
  const byServer = new Map(report.servers.map((s) => [s.serverId, s]));
  t.devices.forEach((d, i) => {
    if (d.kind !== 'server') return;
    const reach = byServer.get(d.id);
    d.workloads.forEach((w, j) => {
      const { arrayId, portId, lun } = w.target;
      if (reach?.reached.some((r) => r.arrayId === arrayId && r.portId === portId && r.lun === lun)) return;
      const refusal = reach?.refused.find((r) => r.rule === 'zoning' && r.arrayId === arrayId && r.portId === portId && r.lun === lun);
      if (refusal) issues.warning(`devices[${i}].workloads[${j}].target`, `workload ${w.id}: zoning refuses every I/O of it to ${arrayId} port ${portId} (${refusal.detail})`, { deviceId: d.id });
    });
  });
}

/** Zoning-database, fabric-agreement and tenant-separation rules (see the header). */
export function checkZoning(topology: Topology, issues: IssueList, report: ReachReport = reachReport(topology)): void {
  const wwpns = new Set(topology.devices.flatMap((d) => d.ports.flatMap((p) => (p.wwpn ? [p.wwpn.toLowerCase()] : []))));
  topology.devices.forEach((d, i) => {
    if (d.kind !== 'fcSwitch' || d.zoning === undefined) return;
    const ctx: ZoningCtx = { topology, sw: d, at: `devices[${i}].zoning`, wwpns, issues };
    checkNames(ctx, d.zoning);
    checkMembers(ctx, d.zoning);
    checkFabricAgreement(topology, d, i, issues);
  });
  for (const f of report.crossTenant) crossTenantIssue(topology, f, issues);
  zonedOutWorkloads(topology, report, issues);
}
