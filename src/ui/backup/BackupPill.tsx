/**
 * Small shared pieces of the Backup tab: a state pill (the state's word on its tone's colour —
 * colour is never the only cue), a progress bar with its figures as text, and a sideways
 * scrolling box for tables wider than the panel.
 */
import type { ReactNode } from 'react';
import type { Tone } from './backup-format.ts';
import { formatFraction } from './backup-format.ts';

export function BackupPill({ tone, children, moving = false }: { tone: Tone; children: string; moving?: boolean }) {
  return <span className={`bk-pill tone-${tone}${moving ? ' is-moving' : ''}`}>{children}</span>;
}

/** A labelled progress bar (role progressbar, 0–100) with `text` beside it. */
export function ProgressBar({ fraction, label, text, tone = 'active' }: { fraction: number; label: string; text?: string; tone?: Tone }) {
  const pct = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="bk-progress">
      <div
        className={`bk-progress-bar tone-${tone}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={text ?? formatFraction(fraction)}
      >
        <div className="bk-progress-fill" style={{ width: `${Math.min(1, Math.max(0, fraction)) * 100}%` }} />
      </div>
      <span className="bk-progress-text">{text ?? formatFraction(fraction)}</span>
    </div>
  );
}

/** A box that scrolls sideways when its table is wider than the panel; focusable so keyboard users can scroll it. */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="bk-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
