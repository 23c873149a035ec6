import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { statusTone } from "../components/signoff/signoff-people";
import { Badge } from "../components/ui/badge";
import { EmptyState } from "../components/ui/empty-state";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { formatLongDate } from "../domain/format";
import { formatLocal } from "../domain/interview";
import { can } from "../domain/roles";
import { SIGNOFF_ROLE_LABELS, SIGNOFF_STATUS_LABELS, waitedFor } from "../domain/signoff";
import { inboxFor, requestsToFollow } from "../models/signoff-read.server";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Sign-off · Charter" }];

/** Everyone's inbox of documents waiting for them; relationship managers also follow the requests they sent. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "services:read" });
  const follows = can(user.role, "services:edit");
  const [inbox, followed] = await Promise.all([inboxFor(user.id), follows ? requestsToFollow() : Promise.resolve([])]);
  return json({ inbox, followed, follows, me: user.id, now: new Date().toISOString() });
}

export default function SignoffInbox() {
  const { inbox, followed, follows, now } = useLoaderData<typeof loader>();
  const asked = inbox.filter((r) => r.asked);
  const later = inbox.filter((r) => !r.asked);
  const pending = followed.filter((r) => r.status === "pending");
  const closed = followed.filter((r) => r.status !== "pending");
  return (
    <>
      <PageHeader title="Sign-off" description="Service definitions waiting for a decision: yours first, then those you follow." />
      <div className="stack-lg">
        <Panel title={`Waiting for you${asked.length ? ` (${asked.length})` : ""}`}>
          {asked.length ? (
            <ul className="inbox">
              {asked.map((r) => (
                <li key={r.requestId} className="inbox-item">
                  <div>
                    <Link to={`/signoff/${r.requestId}`}>
                      <strong>{r.serviceName}</strong>, version {r.number}
                    </Link>
                    <div className="small muted">
                      {r.role === "signer" ? "Your signature" : "Your approval"} · sent by {r.submitter} · waiting {waitedFor(r.since, new Date(now))}
                      {r.dueOn ? ` · due ${formatLongDate(r.dueOn)}` : ""}
                    </div>
                    {r.message ? <p className="small pre-line">{r.message}</p> : null}
                  </div>
                  {r.overdue ? <Badge tone="danger">Overdue</Badge> : <Badge tone="warning">{SIGNOFF_ROLE_LABELS[r.role]}</Badge>}
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title="Nothing waits for you">When a relationship manager sends you a service definition to approve or sign, it appears here.</EmptyState>
          )}
        </Panel>
        {later.length ? (
          <Panel title="Coming to you">
            <p className="muted small">You are named on these; you will be asked once the people before you have decided. You can read and comment now.</p>
            <ul className="inbox">
              {later.map((r) => (
                <li key={r.requestId} className="inbox-item">
                  <Link to={`/signoff/${r.requestId}`}>
                    {r.serviceName}, version {r.number}
                  </Link>
                  <span className="small muted">{SIGNOFF_ROLE_LABELS[r.role]}</span>
                </li>
              ))}
            </ul>
          </Panel>
        ) : null}
        {follows ? (
          <Panel title="Requests waiting on others">
            {pending.length ? (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Service</th>
                    <th scope="col">Waiting on</th>
                    <th scope="col">Decided</th>
                    <th scope="col">Due</th>
                  </tr>
                </thead>
                <tbody>
                  {pending.map((r) => (
                    <tr key={r.requestId}>
                      <td>
                        <Link to={`/signoff/${r.requestId}`}>
                          {r.serviceName}, version {r.number}
                        </Link>
                      </td>
                      <td>
                        {r.waitingOn.map((p) => (
                          <div key={p.name}>
                            {p.name} <span className="muted small">for {waitedFor(p.since, new Date(now))}</span>
                          </div>
                        ))}
                      </td>
                      <td>
                        {r.decided} of {r.total}
                      </td>
                      <td>{r.dueOn ? <>{formatLongDate(r.dueOn)} {r.overdue ? <Badge tone="danger">Overdue</Badge> : null}</> : <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">No request is waiting. Submit a version from its service page.</p>
            )}
          </Panel>
        ) : null}
        {follows && closed.length ? (
          <Panel title="Decided in the last 30 days">
            <ul className="inbox">
              {closed.map((r) => (
                <li key={r.requestId} className="inbox-item">
                  <Link to={`/signoff/${r.requestId}`}>
                    {r.serviceName}, version {r.number}
                  </Link>
                  <span>
                    <Badge tone={statusTone(r.status)}>{SIGNOFF_STATUS_LABELS[r.status]}</Badge> <span className="small muted">{r.closedAt ? formatLocal(r.closedAt) : ""}</span>
                  </span>
                </li>
              ))}
            </ul>
          </Panel>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
