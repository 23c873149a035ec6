import { Link } from "@remix-run/react";
import { AUDIT_KIND_LABELS, isAuditKind } from "../../domain/audit";
import { formatUtc } from "../../domain/format";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { plural } from "./home-bits";

export interface AdminHomeData {
  counts: { activeUsers: number; pendingPasswords: number; units: number; stakeholders: number; events: number };
  recent: { seq: number; at: string; kind: string; actorName: string }[];
  chain: { ok: true; events: number; fullCheckAt: string } | { ok: false; seq: number; reason: string; checked: number; fullCheckAt: string };
}

export function AdminHome({ admin }: { admin: AdminHomeData }) {
  const { counts, recent, chain } = admin;
  return (
    <div className="stack-lg">
      <div className="grid-3">
        <Panel>
          <div className="stat">
            <span className="stat-value">{counts.activeUsers}</span>
            <span className="stat-label">active users{counts.pendingPasswords ? ` · ${counts.pendingPasswords} yet to choose a password` : ""}</span>
          </div>
          <Link to="/admin/users">Manage users</Link>
        </Panel>
        <Panel>
          <div className="stat">
            <span className="stat-value">{counts.units}</span>
            <span className="stat-label">business units</span>
          </div>
          <Link to="/admin/units">Manage business units</Link>
        </Panel>
        <Panel>
          <div className="stat">
            <span className="stat-value">{counts.stakeholders}</span>
            <span className="stat-label">stakeholders to interview</span>
          </div>
          <Link to="/stakeholders">See stakeholders</Link>
        </Panel>
      </div>
      <div className="grid-2 home-grid">
        <Panel title="Audit trail">
          {chain.ok ? (
            <div className="home-chain">
              <Badge tone="success">Chain intact</Badge>
              <p>Audit trail verified: {plural(chain.events, "event")}, chain intact.</p>
            </div>
          ) : (
            <div className="home-chain" role="alert">
              <Badge tone="danger">Chain broken</Badge>
              <p>
                The audit trail is broken at <Link to={`/admin/audit?before=${chain.seq + 1}&verify=1`}>event #{chain.seq}</Link>: {chain.reason}.{" "}
                {plural(chain.checked, "event")} before it hold.
              </p>
            </div>
          )}
          <p className="small muted">
            Each event carries the hash of the one before it. Last checked in full {formatUtc(chain.fullCheckAt)}; events since are checked as the page loads.
          </p>
          <p className="home-more small">
            <Link to="/admin/audit?verify=1">Open the audit trail and verify it now</Link>
          </p>
        </Panel>
        <Panel title="Latest activity">
          {recent.length === 0 ? (
            <EmptyState title="Nothing has happened yet">Every change in the workspace will be listed here and in the audit trail.</EmptyState>
          ) : (
            <>
              <ul className="stack small">
                {recent.map((e) => (
                  <li key={e.seq}>
                    <strong>{isAuditKind(e.kind) ? AUDIT_KIND_LABELS[e.kind] : e.kind}</strong> by {e.actorName} <span className="muted">· {formatUtc(e.at)}</span>
                  </li>
                ))}
              </ul>
              <p className="home-more small">
                <Link to="/admin/audit">Open the audit trail ({plural(counts.events, "event")})</Link>
              </p>
            </>
          )}
        </Panel>
      </div>
    </div>
  );
}
