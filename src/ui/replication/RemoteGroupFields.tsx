/**
 * The group-level fields of a remote copy group in the copy groups editor: for remote-sync the
 * fence level with a line saying what it does; for remote-async the consistency group, the
 * master journal (journals of the P-VOLs' array), the restore journal (journals of the S-VOLs'
 * array) and the optional target library (libraries in another site); for both the WAN link
 * (default automatic: the one that joins the two arrays). Messages from the model's remote rules
 * show under each field. Each change is one undoable edit.
 */
import { CopyGroup, type Topology } from '../../model/topology.ts';
import { NumberField } from '../design/fields/NumberField.tsx';
import { SelectField } from '../design/fields/SelectField.tsx';
import { FENCE_HELP, FENCE_OPTIONS, journalChoices, libraryChoices, pvolArray, svolArray, wanChoices, type Fence, type RemoteGroupIssues } from './remote-group-edits.ts';

const AUTOMATIC = '';
const NONE = '';
const CTG_SCHEMA = CopyGroup.shape.consistencyGroup.unwrap();

interface Props {
  topology: Topology;
  group: CopyGroup;
  issues: RemoteGroupIssues;
  warnings: readonly string[];
  set(fn: (g: CopyGroup) => CopyGroup): void;
}

/** `{ ...g, [key]: value }`, with the key removed when the value is undefined (an optional field cleared). */
function withField<K extends keyof CopyGroup>(g: CopyGroup, key: K, value: CopyGroup[K] | undefined): CopyGroup {
  const next = { ...g, [key]: value };
  if (value === undefined) delete next[key];
  return next;
}

interface JournalSelectProps {
  label: string;
  accessibleName: string;
  arrayName: string | undefined;
  options: { value: string; label: string }[];
  value: number;
  onChange(v: number): void;
  error?: string;
}

function JournalSelect({ label, accessibleName, arrayName, options, value, onChange, error }: JournalSelectProps) {
  const hint = options.length === 0 ? `${arrayName ?? 'The array'} has no journal: add one in its inspector (Journals).` : undefined;
  return <SelectField label={label} accessibleName={accessibleName} value={String(value)} options={options} onChange={(v) => onChange(Number(v))} error={error ?? hint} />;
}

function AsyncFields({ topology, group, issues, set }: Props) {
  const pArray = pvolArray(topology, group);
  const sArray = svolArray(topology, group);
  const libraries = [{ value: NONE, label: '— none —' }, ...libraryChoices(topology, group)];
  return (
    <>
      <div className="field-row">
        <NumberField
          label="Consistency group (CTG)"
          accessibleName={`${group.id} consistency group`}
          value={group.consistencyGroup ?? 0}
          schema={CTG_SCHEMA}
          onCommit={(v) => v !== undefined && set((g) => ({ ...g, consistencyGroup: v }))}
        />
      </div>
      {issues.consistencyGroup && <span className="field-error">{issues.consistencyGroup}</span>}
      <div className="field-row">
        <JournalSelect label="Master journal (P side)" accessibleName={`${group.id} master journal`} arrayName={pArray?.name} options={journalChoices(topology, pArray?.id)} value={group.masterJournal ?? 0} onChange={(v) => set((g) => ({ ...g, masterJournal: v }))} error={issues.masterJournal} />
        <JournalSelect label="Restore journal (S side)" accessibleName={`${group.id} restore journal`} arrayName={sArray?.name} options={journalChoices(topology, sArray?.id)} value={group.restoreJournal ?? 0} onChange={(v) => set((g) => ({ ...g, restoreJournal: v }))} error={issues.restoreJournal} />
      </div>
      <SelectField
        label="Target library (devices without S-VOL)"
        accessibleName={`${group.id} target library`}
        value={group.targetLibraryId ?? NONE}
        options={libraries}
        onChange={(v) => set((g) => withField(g, 'targetLibraryId', v === NONE ? undefined : v))}
        error={issues.targetLibraryId}
      />
    </>
  );
}

function SyncFields({ group, issues, set }: Props) {
  const fence: Fence = group.fence ?? 'never';
  return (
    <>
      <SelectField label="Fence level" accessibleName={`${group.id} fence level`} value={fence} options={FENCE_OPTIONS} onChange={(v) => set((g) => ({ ...g, fence: v as Fence }))} error={issues.fence} />
      <p className="muted remote-help">{FENCE_HELP[fence]}</p>
    </>
  );
}

/** Warning text: the theme's warning colour (the message itself also says "Warning:"). */
const WARNING_STYLE = { color: 'var(--warning)', display: 'block', fontSize: 12 } as const;

export function RemoteGroupFields(props: Props) {
  const { topology, group, issues, warnings, set } = props;
  const wans = [{ value: AUTOMATIC, label: 'automatic (the WAN link joining the arrays)' }, ...wanChoices(topology)];
  return (
    <>
      {group.kind === 'remote-sync' ? <SyncFields {...props} /> : <AsyncFields {...props} />}
      <SelectField
        label="WAN link"
        accessibleName={`${group.id} WAN link`}
        value={group.wanLinkId ?? AUTOMATIC}
        options={wans}
        onChange={(v) => set((g) => withField(g, 'wanLinkId', v === AUTOMATIC ? undefined : v))}
        error={issues.wanLinkId}
      />
      {warnings.map((w) => (
        <span key={w} className="remote-warning" role="note" style={WARNING_STYLE}>
          {w}
        </span>
      ))}
    </>
  );
}
