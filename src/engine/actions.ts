/**
 * Timeline actions and commands carried out: a scenario `Action` (from the timeline, or applied
 * as a command between `runUntil` calls) dispatched to the workloads, the LDEV attributes or
 * the pairs, at the simulation's current time.
 *
 * Owns: `performAction` — finding the target (workload, LDEV, or the pairs a CCI command
 * addresses), the refusal of an unknown target or of an invalid workload change, and the
 * action's LOG_ACTION record.
 *
 * Invariants: a refused action changes nothing; an unknown target is refused before anything
 * is logged (not even the event-log hash changes); an accepted action is logged before it takes
 * effect, with its source (0 = timeline, 1 = command); a pair command refused for its state is
 * logged too (LOG_PAIR_REJECT, by pair-commands.ts) so a replay shows it.
 *
 * Does not handle: workload start / stop / re-arm (the simulation's, bound in `ActionParts`),
 * pair command acceptance and transitions (replication/pair-acceptance.ts, pair-commands.ts).
 */
import type { Action } from '../model/scenario.ts';
import { componentDevice } from '../model/scenario-faults.ts';
import type { CommandResult } from './api.ts';
import type { DiskArrays } from './array/array.ts';
import type { CompiledModel } from './compile.ts';
import { ACTION_CODES, LOG_ACTION } from './events.ts';
import type { Workloads } from './host/workload.ts';
import type { EventLog } from './kernel/event-log.ts';
import { addressedPairs } from './replication/pair-commands.ts';
import { Replication } from './replication/pairs.ts';
import type { BackupSystem } from './backup.ts';
import type { RemoteCopy } from './remote/remote-copy.ts';
import type { FaultRuntime } from './faults/fault-runtime.ts';
import type { RemoteOutputs } from './remote/remote-outputs.ts';

/** What carrying out an action needs of a simulation: its tables and workload control (bound once). */
export interface ActionParts {
  readonly model: CompiledModel;
  readonly wl: Workloads;
  readonly arrays: DiskArrays;
  readonly repl: Replication;
  readonly log: EventLog;
  readonly backup: BackupSystem;
  readonly remote: RemoteCopy;
  readonly remoteOut: RemoteOutputs;
  readonly faults: FaultRuntime;
  nowUs(): number;
  startWorkload(w: number): void;
  stopWorkload(w: number): void;
  /** (Re)starts the event chains of an active workload from now. */
  arm(w: number): void;
}

const SOURCE_NAME = ['timeline', 'command', 'runbook step'] as const;

/** Performs `action` now; `source` 0 = timeline, 1 = command, 2 = a runbook step. An action that took effect goes into the event journal. */
export function performAction(parts: ActionParts, action: Action, source: 0 | 1 | 2): CommandResult {
  const result = perform(parts, action, source);
  if (result.ok && !result.redundant) parts.faults.journal.record(parts.nowUs(), 'action', actionDevice(parts.model, action), `${SOURCE_NAME[source]}: ${action.type}`, action);
  return result;
}

/** The device an action is about, for the event journal (the canvas selects it): its server, array, switch, link or site; a pair command's P-VOL array. */
function actionDevice(m: CompiledModel, a: Action): string {
  const r = a as Record<string, unknown>;
  for (const k of ['serverId', 'arrayId', 'switchId', 'wanLinkId', 'siteId', 'libraryId'] as const) if (typeof r[k] === 'string') return r[k] as string;
  if (a.type === 'setFault') return componentDevice(a.component);
  if (a.type === 'moveVolume') return m.arrays[m.ldevs.find((l) => l.id === a.ldevId)?.arrayIndex ?? 0]?.id ?? '';
  if (typeof r.group === 'string') {
    const pair = m.replication.pairs.find((p) => p.group === r.group);
    if (pair) return m.arrays[m.ldevs[pair.pvol].arrayIndex].id;
  }
  return '';
}

