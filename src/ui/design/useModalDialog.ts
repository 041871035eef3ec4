/**
 * Drive a native <dialog> as a modal from React state: showModal() when `open` turns true (the
 * browser traps focus and moves it into the dialog), close() when false, and report Escape /
 * form-method-dialog closes back through `onClose`. Focus returns to the element that had it.
 */
import { useEffect, useRef } from 'react';

export function useModalDialog(open: boolean, onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      returnFocus.current = document.activeElement;
      d.showModal();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const handler = () => {
      onClose();
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    };
    d.addEventListener('close', handler);
    return () => d.removeEventListener('close', handler);
  }, [onClose]);
  return ref;
}
