/**
 * A validated number input. Validates with the model's zod schema for the field; shows the
 * message beside the field and does not commit an invalid value. `compact` hides the visible
 * label (table cells) but keeps it as the accessible name.
 */
import { useId } from 'react';
import type { ZodType } from 'zod';
import { validateNumber } from '../field-validation.ts';
import { useFieldDraft } from '../useFieldDraft.ts';
import { FieldError } from './FieldError.tsx';

interface Props {
  label: string;
  value: number | undefined;
  schema: ZodType;
  onCommit(value: number | undefined): void;
  optional?: boolean;
  unit?: string;
  compact?: boolean;
  /** Accessible name when it should say more than the visible label (e.g. which row). */
  accessibleName?: string;
  placeholder?: string;
}

export function NumberField({ label, value, schema, onCommit, optional = false, unit, compact = false, accessibleName, placeholder }: Props) {
  const id = useId();
  const { inputProps, error, errorId } = useFieldDraft(value === undefined ? '' : String(value), (t) => validateNumber(t, schema, optional), onCommit);
  return (
    <div className={`field${compact ? ' field-compact' : ''}${error ? ' has-error' : ''}`}>
      {!compact && <label htmlFor={id}>{label}</label>}
      <span className="field-control">
        <input id={id} type="text" inputMode="decimal" aria-label={accessibleName ?? (compact ? label : undefined)} placeholder={placeholder} {...inputProps} />
        {unit && <span className="field-unit">{unit}</span>}
      </span>
      <FieldError id={errorId} error={error} />
    </div>
  );
}
