import type { Tone } from "../ui/badge";
import { Badge } from "../ui/badge";
import { formatLocal } from "../../domain/interview";
import { SIGNOFF_ROLE_LABELS, waitedFor, type SignoffStatus } from "../../domain/signoff";

export const statusTone = (status: SignoffStatus): Tone => ({ pending: "info", agreed: "success", rejected: "danger", withdrawn: "neutral" })[status] as Tone;

export interface PersonStep {
  id: string;
  role: "approver" | "signer";
  name: string;
  title: string;
  state: "approved" | "rejected" | "asked" | "later";
  decidedAt: string | null;
  askedAt: string | null;
  comment: string | null;
  delegatedFrom: string | null;
  delegationReason: string | null;
}

const STATE: Record<PersonStep["state"], { tone: Tone; label: (role: PersonStep["role"]) => string }> = {
  approved: { tone: "success", label: (r) => (r === "signer" ? "Signed" : "Approved") },
  rejected: { tone: "danger", label: () => "Rejected" },
  asked: { tone: "warning", label: () => "Waiting" },
  later: { tone: "neutral", label: () => "Not yet asked" },
};

/** Approvers then signers, each with their decision, when, and what they said. */
export function SignoffPeople({ steps, submittedAt }: { steps: readonly PersonStep[]; submittedAt: string }) {
  return (
    <ol className="signoff-people">
      {steps.map((s) => (
        <li key={s.id} className="signoff-person">
          <div className="row">
            <span>
              <strong>{s.name}</strong>
              {s.title ? <span className="muted">, {s.title}</span> : null}
              <span className="muted small"> · {SIGNOFF_ROLE_LABELS[s.role]}</span>
            </span>
            <Badge tone={STATE[s.state].tone}>{STATE[s.state].label(s.role)}</Badge>
          </div>
          {s.decidedAt ? <div className="small muted">{formatLocal(s.decidedAt)}</div> : null}
          {s.state === "asked" ? <div className="small muted">Waiting {waitedFor(s.askedAt ?? submittedAt)}</div> : null}
          {s.comment ? <p className="small pre-line">“{s.comment}”</p> : null}
          {s.delegatedFrom ? (
            <div className="small muted">
              Handed on by {s.delegatedFrom}
              {s.delegationReason ? `: ${s.delegationReason}` : ""}
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
