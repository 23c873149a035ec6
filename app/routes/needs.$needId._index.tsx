import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { CommentsPanel, DuplicatesPanel, LinkEvidencePanel, MergePanel, QuoteList, StatusPanel } from "../components/needs/need-page";
import { NeedLink, NeedStatusBadge, SupportSummary } from "../components/needs/need-bits";
import { Button, ButtonLink } from "../components/ui/button";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { formatDay } from "../domain/interview";
import { Fragment } from "react";
import { NEED_CATEGORY_SHORT, needRef, type NeedStatus } from "../domain/need";
import { can } from "../domain/roles";
import { searchEvidence } from "../models/evidence.server";
import { similarNeeds } from "../models/need-board.server";
import { getNeed } from "../models/need-detail.server";
import { effortsFor } from "../models/effort.server";
import { needRanks, roundsOpenTo } from "../models/round.server";
import { servicesAnswering } from "../models/service-links.server";
import { formatEffort } from "../domain/effort";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { queryOf } from "../utils/request.server";
import { needAction } from "./needs.$needId.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${needRef(data.need.number)} ${data.need.statement} · Charter` : "Need · Charter" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "needs:read" });
  const found = await getNeed({ id: requireIdParam(params.needId), viewer: user });
  if (!found) throw notFound("That need does not exist, or it belongs to another unit.");
  const canEdit = can(user.role, "needs:edit");
  const query = queryOf(request);
  const evidenceQuery = (query.evidence ?? "").trim().slice(0, 200);
  const live = !found.need.merged;
  // Likely duplicates are the page's dearest question: the browser asks for them once the page is up
  // (/needs/similar); without JavaScript, a link asks the page for them (?duplicates=1).
  const [duplicates, evidenceHits, ranks, effort, answeredBy] = await Promise.all([
    canEdit && live && query.duplicates === "1" ? similarNeeds({ text: found.need.statement, viewer: user, excludeId: found.need.id }) : Promise.resolve(null),
    canEdit && live && evidenceQuery ? searchEvidence({ q: evidenceQuery, viewer: user, excludeNeedId: found.need.id }) : Promise.resolve([]),
    needRanks(found.need.id),
    effortsFor([found.need.id]).then((e) => e[found.need.id] ?? null),
    can(user.role, "services:read") ? servicesAnswering(found.need.id) : Promise.resolve([]),
  ]);
  const openable = await roundsOpenTo(user, ranks.map((r) => r.roundId));
  return json({
    ...found,
    duplicates,
    ranks: ranks.map((r) => ({ ...r, openable: openable.has(r.roundId) })),
    effort,
    answeredBy,
    evidenceQuery,
    evidenceHits,
    canEdit,
    canComment: can(user.role, "needs:comment"),
    canReadInterviews: can(user.role, "interviews:read"),
  });
}

export async function action(args: ActionFunctionArgs) {
  return needAction(args);
}

const CLAUSE_LABELS = { outcome: "Outcome", scope: "In scope", period: "Critical period", level: "Service level", service: "Named for the whole service" } as const;

