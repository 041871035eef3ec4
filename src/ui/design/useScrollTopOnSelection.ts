/**
 * Scroll a panel back to its top whenever the selection changes, so a newly selected device's
 * inspector starts at its name, not wherever the previous one was scrolled to. Not while
 * `enabled` is false (the Monitor tab selects devices from its lists and keeps its place).
 */
import { useEffect, useRef } from 'react';
import { useStore } from '../store/index.ts';

export function useScrollTopOnSelection<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  const key = useStore((s) => `${s.selectedDeviceIds.join(',')}|${s.selectedLinkIds.join(',')}`);
  useEffect(() => {
    if (enabled) ref.current?.scrollTo({ top: 0 });
    // Only a new selection scrolls, not a change of `enabled`.
  }, [key]);
  return ref;
}
