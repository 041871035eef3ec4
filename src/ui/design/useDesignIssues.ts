/**
 * The document's design issues (model/design-rules.ts), computed once per topology object and
 * shared by every caller (the tab badge and the rules list) through a WeakMap memo.
 */
import { useStore } from '../store/index.ts';
import { checkDesign, type DesignIssue } from '../../model/design-rules.ts';
import type { Topology } from '../../model/topology.ts';

const memo = new WeakMap<Topology, DesignIssue[]>();

export function issuesOf(topology: Topology): DesignIssue[] {
  let issues = memo.get(topology);
  if (!issues) {
    issues = checkDesign(topology);
    memo.set(topology, issues);
  }
  return issues;
}

export function useDesignIssues(): DesignIssue[] {
  return useStore((s) => issuesOf(s.scenario.topology));
}