function perform(parts: ActionParts, action: Action, source: 0 | 1 | 2): CommandResult {
  const { wl, log } = parts;
  switch (action.type) {
    case 'startWorkload':
    case 'stopWorkload':
    case 'setWorkload': {
      const w = wl.indexOf(action.serverId, action.workloadId);
      if (w < 0) return { ok: false, message: `${action.serverId}: no workload "${action.workloadId}"` };
      try {
        if (action.type === 'setWorkload') wl.change(w, action.changes);
      } catch (e) {
        return { ok: false, message: `${action.serverId}/${action.workloadId}: ${(e as Error).message}` };
      }
      log.record(parts.nowUs(), LOG_ACTION + ACTION_CODES[action.type], w, source);
      if (action.type === 'startWorkload') parts.startWorkload(w);
      else if (action.type === 'stopWorkload') parts.stopWorkload(w);
      else if (wl.active[w] === 1) parts.arm(w);
      return { ok: true };
    }
    case 'setReadOnly': {
      const ldev = parts.model.ldevs.findIndex((l) => l.id === action.ldevId);
      if (ldev < 0) return { ok: false, code: 'EX_ENOOBJ', message: `no LDEV "${action.ldevId}"` };
      log.record(parts.nowUs(), LOG_ACTION + ACTION_CODES[action.type], ldev, source);
      parts.arrays.ldevReadOnly[ldev] = action.readOnly ? 1 : 0;
      return { ok: true };
    }
    case 'dbBackupMode':
    case 'mountVolume':
    case 'unmountVolume':
    case 'setHostGroupWwpn':
    case 'setZoning':
    case 'setLuPath':
    case 'setHostGroup':
    case 'backupJob':
    case 'restoreJob':
    case 'copyJob':
    case 'mountCartridge':
    case 'unmountCartridge':
    case 'startRunbook':
    case 'pauseRunbook':
    case 'resumeRunbook':
    case 'setPolicy':
    case 'runPolicy': {
      const result = parts.backup.perform(action);
      if (result.ok && !result.redundant) log.record(parts.nowUs(), LOG_ACTION + ACTION_CODES[action.type], 0, source);
      return result;
    }
    case 'setWanLink': {
      const l = parts.remote.wanIndex(action.wanLinkId);
      if (l < 0) return { ok: false, message: `no WAN link "${action.wanLinkId}"` };
      log.record(parts.nowUs(), LOG_ACTION + ACTION_CODES[action.type], l, source);
      parts.remote.setWan(l, action.up);
      if (action.up) parts.faults.system.raise('info', 'repair', action.wanLinkId, `WAN link ${action.wanLinkId} is up again`);
      else parts.faults.system.raise('critical', 'fault', action.wanLinkId, `WAN link ${action.wanLinkId} is down (outage)`);
      return { ok: true };
    }
    case 'siteLoss':
      // The same failure as setFault { kind: 'site' }, logged under its own action code.
      return parts.faults.system.setFault({ type: 'setFault', component: { kind: 'site', siteId: action.siteId }, failed: true }, () => {
        log.record(parts.nowUs(), LOG_ACTION + ACTION_CODES.siteLoss, parts.model.siteIds.indexOf(action.siteId), source);
        parts.faults.beforeFault();
      });
    case 'setFault':
      return parts.faults.system.setFault(action, () => {
        log.record(parts.nowUs(), LOG_ACTION + ACTION_CODES.setFault, 0, source);
        parts.faults.beforeFault();
      });
    case 'moveVolume': {
      const result = parts.faults.system.moveVolume(action);
      if (result.ok && !result.redundant) log.record(parts.nowUs(), LOG_ACTION + ACTION_CODES.moveVolume, 0, source);
      return result;
    }
    case 'verifyRemote': {
      const g = parts.remote.groupOfCopyGroup(action.group);
      if (g < 0) return { ok: false, code: 'EX_ENOGRP', message: `no remote copy group "${action.group}"` };
      log.record(parts.nowUs(), LOG_ACTION + ACTION_CODES[action.type], g, source);
      const v = parts.remoteOut.verify(g, action.group);
      return { ok: true, message: v.message };
    }
    default: {
      const indices = addressedPairs(parts.model.replication.pairs, action.group, action.device);
      if (!Array.isArray(indices)) return indices;
      if (action.type === 'pairCreate') {
        const refused = parts.remote.createOptions(indices, action);
        if (refused) return refused;
      }
      if (action.type === 'pairCreate' || (action.type === 'pairResync' && !action.restore)) {
        const unreachable = parts.remote.unreachable(indices);
        if (unreachable) return unreachable;
      }
      log.record(parts.nowUs(), LOG_ACTION + ACTION_CODES[action.type], indices[0], source);
      return parts.repl.command(indices, Replication.commandOf(action));
    }
  }
}
