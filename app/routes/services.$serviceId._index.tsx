import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { DefinitionView } from "../components/services/definition-view";
import { DependencyMap } from "../components/services/dependency-map";
import { statusTone } from "../components/signoff/signoff-people";
import { Badge } from "../components/ui/badge";
import { Button, ButtonLink } from "../components/ui/button";
import { FormError, SelectField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import {
  AGREEMENT_KIND_LABELS,
  CRITICALITY_LABELS,
  DELIVERY_MODEL_LABELS,
  LIFECYCLE_LABELS,
  needsAnswered,
  SERVICE_KIND_LABELS,
} from "../domain/definition";
import { formatDay, formatLocal } from "../domain/interview";
import { needRef } from "../domain/need";
import { can } from "../domain/roles";
import { SIGNOFF_STATUS_LABELS } from "../domain/signoff";
import { ReviewPanel } from "../components/reviews/review-panel";
import { SuspectPanel } from "../components/reviews/suspect-panel";
import { getService } from "../models/service-detail.server";
import { serviceReviewView } from "../models/service-review-view.server";
import { versionSignoffs } from "../models/signoff-read.server";
import { suspectsOf } from "../models/suspect.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { serviceAction } from "./services.$serviceId._index.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.service.name ?? "Service"} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "services:read" });
  const id = requireIdParam(params.serviceId);
  const [found, signoffs, reviews, suspects] = await Promise.all([getService(id), versionSignoffs(id), serviceReviewView(id), suspectsOf(id)]);
  if (!found || !reviews) throw notFound("That service does not exist.");
  const s = found.service;
  const latest = found.versions[0] ?? null;
  return json({
    service: {
      id: s.id,
      name: s.name,
      kind: s.kind,
      deliveryModel: s.deliveryModel,
      owner: { name: s.ownerName, title: s.ownerTitle, contact: s.ownerContact },
      agreement: s.agreementKind ? { kind: s.agreementKind, reference: s.agreementReference, start: s.agreementStart, end: s.agreementEnd, renewalNotice: s.agreementRenewalNotice } : null,
      lifecycle: s.lifecycle,
      criticality: s.criticality,
      reviewEveryMonths: s.reviewEveryMonths,
      nextReview: s.nextReview,
      draft: s.draft,
      updatedAt: s.updatedAt.toISOString(),
    },
    provider: found.provider,
    needs: found.needs,
    units: found.units,
    dependsOn: found.dependsOn,
    dependents: found.dependents,
    candidates: found.allServices.filter((o) => o.id !== s.id && !found.dependsOn.some((d) => d.id === o.id)).map((o) => ({ id: o.id, name: o.name })),
    nodes: found.allServices,
    edges: found.edges,
    versions: found.versions,
    signoffs,
    draftAhead: latest ? s.updatedAt.toISOString() > latest.createdAt : true,
    reviews,
    suspects,
    today: new Date().toISOString().slice(0, 10),
    canEdit: can(user.role, "services:edit"),
  });
}

export async function action(args: ActionFunctionArgs) {
  return serviceAction(args);
}

