import { formatEffort, type Effort } from "../../domain/effort";
import { formatDay } from "../../domain/interview";
import { needRef } from "../../domain/need";

export interface NeedBriefData {
  id: string;
  number: number;
  statement: string;
  outcome: string;
  pain: string;
  criticalPeriod: string;
  units: string;
  stakeholders: number;
  evidence: number;
  effort: (Effort & { note: string }) | null;
  quotes: { id: string; text: string; heardAt: string; people: string }[];
}

/** A need as a lead judges it in a round: what it is for, who asked, IT's effort, and its latest quotes. */
export function NeedBrief({ brief, heading = false }: { brief: NeedBriefData; heading?: boolean }) {
  return (
    <div className="need-brief stack">
      {heading ? (
        <p>
          <span className="need-ref">{needRef(brief.number)}</span> {brief.statement}
        </p>
      ) : null}
      <dl className="brief-facts small">
        {brief.outcome ? (
          <div>
            <dt>Outcome</dt>
            <dd>{brief.outcome}</dd>
          </div>
        ) : null}
        {brief.pain ? (
          <div>
            <dt>Pain today</dt>
            <dd>{brief.pain}</dd>
          </div>
        ) : null}
        {brief.criticalPeriod ? (
          <div>
            <dt>Critical period</dt>
            <dd>{brief.criticalPeriod}</dd>
          </div>
        ) : null}
        <div>
          <dt>Support</dt>
          <dd>
            {brief.stakeholders} {brief.stakeholders === 1 ? "stakeholder" : "stakeholders"}
            {brief.units ? ` in ${brief.units}` : ""}, {brief.evidence} {brief.evidence === 1 ? "quote" : "quotes"}
          </dd>
        </div>
        <div>
          <dt>IT effort</dt>
          <dd>
            {formatEffort(brief.effort)}
            {brief.effort?.note ? ` — ${brief.effort.note}` : ""}
          </dd>
        </div>
      </dl>
      {brief.quotes.length ? (
        <ul className="quote-list">
          {brief.quotes.map((q) => (
            <li key={q.id} className="quote-card">
              <blockquote className="quote-text">{q.text}</blockquote>
              <p className="quote-cite small">
                {q.people || "Unattributed"} · {formatDay(q.heardAt)}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No quotes you may read.</p>
      )}
    </div>
  );
}
