/**
 * Starter actions and triggers for the timeline editor's "Add entry" form (EntryForm.tsx): for
 * every type of the `Action` union and every trigger kind, a valid value that fits the loaded
 * scenario where it can — the first copy group for pair actions, the first server and its first
 * workload for workload actions, the first library for backup jobs, the first LDEV … — so a
 * trainer edits a working example rather than a blank.
 *
 * Owns `ACTION_TEMPLATES` (one builder per action type: the `Record` over the union's `type`
 * makes a new action type fail to compile until it has one), `actionTemplate`, `triggerTemplate`.
 * Every template passes the `Action` / `Trigger` schema (entry-json.test.ts); ids the
 * scenario lacks fall back to placeholders (`group-1`) that parse but that the emulation then
 * refuses by name.
 *
 * Pure: no React, no store. Does not handle: whether the action makes sense at the chosen time
 * (the run's report says whether it was accepted).
 */
import type { Action, Scenario } from '../../model/scenario.ts';
import type { Trigger, TriggerKind } from '../../model/scenario-triggers.ts';
import type { DeviceOf } from '../../model/topology.ts';

export type ActionType = Action['type'];
type ActionOf<K extends ActionType> = Extract<Action, { type: K }>;

/** What the templates draw on: the first of each kind of thing in the scenario. */
export interface TemplateContext {
  group: string;
  remoteGroup: string;
  serverId: string;
  workloadId: string;
  workloadServerId: string;
  backupServerId: string;
  ldevId: string;
  otherLdevId: string;
  array: DeviceOf<'array'> | undefined;
  libraryId: string;
  barcode: string;
  runbook: string;
  policyId: string;
  wanLinkId: string;
  siteId: string;
  switchId: string;
  linkId: string;
  /** The last job a timeline entry names (a restore's `fromJob`), or a placeholder. */
  job: string;
}

function first<T>(items: readonly T[], test: (t: T) => boolean = () => true): T | undefined {
  return items.find(test);
}

/** The context of `scenario`: its first device of each kind, with placeholders where it has none. */
export function templateContext(scenario: Scenario): TemplateContext {
  const { devices, copyGroups, sites, links } = scenario.topology;
  const servers = devices.filter((d): d is DeviceOf<'server'> => d.kind === 'server');
  const arrays = devices.filter((d): d is DeviceOf<'array'> => d.kind === 'array');
  const libraries = devices.filter((d): d is DeviceOf<'tapeLibrary'> | DeviceOf<'dvdLibrary'> => d.kind === 'tapeLibrary' || d.kind === 'dvdLibrary');
  const ldevs = arrays.flatMap((a) => a.ldevs.map((l) => l.id));
  const withWorkload = first(servers, (s) => s.workloads.length > 0);
  const jobs = scenario.timeline.flatMap((e) => (e.action.type === 'backupJob' ? [e.action.job] : []));
  return {
    group: copyGroups[0]?.id ?? 'group-1',
    remoteGroup: (first(copyGroups, (g) => g.kind.startsWith('remote')) ?? copyGroups[0])?.id ?? 'group-1',
    serverId: withWorkload?.id ?? servers[0]?.id ?? 'server-1',
    workloadId: withWorkload?.workloads[0].id ?? 'workload-1',
    workloadServerId: withWorkload?.id ?? servers[0]?.id ?? 'server-1',
    backupServerId: (first(servers, (s) => s.roles.includes('backup-server')) ?? servers[0])?.id ?? 'server-1',
    ldevId: ldevs[0] ?? 'ldev-1',
    otherLdevId: ldevs[1] ?? ldevs[0] ?? 'ldev-2',
    array: arrays[0],
    libraryId: libraries[0]?.id ?? 'library-1',
    barcode: libraries[0]?.cartridges[0]?.barcode ?? 'ULT001L6',
    runbook: scenario.runbooks[0]?.id ?? 'runbook-1',
    policyId: scenario.topology.backup.policies[0]?.id ?? 'policy-1',
    wanLinkId: first(devices, (d) => d.kind === 'wanLink')?.id ?? 'wan-1',
    siteId: (first(sites, (s) => s.kind === 'main') ?? sites[0])?.id ?? 'site-1',
    switchId: first(devices, (d) => d.kind === 'fcSwitch')?.id ?? 'switch-1',
    linkId: links[0]?.id ?? 'link-1',
    job: jobs[jobs.length - 1] ?? 'job-1',
  };
}

/** The array's first host group, its first FC port, a LUN free in that host group. */
function arrayAddress(c: TemplateContext) {
  const a = c.array;
  const hg = a?.hostGroups[0];
  const port = hg?.portId ?? first(a?.ports ?? [], (p) => p.kind === 'fc')?.id ?? 'CL1-A';
  const luns = (a?.luPaths ?? []).filter((p) => p.hostGroupId === hg?.id && p.portId === port).map((p) => p.lun);
  return { arrayId: a?.id ?? 'array-1', hostGroupId: hg?.id ?? 'hg-1', portId: port, lun: luns.length === 0 ? 0 : Math.max(...luns) + 1, wwpn: hg?.wwpns[0] };
}

const workloadRef = (c: TemplateContext) => ({ serverId: c.workloadServerId, workloadId: c.workloadId });

