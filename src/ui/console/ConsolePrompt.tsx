/**
 * The prompt line (`horcm0 $`, or `sw1:admin>` while logged in to a switch, and a labelled input) and, while a command runs, a status line
 * saying what it waits for and how much simulated time passed, with a Stop button (Ctrl+C).
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useStore } from '../store/index.ts';
import { useConsole } from './console-store.ts';
import { stopRunning } from './console-session.ts';
import { sharedFosSession } from '../../fabric-os/session.ts';
import { currentPrompt } from './transcript.ts';
import { consoleKeyHandler } from './console-keys.ts';

export const CONSOLE_INPUT_ID = 'cci-input';

function RunningLine() {
  const running = useConsole((s) => s.running);
  const nowS = useStore((s) => s.sim.nowS);
  const runState = useStore((s) => s.sim.runState);
  if (!running) return null;
  const waitedS = Math.max(0, nowS - running.startedAtS);
  const how = runState === 'playing' ? 'the run is playing' : 'stepping the paused run';
  return (
    <div className="cci-running" role="status">
      <span className="cci-spinner" aria-hidden="true" />
      <span className="cci-running-text">
        Running <code>{running.line}</code> — {waitedS.toFixed(1)} s of simulated time so far ({how})
      </span>
      <button type="button" className="btn btn-small" onClick={() => stopRunning()} title="Abandon the command (Ctrl+C)">
        Stop
      </button>
    </div>
  );
}

/**
 * The prompt sign. The Fabric OS session is a plain object that `login` / `logout` change while
 * a command runs: every finished command prints (or at least clears `running`), so the sign
 * re-reads the session then, and when the design changes (a switch renamed or deleted).
 */
function PromptSign() {
  useConsole((s) => s.transcript.nextId);
  useConsole((s) => s.running);
  const topology = useStore((s) => s.scenario.topology);
  return (
    <span className="cci-ps" aria-hidden="true" data-testid="cci-prompt">
      {currentPrompt(sharedFosSession, topology)}
    </span>
  );
}

export function ConsolePrompt({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const [value, setValueState] = useState('');
  const pendingCursor = useRef<number | null>(null);
  const setValue = (text: string, cursor?: number) => {
    setValueState(text);
    pendingCursor.current = cursor ?? text.length;
  };
  // The caret goes where a completion or a recalled line puts it as soon as React has rendered
  // the new value — before the next keystroke (not in a later frame, which let fast typing land
  // and then moved the caret back into the middle of it).
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (input && pendingCursor.current !== null) input.setSelectionRange(pendingCursor.current, pendingCursor.current);
    pendingCursor.current = null;
  });
  const onKeyDown = consoleKeyHandler({ value, setValue });
  return (
    <div className="cci-prompt-area">
      <RunningLine />
      <div className="cci-prompt-row">
        <PromptSign />
        <input
          ref={inputRef}
          id={CONSOLE_INPUT_ID}
          className="cci-input"
          type="text"
          aria-label="CCI command"
          aria-describedby="cci-keys"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValueState(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <p id="cci-keys" className="sr-only">
        Enter runs the command. Up and Down arrows recall earlier commands. Tab completes command names, options, group and device
        names; on an empty line Tab moves on. Control+C stops a waiting command. Type help for the list of commands.
      </p>
    </div>
  );
}