export default function ServicePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { service: s } = data;
  const latest = data.versions[0] ?? null;
  const answered = needsAnswered(s.draft);
  return (
    <>
      <PageHeader
        title={s.name}
        description={
          <>
            {SERVICE_KIND_LABELS[s.kind]} · {LIFECYCLE_LABELS[s.lifecycle]} ·{" "}
            {latest ? <Badge tone="success">Version {latest.number}</Badge> : <Badge tone="neutral">Draft, no version yet</Badge>}
            {latest && data.draftAhead ? " · the draft has changed since" : ""}
          </>
        }
        breadcrumbs={[{ to: "/services", label: "Services" }]}
        actions={
          data.canEdit ? (
            <div className="row">
              <ButtonLink to={`/services/${s.id}/edit`} variant="secondary">
                Edit details
              </ButtonLink>
              <ButtonLink to={`/services/${s.id}/definition`}>Edit the definition</ButtonLink>
            </div>
          ) : null
        }
      />
      <FormError message={actionData?.formError} />
      <div className="stack-lg">
        <div className="grid-2">
          <Panel title="Who provides it and who owns it">
            <dl className="details">
              <dt>Provider</dt>
              <dd>
                {data.provider ?? <span className="muted">Not chosen yet</span>}
                {s.deliveryModel ? `, ${DELIVERY_MODEL_LABELS[s.deliveryModel]}` : ""}
              </dd>
              <dt>Accountable owner</dt>
              <dd>
                {s.owner.name ? [s.owner.name, s.owner.title].filter(Boolean).join(", ") : <span className="muted">No owner named</span>}
                {s.owner.contact ? <div className="small">{s.owner.contact}</div> : null}
              </dd>
              <dt>Agreement</dt>
              <dd>
                {s.agreement ? (
                  <>
                    {AGREEMENT_KIND_LABELS[s.agreement.kind]}
                    {s.agreement.reference ? ` ${s.agreement.reference}` : ""}
                    <div className="small">
                      {[s.agreement.start ? `from ${formatDay(s.agreement.start)}` : null, s.agreement.end ? `to ${formatDay(s.agreement.end)}` : null].filter(Boolean).join(" ")}
                      {s.agreement.renewalNotice ? `; notice to renew by ${formatDay(s.agreement.renewalNotice)}` : ""}
                    </div>
                  </>
                ) : (
                  <span className="muted">None recorded</span>
                )}
              </dd>
              <dt>Criticality</dt>
              <dd>{CRITICALITY_LABELS[s.criticality]}</dd>
              <dt>Review</dt>
              <dd>
                {s.reviewEveryMonths ? `Every ${s.reviewEveryMonths} months` : <span className="muted">No cadence set</span>}
                {s.nextReview ? `; next by ${formatDay(s.nextReview)}` : ""}
              </dd>
            </dl>
          </Panel>
          <Panel title={`Versions (${data.versions.length})`}>
            {data.versions.length ? (
              <ul className="need-list">
                {data.versions.map((v) => (
                  <li key={v.number}>
                    <Link to={`/services/${s.id}/versions/${v.number}`}>Version {v.number}</Link> <span className="muted small">{formatLocal(v.createdAt)}</span>{" "}
                    <code className="small">{v.hash.slice(0, 12)}…</code>{" "}
                    {data.signoffs[v.number] ? (
                      <Link to={`/signoff/${data.signoffs[v.number]!.requestId}`}>
                        <Badge tone={statusTone(data.signoffs[v.number]!.status)}>{SIGNOFF_STATUS_LABELS[data.signoffs[v.number]!.status]}</Badge>
                      </Link>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No version yet: the definition is a draft.</p>
            )}
            {latest ? (
              <p className="small">
                <Link to={`/services/${s.id}/compare?from=${latest.number}&to=draft`}>Compare the draft with version {latest.number}</Link>
              </p>
            ) : null}
            {data.canEdit ? (
              <Form method="post" className="row">
                <input type="hidden" name="intent" value="version" />
                <Button type="submit" variant="secondary">
                  Create version {(latest?.number ?? 0) + 1}
                </Button>
              </Form>
            ) : null}
          </Panel>
        </div>
        <SuspectPanel versionNumber={data.suspects.versionNumber} items={data.suspects.items} canEdit={data.canEdit} errors={actionData?.suspectErrors} />
        <ReviewPanel serviceId={s.id} data={data.reviews} nextReview={s.nextReview} reviewEveryMonths={s.reviewEveryMonths} canEdit={data.canEdit} today={data.today} />
        <Panel title="The definition">
          <DefinitionView definition={s.draft} needs={data.needs} units={data.units} />
        </Panel>
        <Panel title={`Needs it answers (${answered.length})`}>
          {answered.length ? (
            <ul className="need-list">
              {answered
                .map((id) => data.needs[id])
                .filter((n) => n !== undefined)
                .sort((a, b) => (a.rank ? a.rank.rank / a.rank.ranked : 2) - (b.rank ? b.rank.rank / b.rank.ranked : 2) || a.number - b.number)
                .map((n) => (
                  <li key={n.id}>
                    <Link to={`/needs/${n.id}`}>
                      <span className="need-ref">{needRef(n.number)}</span> {n.statement}
                    </Link>{" "}
                    <span className="muted small">{n.rank ? `rank ${n.rank.rank} of ${n.rank.ranked} in ${n.rank.round}` : "not ranked yet"}</span>
                  </li>
                ))}
            </ul>
          ) : (
            <p className="muted">No need is linked yet: link needs to the outcomes, scope, critical periods and service levels they ask for.</p>
          )}
        </Panel>
        <Panel title="Dependencies">
          <div className="grid-2">
            <div>
              <h3 className="field-label">Depends on</h3>
              {data.dependsOn.length ? (
                <ul className="need-list">
                  {data.dependsOn.map((d) => (
                    <li key={d.id} className="row">
                      <Link to={`/services/${d.id}`}>{d.name}</Link>
                      {d.provider ? <span className="muted small">{d.provider}</span> : null}
                      {data.canEdit ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove-dependency" />
                          <input type="hidden" name="dependsOnId" value={d.id} />
                          <button type="submit" className="btn btn-sm btn-ghost" aria-label={`Remove the dependency on ${d.name}`}>
                            Remove
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">Nothing recorded.</p>
              )}
              {data.canEdit && data.candidates.length ? (
                <Form method="post" className="row align-end">
                  <input type="hidden" name="intent" value="add-dependency" />
                  <SelectField label="Add a service it depends on" name="dependsOnId" placeholder="Choose a service" options={data.candidates.map((c) => ({ value: c.id, label: c.name }))} error={actionData?.dependencyError} />
                  <Button type="submit" variant="secondary">
                    Add
                  </Button>
                </Form>
              ) : null}
            </div>
            <div>
              <h3 className="field-label">Used by</h3>
              {data.dependents.length ? (
                <ul className="need-list">
                  {data.dependents.map((d) => (
                    <li key={d.id}>
                      <Link to={`/services/${d.id}`}>{d.name}</Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No service depends on it.</p>
              )}
            </div>
          </div>
          <DependencyMap nodes={data.nodes} edges={data.edges} focus={s.id} hrefOf={(id) => `/services/${id}`} />
        </Panel>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
