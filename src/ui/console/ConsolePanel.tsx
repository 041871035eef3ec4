/**
 * The CCI console: a terminal-like panel where trainers type CCI commands (paircreate,
 * pairsplit, pairdisplay -fc, pairevtwait, raidcom get pool …) against the running emulation.
 * Toolbar (recording, horcm.conf import, cfgshow paste), a banner when there is nothing to
 * address, the output log, and the prompt. Commands run through `runCci` (src/cci) over the worker bridge
 * (console-session.ts); the session outlives the panel (console-store.ts).
 */
import { useCallback, useRef, useState } from 'react';
import { CfgshowImportDialog } from './CfgshowImportDialog.tsx';
import { useConsole } from './console-store.ts';
import { ConsoleBanner, ConsolePlaceholder } from './ConsoleGuide.tsx';
import { ConsoleLog } from './ConsoleLog.tsx';
import { ConsolePrompt } from './ConsolePrompt.tsx';
import { ConsoleToolbar } from './ConsoleToolbar.tsx';
import { HorcmImportDialog } from './HorcmImportDialog.tsx';
import './console.css';

export function ConsolePanel() {
  const inputRef = useRef<HTMLInputElement>(null);
  const tall = useConsole((s) => s.tall);
  const [cfgshowOpen, setCfgshowOpen] = useState(false);
  const closeCfgshow = useCallback(() => setCfgshowOpen(false), []);
  return (
    <section className={`cci-console${tall ? ' is-tall' : ''}`} aria-label="CCI console">
      <ConsoleToolbar onPasteCfgshow={() => setCfgshowOpen(true)} />
      <ConsoleBanner />
      <ConsoleLog onClickLog={() => inputRef.current?.focus()} placeholder={<ConsolePlaceholder />} />
      <ConsolePrompt inputRef={inputRef} />
      <HorcmImportDialog />
      <CfgshowImportDialog open={cfgshowOpen} onClose={closeCfgshow} />
    </section>
  );
}
