/**
 * The console environment of the app: the worker bridge for engine calls (apply, replication,
 * backup status, step) and the store for the design's topology and the simulated clock. Reads
 * the design, never writes it.
 */
import type { RemoteStatus, BackupStatus, FaultStatus, ReplicationStatus } from '../../engine/api.ts';
import { getBridge } from '../sim/bridge.ts';
import { useStore } from '../store/index.ts';
import type { ConsoleEnv } from './cci-context.ts';

/** Pairs and pools now: the worker's `replication()`, else (older worker) its snapshot's. */
async function readReplication(): Promise<ReplicationStatus | null> {
  const bridge = getBridge();
  const loaded = await bridge.ready();
  if (!loaded.ok) return null;
  try {
    return await bridge.remote().replication();
  } catch {
    return (await bridge.snapshot()).replication ?? null;
  }
}

/** Libraries, jobs, catalog, runbooks, schedule now: the worker's `backup()`, else its snapshot's. */
async function readBackup(): Promise<BackupStatus | null> {
  const bridge = getBridge();
  const loaded = await bridge.ready();
  if (!loaded.ok) return null;
  try {
    return await bridge.remote().backup();
  } catch {
    return (await bridge.snapshot()).backup ?? null;
  }
}

/** WAN links, remote groups and journals now: the worker's `remote()`, else its snapshot's. */
async function readRemote(): Promise<RemoteStatus | null> {
  const bridge = getBridge();
  const loaded = await bridge.ready();
  if (!loaded.ok) return null;
  try {
    return await bridge.remote().remote();
  } catch {
    return (await bridge.snapshot()).remote ?? null;
  }
}

/** Active faults and every server's paths now: the worker's `faults()`. */
async function readFaults(): Promise<FaultStatus | null> {
  const bridge = getBridge();
  const loaded = await bridge.ready();
  if (!loaded.ok) return null;
  return bridge.remote().faults();
}

/** Whether the run has not started (idle, or ready at 00:00): only then may the console write the design. */
function beforeRun(): boolean {
  const { runState, nowS } = useStore.getState().sim;
  return runState === 'idle' || (runState === 'ready' && nowS === 0);
}

export function bridgeEnv(): ConsoleEnv {
  const bridge = getBridge();
  return {
    topology: () => useStore.getState().scenario.topology,
    clock: () => {
      const { nowS, endS, runState } = useStore.getState().sim;
      return { nowS, endS, runState };
    },
    watchClock: (listener) =>
      useStore.subscribe((s, prev) => {
        if (s.sim.nowS !== prev.sim.nowS || s.sim.runState !== prev.sim.runState) listener();
      }),
    apply: (action) => bridge.apply(action),
    replication: readReplication,
    backup: readBackup,
    remote: readRemote,
    faults: readFaults,
    // Writing the design reloads the run from 00:00: only before a run starts. During a run the
    // console's actions (setZoning, setHostGroup, setLuPath) change the running emulation instead.
    setDesignZoning: (switchId, zoning) => {
      if (!beforeRun()) return false;
      useStore.getState().updateTopology((t) => ({ ...t, devices: t.devices.map((d) => (d.kind === 'fcSwitch' && d.id === switchId ? { ...d, zoning } : d)) }));
      return true;
    },
    setDesignLunSecurity: (arrayId, hostGroups, luPaths) => {
      if (!beforeRun()) return false;
      useStore.getState().updateTopology((t) => ({ ...t, devices: t.devices.map((d) => (d.kind === 'array' && d.id === arrayId ? { ...d, hostGroups, luPaths } : d)) }));
      return true;
    },
    step: (seconds) => bridge.step(seconds),
    refreshClock: async () => void (await bridge.status()),
  };
}
