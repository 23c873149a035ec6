import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { NeedLink, NeedStatusBadge, SupportSummary } from "../components/needs/need-bits";
import { Button, ButtonLink } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { Field, FormError, SelectField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Table } from "../components/ui/table";
import { fieldErrors } from "../domain/fields";
import { formatDay } from "../domain/interview";
import { NEED_CATEGORIES, NEED_CATEGORY_SHORT, NEED_SORT_LABELS, NEED_SORTS, NEED_STATUS_LABELS, NEED_STATUSES, needFilterSchema, NEEDS_PAGE_SIZE } from "../domain/need";
import { can } from "../domain/roles";
import { filterLabels, listNeeds, needFacets } from "../models/need-board.server";
import { requireUser } from "../utils/auth.server";
import { queryOf } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Needs · Charter" }];

const FILTER_KEYS = ["q", "unit", "process", "category", "status", "tag", "interview", "stakeholder", "sort"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "needs:read" });
  const given = queryOf(request);
  const query = Object.fromEntries(FILTER_KEYS.map((k) => [k, given[k] ?? ""]));
  const parsed = needFilterSchema.safeParse({ ...query, page: given.page ?? "" });
  const facets = needFacets(user);
  const base = { query, facets: await facets, canEdit: can(user.role, "needs:edit"), unitScoped: user.role === "business_lead" };
  if (!parsed.success) {
    return json({ ...base, errors: fieldErrors(parsed.error), rows: [], total: 0, more: false, page: 1, labels: { interview: null, stakeholder: null } }, { status: 400 });
  }
  const [{ rows, total, more }, labels] = await Promise.all([listNeeds({ viewer: user, filter: parsed.data }), filterLabels({ viewer: user, ...parsed.data })]);
  return json({ ...base, errors: {} as Record<string, string>, rows, total, more, page: parsed.data.page, labels });
}

function withParams(query: Record<string, string>, changes: Record<string, string | number | null>) {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === "") params.delete(k);
    else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

export default function NeedsBoard() {
  const data = useLoaderData<typeof loader>();
  const { query, rows, total, more, page, facets, labels, errors } = data;
  const first = (page - 1) * NEEDS_PAGE_SIZE + 1;
  const last = first + rows.length - 1;
  const hasNext = rows.length === NEEDS_PAGE_SIZE && (more || last < total);
  const counted = more ? `More than ${total.toLocaleString("en-GB")} needs` : `${total.toLocaleString("en-GB")} need${total === 1 ? "" : "s"}`;
  const filtered = FILTER_KEYS.some((k) => k !== "sort" && query[k]);
  return (
    <>
      <PageHeader
        title="Needs"
        description={
          data.unitScoped
            ? "What your unit told us it needs, in business language, with the words behind each need."
            : "What the business told us it needs, in business language, with the words behind each need."
        }
        actions={
          <>
            <a className="btn btn-secondary" href={`/needs.csv${withParams(query, { page: null })}`} download>
              Export (CSV)
            </a>
            {data.canEdit ? <ButtonLink to="/needs/new">New need</ButtonLink> : null}
          </>
        }
      />
      <FormError message={Object.keys(errors).length ? `Some filters could not be used: ${Object.values(errors).join("; ")}` : null} />
      <Form method="get" className="filters" aria-label="Filter needs" key={JSON.stringify(query)}>
        <Field label="Search" name="q" type="search" defaultValue={query.q} placeholder="Words in needs or quotes" error={errors.q} />
        <SelectField label="Business unit" name="unit" defaultValue={query.unit} options={facets.units.map((u) => ({ value: u.id, label: u.name }))} placeholder="All units" error={errors.unit} />
        <SelectField label="Category" name="category" defaultValue={query.category} options={NEED_CATEGORIES.map((c) => ({ value: c, label: NEED_CATEGORY_SHORT[c] }))} placeholder="Any category" error={errors.category} />
        <SelectField label="Status" name="status" defaultValue={query.status} options={NEED_STATUSES.map((s) => ({ value: s, label: NEED_STATUS_LABELS[s] }))} placeholder="Any status" error={errors.status} />
        <Field label="Business process" name="process" defaultValue={query.process} list="need-processes" error={errors.process} />
        <datalist id="need-processes">
          {facets.processes.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <Field label="Tag" name="tag" defaultValue={query.tag} list="need-tags" error={errors.tag} />
        <datalist id="need-tags">
          {facets.tags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <SelectField label="Sort by" name="sort" defaultValue={query.sort || "support"} options={NEED_SORTS.map((s) => ({ value: s, label: NEED_SORT_LABELS[s] }))} error={errors.sort} />
        {query.interview ? <input type="hidden" name="interview" value={query.interview} /> : null}
        {query.stakeholder ? <input type="hidden" name="stakeholder" value={query.stakeholder} /> : null}
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </Form>
      {labels.interview || labels.stakeholder ? (
        <p className="row chips" aria-label="Also filtered by">
          {labels.interview ? (
            <span className="chip">
              Interview: {labels.interview.name}, {formatDay(labels.interview.at)}{" "}
              <Link to={withParams(query, { interview: null, page: null })} aria-label="Remove the interview filter">
                ×
              </Link>
            </span>
          ) : null}
          {labels.stakeholder ? (
            <span className="chip">
              Said by {labels.stakeholder}{" "}
              <Link to={withParams(query, { stakeholder: null, page: null })} aria-label="Remove the stakeholder filter">
                ×
              </Link>
            </span>
          ) : null}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState
          title={filtered ? "No needs match" : "No needs yet"}
          action={filtered ? <ButtonLink to="/needs" variant="secondary">Clear the filters</ButtonLink> : data.canEdit ? <ButtonLink to="/interviews">Go to the interviews</ButtonLink> : undefined}
        >
          {filtered
            ? "Try fewer filters or other words."
            : "Needs are written from evidence: open a held interview, mark what was said, and turn it into a need."}
        </EmptyState>
      ) : (
        <>
          <Table caption={`${counted}${page > 1 || hasNext ? `, showing ${first}–${last}` : ""}`}>
            <thead>
              <tr>
                <th scope="col">Need</th>
                <th scope="col">Units</th>
                <th scope="col">Support</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => (
                <tr key={n.id}>
                  <td>
                    <NeedLink id={n.id} number={n.number} statement={n.statement} />
                    <div className="small muted">
                      {[NEED_CATEGORY_SHORT[n.category], n.process, n.criticalPeriod].filter(Boolean).join(" · ")}
                    </div>
                  </td>
                  <td>{n.units}</td>
                  <td>
                    <SupportSummary support={n} />
                  </td>
                  <td>
                    <NeedStatusBadge status={n.status} />
                    {n.latestRank ? (
                      <div className="small muted" title={n.latestRank.title}>
                        Ranked {n.latestRank.rank} of {n.latestRank.ranked}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          {page > 1 || hasNext ? (
            <nav className="row pager" aria-label="Pages">
              {page > 1 ? <Link to={withParams(query, { page: page - 1 })}>← Previous</Link> : null}
              <span>
                Page {page}
                {more ? "" : ` of ${Math.max(1, Math.ceil(total / NEEDS_PAGE_SIZE))}`}
              </span>
              {hasNext ? <Link to={withParams(query, { page: page + 1 })}>Next →</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
