import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { Button } from "../components/ui/button";
import { FormError, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { formatLocal, interviewActionSchema, STATUS_LABELS, STATUS_TONES } from "../domain/interview";
import { can } from "../domain/roles";
import { changeInterviewStatus, getInterview } from "../models/interview.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Interview: ${data?.unitName ?? ""} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:read" });
  const found = await getInterview({ id: requireIdParam(params.interviewId), viewer: user });
  if (!found) throw notFound("That interview does not exist, or it is private.");
  return json({ ...found, when: formatLocal(found.interview.scheduledAt), canPlan: can(user.role, "interviews:plan") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:plan" });
  const id = requireIdParam(params.interviewId);
  const parsed = await parseForm(request, interviewActionSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.errors.intent);
  try {
    await changeInterviewStatus({
      id,
      viewer: user,
      change: parsed.data.intent,
      reason: parsed.data.intent === "cancel" ? parsed.data.reason : undefined,
      actor: actorFor(user, requestMeta(request, context)),
    });
    const words = { start: "Interview started.", complete: "Interview completed.", cancel: "Interview cancelled." } as const;
    return redirectWithFlash(`/interviews/${id}`, { kind: "success", message: words[parsed.data.intent] });
  } catch (error) {
    return appErrorResponse(error);
  }
}

export default function InterviewPage() {
  const { interview, unitName, interviewerName, guideId, guideTitle, guideNumber, stakeholders, when, canPlan } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const status = interview.status;
  return (
    <>
      <PageHeader
        title={`Interview with ${unitName}`}
        description={
          <>
            {when} · {interview.durationMinutes} minutes · <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>
            {interview.private ? (
              <>
                {" "}
                <Badge>Private</Badge>
              </>
            ) : null}
          </>
        }
        breadcrumbs={[{ to: "/interviews", label: "Interviews" }]}
        actions={
          <a className="btn btn-secondary" href={`/interviews/${interview.id}/ics`} download>
            Download invitation (.ics)
          </a>
        }
      />
      <div className="stack-lg">
        <FormError message={actionData?.formError} />
        <Panel title="Plan">
          <dl className="details">
            <dt>Guide</dt>
            <dd>
              <Link to={`/guides/${guideId}/v/${guideNumber}`}>
                {guideTitle}, version {guideNumber}
              </Link>
            </dd>
            <dt>Interviewer</dt>
            <dd>{interviewerName}</dd>
            <dt>Place</dt>
            <dd>{interview.location || <span className="muted">Not set</span>}</dd>
            <dt>Purpose</dt>
            <dd>{interview.purpose || <span className="muted">Not set</span>}</dd>
            {interview.cancelReason ? (
              <>
                <dt>Why cancelled</dt>
                <dd>{interview.cancelReason}</dd>
              </>
            ) : null}
          </dl>
        </Panel>
        <Panel title={`Stakeholders (${stakeholders.length})`}>
          <ul className="stack small">
            {stakeholders.map((s) => (
              <li key={s.id}>
                <strong>{s.name}</strong> · {s.title || "—"} · {s.unitName}
                {s.email ? <span className="muted"> · {s.email}</span> : <span className="muted"> · no email: not on the invitation</span>}
              </li>
            ))}
          </ul>
        </Panel>
        {canPlan && (status === "planned" || status === "in_progress") ? (
          <Panel title="Status" narrow>
            <div className="stack">
              {status === "planned" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="start" />
                  <Button type="submit">Start the interview</Button>
                </Form>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="complete" />
                  <Button type="submit">Mark as completed</Button>
                </Form>
              )}
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <TextareaField label="Reason for cancelling" name="reason" rows={2} error={actionData?.errors?.reason} />
                <div className="form-actions">
                  <Button type="submit" variant="danger">
                    Cancel the interview
                  </Button>
                </div>
              </Form>
            </div>
          </Panel>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
