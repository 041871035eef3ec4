/**
 * A validated text input (names, sizes in fio notation, WWPNs). Same edit cycle as NumberField:
 * commit on Enter or blur when valid, message beside the field otherwise, Escape reverts.
 */
import { useId } from 'react';
import type { ZodType } from 'zod';
import { validateText } from '../field-validation.ts';
import { useFieldDraft } from '../useFieldDraft.ts';
import { FieldError } from './FieldError.tsx';

interface Props {
  label: string;
  value: string | undefined;
  schema: ZodType;
  onCommit(value: string | undefined): void;
  optional?: boolean;
  compact?: boolean;
  /** Accessible name when it should say more than the visible label (e.g. which row). */
  accessibleName?: string;
  placeholder?: string;
  list?: string;
}

export function TextField({ label, value, schema, onCommit, optional = false, compact = false, accessibleName, placeholder, list }: Props) {
  const id = useId();
  const { inputProps, error, errorId } = useFieldDraft(value ?? '', (t) => validateText(t, schema, optional), onCommit);
  return (
    <div className={`field${compact ? ' field-compact' : ''}${error ? ' has-error' : ''}`}>
      {!compact && <label htmlFor={id}>{label}</label>}
      <span className="field-control">
        <input id={id} type="text" aria-label={accessibleName ?? (compact ? label : undefined)} placeholder={placeholder} list={list} spellCheck={false} {...inputProps} />
      </span>
      <FieldError id={errorId} error={error} />
    </div>
  );
}
