import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge, type Tone } from "../components/ui/badge";
import { Button } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Table } from "../components/ui/table";
import { isUuid } from "../domain/fields";
import { formatUtc } from "../domain/format";
import { AppError } from "../models/errors.server";
import { hideSurveyLinks, OUTBOX_FILTERS, type OutboxFilter } from "../domain/mail";
import { outbox, retryMail } from "../models/mail.server";
import { requireUser } from "../utils/auth.server";
import { env } from "../utils/env.server";
import { redirectWithFlash } from "../utils/flash.server";
import { readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Outbox · Charter" }];

const STATUS_TONES: Record<"queued" | "sent" | "failed", Tone> = { queued: "info", sent: "success", failed: "danger" };
const STATUS_LABELS = { queued: "Waiting", sent: "Sent", failed: "Failed" } as const;
const FILTER_LABELS: Record<OutboxFilter, string> = { all: "All", queued: "Waiting", sent: "Sent", failed: "Failed" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "mail:manage" });
  const asked = new URL(request.url).searchParams.get("status") ?? "all";
  const status = (OUTBOX_FILTERS as readonly string[]).includes(asked) ? (asked as OutboxFilter) : "all";
  const { rows, counts } = await outbox({ status });
  return json({
    status,
    counts,
    delivery: env().SMTP_URL ? `through the mail server at ${new URL(env().SMTP_URL!.replace(/^smtps?:/, "http:")).host}` : `as .eml files in ${env().DATA_DIR}/outbox (no SMTP_URL is set)`,
    // Not even an admin reads a survey link waiting to go: it would open someone's (perhaps anonymous) answers.
    rows: rows.map((r) => ({
      ...r,
      text: hideSurveyLinks(r.text),
      html: hideSurveyLinks(r.html),
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      nextAttemptAt: r.nextAttemptAt.toISOString(),
    })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "mail:manage" });
  const form = await readFormData(request);
  const id = form.get("id");
  if (typeof id !== "string" || !isUuid(id)) return json({ formError: "Choose a message to send again" }, { status: 400 });
  try {
    await retryMail({ id, actor: actorFor(user, requestMeta(request, context)) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return json({ formError: error.message }, { status: error.status });
  }
  return redirectWithFlash("/admin/outbox", { kind: "success", message: "The message goes out again within a few seconds." });
}

export default function Outbox() {
  const { status, counts, delivery, rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="Outbox" description={`Every message Charter sends: survey invitations and reminders, sign-off requests, reminders and decisions. Survey links are never shown here. Mail goes out ${delivery}; a failed delivery is tried again, backing off, and shown here.`} />
      <FormError message={actionData?.formError} />
      <nav aria-label="Messages by status" className="row small">
        {OUTBOX_FILTERS.map((f) => (
          <Link key={f} to={f === "all" ? "/admin/outbox" : `/admin/outbox?status=${f}`} aria-current={f === status ? "page" : undefined} className={f === status ? "btn btn-secondary btn-sm" : "btn btn-ghost btn-sm"}>
            {FILTER_LABELS[f]}
            {f === "all" ? "" : ` (${counts[f]})`}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title={status === "all" ? "No messages yet" : `No ${FILTER_LABELS[status].toLowerCase()} messages`}>Messages appear here as Charter sends them.</EmptyState>
      ) : (
        <Table caption={`${rows.length} newest messages`}>
          <thead>
            <tr>
              <th scope="col">Written</th>
              <th scope="col">To</th>
              <th scope="col">Message</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id}>
                <td className="small">{formatUtc(m.createdAt)}</td>
                <td>
                  {m.toName}
                  <div className="small muted">{m.toAddress}</div>
                </td>
                <td>
                  <details>
                    <summary>{m.subject}</summary>
                    <pre className="mail-text">{m.text}</pre>
                  </details>
                  <div className="small muted">{m.reason}</div>
                </td>
                <td>
                  <Badge tone={STATUS_TONES[m.status]}>{STATUS_LABELS[m.status]}</Badge>
                  <div className="small muted">
                    {m.status === "sent" && m.sentAt ? `${formatUtc(m.sentAt)}${m.deliveredAs ? ` · ${m.deliveredAs}` : ""}` : null}
                    {m.status !== "sent" && m.attempts ? `${m.attempts} attempt${m.attempts === 1 ? "" : "s"}` : null}
                    {m.status === "queued" && m.attempts ? ` · next ${formatUtc(m.nextAttemptAt)}` : null}
                  </div>
                  {m.lastError && m.status !== "sent" ? <div className="small field-error">{m.lastError}</div> : null}
                  {m.status !== "sent" ? (
                    <Form method="post">
                      <input type="hidden" name="id" value={m.id} />
                      <Button type="submit" variant="ghost" size="sm">
                        Send again now
                      </Button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
