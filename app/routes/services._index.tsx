import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { statusTone } from "../components/signoff/signoff-people";
import { SIGNOFF_STATUS_LABELS } from "../domain/signoff";
import { DependencyMap } from "../components/services/dependency-map";
import { Badge } from "../components/ui/badge";
import { Button, ButtonLink } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { Field, SelectField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { Table } from "../components/ui/table";
import { CRITICALITY_TIERS, LIFECYCLE_LABELS, LIFECYCLE_STAGES, SERVICE_KIND_LABELS, SERVICE_KINDS } from "../domain/definition";
import { formatDay } from "../domain/interview";
import { needRef } from "../domain/need";
import { can } from "../domain/roles";
import { coverageGaps, dependencyEdges, portfolio } from "../models/service-portfolio.server";
import { portfolioHealth } from "../models/service-health.server";
import { servicesWithSuspects } from "../models/suspect.server";
import { HealthTable } from "../components/reviews/health-table";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Service portfolio · Charter" }];

const TIER_SHORT = { tier1: "Tier 1", tier2: "Tier 2", tier3: "Tier 3", tier4: "Tier 4" } as const;

/** The portfolio's filters: unknown values are ignored rather than refused (a shared link keeps working). */
const filterSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  kind: z.enum(SERVICE_KINDS).or(z.literal("")).catch(""),
  lifecycle: z.enum(LIFECYCLE_STAGES).or(z.literal("")).catch(""),
  criticality: z.enum(CRITICALITY_TIERS).or(z.literal("")).catch(""),
  renewing: z.enum(["90"]).or(z.literal("")).catch(""),
});

const DAY = 86_400_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "services:read" });
  const query = new URL(request.url).searchParams;
  const filter = filterSchema.parse(Object.fromEntries(["q", "kind", "lifecycle", "criticality", "renewing"].map((k) => [k, query.get(k) ?? ""])));
  const [rows, edges, gaps, health, suspectList] = await Promise.all([portfolio(), dependencyEdges(), coverageGaps(), portfolioHealth(), servicesWithSuspects()]);
  const suspects = Object.fromEntries(suspectList.map((s) => [s.id, s]));
  const today = new Date().toISOString().slice(0, 10);
  const soon = new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10);
  const shown = rows.filter(
    (r) =>
      (!filter.q || r.name.toLowerCase().includes(filter.q.toLowerCase()) || (r.provider ?? "").toLowerCase().includes(filter.q.toLowerCase())) &&
      (!filter.kind || r.kind === filter.kind) &&
      (!filter.lifecycle || r.lifecycle === filter.lifecycle) &&
      (!filter.criticality || r.criticality === filter.criticality) &&
      (!filter.renewing || (r.renewalNotice !== null && r.renewalNotice <= soon)),
  );
  return json({
    rows: shown,
    total: rows.length,
    filter,
    filtered: Object.values(filter).some(Boolean),
    today,
    soon,
    nodes: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, provider: r.provider })),
    edges,
    gaps,
    health: health.map((h) => ({ ...h, suspect: suspects[h.id]?.clauses ?? 0 })),
    suspects,
    canEdit: can(user.role, "services:edit"),
  });
}

