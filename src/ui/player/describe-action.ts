/**
 * One-line descriptions and families of timeline actions, for the player's markers, tooltips
 * and narration (pure: no React, no store).
 *
 * Owns: `describeAction` (a short English line per action, naming the ids the action names —
 * never a device's display name, which would need the topology) and `actionFamily` (the colour
 * group of a marker). Both switch over every member of the `Action` union with an exhaustive
 * `never` check, so a new action type does not compile until it has a description and a family;
 * describe-action.test.ts also iterates the zod union at run time.
 *
 * Does not handle: localisation, or what the action did at run time (the engine's report does).
 */
import type { Action } from '../../model/scenario.ts';
import { componentLabel } from '../../model/scenario-faults.ts';

/** The colour group of a marker. */
export type ActionFamily = 'workload' | 'pair' | 'backup' | 'remote' | 'fault' | 'access';

export const FAMILY_LABEL: Record<ActionFamily, string> = {
  workload: 'Workload',
  pair: 'Pair or snapshot',
  backup: 'Backup and tape',
  remote: 'Remote copy',
  fault: 'Fault, repair or move',
  access: 'Zoning, LUN and access',
};

/** A CCI address as `group` or `group/device`. */
function pairRef(a: { group: string; device?: string }): string {
  return a.device ? `${a.group}/${a.device}` : a.group;
}

