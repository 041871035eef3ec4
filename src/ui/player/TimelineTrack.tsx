/**
 * The timeline track: a bar from 0 to the run's duration, one marker button per group of
 * timeline entries (coloured by family, dimmed once passed, staggered in two lanes where heads
 * would overlap; a marker whose time came from an event is drawn as a diamond), the clock as a
 * moving cursor, and a tooltip for the hovered or focused marker (time, each action's one-line
 * description, the event it waited for, its note).
 *
 * Keyboard: the markers are one tab stop (roving tabindex); ←/→ move between markers, Home/End
 * to the first/last, Enter or Space runs to the focused marker. Clicking runs to it too.
 *
 * Does not own: running (the parent's `onRun`), the narration (NarrationCard).
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { formatClock } from '../sim/RunControls.tsx';
import { FAMILY_LABEL } from './describe-action.ts';
import { assignLanes, isReached, type Marker } from './timeline-model.ts';

/** Closest two heads may sit in one lane: a head (14 px) plus its group-count badge. */
const HEAD_GAP_PX = 22;

/** `mm:ss`, with tenths only when the time is not a whole second. */
export function formatAt(atS: number): string {
  return formatClock(atS, Number.isInteger(atS) ? 0 : 1);
}

function markerLabel(m: Marker): string {
  const what = m.entries.map((e) => `${e.description}${e.trigger ? ` (${e.trigger})` : ''}`).join('; ');
  return `${formatAt(m.atS)}: ${what}${m.afterEnd ? ' (after the end of the run)' : ''}`;
}

function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(800);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

function MarkerTooltip({ marker }: { marker: Marker }) {
  return (
    <div className="player-tip" role="tooltip" id="player-tip" style={{ left: `${marker.fraction * 100}%`, transform: `translateX(-${marker.fraction * 100}%)` }}>
      <div className="player-tip-time">
        {formatAt(marker.atS)}
        {marker.afterEnd ? ' — after the end of the run' : ''}
      </div>
      {marker.entries.map((e) => (
        <div key={e.index} className="player-tip-entry">
          <div className="player-tip-action">
            <span className={`player-swatch fam-${e.family}`} title={FAMILY_LABEL[e.family]} aria-hidden="true" />
            {e.description}
          </div>
          {e.trigger ? <div className="player-tip-trigger">⚡ {e.trigger}</div> : null}
          {e.note ? <div className="player-tip-note">{e.note}</div> : null}
        </div>
      ))}
    </div>
  );
}

export interface TimelineTrackProps {
  markers: Marker[];
  durationS: number;
  nowS: number;
  started: boolean;
  disabled: boolean;
  onRun(atS: number): void;
}

export function TimelineTrack({ markers, durationS, nowS, started, disabled, onRun }: TimelineTrackProps) {
  const [trackRef, widthPx] = useWidth();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const [hover, setHover] = useState<number | null>(null);
  const [focus, setFocus] = useState<number | null>(null);
  const [tabStop, setTabStop] = useState(0);
  const lanes = assignLanes(
    markers.map((m) => m.fraction),
    widthPx,
    HEAD_GAP_PX,
  );
  const cursor = durationS > 0 ? Math.min(1, Math.max(0, nowS / durationS)) : 0;
  const shown = hover ?? focus;
  const stop = Math.min(tabStop, Math.max(0, markers.length - 1));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = focus ?? stop;
    const k = e.key;
    const next = k === 'ArrowRight' ? i + 1 : k === 'ArrowLeft' ? i - 1 : k === 'Home' ? 0 : k === 'End' ? markers.length - 1 : null;
    if (next === null || markers.length === 0) return;
    e.preventDefault();
    const j = Math.min(markers.length - 1, Math.max(0, next));
    setTabStop(j);
    buttons.current[j]?.focus();
  };

  return (
    <div className="player-track" ref={trackRef} role="toolbar" aria-label="Timeline markers" onKeyDown={onKeyDown}>
      <div className="player-rail" aria-hidden="true">
        <div className="player-rail-done" style={{ width: `${cursor * 100}%` }} />
      </div>
      {markers.map((m, i) => {
        const passed = isReached(m.atS, nowS, started);
        return (
          <button
            key={m.atS}
            ref={(el) => void (buttons.current[i] = el)}
            type="button"
            className={`player-marker fam-${m.family} lane-${lanes[i]}${passed ? ' is-passed' : ''}${m.afterEnd ? ' is-after-end' : ''}${m.triggered ? ' is-triggered' : ''}`}
            style={{ left: `${m.fraction * 100}%` }}
            tabIndex={i === stop ? 0 : -1}
            disabled={disabled}
            aria-label={markerLabel(m)}
            aria-describedby={shown === i ? 'player-tip' : undefined}
            data-at-s={m.atS}
            onClick={() => onRun(m.atS)}
            onMouseEnter={() => setHover(i)}
            onMouseLeave={() => setHover(null)}
            onFocus={() => {
              setFocus(i);
              setTabStop(i);
            }}
            onBlur={() => setFocus(null)}
          >
            {m.entries.length > 1 ? <span className="player-marker-count">{m.entries.length}</span> : null}
          </button>
        );
      })}
      <div className="player-cursor" style={{ left: `${cursor * 100}%` }} aria-hidden="true" />
      {shown !== null && markers[shown] ? <MarkerTooltip marker={markers[shown]} /> : null}
    </div>
  );
}
