/**
 * The design-issue record shared by every design rule, its collector, and the one sort order
 * that makes `checkDesign` output deterministic (errors first, then by field path with array
 * indexes compared as numbers, then by message).
 */

export type Severity = 'error' | 'warning';

export interface DesignIssue {
  severity: Severity;
  deviceId?: string;
  linkId?: string;
  /** Path into the topology, e.g. `devices[3].ldevs[0].capacityGiB` or `links[2].b.portId`. */
  field: string;
  message: string;
}

interface IssueRefs {
  deviceId?: string;
  linkId?: string;
}

/** Collects issues; rule modules only ever append. */
export class IssueList {
  readonly items: DesignIssue[] = [];

  error(field: string, message: string, refs: IssueRefs = {}): void {
    this.items.push({ severity: 'error', ...refs, field, message });
  }

  warning(field: string, message: string, refs: IssueRefs = {}): void {
    this.items.push({ severity: 'warning', ...refs, field, message });
  }
}

const TOKEN = /(\d+)|(\D+)/g;

/** Compare `devices[10].id` after `devices[9].id`: digit runs compare as numbers. */
export function compareFieldPaths(a: string, b: string): number {
  const ta = a.match(TOKEN) ?? [];
  const tb = b.match(TOKEN) ?? [];
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    if (ta[i] === tb[i]) continue;
    const na = /^\d+$/.test(ta[i]);
    const nb = /^\d+$/.test(tb[i]);
    if (na && nb) return Number(ta[i]) - Number(tb[i]);
    return ta[i] < tb[i] ? -1 : 1;
  }
  return ta.length - tb.length;
}

export function compareIssues(a: DesignIssue, b: DesignIssue): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  const byField = compareFieldPaths(a.field, b.field);
  if (byField !== 0) return byField;
  if (a.message === b.message) return 0;
  return a.message < b.message ? -1 : 1;
}
