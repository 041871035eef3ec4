/**
 * Keyboard handling of the console prompt, as a shell does it: Enter runs the line, ↑/↓ walk
 * the history, Tab completes (on an empty line Tab moves focus, so the console never traps the
 * keyboard; Shift+Tab always does; switch-console operands come from fabric-os/completion.ts,
 * raidcom host group / LU path option values from cci/raidcom-lun-completion.ts,
 * remote-copy option values from cci/remote-completion.ts, `dlnkmgr view -hostname` from
 * cci/dlnkmgr-completion.ts, the rest from completion.ts), Ctrl+C stops a waiting command (or drops the line), Ctrl+L
 * clears, Escape empties the line.
 */
import type { KeyboardEvent } from 'react';
import { CCI_COMMANDS } from '../../cci/execute.ts';
import { completeDlnkmgrValue } from '../../cci/dlnkmgr-completion.ts';
import { completeLunValue } from '../../cci/raidcom-lun-completion.ts';
import { completeRemoteValue } from '../../cci/remote-completion.ts';
import { completeFosOperand } from '../../fabric-os/completion.ts';
import { sharedFosSession } from '../../fabric-os/session.ts';
import { useStore } from '../store/index.ts';
import { complete, completionSourcesOf, type CompletionSources } from './completion.ts';
import { useConsole } from './console-store.ts';
import { stopRunning, submitLine } from './console-session.ts';
import { historyDown, historyUp } from './history.ts';
import { CONSOLE_COMMANDS } from './run-line.ts';

export interface PromptValue {
  value: string;
  setValue(text: string, cursor?: number): void;
}

function completionSources(): CompletionSources {
  const { scenario, sim } = useStore.getState();
  return { commands: [...CCI_COMMANDS, ...CONSOLE_COMMANDS], ...completionSourcesOf(scenario.topology, sim.backup) };
}

function onTab(e: KeyboardEvent<HTMLInputElement>, prompt: PromptValue): void {
  if (e.shiftKey || prompt.value.trim().length === 0) return;
  e.preventDefault();
  const input = e.currentTarget;
  const cursor = input.selectionStart ?? prompt.value.length;
  // Switch-console operands (login <switch>, zone / alias / cfg names), then raidcom host group
  // and LU path values (-port, -host_grp_name, -ldev_id, -lun_id), then remote-copy option
  // values (paircreate -f / -jp / -js, raidvchkscan -v / -s, pairevtwait -s), then the rest.
  const topology = useStore.getState().scenario.topology;
  const c =
    completeFosOperand(prompt.value, cursor, topology, sharedFosSession) ??
    completeLunValue(prompt.value, cursor, topology) ??
    completeRemoteValue(prompt.value, cursor, topology) ??
    completeDlnkmgrValue(prompt.value, cursor, topology) ??
    complete(prompt.value, cursor, completionSources());
  if (c.text !== prompt.value) prompt.setValue(c.text, c.cursor);
  else if (c.candidates.length > 0) useConsole.getState().print([{ kind: 'info', text: c.candidates.join('  ') }]);
}

function onHistory(e: KeyboardEvent<HTMLInputElement>, prompt: PromptValue): void {
  e.preventDefault();
  const c = useConsole.getState();
  const move = e.key === 'ArrowUp' ? historyUp(c.history, prompt.value) : historyDown(c.history, prompt.value);
  c.setHistory(move.state);
  prompt.setValue(move.text);
}

function onCtrlC(e: KeyboardEvent<HTMLInputElement>, prompt: PromptValue): void {
  const input = e.currentTarget;
  if (stopRunning()) {
    e.preventDefault();
    return;
  }
  if (input.selectionStart !== input.selectionEnd) return; // copy the selection, as usual
  e.preventDefault();
  if (prompt.value.length > 0) useConsole.getState().print([{ kind: 'info', text: `${prompt.value} ^C` }]);
  prompt.setValue('');
}

/** The prompt's keydown handler. */
export function consoleKeyHandler(prompt: PromptValue) {
  return (e: KeyboardEvent<HTMLInputElement>) => {
    const ctrl = e.ctrlKey && !e.metaKey && !e.altKey;
    if (e.key === 'Enter') {
      e.preventDefault();
      const line = prompt.value;
      if (!useConsole.getState().running) prompt.setValue('');
      void submitLine(line);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') onHistory(e, prompt);
    else if (e.key === 'Tab') onTab(e, prompt);
    else if (ctrl && e.key.toLowerCase() === 'c') onCtrlC(e, prompt);
    else if (ctrl && e.key.toLowerCase() === 'l') {
      e.preventDefault();
      useConsole.getState().clear();
    } else if (e.key === 'Escape' && prompt.value.length > 0) {
      e.preventDefault();
      prompt.setValue('');
    }
  };
}
