/**
 * App start-up, once per page: restore the autosaved design or load the built-in demo, start
 * the worker bridge (which loads the design into the worker), and install `window.sandbox`.
 * Idempotent, so React StrictMode's double effects start one worker, not two.
 */
import { useEffect } from 'react';
import { parseDocument } from '../model/parse.ts';
import { installSandboxApi } from './automation/sandbox-api.ts';
import { getBridge } from './sim/bridge.ts';
import { useStore } from './store/index.ts';

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

export function bootstrap(): void {
  if (started) return;
  started = true;
  if (!useStore.getState().restoreAutosave()) loadDemo();
  const bridge = getBridge();
  bridge.start();
  installSandboxApi(bridge);
}

export function useBootstrap(): void {
  useEffect(() => {
    bootstrap();
  }, []);
}
