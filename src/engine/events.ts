/**
 * Event codes of the simulation: the kinds of queued events and the event-log codes of records
 * that are not queue events (rejects, actions), with their human names for snapshots and logs.
 * Changing a code changes every event-log hash.
 */
import type { Action } from '../model/scenario.ts';
import { PAIR_STATES, REJECT_REASONS } from './api.ts';

/** Event kinds (also the event-log codes of processed events). */
export const EV_HOST_DONE = 0; // a = slot
export const EV_READ_RETURN = 1; // a = slot
export const EV_ARRIVAL = 2; // a = workload, b = generation
export const EV_SAMPLE = 3; // a = second
export const EV_TIMELINE = 4; // a = timeline index
export const EV_START = 5; // a = workload (startAtS)
export const EV_EXPIRE = 6; // a = workload, b = generation (runtime over)
export const EV_COPY = 7; // a = pair, b = copy generation (a copy cycle)
export const EV_JOB = 8; // a = job, b = phase (tape/jobs.ts)
export const EV_RUNBOOK = 9; // a = runbook, b = generation (ops/runbooks.ts)
export const EV_POLICY = 10; // a = schedule entry (ops/san-manager.ts)
export const EV_REMOTE = 11; // a = master journal, b = kind + 8 × payload (remote/remote-copy.ts)
export const EV_FAULT = 12; // a = target index, b = sub-kind + 8 × generation (faults/fault-system.ts)
/** EV_FAULT sub-kinds. */
export const FAULT_EV_PATH_DETECT = 0; // a = path: the host notices the path failed (failover)
export const FAULT_EV_PATH_CHECK = 1; // a = path: the host's path check takes a repaired path back
export const FAULT_EV_REBUILD = 2; // a = parity group: its rebuild ends (array/disk-faults.ts)
export const FAULT_EV_MOVE = 3; // a = volume move: next copy step / switch-over (array/volume-move.ts)
export const FAULT_EV_TAPE = 4; // a = library: drive-failure follow-up (tape)
/** Event-log codes of records that are not queue events. */
export const LOG_REJECT = 100; // + reason code; a = workload, b = ldev
export const LOG_ACTION = 200; // + action kind; a = workload / first pair / LDEV, b = 0 timeline / 1 command
export const ACTION_CODES: Record<Action['type'], number> = {
  startWorkload: 0,
  stopWorkload: 1,
  setWorkload: 2,
  pairCreate: 3,
  pairSplit: 4,
  pairSuspend: 5,
  pairDelete: 6,
  pairResync: 7,
  setReadOnly: 8,
  dbBackupMode: 9,
  mountVolume: 10,
  unmountVolume: 11,
  setHostGroupWwpn: 12,
  backupJob: 13,
  restoreJob: 14,
  copyJob: 15,
  mountCartridge: 16,
  unmountCartridge: 17,
  startRunbook: 18,
  pauseRunbook: 19,
  resumeRunbook: 20,
  setPolicy: 21,
  runPolicy: 22,
  setWanLink: 23,
  siteLoss: 24,
  verifyRemote: 25,
  setZoning: 26,
  setLuPath: 27,
  setHostGroup: 28,
  setFault: 29,
  moveVolume: 30,
};
/** + state index (PAIR_STATES); a = pair (replication/pairs.ts). */
export const LOG_PAIR_STATE = 300;
/** A pair command refused; a = pair. */
export const LOG_PAIR_REJECT = 400;
const EVENT_KINDS = ['host-done', 'read-return', 'arrival', 'sample', 'timeline', 'start', 'expire', 'copy', 'job', 'runbook', 'policy', 'remote', 'fault'];

/** The human name of an event-log code (`host-done`, `reject:no-route`, `action:setWorkload` …), or null. */
export function eventKindName(code: number): string | null {
  if (code >= 0 && code < EVENT_KINDS.length) return EVENT_KINDS[code];
  const reason = REJECT_REASONS[code - LOG_REJECT];
  if (code >= LOG_REJECT && reason !== undefined) return `reject:${reason}`;
  const action = (Object.keys(ACTION_CODES) as Action['type'][]).find((k) => ACTION_CODES[k] === code - LOG_ACTION);
  if (action !== undefined) return `action:${action}`;
  const state = PAIR_STATES[code - LOG_PAIR_STATE];
  if (code >= LOG_PAIR_STATE && state !== undefined) return `pair-state:${state}`;
  return code === LOG_PAIR_REJECT ? 'pair-reject' : null;
}
