import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useHydrated } from "../guide/question-input";
import { heardIn } from "../../domain/evidence";
import { formatLocal } from "../../domain/interview";
import { NEED_STATUS_LABELS, NEED_STATUSES, needRef, type NeedQuote, type NeedStatus } from "../../domain/need";
import { ROLE_LABELS, isRole } from "../../domain/roles";
import { Button } from "../ui/button";
import { Field, FormError, SelectField, TextareaField } from "../ui/field";
import { Panel } from "../ui/panel";
import { NeedLink, NeedStatusBadge } from "./need-bits";

type Quote = NeedQuote;

/** Every quote behind a need, with who said it, where (an interview or a survey) and when; flagged when its answer changed since. */
export function QuoteList({ quotes, needId, canEdit, canReadInterviews, error }: { quotes: Quote[]; needId: string; canEdit: boolean; canReadInterviews: boolean; error?: string }) {
  if (!quotes.length) return <p className="muted">No evidence yet. Link quotes from held interviews below, or from an interview's evidence page.</p>;
  return (
    <>
      <FormError message={error} />
      <ol className="quote-list">
        {quotes.map((q) => (
          <li key={q.id} className="quote-card">
            {q.text === null ? (
              <p className="muted">A quote from a private interview you may not see. It still counts towards the support.</p>
            ) : (
              <blockquote className="quote-text">{q.text}</blockquote>
            )}
            <p className="quote-cite small">
              {q.stakeholders.length ? (
                q.stakeholders.map((s, i) => (
                  <span key={s.id}>
                    {i ? "; " : ""}
                    <Link to={`/needs?stakeholder=${s.id}`} title="Every need this person supports">
                      {s.name}
                    </Link>
                    {s.title ? `, ${s.title}` : ""} ({s.unitName})
                  </span>
                ))
              ) : (
                q.anonymousAs
              )}
              {q.text !== null ? " · " : ""}
              {canReadInterviews && q.text !== null ? (
                <Link to={`/interviews/${q.interviewId}/evidence#ev-${q.id}`}>{heardIn(q.survey, q.interviewUnit, q.heardAt)}</Link>
              ) : (
                <span>{heardIn(q.survey, q.interviewUnit, q.heardAt)}</span>
              )}
              {q.via ? (
                <>
                  {" "}
                  · through merged <Link to={`/needs/${q.via.id}`}>{needRef(q.via.number)}</Link>
                </>
              ) : null}
            </p>
            {q.tags.length ? (
              <p className="tags">
                {q.tags.map((t) => (
                  <Link key={t} className="tag" to={`/needs?tag=${encodeURIComponent(t)}`}>
                    {t}
                  </Link>
                ))}
              </p>
            ) : null}
            {q.changed ? (
              <div className="changed-at-source" role="note">
                <p>
                  <strong>Changed at source:</strong> the answer this was quoted from has changed since.{" "}
                  {canReadInterviews ? <Link to={`/interviews/${q.interviewId}/evidence#ev-${q.id}`}>Confirm or remove it on the interview</Link> : null}
                </p>
                <details>
                  <summary>Compare the answer then and now</summary>
                  <p className="small">Then:</p>
                  <p className="pre-line was">{q.checkedText}</p>
                  <p className="small">Now:</p>
                  <p className="pre-line now">{q.currentText ?? "(no longer answered)"}</p>
                </details>
              </div>
            ) : null}
            {canEdit && !q.via && q.text !== null ? (
              <Form method="post" action={`/needs/${needId}`} className="quote-actions">
                <input type="hidden" name="intent" value="unlink" />
                <input type="hidden" name="evidenceId" value={q.id} />
                <Button type="submit" variant="ghost" size="sm">
                  Unlink from this need
                </Button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}

interface Duplicate {
  id: string;
  number: number;
  statement: string;
  status: NeedStatus;
  stakeholderCount: number;
}

/**
 * Needs worded like this one, each with a way to merge either way. Found after
 * the page is up (the browser asks /needs/similar), or on request without
 * JavaScript (the page again, with ?duplicates=1).
 */
export function DuplicatesPanel({ needId, number, statement, duplicates }: { needId: string; number: number; statement: string; duplicates: Duplicate[] | null }) {
  const hydrated = useHydrated();
  const fetcher = useFetcher<{ similar: Duplicate[] }>();
  const { load } = fetcher;
  useEffect(() => {
    if (duplicates === null) load(`/needs/similar?${new URLSearchParams({ q: statement, exclude: needId })}`);
  }, [duplicates, load, statement, needId]);
  const found = duplicates ?? fetcher.data?.similar ?? null;
  return (
    <div id="duplicates">
      <Panel title="Possible duplicates">
        {found === null ? (
          hydrated ? (
            <p className="muted" role="status">
              Looking for needs worded like this one…
            </p>
          ) : (
            <p>
              <Link to="?duplicates=1#duplicates">Look for needs worded like this one</Link>
            </p>
          )
        ) : found.length === 0 ? (
          <p className="muted">No other need is worded like this one.</p>
        ) : (
          <ul className="duplicate-list">
            {found.map((d) => (
              <li key={d.id}>
                <div>
                  <NeedLink id={d.id} number={d.number} statement={d.statement} /> <NeedStatusBadge status={d.status} />{" "}
                  <span className="muted small">
                    {d.stakeholderCount} stakeholder{d.stakeholderCount === 1 ? "" : "s"}
                  </span>
                </div>
                <div className="row">
                  <Form method="post" action={`/needs/${d.id}`}>
                    <input type="hidden" name="intent" value="merge" />
                    <input type="hidden" name="into" value={needRef(number)} />
                    <Button type="submit" variant="secondary" size="sm">
                      Merge {needRef(d.number)} into this need
                    </Button>
                  </Form>
                  <Form method="post" action={`/needs/${needId}`}>
                    <input type="hidden" name="intent" value="merge" />
                    <input type="hidden" name="into" value={needRef(d.number)} />
                    <Button type="submit" variant="ghost" size="sm">
                      Merge this need into {needRef(d.number)}
                    </Button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}

export function MergePanel({ error, typed }: { error?: string; typed?: string }) {
  return (
    <Panel title="Merge into another need">
      <Form method="post" className="row align-end">
        <input type="hidden" name="intent" value="merge" />
        <Field label="The need that absorbs this one" name="into" placeholder="N-12" defaultValue={typed} help="Its number. This need's evidence then counts there; the merge can be undone." error={error} />
        <Button type="submit" variant="secondary">
          Merge
        </Button>
      </Form>
    </Panel>
  );
}

export function LinkEvidencePanel({ query, hits, error }: { query: string; hits: { id: string; text: string; people: string; heardIn: string }[]; error?: string }) {
  return (
    <Panel title="Link more evidence">
      <Form method="get" className="row align-end" preventScrollReset>
        <Field label="Find quotes" name="evidence" type="search" defaultValue={query} help="Words from what was said, in any interview you may see." />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </Form>
      {query ? (
        hits.length ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="link" />
            <FormError message={error} />
            <fieldset className="checklist">
              <legend className="visually-hidden">Quotes to link</legend>
              {hits.map((h) => (
                <label key={h.id}>
                  <input type="checkbox" name="evidenceIds" value={h.id} />
                  <span>
                    “{h.text}” <span className="muted small">— {h.people || "unattributed"} · {h.heardIn}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <div>
              <Button type="submit">Link the ticked quotes</Button>
            </div>
          </Form>
        ) : (
          <p className="muted">No quotes that are not already linked here match “{query}”.</p>
        )
      ) : null}
    </Panel>
  );
}

export function StatusPanel({ status, reason, errors, formError }: { status: NeedStatus; reason: string; errors?: Record<string, string>; formError?: string }) {
  const [chosen, setChosen] = useState<NeedStatus>(status);
  return (
    <Panel title="Status">
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="status" />
        <FormError message={formError} />
        <SelectField
          label="Status"
          name="status"
          value={chosen}
          onChange={(e) => setChosen(e.currentTarget.value as NeedStatus)}
          options={NEED_STATUSES.map((s) => ({ value: s, label: NEED_STATUS_LABELS[s] }))}
          error={errors?.status}
        />
        <TextareaField
          label="Reason"
          name="reason"
          rows={2}
          defaultValue={reason}
          optional={chosen !== "rejected"}
          help="Needed when rejecting: the business will read it."
          error={errors?.reason}
        />
        <div>
          <Button type="submit" variant="secondary">
            Save status
          </Button>
        </div>
      </Form>
    </Panel>
  );
}

export function CommentsPanel({
  comments,
  canComment,
  error,
  typed,
}: {
  typed?: string;
  comments: { id: string; body: string; createdAt: string; authorName: string; authorRole: string }[];
  canComment: boolean;
  error?: string;
}) {
  return (
    <section id="comments">
      <Panel title={`Comments (${comments.length})`}>
        {comments.length ? (
          <ol className="comment-list">
            {comments.map((c) => (
              <li key={c.id}>
                <p className="small">
                  <strong>{c.authorName}</strong> <span className="muted">{isRole(c.authorRole) ? ROLE_LABELS[c.authorRole] : ""} · {formatLocal(c.createdAt)}</span>
                </p>
                <p className="pre-line">{c.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No comments yet.</p>
        )}
        {canComment ? (
          <Form method="post" className="stack" key={comments.length}>
            <input type="hidden" name="intent" value="comment" />
            <TextareaField label="Add a comment" name="body" rows={3} error={error} defaultValue={typed} />
            <div>
              <Button type="submit" variant="secondary">
                Comment
              </Button>
            </div>
          </Form>
        ) : null}
      </Panel>
    </section>
  );
}
