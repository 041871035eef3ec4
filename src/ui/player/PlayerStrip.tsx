/**
 * The player strip under the header: "Next action ⏭", the timeline track of the loaded
 * scenario (markers, cursor), the time of the next action, how many entries wait on an event
 * that has not come, the Narration toggle and the Record control (RecordControl.tsx).
 *
 * Play, Pause, Step, Reset and Speed stay in RunControls (not duplicated here). Every run goes
 * through the worker bridge via player-actions.ts; while one is in flight the controls are
 * disabled so clicks do not queue up.
 */
import { memo, useState } from 'react';
import { getBridge } from '../sim/bridge.ts';
import { useStore } from '../store/index.ts';
import { runToTime, stepToNextAction } from './player-actions.ts';
import { nextMarker, noteCount, type MarkerEntry } from './timeline-model.ts';
import { RecordControl } from './RecordControl.tsx';
import { formatAt, TimelineTrack } from './TimelineTrack.tsx';
import { useMarkers, usePlayerUi, usePlayhead, useWaiting } from './usePlayer.ts';
import './player.css';

function NarrationToggle() {
  const timeline = useStore((s) => s.scenario.timeline);
  const open = usePlayerUi((s) => s.narrationOpen);
  const setOpen = usePlayerUi((s) => s.setNarrationOpen);
  const notes = noteCount(timeline);
  return (
    <button type="button" className="sim-btn player-narration-toggle" aria-pressed={open} aria-controls={open ? 'player-narration' : undefined} onClick={() => setOpen(!open)}>
      Narration{notes > 0 ? ` (${notes})` : ''}
    </button>
  );
}

/** Entries waiting `after` an event that has not come: a count, their triggers in the tooltip. */
function WaitingChip({ waiting }: { waiting: MarkerEntry[] }) {
  if (waiting.length === 0) return null;
  const list = waiting.map((e) => `${e.description} — ${e.trigger ?? ''}`).join('\n');
  return (
    <span className="player-waiting" data-testid="player-waiting" title={`Waiting on an event:\n${list}`} aria-label={`${waiting.length} waiting on an event: ${waiting.map((e) => `${e.description}, ${e.trigger ?? ''}`).join('; ')}`}>
      <svg className="sim-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 4.5V8l2.5 1.8" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      {waiting.length} waiting
    </span>
  );
}

export const PlayerStrip = memo(function PlayerStrip() {
  const markers = useMarkers();
  const waiting = useWaiting();
  const durationS = useStore((s) => s.scenario.durationS);
  const { nowS, started, loaded } = usePlayhead();
  const [busy, setBusy] = useState(false);
  const next = nextMarker(markers, nowS, started);
  const run = (go: () => Promise<unknown>) => {
    setBusy(true);
    void go().finally(() => setBusy(false));
  };
  return (
    <div className="player-strip" role="region" aria-label="Scenario timeline">
      <button
        type="button"
        className="sim-btn player-next"
        disabled={!loaded || busy || (next === null && waiting.length === 0)}
        title={
          next
            ? `Run to ${formatAt(next.atS)}: ${next.entries[0].description}${waiting.length > 0 ? ' (or to an action waiting on an event, if it comes first)' : ''}`
            : waiting.length > 0
              ? `Run until an action waiting on an event runs: ${waiting[0].description} (${waiting[0].trigger ?? ''})`
              : 'No timeline action is left'
        }
        onClick={() => run(() => stepToNextAction(getBridge()))}
      >
        <span>Next action</span>
        <svg className="sim-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M1.5 2.5v11l6-5.5zM7.5 2.5v11l6-5.5zM13.5 2.5h1.5v11h-1.5z" fill="currentColor" />
        </svg>
      </button>
      <span className="player-edge" aria-hidden="true">
        {formatAt(0)}
      </span>
      {markers.length > 0 || waiting.length > 0 ? (
        <TimelineTrack markers={markers} durationS={durationS} nowS={nowS} started={started} disabled={!loaded || busy} onRun={(atS) => run(() => runToTime(getBridge(), atS))} />
      ) : (
        <span className="player-empty">This scenario has no timeline actions.</span>
      )}
      <span className="player-edge" aria-hidden="true">
        {formatAt(durationS)}
      </span>
      <span className="player-next-at" data-testid="player-next-at">
        {next ? `next ${formatAt(next.atS)}` : waiting.length > 0 ? 'next: on an event' : markers.length > 0 ? 'no action left' : ''}
      </span>
      <WaitingChip waiting={waiting} />
      <NarrationToggle />
      <RecordControl />
    </div>
  );
});
