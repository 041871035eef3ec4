/**
 * Design-rule checks over a whole topology document: `checkDesign` returns every issue, sorted
 * (errors first, then by field path). Issues never block loading: a half-finished design on the
 * canvas still parses and is reported on. Structural shape is zod's job (topology.ts).
 *
 * This module owns the document-wide rules (ids, sites, cables, WAN sites); array-internal
 * rules live in `design-rules-array.ts`, host ↔ array rules in `design-rules-hosts.ts`, copy
 * groups in `design-rules-replication.ts`, libraries and backup policies in
 * `design-rules-backup.ts`, zoning databases and tenant separation in `design-rules-zoning.ts`.
 */
import { cablePairProblem, type ResolvedEnd } from './connect-rules.ts';
import { compareIssues, IssueList, type DesignIssue } from './design-issue.ts';
import { checkArray } from './design-rules-array.ts';
import { checkBackup } from './design-rules-backup.ts';
import { checkHosts } from './design-rules-hosts.ts';
import { checkCopyGroups } from './design-rules-replication.ts';
import { checkRedundancy } from './design-rules-redundancy.ts';
import { checkZoning } from './design-rules-zoning.ts';
import { buildIndex, endpointKey, type TopologyIndex } from './lookup.ts';
import type { Endpoint, Link, Topology } from './topology.ts';

export type { DesignIssue, Severity } from './design-issue.ts';
export { compareFieldPaths } from './design-issue.ts';
export { parityGroupUsableGiB } from './design-rules-array.ts';

function checkUnique<T extends { id: string }>(items: T[], at: string, what: string, issues: IssueList, refs: (item: T) => { deviceId?: string; linkId?: string } = () => ({})): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) issues.error(`${at}[${i}].id`, `duplicate ${what} id "${item.id}"`, refs(item));
    seen.add(item.id);
  });
}

function checkIdsAndSites(t: Topology, issues: IssueList): void {
  checkUnique(t.sites, 'sites', 'site', issues);
  checkUnique(t.devices, 'devices', 'device', issues, (d) => ({ deviceId: d.id }));
  checkUnique(t.links, 'links', 'link', issues, (l) => ({ linkId: l.id }));
  const sites = new Set(t.sites.map((s) => s.id));
  const ldevOwners = new Map<string, string>();
  t.devices.forEach((d, i) => {
    const refs = () => ({ deviceId: d.id });
    if (!sites.has(d.siteId)) issues.error(`devices[${i}].siteId`, `device ${d.id}: site "${d.siteId}" does not exist`, refs());
    checkUnique(d.ports, `devices[${i}].ports`, `port (in ${d.id})`, issues, refs);
    if (d.kind === 'server') checkUnique(d.workloads, `devices[${i}].workloads`, `workload (in ${d.id})`, issues, refs);
    if (d.kind !== 'array') return;
    d.ldevs.forEach((l, j) => {
      const owner = ldevOwners.get(l.id);
      if (owner) issues.error(`devices[${i}].ldevs[${j}].id`, `duplicate LDEV id "${l.id}" (also in ${owner}); LDEV ids are unique in the document`, refs());
      else ldevOwners.set(l.id, d.id);
    });
    checkArray(d, `devices[${i}]`, issues);
  });
}

function resolve(index: TopologyIndex, e: Endpoint, at: string, link: Link, issues: IssueList): ResolvedEnd | null {
  const dev = index.devices.get(e.deviceId);
  if (!dev) {
    issues.error(`${at}.deviceId`, `link ${link.id}: unknown device "${e.deviceId}"`, { linkId: link.id });
    return null;
  }
  const port = dev.ports.get(e.portId);
  if (!port) {
    issues.error(`${at}.portId`, `link ${link.id}: device ${e.deviceId} has no port "${e.portId}"`, { linkId: link.id });
    return null;
  }
  return { device: dev.device, port: port.port };
}

function checkLink(link: Link, i: number, index: TopologyIndex, used: Map<string, string>, issues: IssueList): void {
  const refs = { linkId: link.id };
  for (const side of ['a', 'b'] as const) {
    const key = endpointKey(link[side]);
    const other = used.get(key);
    if (other !== undefined) issues.error(`links[${i}].${side}.portId`, `port ${link[side].portId} of ${link[side].deviceId} is already cabled by link ${other}`, refs);
    else used.set(key, link.id);
  }
  const a = resolve(index, link.a, `links[${i}].a`, link, issues);
  const b = resolve(index, link.b, `links[${i}].b`, link, issues);
  if (!a || !b) return;
  const pair = cablePairProblem(a, b);
  if (pair) {
    issues.error(a.device.id === b.device.id ? `links[${i}].b.deviceId` : `links[${i}].b.portId`, `link ${link.id}: ${pair}`, refs);
    return;
  }
  const direct = a.port.kind === 'wan' && a.device.kind !== 'wanLink' && b.device.kind !== 'wanLink';
  if (direct && a.device.siteId === b.device.siteId) {
    issues.error(`links[${i}]`, `link ${link.id}: a WAN link must join two different sites (${a.device.id} and ${b.device.id} are both in site ${a.device.siteId})`, refs);
  }
}

/** A WAN-link device must not join two devices of one site. */
function checkWanLinkSites(t: Topology, index: TopologyIndex, issues: IssueList): void {
  const attached = new Map<string, { site: string; deviceId: string }[]>();
  t.links.forEach((link, i) => {
    for (const [wanEnd, farEnd] of [[link.a, link.b], [link.b, link.a]] as const) {
      const wan = index.devices.get(wanEnd.deviceId)?.device;
      const far = index.devices.get(farEnd.deviceId)?.device;
      if (!wan || !far || wan.kind !== 'wanLink' || far.kind === 'wanLink') continue;
      const list = attached.get(wan.id) ?? [];
      const clash = list.find((x) => x.site === far.siteId);
      if (clash) {
        issues.error(`links[${i}]`, `WAN link ${wan.id} must join two different sites: ${clash.deviceId} and ${far.id} are both in site ${far.siteId}`, { deviceId: wan.id, linkId: link.id });
      }
      list.push({ site: far.siteId, deviceId: far.id });
      attached.set(wan.id, list);
    }
  });
}

/** Every design issue of the topology, sorted deterministically. */
export function checkDesign(topology: Topology): DesignIssue[] {
  const issues = new IssueList();
  const index = buildIndex(topology);
  checkIdsAndSites(topology, issues);
  const used = new Map<string, string>();
  topology.links.forEach((link, i) => checkLink(link, i, index, used, issues));
  checkWanLinkSites(topology, index, issues);
  checkHosts(topology, issues);
  checkCopyGroups(topology, issues);
  checkBackup(topology, issues);
  checkZoning(topology, issues);
  checkRedundancy(topology, issues);
  return issues.items.sort(compareIssues);
}

/** Only the errors (what blocks a run). */
export function designErrors(topology: Topology): DesignIssue[] {
  return checkDesign(topology).filter((i) => i.severity === 'error');
}
