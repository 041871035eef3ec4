/**
 * The narration card, in the canvas's lower-left area: the note of every timeline entry the
 * run has reached, newest first, the current one highlighted, each with its time and action.
 *
 * Opens by itself when the run reaches the first note of a loaded document (not at load: while a
 * person designs, the canvas's corner stays free for drops); the × button or the strip's
 * Narration toggle collapses or opens it. It is narrow and scrolls inside a bounded height, so
 * the canvas stays usable beside it.
 *
 * Does not own: what "reached" means (timeline-model.ts), running the scenario (the strip).
 */
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from '../store/index.ts';
import { noteCount, reachedNotes } from './timeline-model.ts';
import { formatAt } from './TimelineTrack.tsx';
import { useMarkers, usePlayerUi, usePlayhead } from './usePlayer.ts';
import './player.css';

/** Opens the card when the run reaches its first note (again after a reset or a new load). */
function useOpenOnFirstNote(reached: number): void {
  const timeline = useStore((s) => s.scenario.timeline);
  const setOpen = usePlayerUi((s) => s.setNarrationOpen);
  const seen = useRef(0);
  useEffect(() => {
    seen.current = 0;
  }, [timeline]);
  useEffect(() => {
    if (reached > 0 && seen.current === 0 && noteCount(timeline) > 0) setOpen(true);
    seen.current = reached;
  }, [reached, timeline, setOpen]);
}

export function NarrationCard() {
  const open = usePlayerUi((s) => s.narrationOpen);
  const setOpen = usePlayerUi((s) => s.setNarrationOpen);
  const markers = useMarkers();
  const { nowS, started } = usePlayhead();
  const total = useMemo(() => markers.reduce((n, m) => n + m.entries.filter((e) => e.note).length, 0), [markers]);
  const notes = reachedNotes(markers, nowS, started);
  useOpenOnFirstNote(notes.length);
  if (!open) return null;
  return (
    <section className="player-narration" id="player-narration" aria-label="Narration">
      <header className="player-narration-head">
        <h2>Narration</h2>
        <span className="player-narration-count">
          {notes.length} of {total}
        </span>
        <button type="button" className="player-narration-close" aria-label="Collapse the narration" onClick={() => setOpen(false)}>
          ×
        </button>
      </header>
      {total === 0 ? (
        <p className="player-narration-empty">This scenario has no narration. Notes on timeline actions appear here as the run reaches them.</p>
      ) : notes.length === 0 ? (
        <p className="player-narration-empty">Press Play or Next action: each step’s narration appears here as the run reaches it.</p>
      ) : (
        <ol className="player-narration-list" aria-live="polite">
          {notes.map((n, i) => (
            <li key={n.index} className={i === 0 ? 'is-current' : undefined} aria-current={i === 0 ? 'step' : undefined}>
              <div className="player-narration-meta">
                <span className="player-narration-time">{formatAt(n.atS)}</span>
                <span className="player-narration-action">{n.description}</span>
              </div>
              <p className="player-narration-note">{n.note}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
