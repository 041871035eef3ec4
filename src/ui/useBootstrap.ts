/**
 * App start-up, once per page: open a share link in the URL (share/open-shared.ts), else restore
 * the autosaved design or load the built-in demo; start the worker bridge (which loads the
 * design into the worker), and install `window.sandbox`.
 * Idempotent, so React StrictMode's double effects start one worker, not two.
 */
import { useEffect } from 'react';
import { parseDocument } from '../model/parse.ts';
import { installSandboxApi } from './automation/sandbox-api.ts';
import { getBridge } from './sim/bridge.ts';
import { useStore } from './store/index.ts';
import { installShareListeners, openSharedFragment } from './share/open-shared.ts';

// A glob, not a plain import: the app still builds (with an empty canvas) if the demo is absent.
const DEMOS = import.meta.glob<unknown>('../../scenarios/embodiment-1-online-backup.json', {
  eager: true,
  import: 'default',
});

let started = false;

/** Load the demo scenario into the design; false (and a console error) if it is missing or invalid. */
export function loadDemo(): boolean {
  const demo = Object.values(DEMOS)[0];
  if (demo === undefined) {
    console.error('SANdbox: the demo scenario is missing');
    return false;
  }
  const parsed = parseDocument(demo);
  if (!parsed.ok) {
    console.error('SANdbox: the demo scenario is invalid', parsed.errors);
    return false;
  }
  useStore.getState().loadScenario(parsed.scenario);
  return true;
}

function startBridge(): void {
  const bridge = getBridge();
  bridge.start();
  installSandboxApi(bridge);
}

function startDesign(): void {
  if (!useStore.getState().restoreAutosave()) loadDemo();
}

export function bootstrap(): void {
  if (started) return;
  started = true;
  installShareListeners();
  // A share link (#s=…) opens instead of the autosave or the demo; a bad one falls back to them.
  const shared = openSharedFragment(startDesign);
  if (shared === null) {
    startDesign();
    startBridge();
    return;
  }
  void shared.then(startBridge, (e: unknown) => {
    console.error('SANdbox: opening the share link failed', e);
    startDesign();
    startBridge();
  });
}

export function useBootstrap(): void {
  useEffect(() => {
    bootstrap();
  }, []);
}
