/**
 * One runbook as a stepper: its name, state and position ("step 3 of 12"), the step-mode flag,
 * the commands (Start, Pause, Resume, Step; the one the state suggests drawn as primary), the
 * engine's last answer, and the ordered steps — number, title, actor, state, start time and
 * duration, what the step changed ("DB/db PAIR → PSUS") and its refusal — with the current
 * step highlighted (aria-current="step") and scrolled into view when it changes.
 */
import { memo, useEffect, useRef } from 'react';
import type { RunbookStatus, RunbookStepStatus } from '../../engine/api.ts';
import { BackupPill } from './BackupPill.tsx';
import { RUNBOOK_TONE, STEP_TONE, formatSimS, formatSpan, stepDurationS, wallClockSeconds } from './backup-format.ts';
import { runRunbookCommand } from './run-runbook-command.ts';
import { RUNBOOK_VERBS, highlightedStep, positionText, runbookLine, suggestedVerb } from './runbook-view.ts';
import { useBackupUi } from './useBackupUi.ts';
import { useClockStart, useNowS } from './useBackup.ts';

function Controls({ rb }: { rb: RunbookStatus }) {
  const primary = suggestedVerb(rb.state);
  return (
    <div className="bk-actions" role="group" aria-label={`Commands for runbook ${rb.id}`}>
      {RUNBOOK_VERBS.map((v) => (
        <button
          key={v.verb}
          type="button"
          className={`btn btn-small${v.verb === primary ? ' btn-primary' : ''}`}
          title={`${v.summary}\n${runbookLine(v.verb, rb.id)}`}
          onClick={() => void runRunbookCommand(v.verb, rb.id)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}

function NoteLine({ id }: { id: string }) {
  const note = useBackupUi((s) => s.notes[id]);
  if (!note) return null;
  return (
    <p className={`pair-note tone-${note.tone}`} data-testid={`runbook-note-${id}`}>
      <span aria-hidden="true">{note.tone === 'ok' ? '✓ ' : '✗ '}</span>
      <code>{note.command}</code> <span>{note.text}</span>
    </p>
  );
}

/** A running step's duration so far (re-renders with the clock, so kept in its own leaf). */
function LiveSpan({ step }: { step: RunbookStepStatus }) {
  const nowS = useNowS();
  return <>{formatSpan(stepDurationS(step, nowS))}</>;
}

function StepTime({ step, clockStart }: { step: RunbookStepStatus; clockStart: string }) {
  if (step.startedS === null) return null;
  return (
    <span className="rb-step-time">
      started {formatSimS(step.startedS)} <span className="muted">({wallClockSeconds(clockStart, step.startedS)})</span> ·{' '}
      {step.endedS === null ? 'for ' : 'took '}
      {step.endedS === null ? <LiveSpan step={step} /> : formatSpan(step.endedS - step.startedS)}
    </span>
  );
}

const StepItem = memo(function StepItem({ step, current, clockStart }: { step: RunbookStepStatus; current: boolean; clockStart: string }) {
  const ref = useRef<HTMLLIElement>(null);
  // Keep the highlighted step in view as the runbook moves on (no scroll when it already shows).
  useEffect(() => {
    if (current) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  return (
    <li
      ref={ref}
      className={`rb-step state-${step.state}${current ? ' is-current' : ''}`}
      aria-current={current ? 'step' : undefined}
      data-step-n={step.n}
      data-step-state={step.state}
    >
      <div className="rb-step-head">
        <span className="rb-step-n mono">{step.n}</span>
        <span className="rb-step-title">{step.title}</span>
        {step.actor && <span className="rb-step-actor mono">{step.actor}</span>}
        <BackupPill tone={STEP_TONE[step.state]} moving={step.state === 'running'}>
          {step.state}
        </BackupPill>
      </div>
      <StepTime step={step} clockStart={clockStart} />
      {current && step.detail && <p className="rb-step-detail">{step.detail}</p>}
      {step.changes.length > 0 && (
        <ul className="rb-step-changes" aria-label={`Changes of step ${step.n}`}>
          {step.changes.map((c, i) => (
            <li key={i} className="mono">
              {c}
            </li>
          ))}
        </ul>
      )}
      {step.error && <p className="rb-step-error">✗ refused: {step.error}</p>}
    </li>
  );
});

export const RunbookCard = memo(function RunbookCard({ rb }: { rb: RunbookStatus }) {
  const clockStart = useClockStart();
  const highlighted = highlightedStep(rb);
  return (
    <section className="runbook" aria-label={`Runbook ${rb.name}`} data-runbook-id={rb.id} data-runbook-state={rb.state}>
      <div className="runbook-head">
        <h4 className="runbook-name">{rb.name}</h4>
        <BackupPill tone={RUNBOOK_TONE[rb.state]} moving={rb.state === 'running'}>
          {rb.state}
        </BackupPill>
        {rb.stepMode && <span className="bk-flag" data-testid={`step-mode-${rb.id}`}>step mode</span>}
        {rb.pauseBefore !== null && <span className="bk-flag">pauses before {rb.pauseBefore}</span>}
        <span className="runbook-pos muted" data-testid={`runbook-position-${rb.id}`}>
          {positionText(rb)}
        </span>
      </div>
      <Controls rb={rb} />
      <NoteLine id={rb.id} />
      <ol className="rb-steps" aria-label={`Steps of ${rb.name}`}>
        {rb.steps.map((s) => (
          <StepItem key={s.n} step={s} current={s.n === highlighted} clockStart={clockStart} />
        ))}
      </ol>
    </section>
  );
});
