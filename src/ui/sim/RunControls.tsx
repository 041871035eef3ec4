/**
 * Run controls in the header: Play, Pause, Step (one simulated second), Reset, Faults… (inject
 * or repair a fault: ../faults), the speed, the simulated clock and the run state. Reads only `sim` through narrow selectors; every action
 * goes through the worker bridge.
 */
import { memo } from 'react';
import { useStore } from '../store/index.ts';
import type { RunState, Speed } from '../store/sim-types.ts';
import { getBridge } from './bridge.ts';
import { FaultsButton } from '../faults/FaultsButton.tsx';
import './sim.css';

const SPEED_OPTIONS: { value: Speed; label: string }[] = [
  { value: 1, label: '×1' },
  { value: 10, label: '×10' },
  { value: 100, label: '×100' },
  { value: 1000, label: '×1000' },
  { value: 'max', label: 'As fast as possible' },
];

const RUN_STATE_LABEL: Record<RunState, string> = {
  idle: 'Idle',
  loading: 'Loading…',
  ready: 'Ready',
  playing: 'Running',
  paused: 'Paused',
  finished: 'Finished',
  error: 'Error',
};

/** `mm:ss.s` (minutes may exceed 59 for long runs). */
export function formatClock(seconds: number, decimals = 1): string {
  const s = Math.max(0, seconds);
  const minutes = Math.floor(s / 60);
  const rest = s - minutes * 60;
  const secText = decimals > 0 ? rest.toFixed(decimals).padStart(3 + decimals, '0') : String(Math.floor(rest)).padStart(2, '0');
  return `${String(minutes).padStart(2, '0')}:${secText}`;
}

const Icon = ({ d }: { d: string }) => (
  <svg className="sim-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
    <path d={d} fill="currentColor" />
  </svg>
);
const ICON_PLAY = 'M4 2.5v11l9-5.5z';
const ICON_PAUSE = 'M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z';
const ICON_STEP = 'M2.5 2.5v11l7.5-5.5zM11 2.5h2.5v11H11z';
const ICON_RESET = 'M8 2.5a5.5 5.5 0 1 1-5.2 3.7l1.5.5A4 4 0 1 0 8 4v2L4.5 3.25 8 .5z';

function SimClock() {
  const nowS = useStore((s) => s.sim.nowS);
  const endS = useStore((s) => s.sim.endS);
  return (
    <span className="sim-clock" role="timer" aria-label="Simulated time" aria-live="off">
      {formatClock(nowS)} / {formatClock(endS, 0)}
    </span>
  );
}

function SpeedSelect() {
  const speed = useStore((s) => s.sim.speed);
  return (
    <label className="sim-speed">
      <span>Speed</span>
      <select
        value={String(speed)}
        onChange={(e) => {
          const v = e.target.value;
          void getBridge().setSpeed(v === 'max' ? 'max' : (Number(v) as Speed));
        }}
      >
        {SPEED_OPTIONS.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export const RunControls = memo(function RunControls() {
  const runState = useStore((s) => s.sim.runState);
  const error = useStore((s) => s.sim.error);
  const loaded = runState !== 'idle' && runState !== 'loading' && runState !== 'error';
  const canAdvance = loaded && runState !== 'finished';
  const bridge = getBridge();
  return (
    <div className="sim-controls" role="group" aria-label="Run controls">
      <button
        type="button"
        className="sim-btn sim-btn-primary"
        disabled={!canAdvance || runState === 'playing'}
        onClick={() => void bridge.play()}
      >
        <Icon d={ICON_PLAY} />
        <span>Play</span>
      </button>
      <button type="button" className="sim-btn" disabled={runState !== 'playing'} onClick={() => void bridge.pause()}>
        <Icon d={ICON_PAUSE} />
        <span>Pause</span>
      </button>
      <button type="button" className="sim-btn" disabled={!canAdvance} onClick={() => void bridge.step(1)} title="Advance one simulated second">
        <Icon d={ICON_STEP} />
        <span>Step</span>
      </button>
      <button type="button" className="sim-btn" disabled={!loaded} onClick={() => void bridge.reset()} title="Back to 00:00 with the same design and seed">
        <Icon d={ICON_RESET} />
        <span>Reset</span>
      </button>
      <FaultsButton />
      <SpeedSelect />
      <SimClock />
      <span className={`sim-state sim-state-${runState}`} title={error ?? undefined}>
        {RUN_STATE_LABEL[runState]}
      </span>
    </div>
  );
});
