/**
 * Add a WWPN to a host group: pick one of the document's HBA WWPNs from the suggestions or type
 * one. Validated with the model's WWPN format before it is added.
 */
import { useId, useState } from 'react';
import { Wwpn } from '../../model/topology.ts';
import { validateText } from './field-validation.ts';
import { FieldError } from './fields/FieldError.tsx';

interface Props {
  groupName: string;
  listId: string;
  existing: readonly string[];
  onAdd(wwpn: string): void;
}

export function WwpnAdder({ groupName, listId, existing, onAdd }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const add = () => {
    const r = validateText(text.toLowerCase(), Wwpn);
    if (!r.ok) return setError(r.message);
    if (existing.includes(r.value!)) return setError('already in this host group');
    setError(null);
    setText('');
    onAdd(r.value!);
  };
  return (
    <div className={`field wwpn-adder${error ? ' has-error' : ''}`}>
      <span className="field-control">
        <input
          type="text"
          list={listId}
          aria-label={`WWPN to add to ${groupName}`}
          placeholder="pick or type a WWPN"
          value={text}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <button type="button" className="btn btn-small" onClick={add}>
          Add WWPN
        </button>
      </span>
      <FieldError id={errorId} error={error} />
    </div>
  );
}
