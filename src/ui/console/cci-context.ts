/**
 * The browser's CciContext: what `runCci` (src/cci/execute.ts) needs, over an injected console
 * environment (`ConsoleEnv`: the worker bridge and the store in the app, fakes in tests).
 *
 * Time (`advance`): a playing run is left alone — the context waits until the store's clock
 * moved (telemetry, ~4 Hz) or the run stopped playing; a ready or paused run is stepped by
 * up to the time left in the run; a finished, failed or empty run does not move, and `advance`
 * returns at once (pairevtwait then times out as CCI would).
 *
 * Abandoning (Ctrl+C / Stop): the AbortSignal makes every later `advance`, `apply` and status
 * read throw an AbortError, so an abandoned command neither moves the clock nor changes a pair.
 *
 * Backup status (the tape commands): read from the environment like `replication`; an empty
 * status when nothing is loaded; no `backup` at all when the environment cannot read it (the
 * tape commands then say so rather than print empty tables). The remote status (journal
 * commands) and the fault status (dlnkmgr, switchshow) are read the same way.
 */
import type { CciContext } from '../../cci/execute.ts';
import type { BackupStatus, RemoteStatus, CommandResult, FaultStatus, ReplicationStatus } from '../../engine/api.ts';
import type { Action } from '../../model/scenario.ts';
import type { HostGroup, LuPath, Topology, Zoning } from '../../model/topology.ts';
import { sharedFosSession } from '../../fabric-os/session.ts';
import type { RunState } from '../store/sim-types.ts';

export interface EngineClock {
  nowS: number;
  endS: number;
  runState: RunState;
}

export interface ConsoleEnv {
  topology(): Topology;
  clock(): EngineClock;
  /** Call `listener` whenever the clock or run state may have changed; returns unsubscribe. */
  watchClock(listener: () => void): () => void;
  apply(action: Action): Promise<CommandResult>;
  replication(): Promise<ReplicationStatus | null>;
  /** Libraries, jobs, catalog, runbooks, schedule now (null when nothing is loaded). Optional: test fakes may lack it. */
  backup?(): Promise<BackupStatus | null>;
  /** WAN links, remote groups and journals now (null when nothing is loaded). Optional: test fakes may lack it. */
  remote?(): Promise<RemoteStatus | null>;
  /** Active faults and every server's paths now (null when nothing is loaded). Optional: test fakes may lack it. */
  faults?(): Promise<FaultStatus | null>;
  /** Write a switch's zoning database into the design (Fabric OS cfgsave / cfgenable); absent: only the running simulation gets it. */
  setDesignZoning?(switchId: string, zoning: Zoning): boolean;
  /** Replace an array's host groups and LU paths in the design (raidcom add|delete host_grp|lun) — true when written (before a run only). */
  setDesignLunSecurity?(arrayId: string, hostGroups: HostGroup[], luPaths: LuPath[]): boolean;
  /** Advance a ready or paused run by `seconds` (the run is paused afterwards). */
  step(seconds: number): Promise<void>;
  /** Ask the worker for its clock now (updates `clock()`). */
  refreshClock(): Promise<void>;
}

export interface BrowserCciContext extends CciContext {
  /** Simulated seconds when this command's first action was accepted; null if none was. */
  acceptedAtS(): number | null;
  /** Simulated seconds the command let pass (pairevtwait, sleep); null if it never waited. */
  waitedS(): number | null;
}

const EMPTY_REPLICATION: ReplicationStatus = { pairs: [], pools: [] };

export const EMPTY_BACKUP: BackupStatus = { clockStart: '00:00', libraries: [], jobs: [], catalog: [], runbooks: [], schedule: [], runbookSchedule: [], backupMode: [], mounts: [], policies: [] };

