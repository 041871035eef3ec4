/**
 * The text a recorded designer edit is kept under (its timeline note reads `designer: <text>`)
 * and that the notice shows, pure: one short phrase per action, with the value before → after
 * for workload settings, e.g. `db-server/oltp rate_iops 3000 → 1500`.
 */
import type { Action } from '../../model/scenario.ts';
import type { Topology, Workload } from '../../model/topology.ts';

function workloadOf(t: Topology, serverId: string, workloadId: string): Workload | undefined {
  const d = t.devices.find((x) => x.id === serverId);
  return d?.kind === 'server' ? d.workloads.find((w) => w.id === workloadId) : undefined;
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'object' && value !== null && 'kind' in value) {
    const s = value as { kind: string; theta?: number };
    return s.kind === 'zipf' ? `zipf θ ${s.theta ?? 0.9}` : s.kind;
  }
  return String(value);
}

function workloadPhrase(before: Topology, a: Extract<Action, { type: 'setWorkload' }>): string {
  const w = workloadOf(before, a.serverId, a.workloadId);
  const parts = Object.entries(a.changes).map(([key, value]) => {
    const old: unknown = w ? (w as Record<string, unknown>)[key] : undefined;
    return old === undefined ? `${key} ${show(value)}` : `${key} ${show(old)} → ${show(value)}`;
  });
  return `${a.serverId}/${a.workloadId} ${parts.join(', ')}`;
}

/** One action in a few words; `before` is the document the action changes. */
export function actionPhrase(before: Topology, a: Action): string {
  switch (a.type) {
    case 'setWorkload':
      return workloadPhrase(before, a);
    case 'setZoning':
      return `${a.switchId} zoning: effective ${a.zoning.effectiveCfg ?? 'none'}, default zone ${a.zoning.defaultZone}`;
    case 'setHostGroup':
      return `${a.arrayId} host group ${a.hostGroupId} ${a.present ? `created on ${a.portId}` : 'deleted'}`;
    case 'setHostGroupWwpn':
      return `${a.arrayId}/${a.hostGroupId} WWPN ${a.wwpn} ${a.member ? 'added' : 'removed'}`;
    case 'setLuPath':
      return `${a.arrayId} ${a.portId} ${a.hostGroupId} LUN ${a.lun} ${a.ldevId === undefined ? 'removed' : `→ ${a.ldevId}`}`;
    default:
      return a.type;
  }
}

/** The whole edit: its actions' phrases joined by "; ". */
export function liveEditLabel(before: Topology, actions: readonly Action[]): string {
  return actions.map((a) => actionPhrase(before, a)).join('; ');
}
