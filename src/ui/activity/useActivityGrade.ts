/**
 * The live grade of the loaded scenario's activity: re-graded from a fresh report about once a
 * second while the run plays (never per telemetry frame), once whenever a paused run settles at
 * a new time, and on demand (`checkNow`, the "Check results" button). A reset or reload
 * (new run generation) starts over at the ungraded state.
 *
 * Owns: when to ask the bridge for a report for grading, and dropping answers for an older
 * generation. Does not own the grading itself (grade.ts) nor the report's shape.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Activity } from '../../model/scenario.ts';
import { getBridge } from '../sim/bridge.ts';
import { useStore } from '../store/index.ts';
import { gradeActivity, ungraded, type ActivityGrade } from './grade.ts';

/** Wall-clock period of live grading while the run plays. */
const LIVE_PERIOD_MS = 1000;

const GRADED_STATES = new Set(['ready', 'paused', 'finished']);

export interface ActivityGradeState {
  grade: ActivityGrade;
  error: string | null;
  /** Grade now from a fresh report; resolves with the grade (null when no run is loaded). */
  checkNow(): Promise<ActivityGrade | null>;
}

export function useActivityGrade(activity: Activity): ActivityGradeState {
  const generation = useStore((s) => s.sim.generation);
  const runState = useStore((s) => s.sim.runState);
  const settledAt = useStore((s) => (GRADED_STATES.has(s.sim.runState) ? s.sim.nowS : null));
  const [state, setState] = useState<{ generation: number; grade: ActivityGrade; error: string | null }>(() => ({ generation, grade: ungraded(activity), error: null }));
  const inFlight = useRef(false);

  const checkNow = useCallback(async (): Promise<ActivityGrade | null> => {
    const gen = useStore.getState().sim.generation;
    try {
      const report = await getBridge().report();
      if (useStore.getState().sim.generation !== gen) return null;
      const grade = gradeActivity(report, activity);
      setState({ generation: gen, grade, error: null });
      return grade;
    } catch (err: unknown) {
      setState((s) => ({ ...s, error: err instanceof Error ? err.message : String(err) }));
      return null;
    }
  }, [activity]);

  const poll = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    void checkNow().finally(() => (inFlight.current = false));
  }, [checkNow]);

  useEffect(() => {
    if (runState !== 'playing') return;
    poll();
    const id = setInterval(poll, LIVE_PERIOD_MS);
    return () => clearInterval(id);
  }, [runState, poll]);

  useEffect(() => {
    if (settledAt !== null) poll();
  }, [settledAt, generation, poll]);

  // A new run (reset, reload) or a changed activity: start from the ungraded state.
  const current = state.generation === generation ? state.grade : ungraded(activity);
  const fresh = current.tasks.length === activity.tasks.length && current.tasks.every((t, i) => t.id === activity.tasks[i].id);
  return { grade: fresh ? current : ungraded(activity), error: state.error, checkNow };
}
