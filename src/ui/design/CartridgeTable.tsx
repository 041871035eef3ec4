/**
 * A library's cartridges: barcode, slot and scratch flag per row, the media the label names,
 * remove; and a row to add N scratch cartridges with a volume-serial prefix (numbered on from
 * the prefix's highest, in the lowest free slots, of the drives' own media).
 *
 * Fields refuse what the schema or the library forbids outright (a malformed or duplicate
 * label, an unknown media ID, a slot past the end or taken); the design rules' findings on the
 * cartridges (media the drives cannot use, more cartridges than slots …) show under the row or
 * above the table, from the same `checkDesign` the Design rules tab lists. Each change is one
 * undoable edit. Long lists render the first rows and a "show more" button.
 */
import { useState } from 'react';
import { z } from 'zod';
import { CARTRIDGE_PREFIX, libraryMediaId, scratchCartridgesFor } from '../../model/factory.ts';
import { mediaName, mediaOfLabel } from '../../model/media-ids.ts';
import { Cartridge, type DeviceOf } from '../../model/topology.ts';
import type { DesignIssue } from '../../model/design-rules.ts';
import { useStore } from '../store/index.ts';
import { NumberField } from './fields/NumberField.tsx';
import { TextField } from './fields/TextField.tsx';
import { editDevice, removeAt, replaceAt } from './inspector-actions.ts';
import { useDesignIssues } from './useDesignIssues.ts';

type Library = DeviceOf<'tapeLibrary'> | DeviceOf<'dvdLibrary'>;

/** Rows rendered at first; "show more" adds as many again. */
const PAGE_ROWS = 50;

const PREFIX_SCHEMA = z.string().regex(CARTRIDGE_PREFIX, '1 to 5 characters of A-Z and 0-9');

function editCartridges(lib: Library, fn: (list: Cartridge[]) => Cartridge[]): void {
  editDevice(lib.id, lib.kind, (d) => ({ ...d, cartridges: fn(d.cartridges) }));
}

function barcodeSchema(lib: Library, index: number) {
  const others = new Set(lib.cartridges.filter((_, i) => i !== index).map((c) => c.barcode));
  return Cartridge.shape.barcode
    .refine((v) => !others.has(v), { message: 'another cartridge of this library has this barcode' })
    .superRefine((v, ctx) => {
      const found = mediaOfLabel(v);
      if (!found.ok) ctx.addIssue({ code: 'custom', message: found.reason });
    });
}

function slotSchema(lib: Library, index: number) {
  const holders = new Map(lib.cartridges.filter((_, i) => i !== index).map((c) => [c.slot, c.barcode] as const));
  return Cartridge.shape.slot
    .refine((v) => v <= lib.slotCount, { message: `the library has ${lib.slotCount} slots` })
    .superRefine((v, ctx) => {
      const holder = holders.get(v);
      if (holder !== undefined) ctx.addIssue({ code: 'custom', message: `slot ${v} holds ${holder}` });
    });
}

/** Design issues of this library, split into per-cartridge rows and the rest. */
function libraryIssues(issues: readonly DesignIssue[], deviceIndex: number) {
  const head = `devices[${deviceIndex}].cartridges`;
  const rows = new Map<number, DesignIssue[]>();
  const list: DesignIssue[] = [];
  for (const issue of issues) {
    if (issue.field === head || issue.field === `devices[${deviceIndex}].ports`) list.push(issue);
    const m = issue.field.startsWith(`${head}[`) ? /^\[(\d+)\]/.exec(issue.field.slice(head.length)) : null;
    if (m) rows.set(Number(m[1]), [...(rows.get(Number(m[1])) ?? []), issue]);
  }
  return { rows, list };
}

function IssueLines({ issues }: { issues: readonly DesignIssue[] }) {
  return (
    <>
      {issues.map((i) => (
        <span key={`${i.field}:${i.message}`} className={i.severity === 'error' ? 'field-error' : 'muted'}>
          {i.severity === 'error' ? '' : 'Warning: '}
          {i.message}
        </span>
      ))}
    </>
  );
}

