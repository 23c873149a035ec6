import { Link } from "@remix-run/react";
import { formatLongDate } from "../../domain/format";
import { EFFECTIVENESS, EFFECTIVENESS_LABELS, EFFECTIVENESS_TONES, monthLabel, type Effectiveness } from "../../domain/review";
import { NeedLink } from "../needs/need-bits";
import { InboxList, type InboxItem } from "../signoff/inbox-list";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { MoreLink, plural, StatTile, Subhead } from "./home-bits";

interface Attained {
  met: number;
  measured: number;
}

export interface ExecutiveHomeData {
  inbox: InboxItem[];
  health: {
    services: number;
    effectiveness: Record<Effectiveness, number>;
    notReviewed: number;
    belowTarget: { rows: { id: string; name: string; latestMonth: string | null; normal: Attained; critical: Attained }[]; total: number };
    overdue: { rows: { id: string; name: string; nextReview: string; ownerName: string }[]; total: number };
  };
  gaps: { rows: { needId: string; number: number; statement: string; rank: number; ranked: number; round: string }[]; total: number };
}

const missed = (a: Attained) => a.met < a.measured;

export function ExecutiveHome({ data }: { data: ExecutiveHomeData }) {
  const { inbox, health, gaps } = data;
  return (
    <div className="stack-lg">
      <div className="grid-2 home-grid">
        <Panel title="Awaiting your signature">
          {inbox.length ? (
            <InboxList items={inbox} />
          ) : (
            <EmptyState title="Nothing to sign">Service definitions that their approvers have agreed, and that need your decision, will appear here.</EmptyState>
          )}
        </Panel>
        <Panel title="Gaps in the portfolio">
          {gaps.rows.length ? (
            <>
              <p className="small muted">Needs ranked high in their latest prioritisation round that no service definition answers yet.</p>
              <ul className="inbox">
                {gaps.rows.map((g) => (
                  <li key={g.needId} className="inbox-item">
                    <div>
                      <NeedLink id={g.needId} number={g.number} statement={g.statement} />
                      <div className="small muted">{g.round}</div>
                    </div>
                    <Badge tone="warning">
                      Rank {g.rank} of {g.ranked}
                    </Badge>
                  </li>
                ))}
              </ul>
              <MoreLink to="/services" shown={gaps.rows.length} total={gaps.total} all={(n) => `All ${n} gaps in the portfolio`}>
                See them in the portfolio
              </MoreLink>
            </>
          ) : (
            <EmptyState title="No gaps">Every need ranked high in its latest round is answered by a service definition.</EmptyState>
          )}
        </Panel>
      </div>
      <Panel title="Portfolio health">
        {health.services === 0 ? (
          <EmptyState title="No services yet">Once services are defined, their effectiveness, service levels against target and reviews due will be summarised here.</EmptyState>
        ) : (
          <>
            <Subhead>By their latest review</Subhead>
            <div className="home-tiles">
              {EFFECTIVENESS.map((e) => (
                <StatTile key={e} value={health.effectiveness[e]} label={EFFECTIVENESS_LABELS[e]} tone={health.effectiveness[e] ? EFFECTIVENESS_TONES[e] : "neutral"} />
              ))}
              <StatTile value={health.notReviewed} label="Not reviewed yet" />
            </div>
            <div className="grid-2 home-grid">
              <div>
                <Subhead>Service levels below target</Subhead>
                {health.belowTarget.rows.length ? (
                  <ul className="inbox">
                    {health.belowTarget.rows.map((s) => (
                      <li key={s.id} className="inbox-item">
                        <div>
                          <Link to={`/services/${s.id}`}>{s.name}</Link>
                          <div className="small muted">
                            {[
                              missed(s.normal) ? `Normal time: ${s.normal.met} of ${plural(s.normal.measured, "measurement")} on target` : null,
                              missed(s.critical) ? `Critical periods: ${s.critical.met} of ${plural(s.critical.measured, "measurement")} on target` : null,
                            ]
                              .filter(Boolean)
                              .join(" · ")}
                            {s.latestMonth ? ` (three months to ${monthLabel(s.latestMonth)})` : ""}
                          </div>
                        </div>
                        <Badge tone="warning">Below target</Badge>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="small muted">Every service measured met its targets in its last three months measured.</p>
                )}
                {health.belowTarget.total > health.belowTarget.rows.length ? <p className="small muted">and {plural(health.belowTarget.total - health.belowTarget.rows.length, "more")}</p> : null}
              </div>
              <div>
                <Subhead>Reviews overdue</Subhead>
                {health.overdue.rows.length ? (
                  <ul className="inbox">
                    {health.overdue.rows.map((s) => (
                      <li key={s.id} className="inbox-item">
                        <div>
                          <Link to={`/services/${s.id}`}>{s.name}</Link>
                          <div className="small muted">
                            Was due {formatLongDate(s.nextReview)}
                            {s.ownerName ? ` · owner ${s.ownerName}` : ""}
                          </div>
                        </div>
                        <Badge tone="danger">Overdue</Badge>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="small muted">No review is overdue.</p>
                )}
                {health.overdue.total > health.overdue.rows.length ? <p className="small muted">and {plural(health.overdue.total - health.overdue.rows.length, "more")}</p> : null}
              </div>
            </div>
            <p className="home-more small">
              <Link to="/services">Open the portfolio ({plural(health.services, "service")})</Link>
            </p>
          </>
        )}
      </Panel>
    </div>
  );
}
