/**
 * Scroll a panel back to its top whenever the selection changes, so a newly selected device's
 * inspector starts at its name, not wherever the previous one was scrolled to.
 */
import { useEffect, useRef } from 'react';
import { useStore } from '../store/index.ts';

export function useScrollTopOnSelection<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const key = useStore((s) => `${s.selectedDeviceIds.join(',')}|${s.selectedLinkIds.join(',')}`);
  useEffect(() => {
    ref.current?.scrollTo({ top: 0 });
  }, [key]);
  return ref;
}
