/**
 * The bottom dock: tabs "Charts" (the default, as before the console existed), "Console"
 * (the CCI console) and "Events" (the run's event log, events/EventLogPanel.tsx). WAI-ARIA tabs: arrow keys, Home and End move between them. The Console tab
 * says when a command is waiting or a recording is on, so neither goes unnoticed while the
 * charts show. The inactive panel is unmounted; the console's session lives in its store.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { ChartsPanel } from '../sim/ChartsPanel.tsx';
import { ConsolePanel } from './ConsolePanel.tsx';
import { EventLogPanel } from '../events/EventLogPanel.tsx';
import '../events/events.css';
import { useConsole } from './console-store.ts';
import { CONSOLE_INPUT_ID } from './ConsolePrompt.tsx';

type DockTab = 'charts' | 'console' | 'events';

const TABS: { id: DockTab; label: string }[] = [
  { id: 'charts', label: 'Charts' },
  { id: 'console', label: 'Console' },
  { id: 'events', label: 'Events' },
];

function ConsoleTabBadge() {
  const running = useConsole((s) => s.running !== null);
  const recording = useConsole((s) => s.recording);
  if (!running && !recording) return null;
  return (
    <span className="dock-badges">
      {recording ? <span className="dock-badge dock-badge-rec">REC</span> : null}
      {running ? <span className="dock-badge">running</span> : null}
    </span>
  );
}

export function BottomDock() {
  const [tab, setTab] = useState<DockTab>('charts');
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const select = (id: DockTab) => {
    setTab(id);
    if (id === 'console') requestAnimationFrame(() => document.getElementById(CONSOLE_INPUT_ID)?.focus());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const k = e.key;
    const next = k === 'ArrowRight' ? i + 1 : k === 'ArrowLeft' ? i - 1 : k === 'Home' ? 0 : k === 'End' ? TABS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const target = TABS[(next + TABS.length) % TABS.length];
    setTab(target.id);
    refs.current[target.id]?.focus();
  };
  return (
    <div className="dock">
      <div className="dock-tabs" role="tablist" aria-label="Bottom panel" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => void (refs.current[t.id] = el)}
            type="button"
            role="tab"
            id={`dock-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`dock-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="dock-tab"
            onClick={() => select(t.id)}
          >
            {t.label}
            {t.id === 'console' ? <ConsoleTabBadge /> : null}
          </button>
        ))}
      </div>
      <div className="dock-panel" role="tabpanel" id={`dock-panel-${tab}`} aria-labelledby={`dock-tab-${tab}`}>
        {tab === 'charts' ? <ChartsPanel /> : tab === 'console' ? <ConsolePanel /> : <EventLogPanel />}
      </div>
    </div>
  );
}
