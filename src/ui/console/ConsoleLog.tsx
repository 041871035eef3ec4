/**
 * The console's output: an `aria-live="polite"` log of text blocks in a monospace, whitespace-
 * preserving area (pairdisplay tables keep their columns). Everything is rendered as text —
 * command output can quote user input and file content, never HTML. Errors carry a ✖ mark and
 * a hidden "Error:" for screen readers, so colour is never the only cue; console notes read as
 * shell comments (`# …`). Clicking the log (without selecting text) puts the caret back in the
 * prompt.
 */
import { memo, type ReactNode } from 'react';
import { useConsole } from './console-store.ts';
import { formatSimTime, PROMPT, type Block } from './transcript.ts';
import { useStickToBottom } from './useStickToBottom.ts';

const BlockView = memo(function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'command':
      return (
        <div className="cci-block cci-command">
          <span className="cci-gutter" aria-hidden="true" />
          <span>
            <span className="cci-time">{formatSimTime(block.atS ?? 0)}</span> <span className="cci-ps">{block.prompt ?? PROMPT}</span>{' '}
            <span className="cci-cmd">{block.text}</span>
          </span>
        </div>
      );
    case 'stderr':
      return (
        <div className="cci-block cci-stderr">
          <span className="cci-gutter" aria-hidden="true">
            ✖
          </span>
          <span>
            <span className="sr-only">Error: </span>
            {block.text}
          </span>
        </div>
      );
    case 'info':
      return (
        <div className="cci-block cci-info">
          <span className="cci-gutter" aria-hidden="true">
            #
          </span>
          <span>{block.text}</span>
        </div>
      );
    default:
      return (
        <div className="cci-block cci-stdout">
          <span className="cci-gutter" aria-hidden="true" />
          <span>{block.text}</span>
        </div>
      );
  }
});

export function ConsoleLog({ onClickLog, placeholder }: { onClickLog: () => void; placeholder: ReactNode }) {
  const transcript = useConsole((s) => s.transcript);
  const { ref, onScroll } = useStickToBottom<HTMLDivElement>(transcript);
  const onMouseUp = () => {
    if ((window.getSelection()?.toString() ?? '') === '') onClickLog();
  };
  return (
    <div
      ref={ref}
      className="cci-log"
      role="log"
      aria-live="polite"
      aria-label="Console output"
      tabIndex={0}
      onScroll={onScroll}
      onMouseUp={onMouseUp}
      data-testid="cci-output"
    >
      {transcript.blocks.length === 0 ? <div className="cci-placeholder">{placeholder}</div> : null}
      {transcript.blocks.map((b) => (
        <BlockView key={b.id} block={b} />
      ))}
    </div>
  );
}
