/**
 * Which console's monitoring settings apply to a design: the first console device that has
 * `monitoring`, else the first console with the defaults of `Monitoring`; none without a
 * console (then no threshold is checked and no one is paged). The engine (alerts) and the
 * inspector and Monitor tab (what they show and edit) both use this one rule.
 *
 * Pure data: no engine, no UI.
 */
import { Monitoring } from './topology-monitoring.ts';
import type { DeviceOf, Topology } from './topology.ts';

export function effectiveMonitoring(topology: Pick<Topology, 'devices'>): { console: DeviceOf<'console'>; monitoring: Monitoring } | null {
  const consoles = topology.devices.filter((d): d is DeviceOf<'console'> => d.kind === 'console');
  const c = consoles.find((x) => x.monitoring !== undefined) ?? consoles[0];
  return c ? { console: c, monitoring: Monitoring.parse(c.monitoring ?? {}) } : null;
}