/** One builder per action type: a valid action of that type for the context. */
export const ACTION_TEMPLATES: { [K in ActionType]: (c: TemplateContext) => ActionOf<K> } = {
  startWorkload: (c) => ({ type: 'startWorkload', ...workloadRef(c) }),
  stopWorkload: (c) => ({ type: 'stopWorkload', ...workloadRef(c) }),
  setWorkload: (c) => ({ type: 'setWorkload', ...workloadRef(c), changes: { rate_iops: 500 } }),
  pairCreate: (c) => ({ type: 'pairCreate', group: c.group, pace: 3, split: false }),
  pairSplit: (c) => ({ type: 'pairSplit', group: c.group, mode: 'steady', access: 'rw' }),
  pairSuspend: (c) => ({ type: 'pairSuspend', group: c.group }),
  pairDelete: (c) => ({ type: 'pairDelete', group: c.group }),
  pairResync: (c) => ({ type: 'pairResync', group: c.group, restore: false }),
  setReadOnly: (c) => ({ type: 'setReadOnly', ldevId: c.ldevId, readOnly: true }),
  dbBackupMode: (c) => ({ type: 'dbBackupMode', serverId: c.serverId, on: true }),
  mountVolume: (c) => ({ type: 'mountVolume', serverId: c.backupServerId, ldevId: c.ldevId, readOnly: false }),
  unmountVolume: (c) => ({ type: 'unmountVolume', serverId: c.backupServerId, ldevId: c.ldevId }),
  setHostGroupWwpn: (c) => {
    const a = arrayAddress(c);
    return { type: 'setHostGroupWwpn', arrayId: a.arrayId, hostGroupId: a.hostGroupId, wwpn: a.wwpn ?? '10:00:00:00:c9:00:00:01', member: a.wwpn === undefined };
  },
  backupJob: (c) => ({ type: 'backupJob', job: 'backup-1', source: c.ldevId, libraryId: c.libraryId, path: 'lan-free', serverId: c.backupServerId }),
  restoreJob: (c) => ({ type: 'restoreJob', job: 'restore-1', fromJob: c.job, target: c.ldevId, path: 'lan-free', serverId: c.backupServerId }),
  copyJob: (c) => ({ type: 'copyJob', job: 'copy-1', source: c.ldevId, target: c.otherLdevId, serverId: c.backupServerId, via: 'san' }),
  mountCartridge: (c) => ({ type: 'mountCartridge', libraryId: c.libraryId, barcode: c.barcode }),
  unmountCartridge: (c) => ({ type: 'unmountCartridge', libraryId: c.libraryId, barcode: c.barcode }),
  startRunbook: (c) => ({ type: 'startRunbook', runbook: c.runbook }),
  pauseRunbook: (c) => ({ type: 'pauseRunbook', runbook: c.runbook }),
  resumeRunbook: (c) => ({ type: 'resumeRunbook', runbook: c.runbook, oneStep: false }),
  setPolicy: (c) => ({
    type: 'setPolicy',
    policy: { id: 'policy-new', tenant: 'Company A', ldevId: c.ldevId, method: 'direct', frequency: 'daily', weekday: 0, windowStart: '01:00', windowHours: 4, libraryId: c.libraryId, path: 'server-less', retentionDays: 7 },
  }),
  runPolicy: (c) => ({ type: 'runPolicy', policyId: c.policyId }),
  setWanLink: (c) => ({ type: 'setWanLink', wanLinkId: c.wanLinkId, up: false }),
  siteLoss: (c) => ({ type: 'siteLoss', siteId: c.siteId }),
  verifyRemote: (c) => ({ type: 'verifyRemote', group: c.remoteGroup }),
  setZoning: (c) => ({ type: 'setZoning', switchId: c.switchId, zoning: { aliases: [], zones: [], cfgs: [], defaultZone: 'allaccess' } }),
  setLuPath: (c) => {
    const { arrayId, portId, hostGroupId, lun } = arrayAddress(c);
    return { type: 'setLuPath', arrayId, portId, hostGroupId, lun, ldevId: c.ldevId };
  },
  setHostGroup: (c) => {
    const { arrayId, portId } = arrayAddress(c);
    return { type: 'setHostGroup', arrayId, hostGroupId: 'hg-new', portId, present: true };
  },
  setFault: (c) => ({ type: 'setFault', component: { kind: 'link', linkId: c.linkId }, failed: true }),
  moveVolume: (c) => {
    const groups = c.array?.parityGroups ?? [];
    const from = c.array?.ldevs[0]?.parityGroupId;
    return { type: 'moveVolume', ldevId: c.ldevId, parityGroupId: (groups.find((g) => g.id !== from) ?? groups[0])?.id ?? 'pg-1' };
  },
};

/** Every action type, in the `Action` union's order. */
export const ACTION_TYPES = Object.keys(ACTION_TEMPLATES) as ActionType[];

/** A valid starter action of `type` for `scenario`. */
export function actionTemplate(type: ActionType, scenario: Scenario): Action {
  const build = ACTION_TEMPLATES[type] as (c: TemplateContext) => Action;
  return build(templateContext(scenario));
}

/** Trigger kinds, in the order the form lists them. */
export const TRIGGER_KINDS: readonly TriggerKind[] = ['step', 'pairState', 'jobDone', 'runbookDone', 'alert'];

/** A valid starter trigger of `kind` for `scenario` (a `step` waits for the last entry with an id). */
export function triggerTemplate(kind: TriggerKind, scenario: Scenario): Trigger {
  const c = templateContext(scenario);
  switch (kind) {
    case 'step': {
      const ids = scenario.timeline.flatMap((e) => (e.id === undefined ? [] : [e.id]));
      return { kind: 'step', id: ids[ids.length - 1] ?? 'entry-id' };
    }
    case 'pairState':
      return { kind: 'pairState', group: c.group, states: ['PSUS'] };
    case 'jobDone':
      return { kind: 'jobDone', job: c.job };
    case 'runbookDone':
      return { kind: 'runbookDone', runbook: c.runbook };
    case 'alert':
      return { kind: 'alert', minSeverity: 'warning' };
  }
}
