import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { RemixForm, useRemixForm } from "../components/forms";
import { CommentItem, DocumentView } from "../components/signoff/document-view";
import { SignoffPeople, statusTone } from "../components/signoff/signoff-people";
import { Badge } from "../components/ui/badge";
import { Button, ButtonLink } from "../components/ui/button";
import { Field, FormError, SelectField, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { formatLongDate } from "../domain/format";
import { formatLocal } from "../domain/interview";
import { clauseCommentSchema, decisionFormSchema, delegateFormSchema, SIGNOFF_STATUS_LABELS, waitedFor, withdrawFormSchema } from "../domain/signoff";
import { requestAction, requestLoader, type ActionData } from "./signoff.$requestId.server";

/** One sign-off request: the document with its comments, the people and their decisions, and what the viewer may do. */
export async function loader(args: LoaderFunctionArgs) {
  return requestLoader(args);
}

export async function action(args: ActionFunctionArgs) {
  return requestAction(args);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Sign-off: ${data.service.name}, version ${data.number} · Charter` : "Sign-off · Charter" }];

const serverFor = (data: ActionData | undefined, intent: ActionData["intent"]) => (data?.intent === intent ? data : null);

function DecisionForm({ signer }: { signer: boolean }) {
  const data = useActionData<typeof action>() as ActionData | undefined;
  // useRemixForm lays what was typed before a refusal over these defaults.
  const { onSubmit, register, choice, errorFor } = useRemixForm(decisionFormSchema, { server: serverFor(data, "decide"), defaultValues: { decision: "", comment: "" } });
  const busy = useNavigation().state === "submitting";
  return (
    <RemixForm onSubmit={onSubmit} aria-label="Your decision">
      <input type="hidden" name="intent" value="decide" />
      <FormError message={serverFor(data, "decide")?.formError} />
      <fieldset className="stack plain-fieldset">
        <legend className="field-label">Your decision</legend>
        <label className="choice">
          <input type="radio" {...choice("decision", "approve")} /> {signer ? "Sign: I agree this version" : "Approve the content"}
        </label>
        <label className="choice">
          <input type="radio" {...choice("decision", "reject")} /> Reject: it needs another version
        </label>
        {errorFor("decision") ? <p className="field-error">{errorFor("decision")}</p> : null}
      </fieldset>
      <TextareaField label="Comment" help="Needed when you reject: the relationship manager sees it beside the request." rows={3} error={errorFor("comment")} {...register("comment")} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} aria-disabled={busy}>
          {busy ? (signer ? "Signing…" : "Recording…") : "Record my decision"}
        </button>
      </div>
    </RemixForm>
  );
}

function CommentForm({ clauses }: { clauses: { id: string; label: string }[] }) {
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const clause = params.get("clause") ?? "";
  const initial = { clauseId: clauses.some((c) => c.id === clause) ? clause : "", body: "" };
  const { onSubmit, register, errorFor } = useRemixForm(clauseCommentSchema, {
    server: serverFor(data, "comment"),
    defaultValues: initial,
    resetOnSuccess: true,
  });
  return (
    <RemixForm onSubmit={onSubmit} aria-label="Comment" id="comment" preventScrollReset>
      <input type="hidden" name="intent" value="comment" />
      <FormError message={serverFor(data, "comment")?.formError} />
      <SelectField label="On" options={[{ value: "", label: "The document as a whole" }, ...clauses.map((c) => ({ value: c.id, label: c.label }))]} error={errorFor("clauseId")} {...register("clauseId")} />
      <TextareaField label="Comment" rows={3} error={errorFor("body")} {...register("body")} />
      <div className="form-actions">
        <Button type="submit" variant="secondary">
          Add comment
        </Button>
      </div>
    </RemixForm>
  );
}

function DelegateForm({ executives }: { executives: { id: string; name: string; title: string }[] }) {
  const data = useActionData<typeof action>() as ActionData | undefined;
  const { onSubmit, register, errorFor } = useRemixForm(delegateFormSchema, { server: serverFor(data, "delegate"), defaultValues: { to: "", reason: "" } });
  return (
    <RemixForm onSubmit={onSubmit} aria-label="Hand on your signature">
      <input type="hidden" name="intent" value="delegate" />
      <FormError message={serverFor(data, "delegate")?.formError} />
      <SelectField
        label="Executive to hand it to"
        options={[{ value: "", label: "Choose…" }, ...executives.map((e) => ({ value: e.id, label: e.title ? `${e.name}, ${e.title}` : e.name }))]}
        error={errorFor("to")}
        {...register("to")}
      />
      <Field label="Why" error={errorFor("reason")} {...register("reason")} />
      <div className="form-actions">
        <Button type="submit" variant="secondary">
          Hand it on
        </Button>
      </div>
    </RemixForm>
  );
}

function WithdrawForm() {
  const data = useActionData<typeof action>() as ActionData | undefined;
  const { onSubmit, register, errorFor } = useRemixForm(withdrawFormSchema, { server: serverFor(data, "withdraw"), defaultValues: { reason: "" } });
  return (
    <RemixForm onSubmit={onSubmit} aria-label="Withdraw the request">
      <input type="hidden" name="intent" value="withdraw" />
      <FormError message={serverFor(data, "withdraw")?.formError} />
      <Field label="Why you withdraw it" error={errorFor("reason")} {...register("reason")} />
      <div className="form-actions">
        <Button type="submit" variant="danger">
          Withdraw
        </Button>
      </div>
    </RemixForm>
  );
}

export default function SignoffRequest() {
  const { request, service, number, contentHash, steps, comments, reminders, sealed, doc, me, executives } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const pdf = `/services/${service.id}/versions/${number}.pdf`;
  const mine = me.step;
  const asked = request.status === "pending" && mine?.state === "asked" && !me.isSubmitter;
  const clauses = [
    { id: "purpose", label: "Purpose" },
    ...doc.outcomes.map((c) => ({ id: c.id, label: `${c.label}: ${c.text.slice(0, 60)}` })),
    { id: "consumers", label: "Who relies on it" },
    ...doc.scopeIn.map((c) => ({ id: c.id, label: `${c.label}: ${c.text.slice(0, 60)}` })),
    ...doc.scopeOut.map((c) => ({ id: c.id, label: `${c.label}: ${c.text.slice(0, 60)}` })),
    { id: "hours", label: "Hours of service" },
    ...doc.criticalPeriods.map((c) => ({ id: c.id, label: `${c.label}: ${c.name}` })),
    ...doc.serviceLevels.flatMap((t) => t.rows.map((l) => ({ id: l.id, label: `${l.label}: ${l.measure} (${t.title})` }))),
    { id: "support", label: "Getting help" },
    { id: "escalation", label: "Escalation" },
    { id: "provider-costs", label: "Costs the provider owns" },
    { id: "provider-risks", label: "Risks the provider owns" },
  ];
  const general = comments.filter((c) => !c.clauseId);
  return (
    <>
      <PageHeader
        title={`${service.name}, version ${number}`}
        description={
          <>
            <Badge tone={statusTone(request.status)}>{SIGNOFF_STATUS_LABELS[request.status]}</Badge>{" "}
            {request.overdue ? <Badge tone="danger">Overdue</Badge> : null} Submitted by {request.submittedBy}, {formatLocal(request.submittedAt)}
            {request.dueOn ? `; due ${formatLongDate(request.dueOn)}` : ""}.
          </>
        }
        breadcrumbs={[
          { to: "/signoff", label: "Sign-off" },
          { to: `/services/${service.id}`, label: service.name },
        ]}
        actions={
          <>
            <ButtonLink to={pdf} variant="secondary" reloadDocument>
              {sealed ? "Signed PDF" : "PDF (draft copy)"}
            </ButtonLink>
            <ButtonLink to={`/services/${service.id}/versions/${number}`} variant="ghost">
              Version record
            </ButtonLink>
          </>
        }
      />
      <div className="signoff-layout">
        <div className="stack-lg">
          {request.message ? (
            <Panel title="Message from the relationship manager">
              <p className="pre-line">{request.message}</p>
            </Panel>
          ) : null}
          {request.status === "rejected" ? (
            <div className="flash flash-error" role="status">
              <p>
                Rejected {request.closedAt ? formatLocal(request.closedAt) : ""} by {request.closedBy}. A new version from the draft can be submitted.
              </p>
            </div>
          ) : null}
          {request.status === "withdrawn" ? (
            <div className="flash flash-info" role="status">
              <p>
                Withdrawn by {request.closedBy}
                {request.closeReason ? `: ${request.closeReason}` : ""}.
              </p>
            </div>
          ) : null}
          {sealed ? (
            <Panel title="Agreed">
              <p>
                Agreed {formatLocal(sealed.agreedAt)}. The signed PDF ({sealed.pages} pages) is sealed: every download is exactly these bytes, SHA-256{" "}
                <code className="hash">{sealed.sha256}</code>.
              </p>
            </Panel>
          ) : null}
          {asked ? (
            <Panel title={mine!.role === "signer" ? "Your signature is asked for" : "Your approval is asked for"}>
              <p className="muted small">
                Read the document below (or <a href={pdf}>as PDF</a>), comment on any clause, then decide. Waiting on you for {waitedFor(mine!.askedAt ?? request.submittedAt)}.
              </p>
              <DecisionForm signer={mine!.role === "signer"} />
            </Panel>
          ) : mine && mine.state === "later" && request.status === "pending" ? (
            <div className="flash flash-info" role="status">
              <p>{mine.role === "signer" ? "You will be asked to sign once the approvers have approved." : "You will be asked once the people before you have decided."} You can read and comment now.</p>
            </div>
          ) : null}
          <Panel title="The document">
            <p className="muted small">
              Content hash <code className="hash">{contentHash}</code>
            </p>
            <DocumentView doc={doc} comments={comments} commentHref={me.mayComment ? (id) => `?clause=${encodeURIComponent(id)}#comment` : undefined} />
          </Panel>
        </div>
        <div className="stack-lg">
          <Panel title="Approvers and signers">
            <p className="muted small">{request.inOrder ? "Asked one at a time, in this order." : "Approvers are asked together; then signers together."} Signers are asked once every approver has approved.</p>
            <SignoffPeople steps={steps} submittedAt={request.submittedAt} />
          </Panel>
          {me.mayComment ? (
            <Panel title="Comment">
              <CommentForm clauses={clauses} />
            </Panel>
          ) : null}
          {general.length ? (
            <Panel title="Comments on the whole document">
              {general.map((c) => (
                <CommentItem key={c.id} c={c} />
              ))}
            </Panel>
          ) : null}
          {mine?.role === "signer" && request.status === "pending" && mine.state !== "approved" && !me.isSubmitter ? (
            <Panel title="Can't sign it yourself?">
              {executives.length ? <DelegateForm executives={executives} /> : <p className="muted">There is no other executive to hand it to.</p>}
            </Panel>
          ) : null}
          {me.mayEdit && request.status === "pending" ? (
            <Panel title="Follow up">
              <Form method="post" className="stack-sm" preventScrollReset>
                <input type="hidden" name="intent" value="remind" />
                {serverFor(data, "remind")?.formError ? <FormError message={serverFor(data, "remind")?.formError} /> : null}
                <Button type="submit" variant="secondary">
                  Send a reminder
                </Button>
                {reminders.length ? (
                  <ul className="small muted">
                    {reminders.slice(0, 5).map((r) => (
                      <li key={`${r.to}-${r.sentAt}`}>
                        Reminded {r.to}, {formatLocal(r.sentAt)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </Form>
              <WithdrawForm />
            </Panel>
          ) : null}
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
