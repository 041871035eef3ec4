/**
 * One chart update per macrotask. A telemetry batch re-renders every live chart; drawn by
 * recharts each chart is 15–50 ms of React work that cannot be split (recharts
 * stores the data through an effect and re-renders its lines synchronously from its own redux
 * store), so instead of one long task per batch the charts take turns: each chart's update is
 * rendered and committed synchronously (`flushSync`, which also flushes recharts' effects and
 * its store-driven re-render) in its own task, and the browser may paint and handle input
 * between them. Updates are coalesced per chart: a chart that is still waiting gets the newest
 * value only.
 */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

const pending = new Map<object, () => void>();
let posted = false;
let channel: MessageChannel | null = null;

function runOne(): void {
  posted = false;
  const next = pending.entries().next();
  if (!next.done) {
    const [key, job] = next.value;
    pending.delete(key);
    job();
  }
  if (pending.size > 0) post();
}

function post(): void {
  if (posted) return;
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = runOne;
  }
  posted = true;
  channel.port2.postMessage(null);
}

/** `value`, but applied in a task of its own (one chart per task) when `enabled`. */
export function useStaggeredValue<T>(value: T, enabled: boolean): T {
  const [shown, setShown] = useState(value);
  const key = useRef({}).current;
  useEffect(() => {
    if (!enabled) return;
    pending.set(key, () => flushSync(() => setShown(value)));
    post();
    return () => void pending.delete(key);
  }, [value, enabled, key]);
  return enabled ? shown : value;
}
