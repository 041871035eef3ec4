/**
 * The "Reach" section of the design-rule panel (SAN patent Fig. 20): per server, the LUs it can
 * reach and why — LU → LDEV, the FC path of each HBA, the zones that let it through, the host
 * group that admits it — with cross-tenant reach flagged in words (not only colour), and the LUs
 * it is refused with the rule that refuses them, folded away.
 *
 * Renders model/reach.ts `reachReport`, computed once per topology object. Text only.
 */
import { useStore } from '../store/index.ts';
import { pathLabel, reachReport, type CrossTenantFlag, type LuReach, type LuRefusal, type ReachReport, type ServerReach } from '../../model/reach.ts';
import type { Topology } from '../../model/topology.ts';
import { deviceLabel } from './device-labels.ts';
import './reach.css';

const memo = new WeakMap<Topology, ReachReport>();

function reachOf(topology: Topology): ReachReport {
  let report = memo.get(topology);
  if (!report) {
    report = reachReport(topology);
    memo.set(topology, report);
  }
  return report;
}

const RULE_LABEL: Record<LuRefusal['rule'], string> = {
  'no-route': 'no route',
  zoning: 'zoning',
  'not-in-host-group': 'not in host group',
  'no-lu-path': 'no LU path',
};

const luLabel = (lu: { arrayId: string; portId: string; lun: number }) => `${lu.arrayId} ${lu.portId} LUN ${lu.lun}`;

function flagText(f: CrossTenantFlag): string {
  return f.kind === 'ldev' ? `Cross-tenant: LDEV of tenant ${f.otherTenant}` : `Cross-tenant: shared with ${f.otherServerId} (tenant ${f.otherTenant})`;
}

function ReachedRow({ lu, flag, ldevTenant }: { lu: LuReach; flag?: CrossTenantFlag; ldevTenant?: string }) {
  return (
    <tr className={flag ? 'reach-cross' : undefined}>
      <th scope="row">
        {luLabel(lu)}
        {flag && <strong className="reach-flag">{flagText(flag)}</strong>}
      </th>
      <td>
        {lu.ldevId}
        {ldevTenant !== undefined && <span className="muted"> ({ldevTenant})</span>}
      </td>
      <td className="reach-path">
        {lu.paths.map((p) => (
          <div key={p.hbaPortId}>{pathLabel(p.hops)}</div>
        ))}
      </td>
      <td>
        {lu.paths.map((p) => (
          <div key={p.hbaPortId}>{p.zones.length > 0 ? p.zones.join(', ') : p.zoneReason}</div>
        ))}
      </td>
      <td>{lu.hostGroupId}</td>
    </tr>
  );
}

function RefusedList({ serverId, refused }: { serverId: string; refused: LuRefusal[] }) {
  if (refused.length === 0) return null;
  return (
    <details className="reach-refused">
      <summary>Refused ({refused.length})</summary>
      <table className="grid-table">
        <caption className="sr-only">LUs refused to {serverId}</caption>
        <thead>
          <tr>
            <th scope="col">LU</th>
            <th scope="col">LDEV</th>
            <th scope="col">Refused by</th>
          </tr>
        </thead>
        <tbody>
          {refused.map((r) => (
            <tr key={`${luLabel(r)}-${r.hostGroupId ?? ''}`} title={r.detail}>
              <th scope="row">{luLabel(r)}</th>
              <td>{r.ldevId ?? '—'}</td>
              <td>{RULE_LABEL[r.rule]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function ServerReachCard({ topology, s, flags }: { topology: Topology; s: ServerReach; flags: CrossTenantFlag[] }) {
  const ldevTenant = (lu: LuReach) => {
    const a = topology.devices.find((d) => d.id === lu.arrayId);
    return a?.kind === 'array' ? a.ldevs.find((l) => l.id === lu.ldevId)?.tenant : undefined;
  };
  const title = `${deviceLabel(topology, s.serverId)}${s.tenant !== undefined ? ` — tenant ${s.tenant}` : ''}`;
  return (
    <section className="reach-server" aria-label={`Reach of ${s.serverId}`}>
      <h4>
        {title}
        {flags.length > 0 && <span className="reach-flag-count"> · {flags.length} cross-tenant</span>}
      </h4>
      {s.reached.length === 0 ? (
        <p className="muted">Reaches no LU.</p>
      ) : (
        <table className="grid-table reach-table">
          <caption className="sr-only">LUs {s.serverId} can reach, and why</caption>
          <thead>
            <tr>
              <th scope="col">LU</th>
              <th scope="col">LDEV</th>
              <th scope="col">Path</th>
              <th scope="col">Zone</th>
              <th scope="col">Host group</th>
            </tr>
          </thead>
          <tbody>
            {s.reached.map((lu) => (
              <ReachedRow key={`${luLabel(lu)}-${lu.hostGroupId}`} lu={lu} flag={flags.find((f) => f.lu === lu)} ldevTenant={ldevTenant(lu)} />
            ))}
          </tbody>
        </table>
      )}
      <RefusedList serverId={s.serverId} refused={s.refused} />
    </section>
  );
}

export function ReachTable() {
  const topology = useStore((s) => s.scenario.topology);
  const report = reachOf(topology);
  if (report.servers.length === 0) return null;
  return (
    <section className="issue-group reach" aria-label="Reach">
      <h3>
        Reach <span className="muted">(who can reach which LU, and why)</span>
      </h3>
      {report.crossTenant.length > 0 && (
        <p className="reach-alert" role="note">
          {report.crossTenant.length} cross-tenant {report.crossTenant.length === 1 ? 'reach' : 'reaches'}: a server can reach another tenant’s LU.
        </p>
      )}
      {report.servers.map((s) => (
        <ServerReachCard key={s.serverId} topology={topology} s={s} flags={report.crossTenant.filter((f) => f.serverId === s.serverId)} />
      ))}
    </section>
  );
}
