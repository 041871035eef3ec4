/**
 * The canvas node for every device kind: icon, name, kind summary, site badge (main / remote
 * tint), live IOPS, and one typed handle per port. Node `data` holds only the id; the device is
 * read from the store by a narrow selector, so a node re-renders only when its own device, its
 * cabling or its site changes — never on a telemetry frame (NodeIops handles that).
 *
 * An array that takes part in replication also lists its LDEVs with their pairs and its pool
 * gauges (ArrayReplication): the node grows downwards, never wider, so designs keep their spacing.
 * A tape or DVD-RAM library shows its drives busy and the running job's progress (LibraryBadge);
 * a WAN link shows whether it is up, its throughput and the batches in flight (WanBadge).
 * While a run reports a device failed or degraded (the monitoring console's health) the node is
 * tinted red or amber and labelled so; a management console opens the Monitor tab on double-click.
 * A pin at the top right (../layout/PinButton.tsx) pins the device so auto-layout never moves it.
 *
 * Zoomed out (styles.css, by the canvas's zoom-level class) the body is skipped and the large
 * `san-node-label` shows instead; the body keeps its last size, so the node never resizes.
 */
import { memo, useMemo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useStore } from '../store/index.ts';
import type { Site, Topology } from '../../model/topology.ts';
import { DeviceIcon, iconKey } from './icons.tsx';
import { deviceSummary, KIND_LABEL } from './device-labels.ts';
import { maxPortsOnHorizontalSide, placePorts } from './port-layout.ts';
import { PortHandles } from './PortHandles.tsx';
import { NodeIops } from './NodeIops.tsx';
import { useDevice } from './useDevice.ts';
import { cabledPortsOf } from './topology-memo.ts';
import { ArrayReplication } from '../replication/ArrayReplication.tsx';
import { arrayLayout } from '../replication/pair-layout.ts';
import { LibraryBadge } from '../backup/LibraryBadge.tsx';
import { WanBadge } from '../remote/WanBadge.tsx';
import { healthClass } from '../monitor/health-view.ts';
import { useDesignUi } from './useDesignUi.ts';
import { PinButton } from '../layout/PinButton.tsx';

const HANDLE_PITCH_PX = 13;
const MIN_WIDTH_PX = 200;

/** Double-click on a console device: the monitoring console's view (the Monitor tab). */
function openMonitor(): void {
  useDesignUi.getState().setSideTab('monitor');
}

function siteOf(t: Topology, siteId: string | undefined): Site | undefined {
  return t.sites.find((s) => s.id === siteId);
}

export const DeviceNode = memo(function DeviceNode({ id, selected }: NodeProps) {
  const device = useDevice(id);
  const site = useStore((s) => siteOf(s.scenario.topology, device?.siteId));
  const cabled = useStore((s) => cabledPortsOf(s.scenario.topology, id));
  const placements = useMemo(() => (device ? placePorts(device) : []), [device]);
  const replicates = useStore((s) => device?.kind === 'array' && arrayLayout(s.scenario.topology, id) !== null);
  const health = useStore((s) => s.sim.faults?.health[id]);
  if (!device) return null;
  const width = Math.max(MIN_WIDTH_PX, maxPortsOnHorizontalSide(placements) * HANDLE_PITCH_PX + 24);
  const siteKind = site?.kind ?? 'main';
  const serverClass = device.kind === 'server' ? device.serverClass : undefined;
  return (
    <div
      className={`san-node kind-${device.kind} site-${siteKind}${selected ? ' is-selected' : ''}${healthClass(health)}`}
      style={{ width }}
      data-device-id={device.id}
      data-health={health}
      onDoubleClick={device.kind === 'console' ? openMonitor : undefined}
      title={device.kind === 'console' ? 'Double-click to open the monitoring console (Monitor tab)' : undefined}
    >
      {(health === 'failed' || health === 'degraded') && <span className={`san-node-health is-${health}`}>{health}</span>}
      <div className="san-node-body">
        <div className="san-node-head">
          <span className="san-node-icon">
            <DeviceIcon icon={iconKey(device.kind, serverClass)} size={26} />
          </span>
          <span className="san-node-titles">
            <span className="san-node-name">{device.name}</span>
            <span className="san-node-kind">
              {KIND_LABEL[device.kind]} · {device.id}
            </span>
          </span>
        </div>
        <div className="san-node-meta">
          <span className="san-node-summary">{deviceSummary(device)}</span>
        </div>
        <div className="san-node-foot">
          <span className={`site-badge site-badge-${siteKind}`} title={`Site: ${site?.name ?? device.siteId}`}>
            {site?.name ?? device.siteId}
          </span>
          <NodeIops deviceId={device.id} always={device.kind === 'array'} />
        </div>
        {device.kind === 'array' && replicates && <ArrayReplication array={device} />}
        {(device.kind === 'tapeLibrary' || device.kind === 'dvdLibrary') && <LibraryBadge libraryId={device.id} driveCount={device.driveCount} />}
        {device.kind === 'wanLink' && <WanBadge wanLinkId={device.id} />}
      </div>
      <span className="san-node-label" aria-hidden="true">
        {device.name}
      </span>
      <PinButton deviceId={device.id} pinned={device.pinned ?? false} />
      <PortHandles placements={placements} cabled={cabled} />
    </div>
  );
});
