/**
 * The design canvas: React Flow over the document. Nodes and edges are derived from the design
 * slice (useFlowNodes / useFlowEdges); every change goes back through slice actions, so the
 * document stays the single source of truth. Cables are checked with `canConnect` while being
 * dragged (the reason shows in the status line) and refused on drop when invalid. A right-click
 * on a device or cable opens its fault menu (../faults), and active faults show top-left.
 */
import { useCallback, useRef, type DragEvent } from 'react';
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type Node,
  type NodeChange,
  type NodeTypes,
  type EdgeTypes,
} from '@xyflow/react';
import { useStore } from '../store/index.ts';
import { canConnect } from '../../model/connect-rules.ts';
import { DEVICE_KINDS } from '../../model/topology.ts';
import { DeviceNode } from './DeviceNode.tsx';
import { SanEdge } from './SanEdge.tsx';
import { CanvasStatus } from './CanvasStatus.tsx';
import { DRAG_MIME, readDragPayload } from './palette-entries.ts';
import { movesOf, nextSelection } from './canvas-changes.ts';
import { useFlowNodes } from './useFlowNodes.ts';
import { useFlowEdges } from './useFlowEdges.ts';
import { useShortcuts } from './useShortcuts.ts';
import { useFitOnLoad } from './useFitOnLoad.ts';
import { useZoomLevel } from './useZoomLevel.ts';
import { useRasterAtZoom } from './useRasterAtZoom.ts';
import { PairEdge } from '../replication/PairEdge.tsx';
import { PairLegend } from '../replication/PairLegend.tsx';
import { FaultContextMenu } from '../faults/FaultContextMenu.tsx';
import { ActiveFaultsPanel } from '../faults/ActiveFaultsPanel.tsx';
import { onEdgeContextMenu, onNodeContextMenu } from '../faults/canvas-menu.ts';

/** Stable across renders (React Flow warns and re-mounts nodes otherwise). */
const NODE_TYPES: NodeTypes = Object.fromEntries(DEVICE_KINDS.map((k) => [k, DeviceNode]));
const EDGE_TYPES: EdgeTypes = { san: SanEdge, pair: PairEdge };
const MULTI_SELECT_KEYS = ['Control', 'Meta', 'Shift'];
const DROP_OFFSET = { x: 100, y: 32 };
const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1.1 };
const CONNECTION_LINE = { stroke: '#1d4ed8', strokeWidth: 2, strokeDasharray: '6 4' };

function endpoints(c: Connection | Edge) {
  return {
    a: { deviceId: c.source, portId: c.sourceHandle ?? '' },
    b: { deviceId: c.target, portId: c.targetHandle ?? '' },
  };
}

function isValidConnection(c: Connection | Edge): boolean {
  const { a, b } = endpoints(c);
  return canConnect(useStore.getState().scenario.topology, a, b).ok;
}

function onConnect(c: Connection): void {
  const { a, b } = endpoints(c);
  useStore.getState().connect(a, b);
}

/** A cable dropped on a port that refused it: keep the reason on the status line. */
function onConnectEnd(_: MouseEvent | TouchEvent, state: FinalConnectionState): void {
  if (!state.fromHandle || !state.toHandle || state.isValid) return;
  const from = { deviceId: state.fromHandle.nodeId, portId: state.fromHandle.id ?? '' };
  const to = { deviceId: state.toHandle.nodeId, portId: state.toHandle.id ?? '' };
  const r = canConnect(useStore.getState().scenario.topology, from, to);
  if (!r.ok) useStore.getState().setError(`Cannot connect: ${r.reason}`);
}

function onEdgesChange(changes: EdgeChange[]): void {
  const s = useStore.getState();
  const links = nextSelection(changes, s.selectedLinkIds);
  if (links) s.select(s.selectedDeviceIds, links);
}

function onDragOver(e: DragEvent): void {
  if (!e.dataTransfer.types.includes(DRAG_MIME)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
}

export function Canvas() {
  const { nodes, applyDimensions } = useFlowNodes();
  const edges = useFlowEdges();
  const { screenToFlowPosition } = useReactFlow();
  useShortcuts();
  useFitOnLoad();
  const zoomLevel = useZoomLevel();
  const hasPairs = useStore((s) => (s.scenario.topology.copyGroups ?? []).length > 0);
  const container = useRef<HTMLDivElement>(null);
  useRasterAtZoom(container);

  const onNodesChange = useCallback(
    (changes: NodeChange<Node>[]) => {
      applyDimensions(changes);
      const s = useStore.getState();
      const move = movesOf(changes);
      if (move) s.moveDevices(move.moves, move.phase);
      const devices = nextSelection(changes, s.selectedDeviceIds);
      if (devices) s.select(devices, useStore.getState().selectedLinkIds);
    },
    [applyDimensions],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const payload = readDragPayload(e.dataTransfer.getData(DRAG_MIME));
      if (!payload) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      useStore.getState().addDevice(payload.kind, { x: p.x - DROP_OFFSET.x, y: p.y - DROP_OFFSET.y }, payload.serverClass);
    },
    [screenToFlowPosition],
  );

  return (
    <div ref={container} className={`canvas zoom-${zoomLevel}`} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onNodeContextMenu={onNodeContextMenu}
        onEdgeContextMenu={onEdgeContextMenu}
        isValidConnection={isValidConnection}
        connectionMode={ConnectionMode.Loose}
        connectionRadius={24}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        minZoom={0.15}
        maxZoom={2.5}
        fitView
        connectionLineStyle={CONNECTION_LINE}
        fitViewOptions={FIT_VIEW_OPTIONS}
      >
        <Background gap={20} size={1.2} color="#cbd5e1" />
        <MiniMap pannable zoomable style={MINIMAP_SIZE} nodeStrokeWidth={3} ariaLabel="Mini map of the design" nodeColor={miniMapColour} />
        <Controls aria-label="Zoom and fit controls" />
        <Panel position="top-left">
          <ActiveFaultsPanel />
        </Panel>
        {hasPairs && (
          <Panel position="top-right">
            <PairLegend compact />
          </Panel>
        )}
      </ReactFlow>
      <CanvasStatus />
      <FaultContextMenu />
    </div>
  );
}

const MINIMAP_SIZE = { width: 168, height: 112 };

const MINIMAP_COLOUR: Record<string, string> = {
  server: '#475569',
  array: '#2563eb',
  fcSwitch: '#0f766e',
  wanLink: '#c2410c',
};

function miniMapColour(n: Node): string {
  return MINIMAP_COLOUR[n.type ?? ''] ?? '#94a3b8';
}