function backupReader(env: ConsoleEnv, signal: AbortSignal): (() => Promise<BackupStatus>) | undefined {
  const read = env.backup?.bind(env);
  if (read === undefined) return undefined;
  return async () => {
    throwIfAborted(signal);
    return (await read()) ?? EMPTY_BACKUP;
  };
}

export const EMPTY_REMOTE: RemoteStatus = { wanLinks: [], groups: [], verifications: [] };

function remoteReader(env: ConsoleEnv, signal: AbortSignal): (() => Promise<RemoteStatus>) | undefined {
  const read = env.remote?.bind(env);
  if (read === undefined) return undefined;
  return async () => {
    throwIfAborted(signal);
    return (await read()) ?? EMPTY_REMOTE;
  };
}

export const EMPTY_FAULTS: FaultStatus = { faults: [], alerts: [], alertCount: 0, paths: [], parityGroups: [], moves: [], health: {} };

function faultsReader(env: ConsoleEnv, signal: AbortSignal): (() => Promise<FaultStatus>) | undefined {
  const read = env.faults?.bind(env);
  if (read === undefined) return undefined;
  return async () => {
    throwIfAborted(signal);
    return (await read()) ?? EMPTY_FAULTS;
  };
}

export function abortError(): DOMException {
  return new DOMException('The command was stopped', 'AbortError');
}

export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError();
}

/** Runs whose clock will move by itself (telemetry keeps coming). */
function clockRunsByItself(state: RunState): boolean {
  return state === 'playing' || state === 'loading';
}

/** Resolve when the clock left `fromS` or the run stopped running by itself; reject on abort. */
export function waitForClock(env: ConsoleEnv, fromS: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let unsubscribe: () => void = () => {};
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => finish(() => reject(abortError()));
    const check = () => {
      const c = env.clock();
      if (c.nowS !== fromS || !clockRunsByItself(c.runState)) finish(resolve);
    };
    signal.addEventListener('abort', onAbort);
    unsubscribe = env.watchClock(check);
    if (signal.aborted) onAbort();
    else check();
  });
}

async function advance(env: ConsoleEnv, seconds: number, signal: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  const c = env.clock();
  if (clockRunsByItself(c.runState)) {
    await waitForClock(env, c.nowS, signal);
  } else if ((c.runState === 'ready' || c.runState === 'paused') && c.endS > c.nowS && seconds > 0) {
    await env.step(Math.min(seconds, c.endS - c.nowS));
    await env.refreshClock();
  }
  throwIfAborted(signal);
}

export function createCciContext(env: ConsoleEnv, signal: AbortSignal): BrowserCciContext {
  let acceptedAtS: number | null = null;
  let waitFromS: number | null = null;
  return {
    get topology() {
      return env.topology();
    },
    nowS: () => env.clock().nowS,
    async apply(action) {
      throwIfAborted(signal);
      await env.refreshClock();
      const atS = env.clock().nowS;
      const result = await env.apply(action);
      if (result.ok && acceptedAtS === null) acceptedAtS = atS;
      return result;
    },
    async replication() {
      throwIfAborted(signal);
      return (await env.replication()) ?? EMPTY_REPLICATION;
    },
    backup: backupReader(env, signal),
    remote: remoteReader(env, signal),
    faults: faultsReader(env, signal),
    fabricOs: sharedFosSession,
    ...(env.setDesignZoning ? { setDesignZoning: (switchId: string, zoning: Zoning) => env.setDesignZoning!(switchId, zoning) } : {}),
    ...(env.setDesignLunSecurity ? { setDesignLunSecurity: (arrayId: string, hostGroups: HostGroup[], luPaths: LuPath[]) => env.setDesignLunSecurity!(arrayId, hostGroups, luPaths) } : {}),
    advance(seconds) {
      waitFromS ??= env.clock().nowS;
      return advance(env, seconds, signal);
    },
    acceptedAtS: () => acceptedAtS,
    waitedS: () => (waitFromS === null ? null : Math.max(0, env.clock().nowS - waitFromS)),
  };
}
