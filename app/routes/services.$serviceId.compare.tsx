import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { Button } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { SelectField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import type { Change } from "../domain/definition";
import { formatDay } from "../domain/interview";
import { wordDiff } from "../domain/word-diff";
import { serviceWithVersions, versionNumber } from "../models/service-version-view.server";
import { diffVersions } from "../models/service-version.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { queryOf } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Compare versions: ${data?.service.name ?? "service"} · Charter` }];

type Side = number | "draft";

/**
 * `?from=<n>&to=<m|draft>`: what changed, field by field. Left out, `to` is the
 * draft and `from` the version before `to` (the latest, against the draft). A
 * choice that is not a version is answered on the page, with the form to choose again.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "services:read" });
  const serviceId = requireIdParam(params.serviceId);
  const found = await serviceWithVersions(serviceId);
  if (!found) throw notFound("That service does not exist.");
  const query = queryOf(request);
  const numbers = found.versions.map((v) => v.number);
  const latest = numbers[0] ?? null;
  const page = {
    service: { id: found.id, name: found.name },
    versions: found.versions.map((v) => ({ number: v.number, createdAt: v.createdAt.toISOString() })),
  };
  if (latest === null) return json({ ...page, from: null, to: "draft" as Side, problems: [], changes: null });

  const problems: { status: 400 | 404; message: string }[] = [];
  const pick = (raw: string | undefined, label: string, allowDraft: boolean): Side | null | undefined => {
    const given = (raw ?? "").trim();
    if (!given) return undefined;
    if (allowDraft && given === "draft") return "draft";
    const n = versionNumber(given);
    if (n === null) {
      problems.push({ status: 400, message: `“${given.slice(0, 40)}” is not a version to compare ${label}: choose one from the list${allowDraft ? ", or the current draft" : ""}.` });
      return null;
    }
    if (!numbers.includes(n)) {
      problems.push({ status: 404, message: `There is no version ${n} of ${found.name} to compare ${label}: it has ${latest === 1 ? "version 1 only" : `versions 1 to ${latest}`}.` });
      return null;
    }
    return n;
  };
  const givenTo = pick(query.to, "to", true);
  const givenFrom = pick(query.from, "from", false);
  const to: Side = givenTo ?? "draft";
  const from = (givenFrom as number | null | undefined) ?? (to === "draft" ? latest : Math.max(1, to - 1));
  if (problems.length) {
    return json({ ...page, from, to, problems, changes: null }, { status: problems.some((p) => p.status === 400) ? 400 : 404 });
  }
  const changes = await diffVersions({ serviceId, from, to });
  return json({ ...page, from, to, problems, changes });
}

const sideName = (side: Side) => (side === "draft" ? "the current draft" : `version ${side}`);

/** The changes by section, each section where the later side first shows it. */
function bySection(changes: readonly Change[]) {
  const sections = new Map<string, Change[]>();
  for (const c of changes) sections.set(c.section, [...(sections.get(c.section) ?? []), c]);
  return [...sections];
}

export default function CompareVersions() {
  const { service, versions, from, to, problems, changes } = useLoaderData<typeof loader>();
  const base = `/services/${service.id}`;
  return (
    <>
      <PageHeader
        title={`Compare versions of ${service.name}`}
        description="Field by field and clause by clause: what was added, what was removed, and what was changed, with the words before and after."
        breadcrumbs={[
          { to: "/services", label: "Services" },
          { to: base, label: service.name },
        ]}
      />
      {from === null ? (
        <EmptyState title="No versions yet">There is nothing to compare until a version of this service has been created. Its draft is on the service's page.</EmptyState>
      ) : (
        <div className="stack-lg">
          <Panel>
            <Form method="get" className="compare-form" aria-label="Choose what to compare">
              <SelectField
                label="From"
                name="from"
                defaultValue={String(from)}
                options={versions.map((v) => ({ value: String(v.number), label: `Version ${v.number} (${formatDay(v.createdAt)})` }))}
              />
              <SelectField
                label="To"
                name="to"
                defaultValue={String(to)}
                options={[{ value: "draft", label: "Current draft" }, ...versions.map((v) => ({ value: String(v.number), label: `Version ${v.number} (${formatDay(v.createdAt)})` }))]}
              />
              <Button type="submit" variant="secondary">
                Compare
              </Button>
            </Form>
          </Panel>
          {problems.length ? (
            <div className="form-error" role="alert">
              {problems.map((p) => (
                <p key={p.message}>{p.message}</p>
              ))}
            </div>
          ) : changes ? (
            <Comparison from={from} to={to} changes={changes} serviceId={service.id} />
          ) : null}
        </div>
      )}
    </>
  );
}

function Comparison({ from, to, changes, serviceId }: { from: number; to: Side; changes: Change[]; serviceId: string }) {
  const link = (side: Side) => (side === "draft" ? <Link to={`/services/${serviceId}`}>the current draft</Link> : <Link to={`/services/${serviceId}/versions/${side}`}>version {side}</Link>);
  return (
    <Panel
      title={
        <>
          From {sideName(from)} to {sideName(to)}: {changes.length === 0 ? "no differences" : changes.length === 1 ? "1 change" : `${changes.length} changes`}
        </>
      }
    >
      {from === to ? <p className="muted">Both sides are version {from}: choose two different versions to see what changed.</p> : null}
      {to !== "draft" && from > to ? <p className="muted">Version {from} is the later one: what was added after version {to} shows here as removed.</p> : null}
      {changes.length === 0 ? (
        from === to ? null : (
          <p>
            No differences: {link(from)} and {link(to)} say the same thing.
          </p>
        )
      ) : (
        <div className="stack-lg">
          {bySection(changes).map(([section, list]) => (
            <section key={section}>
              <h3 className="compare-section">{section}</h3>
              <ul className="change-list">
                {list.map((c) => (
                  <ChangeItem key={c.key} change={c} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </Panel>
  );
}

function ChangeItem({ change }: { change: Change }) {
  if (change.change === "added") {
    return (
      <li className="change">
        <Badge tone="success">Added</Badge>
        <p className="change-text">
          <ins>{change.after}</ins>
        </p>
      </li>
    );
  }
  if (change.change === "removed") {
    return (
      <li className="change">
        <Badge tone="danger">Removed</Badge>
        <p className="change-text">
          <del>{change.before}</del>
        </p>
      </li>
    );
  }
  const parts = wordDiff(change.before ?? "", change.after ?? "");
  return (
    <li className="change">
      <Badge tone="info">Changed</Badge>
      <dl className="change-sides">
        <dt>Before</dt>
        <dd className="change-text">{parts.map((p, i) => (p.kind === "same" ? <span key={i}>{p.text}</span> : p.kind === "removed" ? <del key={i}>{p.text}</del> : null))}</dd>
        <dt>After</dt>
        <dd className="change-text">{parts.map((p, i) => (p.kind === "same" ? <span key={i}>{p.text}</span> : p.kind === "added" ? <ins key={i}>{p.text}</ins> : null))}</dd>
      </dl>
    </li>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
