import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { Button, ButtonLink } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { Field, FormError, SelectField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Table } from "../components/ui/table";
import { AUDIT_KINDS, AUDIT_KIND_LABELS, describePayload, isAuditKind, type AuditKind } from "../domain/audit";
import { auditFilterSchema } from "../domain/audit-filter";
import { fieldErrors } from "../domain/fields";
import { formatUtc } from "../domain/format";
import { db } from "../db.server";
import { listAuditEvents, verifyAuditChain } from "../models/audit.server";
import { listUsers } from "../models/user.server";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Audit trail · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "audit:read" });
  const url = new URL(request.url);
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  const users = (await listUsers()).map((u) => ({ value: u.id, label: u.name }));
  if (!parsed.success) {
    return json({ users, events: [], hasMore: false, errors: fieldErrors(parsed.error), chain: null, query: Object.fromEntries(url.searchParams) }, { status: 400 });
  }
  const f = parsed.data;
  const { events, hasMore } = await listAuditEvents(db(), {
    kind: f.kind ? (f.kind as AuditKind) : undefined,
    actorId: f.actor || undefined,
    subjectId: f.subject?.trim() || undefined,
    from: f.from ? new Date(`${f.from}T00:00:00Z`) : undefined,
    to: f.to ? new Date(`${f.to}T23:59:59.999Z`) : undefined,
    beforeSeq: f.before,
  });
  const chain = f.verify ? await verifyAuditChain(db()) : null;
  return json({ users, events, hasMore, errors: {} as Record<string, string>, chain, query: Object.fromEntries(url.searchParams) });
}

const kindOptions = AUDIT_KINDS.map((k) => ({ value: k, label: AUDIT_KIND_LABELS[k] }));

export default function AuditTrail() {
  const { users, events, hasMore, errors, chain, query } = useLoaderData<typeof loader>();
  const location = useLocation();
  const next = new URLSearchParams(location.search);
  next.delete("verify");
  if (events.length) next.set("before", String(events[events.length - 1]!.seq));
  const verifyParams = new URLSearchParams(location.search);
  verifyParams.set("verify", "1");
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change in the workspace, newest first. Each event carries the hash of the one before it, so a removed or altered event breaks the chain."
        actions={
          <ButtonLink to={`?${verifyParams}`} variant="secondary">
            Verify the chain
          </ButtonLink>
        }
      />
      {chain ? (
        chain.ok ? (
          <div className="flash flash-success" role="status">
            <p>The chain holds: {chain.checked} events checked, each linked to the one before.</p>
          </div>
        ) : (
          <div className="flash flash-error" role="alert">
            <p>
              The chain is broken at event #{chain.seq}: {chain.reason}. {chain.checked} events before it hold.
            </p>
          </div>
        )
      ) : null}
      <Form method="get" className="filters" aria-label="Filter events">
        <SelectField label="Event" name="kind" defaultValue={query.kind ?? ""} options={kindOptions} placeholder="All events" error={errors.kind} />
        <SelectField label="By" name="actor" defaultValue={query.actor ?? ""} options={users} placeholder="Anyone" error={errors.actor} />
        <Field label="Subject id" name="subject" defaultValue={query.subject ?? ""} error={errors.subject} />
        <Field label="From" name="from" type="date" defaultValue={query.from ?? ""} error={errors.from} />
        <Field label="To" name="to" type="date" defaultValue={query.to ?? ""} error={errors.to} />
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {location.search ? (
          <Link to="/admin/audit" className="btn btn-ghost">
            Clear
          </Link>
        ) : null}
      </Form>
      <FormError message={errors.before ? "That page does not exist." : null} />
      {events.length === 0 ? (
        <EmptyState title="No events match">Change or clear the filter to see more.</EmptyState>
      ) : (
        <Table caption="Audit events" hideCaption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When (UTC)</th>
              <th scope="col">Event</th>
              <th scope="col">By</th>
              <th scope="col">Subject</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>
                  <time dateTime={e.at}>{formatUtc(e.at, { zone: false })}</time>
                </td>
                <td>
                  <Badge tone="info">{isAuditKind(e.kind) ? AUDIT_KIND_LABELS[e.kind] : e.kind}</Badge>
                </td>
                <td>
                  {e.actorName}
                  {e.ip ? <div className="muted small">{e.ip}</div> : null}
                </td>
                <td>
                  <span className="small">{e.subjectType}</span>
                  <div className="hash">{e.subjectId}</div>
                </td>
                <td>
                  <ul className="payload">
                    {describePayload(e.payload).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                  <div className="hash" title="This event's hash">
                    {e.hash.slice(0, 16)}…
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {hasMore ? (
        <nav className="pagination" aria-label="Pages">
          <span />
          <Link to={`?${next}`}>Older events</Link>
        </nav>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
