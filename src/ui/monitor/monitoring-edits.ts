/**
 * The console device's monitoring settings (topology-monitoring.ts `Monitoring`) as the
 * inspector edits them and the Monitor tab summarises them: defaults filled in, notification
 * rules added, changed and removed, the kinds a rule matches toggled, its device list parsed,
 * automatic moves switched on and off, and one sentence per rule.
 *
 * Invariants: every function returns new objects (the design slice's undo history keeps the old
 * ones); a rule's `kinds` / `deviceIds` are absent — "every kind", "every device" — rather than
 * empty lists (an empty list would match nothing); rule ids stay unique.
 *
 * Does not handle: which console applies (model/monitoring.ts `effectiveMonitoring`, shared with
 * the engine), validating numbers (the fields use the schema's own limits).
 */
import { AlertKind, Monitoring, type AlertSeverity, type NotificationRule } from '../../model/topology-monitoring.ts';
import { effectiveMonitoring } from '../../model/monitoring.ts';
import type { DeviceOf, Topology } from '../../model/topology.ts';
import { KIND_LABEL, SEVERITY_LABEL } from './alert-view.ts';

export type ConsoleDevice = DeviceOf<'console'>;

/** The settings with every default filled in (what the engine uses when the console has none). */
export function monitoringOf(c: Pick<ConsoleDevice, 'monitoring'>): Monitoring {
  return Monitoring.parse(c.monitoring ?? {});
}

/**
 * The console whose settings the engine applies: the first console device that has settings,
 * else the first console (with the defaults); null when the design has no console.
 */
export function consoleMonitoring(topology: Pick<Topology, 'devices'>): { consoleId: string; name: string; monitoring: Monitoring } | null {
  const e = effectiveMonitoring(topology);
  return e ? { consoleId: e.console.id, name: e.console.name, monitoring: e.monitoring } : null;
}

export function patchMonitoring(m: Monitoring, patch: Partial<Monitoring>): Monitoring {
  return { ...m, ...patch };
}

/** A new rule: the next free `rule-n`, paging the storage administrator on warnings and worse. */
export function addRule(m: Monitoring): Monitoring {
  const ids = new Set(m.rules.map((r) => r.id));
  let n = m.rules.length + 1;
  while (ids.has(`rule-${n}`)) n++;
  const rule: NotificationRule = { id: `rule-${n}`, role: 'storage-admin', minSeverity: 'warning' };
  return { ...m, rules: [...m.rules, rule] };
}

export function patchRule(m: Monitoring, index: number, patch: Partial<NotificationRule>): Monitoring {
  const rules = m.rules.map((r, i) => {
    if (i !== index) return r;
    const next = { ...r, ...patch } as Record<string, unknown>;
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
    return next as NotificationRule;
  });
  return { ...m, rules };
}

export function removeRule(m: Monitoring, index: number): Monitoring {
  return { ...m, rules: m.rules.filter((_, i) => i !== index) };
}

/** Toggle one kind; the rule matches every kind again when none is left checked. */
export function toggleKind(rule: NotificationRule, kind: AlertKind, on: boolean): Partial<NotificationRule> {
  const now = new Set(rule.kinds ?? []);
  if (on) now.add(kind);
  else now.delete(kind);
  const kinds = AlertKind.options.filter((k) => now.has(k));
  return { kinds: kinds.length === 0 ? undefined : kinds };
}

/** "sw1, ar1" → ['sw1', 'ar1'] (duplicates dropped); blank → undefined (every device). */
export function parseDeviceList(text: string | undefined): string[] | undefined {
  const ids = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return ids.length === 0 ? undefined : [...new Set(ids)];
}

/** Ids in a rule's device list that name no device or cable of the design. */
export function unknownDevices(topology: Pick<Topology, 'devices' | 'links'>, ids: readonly string[] | undefined): string[] {
  if (!ids) return [];
  const known = new Set([...topology.devices.map((d) => d.id), ...topology.links.map((l) => l.id)]);
  return ids.filter((id) => !known.has(id));
}

export function setAutoMove(m: Monitoring, on: boolean): Monitoring {
  if (on === (m.autoMove !== undefined)) return m;
  if (!on) {
    const next = { ...m };
    delete next.autoMove;
    return next;
  }
  return { ...m, autoMove: { utilPct: 70, sustainS: 10, targetTier: 'ssd' } };
}

const SEVERITY_PHRASE: Record<AlertSeverity, string> = { info: 'every alert', warning: 'warnings and critical alerts', critical: 'critical alerts' };

/** "storage-admin is paged on warnings and critical alerts of kinds Failure, Repair on sw1, ar1". */
export function ruleSentence(r: NotificationRule): string {
  const kinds = r.kinds === undefined ? '' : ` of kind${r.kinds.length === 1 ? '' : 's'} ${r.kinds.map((k) => KIND_LABEL[k]).join(', ')}`;
  const devices = r.deviceIds === undefined ? ' on any device' : ` on ${r.deviceIds.join(', ')}`;
  return `${r.role} is paged on ${SEVERITY_PHRASE[r.minSeverity]}${kinds}${devices}`;
}

export const SEVERITY_OPTIONS = (['info', 'warning', 'critical'] as const).map((s) => ({ value: s, label: `${SEVERITY_LABEL[s]} and above` }));
