/**
 * The canvas status line (role="status"): while a cable is being dragged, whether it may be
 * dropped on the port under the pointer and, if not, why; otherwise the last refusal or notice
 * from the design slice, or a hint for an empty canvas. Notices fade after NOTICE_MS; refusals
 * stay until the next action. With nothing to say the line is empty and out of the way.
 */
import { useEffect } from 'react';
import { useConnection } from '@xyflow/react';
import { useStore } from '../store/index.ts';
import { canConnect } from '../../model/connect-rules.ts';

const NOTICE_MS = 6000;

/** Clear a notice some seconds after it appeared (errors are left alone). */
function useNoticeTimeout(notice: string | null): void {
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => {
      if (useStore.getState().notice === notice) useStore.getState().setNotice(null);
    }, NOTICE_MS);
    return () => clearTimeout(t);
  }, [notice]);
}

function useDragMessage(): { text: string; tone: 'ok' | 'error' | 'info' } | null {
  const c = useConnection();
  const topology = useStore((s) => s.scenario.topology);
  if (!c.inProgress) return null;
  const from = { deviceId: c.fromHandle.nodeId, portId: c.fromHandle.id ?? '' };
  if (!c.toHandle) return { text: `Cabling from ${from.deviceId} ${from.portId}: drop on a free port of the same kind (FC blue, LAN green, WAN orange)`, tone: 'info' };
  const to = { deviceId: c.toHandle.nodeId, portId: c.toHandle.id ?? '' };
  const r = canConnect(topology, from, to);
  return r.ok
    ? { text: `Release to cable ${from.deviceId} ${from.portId} → ${to.deviceId} ${to.portId} (${r.kind.toUpperCase()})`, tone: 'ok' }
    : { text: `Not allowed: ${r.reason}`, tone: 'error' };
}

export function CanvasStatus() {
  const drag = useDragMessage();
  const lastError = useStore((s) => s.lastError);
  const notice = useStore((s) => s.notice);
  const empty = useStore((s) => s.scenario.topology.devices.length === 0);
  useNoticeTimeout(notice);
  const msg =
    drag ??
    (lastError ? { text: lastError, tone: 'error' as const } : null) ??
    (notice ? { text: notice, tone: 'info' as const } : null) ??
    (empty ? { text: 'Empty design: drag devices from the palette, then drag from port to port to cable them.', tone: 'info' as const } : null);
  return (
    <div className={`canvas-status tone-${msg?.tone ?? 'info'}${msg ? '' : ' is-empty'}`} role="status" aria-live="polite" data-testid="canvas-status">
      {msg?.text ?? ''}
    </div>
  );
}
