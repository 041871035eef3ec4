/**
 * The engine worker's entry point: only the comlink glue. Everything it exposes is an
 * `EngineHost` driven by the worker's own clock and timers.
 *
 * A zero-delay schedule yields through a MessageChannel, not `setTimeout(0)`: nested timeouts
 * are clamped to ≥ 4 ms, which would idle a 'max' run ~20 % of the time between 15 ms slices.
 */
import { expose } from 'comlink';
import { createSimulation } from '../engine/index.ts';
import { EngineHost } from './engine-host.ts';

const yieldChannel = new MessageChannel();
const yielded: (() => void)[] = [];
yieldChannel.port1.onmessage = () => yielded.shift()?.();

expose(
  new EngineHost({
    createSimulation,
    now: () => performance.now(),
    schedule: (fn, ms) => {
      if (ms > 0) {
        setTimeout(fn, ms);
        return;
      }
      yielded.push(fn);
      yieldChannel.port2.postMessage(null);
    },
  }),
);
