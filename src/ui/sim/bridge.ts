/**
 * The single bridge between the UI and the engine worker (squoosh's worker bridge).
 *
 * Owns the worker's lifetime, the comlink proxy, and the rule that a run always matches the
 * design on the canvas: whenever the design's `revision` changes, the bridge reloads the
 * worker (debounced ~200 ms), which resets the run. It reads the design, never writes it; it
 * routes telemetry batches into the sim slice only, so sim output never reaches the design or
 * its undo history.
 *
 * A change that only moves devices (positions) keeps the run: the engine never sees positions.
 * Every action first waits for a pending reload, so `play` after an edit plays the edited
 * design. Calls to the worker are ordered by comlink's single port.
 */
import { transfer, wrap, type Remote } from 'comlink';
import type { CommandResult, EngineCommand, EngineSnapshot, PairBitmap, ReplicationStatus, Report } from '../../engine/api.ts';
import type { Scenario } from '../../model/scenario.ts';
import type { EngineApi, HostStatus, LoadResult, TelemetryMessage } from '../../worker/engine-api.ts';
import { useStore } from '../store/index.ts';
import type { Speed } from '../store/sim-types.ts';

/** Quiet time after the last design edit before the worker reloads. */
export const RELOAD_DEBOUNCE_MS = 200;

export class SimBridge {
  private worker: Worker | null = null;
  private api: Remote<EngineApi> | null = null;
  private unsubscribeStore: (() => void) | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private loading: Promise<LoadResult> = Promise.resolve({ ok: true });
  private loadedRevision = -1;
  private loadedKey = '';

  /** Create the worker and load the current design. Idempotent. */
  start(): void {
    if (this.worker) return;
    this.worker = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('error', (e) => this.sim().setSimError(`engine worker failed: ${e.message}`));
    this.api = wrap<EngineApi>(this.worker);
    // Telemetry gets its own port: raw transferable batches, no comlink round trip per batch.
    const channel = new MessageChannel();
    channel.port1.onmessage = (e: MessageEvent<TelemetryMessage>) => this.sim().simTelemetry(e.data);
    void this.api.subscribe(transfer(channel.port2, [channel.port2]));
    this.unsubscribeStore = useStore.subscribe((state, prev) => {
      if (state.revision !== prev.revision && state.revision !== this.loadedRevision) this.scheduleReload();
    });
    void this.loadNow();
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.unsubscribeStore?.();
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }

  /** Load the design's current document into the worker now (cancels a pending reload). */
  loadNow(): Promise<LoadResult> {
    this.cancelReload();
    const api = this.remote();
    const { scenario, revision } = useStore.getState();
    this.loadedRevision = revision;
    this.loadedKey = runKey(scenario);
    this.sim().simLoading(scenario);
    this.loading = api.load(scenario).then(
      (result) => {
        if (!result.ok) this.sim().setSimError(result.message ?? 'the scenario could not be compiled');
        return result;
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        this.sim().setSimError(message);
        return { ok: false, message };
      },
    );
    return this.loading;
  }

  /** Resolves when no reload is pending and the last load finished. */
  async ready(): Promise<LoadResult> {
    if (this.reloadTimer) return this.reloadIfChanged();
    return this.loading;
  }

  async play(speed?: Speed): Promise<void> {
    if (speed !== undefined) this.sim().setSpeed(speed);
    await this.ready();
    await this.remote().play(useStore.getState().sim.speed);
  }

  async pause(): Promise<void> {
    await this.ready();
    await this.remote().pause();
  }

  async step(seconds = 1): Promise<void> {
    await this.ready();
    await this.remote().step(seconds);
  }

  async reset(): Promise<void> {
    await this.ready();
    await this.remote().reset();
  }

  /** Change speed; a running play continues at the new speed from the current instant. */
  async setSpeed(speed: Speed): Promise<void> {
    this.sim().setSpeed(speed);
    if (useStore.getState().sim.runState === 'playing') await this.play(speed);
  }

  async runUntil(seconds: number): Promise<Report> {
    await this.ready();
    const report = await this.remote().runUntil(seconds);
    this.sim().setLastReport(report);
    return report;
  }

  /** Run until the next timeline entry has run (at a time or after an event), or to `limitS`; paused after. */
  async runToNextAction(limitS: number): Promise<boolean> {
    await this.ready();
    return this.remote().runToNextAction(limitS);
  }

  async report(): Promise<Report> {
    await this.ready();
    const report = await this.remote().report();
    this.sim().setLastReport(report);
    return report;
  }

  /** The engine's state as of the current simulated time (a structured-cloned copy). */
  async snapshot(): Promise<EngineSnapshot> {
    await this.ready();
    return this.remote().snapshot();
  }

  async apply(cmd: EngineCommand): Promise<CommandResult> {
    await this.ready();
    return this.remote().apply(cmd);
  }

  /** Pairs and pools now (null when nothing is loaded); telemetry also brings them ~4×/s. */
  async replication(): Promise<ReplicationStatus | null> {
    await this.ready();
    return this.remote().replication();
  }

  /** A pair's bitmap folded into at most `cells` cells (the bitmap view), or null for an unknown key. */
  async pairBitmap(key: string, cells: number): Promise<PairBitmap | null> {
    await this.ready();
    return this.remote().pairBitmap(key, cells);
  }

  async status(): Promise<HostStatus> {
    await this.ready();
    const status = await this.remote().status();
    this.sim().simStatus(status);
    return status;
  }

  /** The comlink proxy (for the bench helpers of `window.sandbox`). */
  remote(): Remote<EngineApi> {
    if (!this.api) this.start();
    return this.api!;
  }

  private scheduleReload(): void {
    this.cancelReload();
    this.reloadTimer = setTimeout(() => void this.reloadIfChanged(), RELOAD_DEBOUNCE_MS);
  }

  /** Reload unless only positions changed (moving devices changes nothing the engine sees). */
  private reloadIfChanged(): Promise<LoadResult> {
    this.cancelReload();
    const { scenario, revision } = useStore.getState();
    if (runKey(scenario) !== this.loadedKey) return this.loadNow();
    this.loadedRevision = revision;
    return this.loading;
  }

  private cancelReload(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = null;
  }

  private sim() {
    return useStore.getState().simActions;
  }
}

/** What the engine compiles: the document without canvas positions. */
function runKey(scenario: Scenario): string {
  // Where a device sits and whether it is pinned (auto-layout) are the canvas's, never the run's.
  return JSON.stringify(scenario, (key, value: unknown) => (key === 'position' || key === 'pinned' ? undefined : value));
}

let instance: SimBridge | null = null;

/** The app's one bridge (created lazily; the worker starts on `start()`). */
export function getBridge(): SimBridge {
  if (!instance) instance = new SimBridge();
  return instance;
}