export default function Portfolio() {
  const { rows, total, filter, filtered, today, soon, nodes, edges, gaps, health, suspects, canEdit } = useLoaderData<typeof loader>();
  const draftHref = `/services/new?${new URLSearchParams(gaps.map((g) => ["need", g.needId]))}`;
  return (
    <>
      <PageHeader
        title="Service portfolio"
        description="Every business and supporting service as one whole: who provides it, who owns it, how it is agreed and reviewed, and which needs it answers."
        actions={
          canEdit ? (
            <div className="row">
              <ButtonLink to="/providers" variant="secondary">
                Providers
              </ButtonLink>
              <ButtonLink to="/services/new">New service</ButtonLink>
            </div>
          ) : (
            <ButtonLink to="/providers" variant="secondary">
              Providers
            </ButtonLink>
          )
        }
      />
      <div className="stack-lg">
        {gaps.length ? (
          <Panel title={`Gaps (${gaps.length})`}>
            <p className="small">Needs high in their latest prioritisation round that no service's definition answers yet.</p>
            <ul className="need-list">
              {gaps.map((g) => (
                <li key={g.needId}>
                  <Link to={`/needs/${g.needId}`}>
                    <span className="need-ref">{needRef(g.number)}</span> {g.statement}
                  </Link>{" "}
                  <span className="muted small">
                    rank {g.rank} of {g.ranked} in {g.round}
                  </span>
                </li>
              ))}
            </ul>
            {canEdit ? (
              <p>
                <Link to={draftHref}>Draft a service from {gaps.length === 1 ? "this need" : "these needs"}</Link>
              </p>
            ) : null}
          </Panel>
        ) : null}
        <section id="health">
          <Panel title="Health">
            <HealthTable rows={health} />
            {canEdit ? (
              <p className="small">
                <Link to="/services/import-measures">Import measures from a spreadsheet</Link>
              </p>
            ) : null}
          </Panel>
        </section>
        <Panel title="Services">
          <Form method="get" className="filters">
            <Field label="Search" name="q" defaultValue={filter.q} placeholder="Service or provider" />
            <SelectField label="Kind" name="kind" defaultValue={filter.kind} placeholder="Any" options={SERVICE_KINDS.map((k) => ({ value: k, label: SERVICE_KIND_LABELS[k] }))} />
            <SelectField label="Lifecycle" name="lifecycle" defaultValue={filter.lifecycle} placeholder="Any" options={LIFECYCLE_STAGES.map((k) => ({ value: k, label: LIFECYCLE_LABELS[k] }))} />
            <SelectField label="Criticality" name="criticality" defaultValue={filter.criticality} placeholder="Any" options={CRITICALITY_TIERS.map((k) => ({ value: k, label: TIER_SHORT[k] }))} />
            <SelectField label="Agreements" name="renewing" defaultValue={filter.renewing} placeholder="All" options={[{ value: "90", label: "Renewal due within 90 days" }]} />
            <div className="row align-end">
              <Button type="submit" variant="secondary">
                Filter
              </Button>
              {filtered ? <Link to="/services">Clear</Link> : null}
            </div>
          </Form>
          {rows.length === 0 ? (
            <EmptyState title={total ? "No service matches these filters" : "No services yet"}>
              {total ? "Change or clear the filters." : canEdit ? "Add the first service, or draft one from the top needs." : "Relationship managers add services here."}
            </EmptyState>
          ) : (
            <Table caption={`${rows.length} of ${total} services`}>
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col">Status</th>
                  <th scope="col">Lifecycle</th>
                  <th scope="col">Criticality</th>
                  <th scope="col">Owner and provider</th>
                  <th scope="col">Needs answered</th>
                  <th scope="col">Next review</th>
                  <th scope="col">Agreement</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/services/${r.id}`}>{r.name}</Link>
                      <div className="small muted">
                        {SERVICE_KIND_LABELS[r.kind]}
                        {r.consumers ? ` · for ${r.consumers}` : ""}
                      </div>
                    </td>
                    <td>
                      {r.version === null ? (
                        <Badge tone="neutral">Draft</Badge>
                      ) : (
                        <Badge tone={r.signoff ? statusTone(r.signoff) : "neutral"}>
                          Version {r.version}
                          {r.signoff ? ` · ${SIGNOFF_STATUS_LABELS[r.signoff].toLowerCase()}` : ""}
                        </Badge>
                      )}
                      {r.agreed !== null && r.agreed !== r.version ? <div className="small muted">Version {r.agreed} agreed</div> : null}
                      {r.draftAhead ? <div className="small muted">Draft changed since</div> : null}
                      {suspects[r.id] ? (
                        <div className="small">
                          <Link to={`/services/${r.id}#suspect`}>
                            <Badge tone="warning">{suspects[r.id]!.clauses} suspect clause{suspects[r.id]!.clauses === 1 ? "" : "s"}</Badge>
                          </Link>
                          <div className="muted">
                            {suspects[r.id]!.latest}
                            {suspects[r.id]!.reasons > 1 ? ` (and ${suspects[r.id]!.reasons - 1} more reason${suspects[r.id]!.reasons === 2 ? "" : "s"})` : ""}
                          </div>
                        </div>
                      ) : null}
                    </td>
                    <td>{LIFECYCLE_LABELS[r.lifecycle]}</td>
                    <td>{TIER_SHORT[r.criticality]}</td>
                    <td>
                      {r.ownerName || <span className="muted">No owner named</span>}
                      <div className="small muted">{r.provider ?? "No provider"}</div>
                    </td>
                    <td>
                      {r.needs}
                      {r.topNeed ? (
                        <div className="small muted">
                          best: {needRef(r.topNeed.number)}, rank {r.topNeed.rank} of {r.topNeed.ranked}
                        </div>
                      ) : null}
                    </td>
                    <td className={r.nextReview && r.nextReview < today ? "overdue" : undefined}>
                      {r.nextReview ? formatDay(r.nextReview) : <span className="muted">Not set</span>}
                      {r.nextReview && r.nextReview < today ? <div className="small">Overdue</div> : null}
                    </td>
                    <td>
                      {r.agreementEnd ? `ends ${formatDay(r.agreementEnd)}` : <span className="muted">None recorded</span>}
                      {r.renewalNotice ? (
                        <div className={`small ${r.renewalNotice <= soon ? "renewal-soon" : "muted"}`}>
                          renewal notice by {formatDay(r.renewalNotice)}
                          {r.renewalNotice <= soon ? " (soon)" : ""}
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Panel>
        <Panel title="How the services depend on each other">
          <DependencyMap nodes={nodes} edges={edges} hrefOf={(id) => `/services/${id}`} />
        </Panel>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
