import { Link } from "@remix-run/react";
import { formatDay } from "../../domain/interview";
import { NEED_STATUS_LABELS, NEED_STATUS_TONES, needRef, supportLine, type NeedStatus } from "../../domain/need";
import { Badge } from "../ui/badge";

export function NeedStatusBadge({ status }: { status: NeedStatus }) {
  return <Badge tone={NEED_STATUS_TONES[status]}>{NEED_STATUS_LABELS[status]}</Badge>;
}

/** "N-12 Branch staff can open accounts…" as a link. */
export function NeedLink({ id, number, statement }: { id: string; number: number; statement?: string }) {
  return (
    <Link to={`/needs/${id}`}>
      <span className="need-ref">{needRef(number)}</span>
      {statement ? ` ${statement}` : null}
    </Link>
  );
}

/** Support in a line: people, units, quotes, first and last heard. */
export function SupportSummary({
  support,
}: {
  support: { stakeholderCount: number; unitCount: number; evidenceCount: number; firstHeard: string | null; lastHeard: string | null };
}) {
  if (!support.evidenceCount) return <span className="muted">No evidence yet</span>;
  const first = support.firstHeard ? formatDay(support.firstHeard) : "";
  const last = support.lastHeard ? formatDay(support.lastHeard) : "";
  const heard = first && last ? (first === last ? `heard ${last}` : `heard ${first} – ${last}`) : "";
  return (
    <span>
      <strong>{supportLine(support)}</strong>
      <span className="muted">
        {" "}
        · {support.evidenceCount} quote{support.evidenceCount === 1 ? "" : "s"}
        {heard ? ` · ${heard}` : ""}
      </span>
    </span>
  );
}

/** The list of needs a person or an interview stands behind (traceability). */
export function SupportedNeeds({ needs, empty }: { needs: { id: string; number: number; statement: string; status: NeedStatus; quotes: number }[]; empty: string }) {
  if (!needs.length) return <p className="muted">{empty}</p>;
  return (
    <ul className="need-list">
      {needs.map((n) => (
        <li key={n.id}>
          <NeedLink id={n.id} number={n.number} statement={n.statement} /> <NeedStatusBadge status={n.status} />{" "}
          <span className="muted small">
            {n.quotes} quote{n.quotes === 1 ? "" : "s"}
          </span>
        </li>
      ))}
    </ul>
  );
}
