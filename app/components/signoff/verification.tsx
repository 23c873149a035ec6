import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { formatLocal } from "../../domain/interview";
import { SIGNOFF_ROLE_LABELS } from "../../domain/signoff";
import { MAX_VERIFY_BYTES, uploadProblem } from "../../domain/verify";
import type { Verification } from "../../models/verify.server";
import { Badge } from "../ui/badge";

/** A version's public record: what it is, and who approved and signed it when. */
export function VerificationDetails({ v }: { v: Verification }) {
  return (
    <dl className="details">
      <dt>Service</dt>
      <dd>{v.service}</dd>
      <dt>Version</dt>
      <dd>{v.number}</dd>
      <dt>Status</dt>
      <dd>{v.agreed ? <Badge tone="success">Agreed {formatLocal(v.agreed.at)}</Badge> : <Badge tone="warning">Not agreed: any copy of it is a draft</Badge>}</dd>
      {v.people.length ? (
        <>
          <dt>Approved and signed by</dt>
          <dd>
            <ul className="plain-list">
              {v.people.map((p) => (
                <li key={`${p.role}-${p.name}`}>
                  {p.name}
                  {p.title ? `, ${p.title}` : ""} <span className="muted small">({SIGNOFF_ROLE_LABELS[p.role].toLowerCase()})</span>:{" "}
                  {p.decision === "approved" ? `${p.role === "signer" ? "signed" : "approved"} ${p.at ? formatLocal(p.at) : ""}` : p.decision === "rejected" ? "rejected" : "not yet decided"}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      <dt>Content hash</dt>
      <dd>
        <code className="hash">{v.contentHash}</code>
      </dd>
      {v.agreed ? (
        <>
          <dt>SHA-256 of the agreed PDF</dt>
          <dd>
            <code className="hash">{v.agreed.sha256}</code>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** Choose a PDF and check it. Without JavaScript the server checks it; with it, an empty or oversized file is named before it is sent. */
export function UploadForm({ error }: { error?: string | null }) {
  const [problem, setProblem] = useState<string | null>(null);
  const busy = useNavigation().state === "submitting";
  const message = problem ?? error ?? null;
  return (
    <Form
      method="post"
      action="/verify?index"
      encType="multipart/form-data"
      aria-label="Check a PDF"
      onSubmit={(event) => {
        const input = event.currentTarget.elements.namedItem("document") as HTMLInputElement | null;
        const file = input?.files?.[0] ?? null;
        const found = uploadProblem(file);
        setProblem(found);
        if (found) event.preventDefault();
      }}
    >
      <div className="field">
        <label htmlFor="document">The PDF you hold</label>
        <p className="field-help" id="document-help">
          Charter compares it byte for byte with the agreed documents. Up to {MAX_VERIFY_BYTES / 1024 / 1024} MB.
        </p>
        <input
          id="document"
          name="document"
          type="file"
          accept="application/pdf,.pdf"
          aria-describedby={message ? "document-help document-error" : "document-help"}
          aria-invalid={message ? true : undefined}
          onChange={() => setProblem(null)}
        />
        {message ? (
          <p className="field-error" id="document-error" role="alert">
            {message}
          </p>
        ) : null}
      </div>
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor="website">Leave this empty</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} aria-disabled={busy}>
          {busy ? "Checking…" : "Check this PDF"}
        </button>
      </div>
    </Form>
  );
}
