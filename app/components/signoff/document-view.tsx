import type { ReactNode } from "react";
import { formatLocal } from "../../domain/interview";
import type { AgreementDocument, ClauseText, NeedRef } from "../../pdf/document-data";

export interface ClauseComment {
  id: string;
  clauseId: string | null;
  body: string;
  author: string;
  createdAt: string;
}

/** One comment: what was said, by whom, when. */
export function CommentItem({ c }: { c: ClauseComment }) {
  return (
    <div className="clause-comment">
      <p className="pre-line">{c.body}</p>
      <p className="muted small">
        {c.author}, {formatLocal(c.createdAt)}
      </p>
    </div>
  );
}

/** Comments on one clause, beside it; and, for those who may comment, a link to add one. */
function Comments({ clauseId, comments, commentHref }: { clauseId: string; comments: readonly ClauseComment[]; commentHref?: (clauseId: string) => string }) {
  const mine = comments.filter((c) => c.clauseId === clauseId);
  if (!mine.length && !commentHref) return null;
  return (
    <aside className="clause-comments" aria-label="Comments on this clause">
      {mine.map((c) => (
        <CommentItem key={c.id} c={c} />
      ))}
      {commentHref ? (
        <a className="small" href={commentHref(clauseId)}>
          Comment on this
        </a>
      ) : null}
    </aside>
  );
}

const needList = (needs: readonly NeedRef[]) =>
  needs.length ? <div className="clause-needs small muted">Answers {needs.map((n) => n.ref || n.statement).join("; ")}</div> : null;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="doc-section" aria-labelledby={`doc-${id}`}>
      <h3 id={`doc-${id}`}>{title}</h3>
      {children}
    </section>
  );
}

const none = <p className="muted">None recorded.</p>;

/**
 * The service document as it reads on screen: the same content as its PDF, clause by clause,
 * with each clause's comments beside it.
 */
export function DocumentView({ doc, comments, commentHref }: { doc: AgreementDocument; comments: readonly ClauseComment[]; commentHref?: (clauseId: string) => string }) {
  const clauses = (list: readonly ClauseText[]) =>
    list.length ? (
      <ol className="doc-clauses">
        {list.map((c) => (
          <li key={c.id} id={`clause-${c.id}`} className="doc-clause">
            <div>
              <span className="pre-line">{c.text}</span>
              {needList(c.needs)}
            </div>
            <Comments clauseId={c.id} comments={comments} commentHref={commentHref} />
          </li>
        ))}
      </ol>
    ) : (
      none
    );
  const prose = (key: string, text: string) => (
    <div id={`clause-${key}`} className="doc-clause">
      <div className="pre-line">{text || <span className="muted">None recorded.</span>}</div>
      <Comments clauseId={key} comments={comments} commentHref={commentHref} />
    </div>
  );
  return (
    <div className="document-view">
      <Section id="purpose" title="1. Purpose">
        {prose("purpose", doc.purpose)}
      </Section>
      <Section id="outcomes" title="2. Business outcomes">
        {clauses(doc.outcomes)}
      </Section>
      <Section id="consumers" title="3. Who relies on it">
        <div id="clause-consumers" className="doc-clause">
          {doc.consumers.length ? (
            <ul>
              {doc.consumers.map((c) => (
                <li key={c.unit}>
                  <strong>{c.unit}</strong>
                  {c.spokesperson ? `, speaking for it: ${c.spokesperson}` : ""}
                  {c.note ? <span className="muted"> — {c.note}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            none
          )}
          <Comments clauseId="consumers" comments={comments} commentHref={commentHref} />
        </div>
      </Section>
      <Section id="scope" title="4. Scope">
        <h4>In scope</h4>
        {clauses(doc.scopeIn)}
        <h4>Out of scope</h4>
        {clauses(doc.scopeOut)}
      </Section>
      <Section id="hours" title="5. Hours of service">
        <div id="clause-hours" className="doc-clause">
          <div>
            {doc.hours.summary ? <p>{doc.hours.summary}</p> : null}
            {doc.hours.coverage.length ? <p>{doc.hours.coverage.join(" · ")}</p> : null}
            <p className="muted small">
              Times in {doc.hours.timeZone}. {doc.hours.holidays ? `Holidays: ${doc.hours.holidays}` : ""}
            </p>
          </div>
          <Comments clauseId="hours" comments={comments} commentHref={commentHref} />
        </div>
      </Section>
      <Section id="periods" title="6. Critical periods">
        {doc.criticalPeriods.length ? (
          <ol className="doc-clauses">
            {doc.criticalPeriods.map((p) => (
              <li key={p.id} id={`clause-${p.id}`} className="doc-clause">
                <div>
                  <strong>{p.name}</strong>: {p.when}
                  {needList(p.needs)}
                </div>
                <Comments clauseId={p.id} comments={comments} commentHref={commentHref} />
              </li>
            ))}
          </ol>
        ) : (
          none
        )}
      </Section>
      <Section id="levels" title="7. Service levels">
        {doc.serviceLevels.map((t) => (
          <div key={t.title} className="doc-levels">
            <h4>
              {t.title}
              {t.when ? <span className="muted small"> — {t.when}</span> : null}
            </h4>
            {t.rows.length ? (
              <ol className="doc-clauses">
                {t.rows.map((l) => (
                  <li key={l.id} id={`clause-${l.id}`} className="doc-clause">
                    <div>
                      <strong>{l.measure}</strong>: {l.target} <span className="muted small">({l.kind})</span>
                      <div className="small">Measured by {l.howMeasured}</div>
                      {needList(l.needs)}
                    </div>
                    <Comments clauseId={l.id} comments={comments} commentHref={commentHref} />
                  </li>
                ))}
              </ol>
            ) : (
              none
            )}
          </div>
        ))}
      </Section>
      <Section id="support" title="8. Support and escalation">
        <h4>Getting help</h4>
        {prose("support", doc.support)}
        <h4>Escalation</h4>
        {prose("escalation", doc.escalation)}
      </Section>
      <Section id="provider" title="9. What the provider owns">
        <h4>Costs</h4>
        {prose("provider-costs", doc.providerCosts)}
        <h4>Risks</h4>
        {prose("provider-risks", doc.providerRisks)}
      </Section>
      <Section id="supporting" title="10. Supporting services">
        {doc.supporting.length ? (
          <ul>
            {doc.supporting.map((s) => (
              <li key={s.name}>
                <strong>{s.name}</strong>
                {s.provider ? ` — ${s.provider}${s.providerKind ? ` (${s.providerKind.toLowerCase()})` : ""}` : ""}
                {s.owner ? <span className="muted">, owned by {s.owner}</span> : null}
                {s.agreement ? <div className="small muted">{s.agreement}</div> : null}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </Section>
      <Section id="needs" title="11. Needs answered">
        {doc.needs.length ? (
          <ul>
            {doc.needs.map((n) => (
              <li key={n.ref}>
                <strong>{n.ref}</strong> {n.statement} <span className="muted small">— {n.status}{n.rank ? `, ranked ${n.rank}` : ", not ranked"}</span>
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </Section>
    </div>
  );
}
