/**
 * The edit cycle of one inspector field: a text draft that follows the document value, is
 * validated on Enter or blur, committed only when valid, reverted by Escape. An invalid draft
 * stays in the input with its message beside it, so nothing typed is silently lost.
 * `multiline` (a textarea): Enter makes a new line; only blur commits.
 */
import { useEffect, useId, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { Validated } from './field-validation.ts';

export function useFieldDraft<T>(shown: string, validate: (text: string) => Validated<T>, onCommit: (value: T) => void, opts: { multiline?: boolean } = {}) {
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  useEffect(() => {
    setText(shown);
    setError(null);
  }, [shown]);

  const commit = () => {
    if (text === shown) {
      setError(null);
      return;
    }
    const r = validate(text);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setError(null);
    onCommit(r.value);
  };

  const inputProps = {
    value: text,
    onChange: (e: { currentTarget: { value: string } }) => setText(e.currentTarget.value),
    onBlur: (_: FocusEvent) => commit(),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' && !opts.multiline) commit();
      if (e.key === 'Escape') {
        setText(shown);
        setError(null);
      }
    },
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
  };
  return { inputProps, error, errorId };
}