const typedValue = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default function NeedPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { need, support, quotes, absorbed, canEdit } = data;
  const failed = (intent: string) => (actionData && "intent" in actionData && actionData.intent === intent ? actionData : undefined);
  return (
    <>
      <PageHeader
        title={
          <>
            <span className="need-ref">{needRef(need.number)}</span> {need.statement}
          </>
        }
        description={
          <>
            <NeedStatusBadge status={need.status} /> {NEED_CATEGORY_SHORT[need.category]} · {need.units.map((u) => u.name).join(", ")}
          </>
        }
        breadcrumbs={[{ to: "/needs", label: "Needs" }]}
        actions={canEdit && !need.merged ? <ButtonLink to={`/needs/${need.id}/edit`} variant="secondary">Edit</ButtonLink> : null}
      />
      {need.merged ? (
        <div className="flash flash-info" role="status">
          <p>
            Merged into <NeedLink id={need.merged.survivorId} number={need.merged.survivorNumber} statement={need.merged.survivorStatement} /> on {formatDay(need.merged.at)}
            {need.merged.byName ? ` by ${need.merged.byName}` : ""}. Its evidence counts there; this page shows its own.
          </p>
          {canEdit ? (
            <Form method="post" className="row">
              <input type="hidden" name="intent" value="unmerge" />
              <Button type="submit" variant="secondary">
                Undo the merge
              </Button>
            </Form>
          ) : null}
          <FormError message={failed("unmerge")?.formError} />
        </div>
      ) : null}
      <div className="stack-lg">
        <Panel title="The need">
          <dl className="details">
            <dt>Business outcome</dt>
            <dd>{need.outcome || <span className="muted">Not stated</span>}</dd>
            <dt>Business process</dt>
            <dd>{need.process || <span className="muted">Not stated</span>}</dd>
            <dt>Critical period</dt>
            <dd>{need.criticalPeriod || <span className="muted">None named</span>}</dd>
            <dt>Pain or impact today</dt>
            <dd className="pre-line">{need.pain || <span className="muted">Not stated</span>}</dd>
            {need.statusReason ? (
              <>
                <dt>Why {need.status === "rejected" ? "rejected" : need.status === "parked" ? "parked" : "this status"}</dt>
                <dd className="pre-line">{need.statusReason}</dd>
              </>
            ) : null}
            <dt>IT effort</dt>
            <dd>
              {formatEffort(data.effort)}
              {data.effort?.note ? <span className="muted"> — {data.effort.note}</span> : null}
            </dd>
            <dt>Written</dt>
            <dd>
              {formatDay(need.createdAt)} by {need.createdByName}
            </dd>
          </dl>
        </Panel>
        {data.ranks.length ? (
          <Panel title="Prioritisation">
            <ul className="need-list">
              {data.ranks.map((r) => (
                <li key={r.roundId}>
                  <strong>
                    Rank {r.rank} of {r.ranked}
                  </strong>{" "}
                  in {r.openable ? <Link to={`/rounds/${r.roundId}`}>{r.title}</Link> : r.title} <span className="muted small">(closed {formatDay(r.closedAt)})</span>
                </li>
              ))}
            </ul>
          </Panel>
        ) : null}
        <Panel title="Answered by">
          {data.answeredBy.length ? (
            <ul className="need-list">
              {data.answeredBy.map((s) => (
                <li key={s.id}>
                  <Link to={`/services/${s.id}`}>{s.name}</Link>
                  <ul className="small">
                    {s.clauses.map((c) => (
                      <li key={c.clauseId}>
                        <span className="muted">{CLAUSE_LABELS[c.kind]}</span>
                        {c.text ? `: ${c.text}` : null}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No service definition names this need yet.</p>
          )}
        </Panel>
        <Panel title={`Who said it (${support.evidenceCount})`}>
          <p>
            <SupportSummary support={support} />
          </p>
          <QuoteList quotes={quotes} needId={need.id} canEdit={canEdit && !need.merged} canReadInterviews={data.canReadInterviews} error={failed("unlink")?.formError ?? failed("unlink")?.errors?.evidenceId} />
        </Panel>
        {absorbed.length ? (
          <Panel title="Merged into this need">
            <ul className="need-list">
              {absorbed.map((n) => (
                <li key={n.id}>
                  <NeedLink id={n.id} number={n.number} statement={n.statement} />{" "}
                  <span className="muted small">
                    merged {formatDay(n.mergedAt)}
                    {n.mergedByName ? ` by ${n.mergedByName}` : ""}
                    {n.direct ? "" : " (through another merged need)"}
                  </span>
                </li>
              ))}
            </ul>
          </Panel>
        ) : null}
        {canEdit && !need.merged ? (
          // Keyed by the need (and its revision), so moving to another need never carries typed values over.
          <Fragment key={`${need.id}:${need.revision}`}>
            <DuplicatesPanel needId={need.id} number={need.number} statement={need.statement} duplicates={data.duplicates} />
            <MergePanel error={failed("merge")?.errors?.into ?? failed("merge")?.formError} typed={typedValue(failed("merge")?.values?.into)} />
            <LinkEvidencePanel query={data.evidenceQuery} hits={data.evidenceHits} error={failed("link")?.errors?.evidenceIds ?? failed("link")?.formError} />
            <StatusPanel
              status={(typedValue(failed("status")?.values?.status) as NeedStatus | undefined) ?? need.status}
              reason={typedValue(failed("status")?.values?.reason) ?? need.statusReason}
              errors={failed("status")?.errors}
              formError={failed("status")?.formError}
            />
          </Fragment>
        ) : null}
        <CommentsPanel key={need.id} typed={typedValue(failed("comment")?.values?.body)} comments={data.comments} canComment={data.canComment} error={failed("comment")?.errors?.body ?? failed("comment")?.formError} />
        <p>
          <Link to="/needs">Back to the needs</Link>
        </p>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