function CartridgeRow({ lib, index, issues }: { lib: Library; index: number; issues: readonly DesignIssue[] }) {
  const c = lib.cartridges[index];
  const patch = (p: Partial<Cartridge>) => editCartridges(lib, (list) => replaceAt(list, index, (x) => ({ ...x, ...p })));
  const media = mediaOfLabel(c.barcode);
  return (
    <>
      <tr>
        <td><TextField compact label={`Cartridge ${c.barcode} barcode`} value={c.barcode} schema={barcodeSchema(lib, index)} onCommit={(v) => v !== undefined && patch({ barcode: v })} /></td>
        <td><NumberField compact label={`Cartridge ${c.barcode} slot`} value={c.slot} schema={slotSchema(lib, index)} onCommit={(v) => v !== undefined && patch({ slot: v })} /></td>
        <td>
          <input type="checkbox" aria-label={`Cartridge ${c.barcode} scratch`} checked={c.scratch} onChange={(e) => patch({ scratch: e.currentTarget.checked })} />
        </td>
        <td className="muted">{media.ok ? mediaName(media.media) : '?'}</td>
        <td>
          <button type="button" className="btn-x" aria-label={`Remove cartridge ${c.barcode}`} onClick={() => editCartridges(lib, (list) => removeAt(list, index))}>
            ×
          </button>
        </td>
      </tr>
      {issues.length > 0 && (
        <tr>
          <td colSpan={5}>
            <IssueLines issues={issues} />
          </td>
        </tr>
      )}
    </>
  );
}

function AddScratch({ lib }: { lib: Library }) {
  const [prefix, setPrefix] = useState(lib.kind === 'dvdLibrary' ? 'DVD' : 'SBX');
  const [count, setCount] = useState(4);
  const fresh = scratchCartridgesFor(lib, prefix, count);
  const why = fresh.length === 0 ? (lib.cartridges.length >= lib.slotCount ? 'every slot is taken' : `no free numbers left for prefix ${prefix}`) : undefined;
  return (
    <div className="field-row" aria-label="Add scratch cartridges" role="group">
      <TextField label="Prefix" accessibleName="New cartridge prefix" value={prefix} schema={PREFIX_SCHEMA} onCommit={(v) => v !== undefined && setPrefix(v)} />
      <NumberField label="Count" accessibleName="New cartridge count" value={count} schema={z.number().int().min(1).max(10_000)} onCommit={(v) => v !== undefined && setCount(v)} />
      <button
        type="button"
        className="btn btn-small check-field"
        disabled={fresh.length === 0}
        title={why ?? `${fresh[0].barcode}${fresh.length > 1 ? ` … ${fresh[fresh.length - 1].barcode}` : ''} (${libraryMediaId(lib)})`}
        onClick={() => editCartridges(lib, (list) => [...list, ...scratchCartridgesFor({ ...lib, cartridges: list }, prefix, count)])}
      >
        {fresh.length === 0 ? 'Add scratch' : `Add ${fresh.length} scratch`}
      </button>
    </div>
  );
}

export function CartridgeTable({ device: lib }: { device: Library }) {
  const [shown, setShown] = useState(PAGE_ROWS);
  const deviceIndex = useStore((s) => s.scenario.topology.devices.findIndex((d) => d.id === lib.id));
  const { rows, list } = libraryIssues(useDesignIssues(), deviceIndex);
  const visible = lib.cartridges.slice(0, shown);
  const scratch = lib.cartridges.filter((c) => c.scratch).length;
  return (
    <section className="form-section" aria-label="Cartridges">
      <h3>
        Cartridges ({lib.cartridges.length} in {lib.slotCount} slots, {scratch} scratch)
      </h3>
      <IssueLines issues={list} />
      {lib.cartridges.length > 0 && (
        <table className="grid-table">
          <thead>
            <tr>
              <th scope="col">Barcode</th>
              <th scope="col">Slot</th>
              <th scope="col">Scratch</th>
              <th scope="col">Media</th>
              <th scope="col"><span className="sr-only">Remove</span></th>
            </tr>
          </thead>
          <tbody>
            {visible.map((c, i) => (
              <CartridgeRow key={`${i}:${c.barcode}`} lib={lib} index={i} issues={rows.get(i) ?? []} />
            ))}
          </tbody>
        </table>
      )}
      {lib.cartridges.length > shown && (
        <button type="button" className="btn btn-small" onClick={() => setShown(shown + PAGE_ROWS)}>
          Show {Math.min(PAGE_ROWS, lib.cartridges.length - shown)} more of {lib.cartridges.length - shown}
        </button>
      )}
      <AddScratch lib={lib} />
    </section>
  );
}
