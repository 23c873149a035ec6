import { Link } from "@remix-run/react";
import { formatLongDate } from "../../domain/format";
import { waitedFor } from "../../domain/signoff";
import { Badge } from "../ui/badge";

export interface InboxItem {
  requestId: string;
  serviceName: string;
  number: number;
  role: "approver" | "signer";
  since: string;
  dueOn: string | null;
  overdue: boolean;
  submitter: string;
}

/** Documents waiting on the viewer's decision, oldest first, overdue ones marked. */
export function InboxList({ items }: { items: readonly InboxItem[] }) {
  return (
    <ul className="inbox">
      {items.map((r) => (
        <li key={r.requestId} className="inbox-item">
          <div>
            <Link to={`/signoff/${r.requestId}`}>
              {r.serviceName}, version {r.number}
            </Link>
            <div className="small muted">
              {r.role === "signer" ? "To sign" : "To approve"} · from {r.submitter} · waiting {waitedFor(r.since)}
              {r.dueOn ? ` · due ${formatLongDate(r.dueOn)}` : ""}
            </div>
          </div>
          {r.overdue ? <Badge tone="danger">Overdue</Badge> : null}
        </li>
      ))}
    </ul>
  );
}
