/**
 * Adds a device at the centre of the visible canvas (keyboard and click use of the palette),
 * moved to the nearest free slot of a grid around the centre so it never lands on top of another
 * device, then selects it.
 */
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStore } from '../store/index.ts';
import type { Device, DeviceKind } from '../../model/topology.ts';
import type { ServerClassName } from '../../model/factory.ts';

/** A typical node's footprint plus a margin; slots are this far apart. */
const SLOT = { w: 240, h: 130 };
const SEARCH_RINGS = 6;

function overlaps(devices: readonly Device[], x: number, y: number): boolean {
  return devices.some((d) => Math.abs(d.position.x - x) < SLOT.w && Math.abs(d.position.y - y) < SLOT.h);
}

/** Grid offsets ring by ring around (0, 0), nearest ring first. */
function* ringOffsets(): Generator<[number, number]> {
  yield [0, 0];
  for (let r = 1; r <= SEARCH_RINGS; r++) {
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) if (Math.max(Math.abs(dx), Math.abs(dy)) === r) yield [dx, dy];
    }
  }
}

export function freeSlotNear(devices: readonly Device[], x: number, y: number): { x: number; y: number } {
  for (const [dx, dy] of ringOffsets()) {
    const p = { x: Math.round(x + dx * SLOT.w), y: Math.round(y + dy * SLOT.h) };
    if (!overlaps(devices, p.x, p.y)) return p;
  }
  return { x: Math.round(x), y: Math.round(y) };
}

export function useAddAtViewportCentre(): (kind: DeviceKind, serverClass?: ServerClassName) => string {
  const { screenToFlowPosition } = useReactFlow();
  return useCallback(
    (kind, serverClass) => {
      const pane = document.querySelector('.canvas-region .react-flow');
      const r = pane?.getBoundingClientRect() ?? { left: 0, top: 0, width: window.innerWidth, height: window.innerHeight };
      const centre = screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      const state = useStore.getState();
      const p = freeSlotNear(state.scenario.topology.devices, centre.x - 100, centre.y - 45);
      return state.addDevice(kind, p, serverClass);
    },
    [screenToFlowPosition],
  );
}
