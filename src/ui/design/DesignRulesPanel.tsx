/**
 * Design-rule results grouped by severity. Each entry names the device (or cable), the field
 * and the message; activating it selects the device and brings it into view. Below them, the
 * Reach section: who can reach which LU, and why (ReachTable.tsx).
 */
import { useReactFlow } from '@xyflow/react';
import { useStore } from '../store/index.ts';
import type { DesignIssue } from '../../model/design-rules.ts';
import { deviceLabel } from './device-labels.ts';
import { ReachTable } from './ReachTable.tsx';
import { useDesignIssues } from './useDesignIssues.ts';

function IssueItem({ issue }: { issue: DesignIssue }) {
  const topology = useStore((s) => s.scenario.topology);
  const { fitView } = useReactFlow();
  const group = /^copyGroups\[(\d+)\]/.exec(issue.field);
  const groupId = group ? topology.copyGroups[Number(group[1])]?.id : undefined;
  const target = issue.deviceId
    ? deviceLabel(topology, issue.deviceId)
    : issue.linkId
      ? `Cable ${issue.linkId}`
      : groupId !== undefined
        ? `Copy group ${groupId}`
        : 'Design';
  const onClick = () => {
    const s = useStore.getState();
    s.select(issue.deviceId ? [issue.deviceId] : [], issue.linkId ? [issue.linkId] : []);
    if (issue.deviceId) void fitView({ nodes: [{ id: issue.deviceId }], maxZoom: 1.2, duration: 250, padding: 0.6 });
  };
  return (
    <li>
      <button type="button" className={`issue issue-${issue.severity}`} onClick={onClick}>
        <span className="issue-target">{target}</span>
        <code className="issue-field">{issue.field}</code>
        <span className="issue-message">{issue.message}</span>
      </button>
    </li>
  );
}

function IssueGroup({ title, issues }: { title: string; issues: DesignIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <section className="issue-group" aria-label={title}>
      <h3>
        {title} <span className="muted">({issues.length})</span>
      </h3>
      <ul className="issue-list">
        {issues.map((i, k) => (
          <IssueItem key={`${i.field}-${k}`} issue={i} />
        ))}
      </ul>
    </section>
  );
}

export function DesignRulesPanel() {
  const issues = useDesignIssues();
  return (
    <div className="rules-panel">
      {issues.length === 0 && <p className="empty-note">No design issues found. Every rule passes.</p>}
      <IssueGroup title="Errors" issues={issues.filter((i) => i.severity === 'error')} />
      <IssueGroup title="Warnings" issues={issues.filter((i) => i.severity === 'warning')} />
      <ReachTable />
    </div>
  );
}
