/**
 * A labelled select whose choice commits at once (every option is a valid value). `error` shows
 * a message under it when the choice conflicts with another field (e.g. a copy group's S-VOL).
 */
import { useId } from 'react';
import { FieldError } from './FieldError.tsx';

export interface Option<T extends string> {
  value: T;
  label: string;
}

interface Props<T extends string> {
  label: string;
  value: T;
  options: readonly Option<T>[];
  onChange(value: T): void;
  compact?: boolean;
  /** Accessible name when it should say more than the visible label (e.g. which row). */
  accessibleName?: string;
  /** A cross-field message shown under the select (referenced by aria-describedby). */
  error?: string | null;
}

export function SelectField<T extends string>({ label, value, options, onChange, compact = false, accessibleName, error }: Props<T>) {
  const id = useId();
  const errorId = useId();
  const known = options.some((o) => o.value === value);
  return (
    <div className={`field${compact ? ' field-compact' : ''}${error ? ' has-error' : ''}`}>
      {!compact && <label htmlFor={id}>{label}</label>}
      <span className="field-control">
        <select
          id={id}
          aria-label={accessibleName ?? (compact ? label : undefined)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value as T)}
        >
          {!known && <option value={value}>{value} (missing)</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </span>
      <FieldError id={errorId} error={error} />
    </div>
  );
}
