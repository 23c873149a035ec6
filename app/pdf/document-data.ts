/**
 * Everything the service document shows, already in words: the server gathers it
 * (app/models/agreement-document.server.ts), the pure components in app/pdf/ lay it out.
 * Plain JSON (no Dates, no functions) so it crosses to the rendering worker as it is.
 */

/** Where a version stands in its sign-off. Anything but "agreed" renders with the DRAFT watermark. */
export type DocumentStatus = "draft" | "pending" | "rejected" | "withdrawn" | "agreed";

export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: "Draft — not submitted",
  pending: "Under review",
  rejected: "Rejected",
  withdrawn: "Withdrawn from review",
  agreed: "Agreed",
};

/** A need as a clause cites it: "N-12" and its statement. */
export interface NeedRef {
  ref: string;
  statement: string;
}

export interface ClauseText {
  /** The clause's stable id (outcomes, scope items, periods, levels): comments and the appendix point at it. */
  id: string;
  /** "Outcome 2", "In scope 3", "Service level 4". */
  label: string;
  text: string;
  needs: NeedRef[];
}

export interface ServiceLevelRow {
  id: string;
  label: string;
  measure: string;
  /** "Percentage", "Minutes" … */
  kind: string;
  target: string;
  howMeasured: string;
  needs: NeedRef[];
}

export interface ServiceLevelTable {
  /** "Normal time", or the critical period's name. */
  title: string;
  /** For a critical period: when it falls. */
  when: string | null;
  rows: ServiceLevelRow[];
}

export interface SupportingServiceRow {
  name: string;
  provider: string | null;
  /** "Internal" or "External". */
  providerKind: string | null;
  owner: string;
  /** "Supplier contract CON-221, ends 31 March 2027", or null. */
  agreement: string | null;
}

export interface AnsweredNeed extends NeedRef {
  /** "Open", "Answered" … */
  status: string;
  /** "3rd of 14 — Branch and back-office priorities, autumn 2026", or null when never ranked. */
  rank: string | null;
}

export type SignoffDecision = "Approved" | "Signed" | "Rejected" | "Waiting" | "Not yet asked" | "Withdrawn";

export interface SignoffPerson {
  /** "Approver" or "Signer". */
  role: string;
  name: string;
  title: string;
  decision: SignoffDecision;
  /** "23 November 2026, 14:05 UTC" or null. */
  at: string | null;
  comment: string | null;
  /** "Delegated by Dana Okafor: on leave until 4 December", or null. */
  delegation: string | null;
}

export interface SignoffRecord {
  submittedBy: string;
  submittedAt: string;
  message: string | null;
  due: string | null;
  /** "In order" or "In parallel". */
  order: string;
  people: SignoffPerson[];
}

export interface TraceRow {
  /** "Outcome 2 — Branches open accounts on Saturdays" (clipped by the layout if long). */
  clause: string;
  need: string;
  quote: string;
  /** "Priya Shah, Branch Manager, Retail Banking". */
  stakeholder: string;
  /** "12 October 2026", or null for evidence not from an interview. */
  interviewDate: string | null;
  /** The survey's title when the quote was answered in a survey rather than heard in an interview. */
  survey?: string | null;
}

export interface AgreementDocument {
  status: DocumentStatus;
  /** The date on the cover: when it was agreed, or when this copy was made. "23 November 2026". */
  date: string;
  workspace: string;
  /** The public verify page for this version (footer link and QR code). */
  verifyUrl: string;
  version: {
    number: number;
    /** SHA-256 of the version's canonical content, hex. */
    contentHash: string;
    createdAt: string;
    createdBy: string | null;
  };
  service: {
    name: string;
    /** "Business service" / "Supporting service". */
    kind: string;
    provider: string | null;
    deliveryModel: string | null;
    owner: { name: string; title: string; contact: string };
    /** "Internal operational agreement OLA-7, 1 April 2026 to 31 March 2027", or null. */
    agreement: string | null;
    lifecycle: string;
    criticality: string;
    /** "Every 6 months, next by 1 May 2027", or null. */
    review: string | null;
  };
  /** The consuming units, for the cover ("Retail Banking, Operations"). */
  units: string[];
  consumers: { unit: string; spokesperson: string; note: string }[];
  purpose: string;
  outcomes: ClauseText[];
  scopeIn: ClauseText[];
  scopeOut: ClauseText[];
  hours: {
    summary: string;
    timeZone: string;
    /** "Monday 08:00–18:00". */
    coverage: string[];
    holidays: string;
  };
  criticalPeriods: (ClauseText & { name: string; when: string })[];
  /** Normal time first, then one table per critical period that has levels. */
  serviceLevels: ServiceLevelTable[];
  support: string;
  escalation: string;
  providerCosts: string;
  providerRisks: string;
  supporting: SupportingServiceRow[];
  needs: AnsweredNeed[];
  /** Null for a version never submitted, or when the reader is not one of the request's people. */
  signoff: SignoffRecord | null;
  /** A request exists but its decisions and comments are not the reader's to see. */
  signoffWithheld?: boolean;
  traceability: TraceRow[];
}
