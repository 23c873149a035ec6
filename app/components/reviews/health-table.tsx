import { Link } from "@remix-run/react";
import { Badge } from "../ui/badge";
import { Table } from "../ui/table";
import { formatDay } from "../../domain/interview";
import { EFFECTIVENESS_LABELS, EFFECTIVENESS_TONES, formatShare, monthLabel, type Effectiveness } from "../../domain/review";

export interface HealthTableRow {
  id: string;
  name: string;
  agreed: number | null;
  lastReview: { on: string; effectiveness: Effectiveness } | null;
  nextReview: string | null;
  overdue: boolean;
  latestMonth: string | null;
  normal: { met: number; measured: number };
  critical: { met: number; measured: number };
  openActions: number;
  /** Clauses marked suspect, where the page knows them. */
  suspect?: number;
}

function Attained({ a }: { a: { met: number; measured: number } }) {
  if (!a.measured) return <span className="muted">—</span>;
  const share = a.met / a.measured;
  return (
    <span className={share < 0.9 ? "attain-low" : undefined}>
      {formatShare(share)} <span className="muted small">({a.met} of {a.measured})</span>
    </span>
  );
}

/**
 * The portfolio's health: for each service that is agreed, reviewed or measured, its latest
 * effectiveness, attainment over the last three months measured (normal time and critical periods
 * apart), when the next review is due, and the open actions.
 */
export function HealthTable({ rows }: { rows: HealthTableRow[] }) {
  const shown = rows.filter((r) => r.agreed !== null || r.lastReview || r.latestMonth);
  if (!shown.length) return <p className="muted">No service is agreed, reviewed or measured yet.</p>;
  return (
    <Table caption="Health of agreed, reviewed or measured services" hideCaption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Effectiveness</th>
          <th scope="col">Normal time met</th>
          <th scope="col">Critical periods met</th>
          <th scope="col">Next review</th>
          <th scope="col">Open actions</th>
          <th scope="col">Suspect clauses</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/services/${r.id}#reviews`}>{r.name}</Link>
              <div className="small muted">{r.agreed ? `Version ${r.agreed} agreed` : "Not agreed yet"}</div>
            </td>
            <td>
              {r.lastReview ? (
                <>
                  <Badge tone={EFFECTIVENESS_TONES[r.lastReview.effectiveness]}>{EFFECTIVENESS_LABELS[r.lastReview.effectiveness]}</Badge>
                  <div className="small muted">reviewed {formatDay(r.lastReview.on)}</div>
                </>
              ) : (
                <span className="muted">Not reviewed</span>
              )}
            </td>
            <td>
              <Attained a={r.normal} />
              {r.latestMonth ? <div className="small muted">3 months to {monthLabel(r.latestMonth)}</div> : null}
            </td>
            <td>
              <Attained a={r.critical} />
            </td>
            <td className={r.overdue ? "overdue" : undefined}>
              {r.nextReview ? formatDay(r.nextReview) : <span className="muted">Not set</span>}
              {r.overdue ? <div className="small">Overdue</div> : null}
            </td>
            <td>{r.openActions || <span className="muted">None</span>}</td>
            <td>{r.suspect ? <Link to={`/services/${r.id}#suspect`}>{r.suspect}</Link> : <span className="muted">None</span>}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
