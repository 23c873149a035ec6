import { Link } from "@remix-run/react";
import { formatDay } from "../../domain/interview";
import { supportLine, type NeedStatus } from "../../domain/need";
import { NeedLink, NeedStatusBadge } from "../needs/need-bits";
import { InboxList, type InboxItem } from "../signoff/inbox-list";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { MoreLink } from "./home-bits";

export interface BusinessLeadHomeData {
  rounds: { id: string; title: string; deadline: string | null; pastDeadline: boolean; needs: number; scored: number }[];
  needs: { rows: { id: string; number: number; statement: string; status: NeedStatus; stakeholderCount: number; unitCount: number }[]; total: number };
  inbox: InboxItem[];
}

export function BusinessLeadHome({ unit, data }: { unit: string | null; data: BusinessLeadHomeData }) {
  const { rounds, needs, inbox } = data;
  return (
    <div className="grid-2 home-grid">
      <Panel title="Rounds to score">
        {rounds.length ? (
          <ul className="inbox">
            {rounds.map((r) => (
              <li key={r.id} className="inbox-item">
                <div>
                  <Link to={`/rounds/${r.id}/score`}>{r.title}</Link>
                  <div className="small muted">
                    {r.scored} of {r.needs} needs scored{r.deadline ? ` · deadline ${formatDay(r.deadline)}` : " · no deadline"}
                  </div>
                </div>
                {r.pastDeadline ? <Badge tone="danger">Deadline passed</Badge> : null}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No rounds waiting for you">
            When a relationship manager opens a prioritisation round with you in it, it will appear here with its deadline until you submit your scores.
          </EmptyState>
        )}
      </Panel>
      <Panel title={unit ? `Needs of ${unit}` : "Needs of your unit"}>
        {needs.rows.length ? (
          <>
            <ul className="need-list">
              {needs.rows.map((n) => (
                <li key={n.id}>
                  <NeedLink id={n.id} number={n.number} statement={n.statement} /> <NeedStatusBadge status={n.status} />{" "}
                  <span className="muted small">{supportLine(n)}</span>
                </li>
              ))}
            </ul>
            <MoreLink to="/needs" shown={needs.rows.length} total={needs.total} all={(n) => `All ${n} needs of your unit`}>
              All needs of your unit
            </MoreLink>
          </>
        ) : (
          <EmptyState title="No needs recorded yet">Needs drawn from interviews with your unit&apos;s people will appear here, with their status and rank.</EmptyState>
        )}
      </Panel>
      <Panel title="Documents to approve">
        {inbox.length ? (
          <InboxList items={inbox} />
        ) : (
          <EmptyState title="Nothing to approve">Service definitions sent to you for approval will appear here.</EmptyState>
        )}
        <p className="home-more small">
          <Link to="/signoff">Everything you have been asked to sign off</Link>
        </p>
      </Panel>
    </div>
  );
}
