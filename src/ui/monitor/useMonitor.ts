/**
 * Narrow selectors over the sim slice's fault status and telemetry for the Monitor tab. The
 * status is shared structurally between batches (sim-slice `shareStructure`), so a list that
 * selects its own part (the alerts, the parity groups, the moves) re-renders only when that part
 * changed. The performance rows are rebuilt once per telemetry batch (the series ring and the run
 * totals publish a new wrapper per frame).
 */
import { useMemo } from 'react';
import type { AlertRecord, FaultStatus, ParityGroupHealth, VolumeMoveStatus } from '../../engine/api.ts';
import { latestValue } from '../store/sim-slice.ts';
import { useStore } from '../store/index.ts';
import { volumeMeans } from '../store/volume-totals.ts';
import { acksFor, type AckState } from './alert-view.ts';
import { consoleMonitoring } from './monitoring-edits.ts';
import { buildGroupRows, buildVolumeRows, type GroupRow, type VolumeRow } from './perf-table.ts';
import { useMonitorUi } from './useMonitorUi.ts';

const NO_ALERTS: readonly AlertRecord[] = [];
const NO_GROUPS: readonly ParityGroupHealth[] = [];
const NO_MOVES: readonly VolumeMoveStatus[] = [];

export function useFaults(): FaultStatus | null {
  return useStore((s) => s.sim.faults);
}

export function useAlerts(): readonly AlertRecord[] {
  return useStore((s) => s.sim.faults?.alerts ?? NO_ALERTS);
}

export function useParityGroups(): readonly ParityGroupHealth[] {
  return useStore((s) => s.sim.faults?.parityGroups ?? NO_GROUPS);
}

export function useMoves(): readonly VolumeMoveStatus[] {
  return useStore((s) => s.sim.faults?.moves ?? NO_MOVES);
}

/** The acknowledgements of the run on screen (none after a new load or reset). */
export function useAcks(): AckState {
  const acks = useMonitorUi((s) => s.acks);
  const generation = useStore((s) => s.sim.generation);
  return useMemo(() => acksFor(acks, generation), [acks, generation]);
}

/** The console's settings the engine applies (defaults when the console has none); null without a console. */
export function useConsoleMonitoring() {
  const devices = useStore((s) => s.scenario.topology.devices);
  return useMemo(() => consoleMonitoring({ devices }), [devices]);
}

export function useVolumeRows(): VolumeRow[] {
  const volumes = useStore((s) => s.sim.index.volumes);
  const ring = useStore((s) => s.sim.series);
  const totals = useStore((s) => s.sim.volumeTotals);
  const topology = useStore((s) => s.scenario.topology);
  const groups = useParityGroups();
  const moves = useMoves();
  return useMemo(
    () =>
      buildVolumeRows({
        topology,
        volumes,
        latest: (id) => ({
          readIops: latestValue(ring, id, 'readIops'),
          writeIops: latestValue(ring, id, 'writeIops'),
          cacheHitPct: latestValue(ring, id, 'cacheHitPct'),
          responseMs: latestValue(ring, id, 'responseMsMean'),
        }),
        means: (id) => volumeMeans(totals, id),
        groups,
        moves,
      }),
    [topology, volumes, ring, totals, groups, moves],
  );
}

export function useGroupRows(): GroupRow[] {
  const topology = useStore((s) => s.scenario.topology);
  const groups = useParityGroups();
  const moves = useMoves();
  const threshold = useConsoleMonitoring()?.monitoring.parityGroupUtilPct ?? 80;
  return useMemo(() => buildGroupRows(topology, groups, moves, threshold), [topology, groups, moves, threshold]);
}