function describeWorkload(a: Extract<Action, { type: 'startWorkload' | 'stopWorkload' | 'setWorkload' }>): string {
  const who = `workload ${a.workloadId} on ${a.serverId}`;
  if (a.type === 'startWorkload') return `Start ${who}`;
  if (a.type === 'stopWorkload') return `Stop ${who}`;
  const changes = Object.entries(a.changes)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? `${v.kind}(${v.theta})` : String(v)}`)
    .join(', ');
  return `Change ${who}: ${changes || 'no change'}`;
}

type PairAction = Extract<Action, { type: 'pairCreate' | 'pairSplit' | 'pairSuspend' | 'pairDelete' | 'pairResync' }>;

function describePair(a: PairAction): string {
  const ref = pairRef(a);
  switch (a.type) {
    case 'pairCreate':
      return `paircreate ${ref}${a.split ? ' -split' : ''} (pace ${a.pace})`;
    case 'pairSplit':
      if (a.takeover) return `pairsplit -RS ${ref}: S-VOL takeover`;
      return `pairsplit ${ref} (${a.mode}${a.access === 'r' ? ', S-VOL read-only' : ''})`;
    case 'pairSuspend':
      return `pairsplit -E ${ref}: suspend by error (PSUE)`;
    case 'pairDelete':
      return `pairsplit -S ${ref}: delete the pair`;
    case 'pairResync':
      if (a.swap) return `pairresync -swaps ${ref}: reverse the direction`;
      return `pairresync ${ref}${a.restore ? ' -restore (S-VOL → P-VOL)' : ''}`;
  }
}

type BackupAction = Extract<
  Action,
  { type: 'dbBackupMode' | 'mountVolume' | 'unmountVolume' | 'backupJob' | 'restoreJob' | 'copyJob' | 'mountCartridge' | 'unmountCartridge' }
>;

function describeBackup(a: BackupAction): string {
  switch (a.type) {
    case 'dbBackupMode':
      return `${a.serverId}: database backup mode ${a.on ? 'on' : 'off'}`;
    case 'mountVolume':
      return `${a.serverId} mounts ${a.ldevId}${a.readOnly ? ' read-only' : ''}`;
    case 'unmountVolume':
      return `${a.serverId} unmounts ${a.ldevId}`;
    case 'backupJob':
      return `Backup job ${a.job}: ${a.source} → tape ${a.libraryId} (${a.path})`;
    case 'restoreJob':
      return `Restore job ${a.job}: tapes of ${a.fromJob} → ${a.target} (${a.path})`;
    case 'copyJob':
      return `Copy job ${a.job}: ${a.source} → ${a.target} over the ${a.via.toUpperCase()}`;
    case 'mountCartridge':
      return `Mount cartridge ${a.barcode} in ${a.libraryId}`;
    case 'unmountCartridge':
      return `Unmount cartridge ${a.barcode} from ${a.libraryId}`;
  }
}

type ManagerAction = Extract<Action, { type: 'startRunbook' | 'pauseRunbook' | 'resumeRunbook' | 'setPolicy' | 'runPolicy' }>;

function describeManager(a: ManagerAction): string {
  switch (a.type) {
    case 'startRunbook':
      return `Start runbook ${a.runbook}`;
    case 'pauseRunbook':
      return a.beforeStep === undefined ? `Pause runbook ${a.runbook}` : `Pause runbook ${a.runbook} before step ${a.beforeStep + 1}`;
    case 'resumeRunbook':
      return `Resume runbook ${a.runbook}${a.oneStep ? ' (one step)' : ''}`;
    case 'setPolicy':
      return `Set backup policy ${a.policy.id} (${a.policy.tenant}, ${a.policy.ldevId}, ${a.policy.frequency} at ${a.policy.windowStart})`;
    case 'runPolicy':
      return `Run backup policy ${a.policyId} now`;
  }
}

type AccessAction = Extract<Action, { type: 'setReadOnly' | 'setHostGroupWwpn' | 'setZoning' | 'setLuPath' | 'setHostGroup' }>;

function describeAccess(a: AccessAction): string {
  switch (a.type) {
    case 'setReadOnly':
      return `${a.ldevId}: read-only ${a.readOnly ? 'on' : 'off'}`;
    case 'setHostGroupWwpn':
      return `${a.member ? 'Add' : 'Remove'} WWPN ${a.wwpn} ${a.member ? 'to' : 'from'} host group ${a.arrayId}/${a.hostGroupId}`;
    case 'setZoning':
      return `Zoning of ${a.switchId}: ${a.zoning.effectiveCfg ? `cfgenable ${a.zoning.effectiveCfg}` : `no effective cfg (${a.zoning.defaultZone})`}`;
    case 'setLuPath':
      return a.ldevId === undefined
        ? `Delete LUN ${a.lun} at ${a.arrayId} ${a.portId}/${a.hostGroupId}`
        : `Map ${a.ldevId} as LUN ${a.lun} at ${a.arrayId} ${a.portId}/${a.hostGroupId}`;
    case 'setHostGroup':
      return `${a.present ? 'Create' : 'Delete'} host group ${a.arrayId}/${a.hostGroupId} on ${a.portId}`;
  }
}

/** A one-line, human description of a timeline action. */
export function describeAction(a: Action): string {
  switch (a.type) {
    case 'startWorkload':
    case 'stopWorkload':
    case 'setWorkload':
      return describeWorkload(a);
    case 'pairCreate':
    case 'pairSplit':
    case 'pairSuspend':
    case 'pairDelete':
    case 'pairResync':
      return describePair(a);
    case 'dbBackupMode':
    case 'mountVolume':
    case 'unmountVolume':
    case 'backupJob':
    case 'restoreJob':
    case 'copyJob':
    case 'mountCartridge':
    case 'unmountCartridge':
      return describeBackup(a);
    case 'startRunbook':
    case 'pauseRunbook':
    case 'resumeRunbook':
    case 'setPolicy':
    case 'runPolicy':
      return describeManager(a);
    case 'setReadOnly':
    case 'setHostGroupWwpn':
    case 'setZoning':
    case 'setLuPath':
    case 'setHostGroup':
      return describeAccess(a);
    case 'setWanLink':
      return `WAN link ${a.wanLinkId} ${a.up ? 'back up' : 'down'}`;
    case 'siteLoss':
      return `Site ${a.siteId} lost (disaster)`;
    case 'verifyRemote':
      return `Verify the remote image of ${a.group}`;
    case 'setFault':
      return `${a.failed ? 'Fail' : 'Repair'} ${componentLabel(a.component)}`;
    case 'moveVolume':
      return `Move ${a.ldevId} to parity group ${a.parityGroupId}`;
    default:
      return unknownAction(a);
  }
}

/** The family (marker colour) of an action. */
export function actionFamily(a: Action): ActionFamily {
  switch (a.type) {
    case 'startWorkload':
    case 'stopWorkload':
    case 'setWorkload':
      return 'workload';
    case 'pairCreate':
    case 'pairSplit':
    case 'pairSuspend':
    case 'pairDelete':
    case 'pairResync':
      return 'pair';
    case 'dbBackupMode':
    case 'mountVolume':
    case 'unmountVolume':
    case 'backupJob':
    case 'restoreJob':
    case 'copyJob':
    case 'mountCartridge':
    case 'unmountCartridge':
    case 'startRunbook':
    case 'pauseRunbook':
    case 'resumeRunbook':
    case 'setPolicy':
    case 'runPolicy':
      return 'backup';
    case 'setWanLink':
    case 'siteLoss':
    case 'verifyRemote':
      return 'remote';
    case 'setFault':
    case 'moveVolume':
      return 'fault';
    case 'setReadOnly':
    case 'setHostGroupWwpn':
    case 'setZoning':
    case 'setLuPath':
    case 'setHostGroup':
      return 'access';
    default:
      unknownAction(a);
      return 'workload';
  }
}

/** Compile-time exhaustiveness; at run time (a newer document) the raw type is shown. */
function unknownAction(a: never): string {
  return String((a as { type?: unknown }).type ?? 'unknown action');
}
