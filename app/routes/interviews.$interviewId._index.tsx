import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { QuestionText } from "../components/interview/question-text";
import { ResponseOverview } from "../components/interview/response-overview";
import { SupportedNeeds } from "../components/needs/need-bits";
import { Badge } from "../components/ui/badge";
import { Button } from "../components/ui/button";
import { FormError, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { formatLocal, interviewActionSchema, STATUS_LABELS, STATUS_TONES, TRANSITIONS } from "../domain/interview";
import { can } from "../domain/roles";
import { answerValuesOf, progressOf } from "../domain/answers";
import { fillText } from "../domain/review-guide";
import { dayOnly, RESPONSE_READ_ONLY, responseWhen } from "../domain/survey-response";
import { answersOf, guideContentOf } from "../models/answer.server";
import { changeInterviewStatus, getInterview, MissingAnswersError } from "../models/interview.server";
import { needsSupportedBy } from "../models/need-board.server";
import { reviewValuesOf } from "../models/review-interview.server";
import { responseOf } from "../models/survey-response.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.response ? data.response.heading : `Interview: ${data?.unitName ?? ""}`} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:read" });
  const found = await getInterview({ id: requireIdParam(params.interviewId), viewer: user });
  if (!found) throw notFound("That interview does not exist, or it is private.");
  const [content, given, needs, response] = await Promise.all([
    guideContentOf(found.interview.guideVersionId),
    answersOf(found.interview.id),
    needsSupportedBy({ viewer: user, interviewId: found.interview.id }),
    responseOf(found),
  ]);
  const values = answerValuesOf(given);
  const { missing: _missing, sections: _sections, ...progress } = progressOf(content, values);
  // An anonymous response keeps only its day: the time it was opened or sent could tell who sent it.
  const interview = response?.anonymous
    ? { ...found.interview, scheduledAt: new Date(dayOnly(found.interview.scheduledAt)), createdAt: new Date(dayOnly(found.interview.createdAt)), updatedAt: new Date(dayOnly(found.interview.updatedAt)) }
    : found.interview;
  return json({
    ...found,
    interview,
    response,
    when: response ? responseWhen(response, found.interview.scheduledAt) : formatLocal(found.interview.scheduledAt),
    canPlan: can(user.role, "interviews:plan"),
    canRun: can(user.role, "interviews:run"),
    progress,
    needs,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:plan" });
  const id = requireIdParam(params.interviewId);
  const found = await getInterview({ id, viewer: user });
  if (!found) throw notFound("That interview does not exist, or it is private.");
  // A survey response is opened and sent by its respondent alone.
  if (found.interview.surveyId) return json({ errors: {}, formError: RESPONSE_READ_ONLY, missing: [] }, { status: 409 });
  const parsed = await parseForm(request, interviewActionSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.errors.intent);
  try {
    await changeInterviewStatus({
      id,
      viewer: user,
      change: parsed.data.intent,
      reason: "reason" in parsed.data ? parsed.data.reason : undefined,
      actor: actorFor(user, requestMeta(request, context)),
    });
    const next = parsed.data.intent === "start" ? `/interviews/${id}/run` : `/interviews/${id}`;
    return redirectWithFlash(next, { kind: "success", message: TRANSITIONS[parsed.data.intent].done });
  } catch (error) {
    if (error instanceof MissingAnswersError) {
      // A review interview names its questions as its pages show them.
      const review = await reviewValuesOf(found.interview);
      const missing = error.missing.map((m) => ({ ...m, prompt: fillText(m.prompt, review), sectionTitle: fillText(m.sectionTitle, review) }));
      return json({ errors: {}, formError: error.message, missing }, { status: 409 });
    }
    return appErrorResponse(error);
  }
}

export default function InterviewPage() {
  const data = useLoaderData<typeof loader>();
  const { interview, unitName, interviewerName, guideId, guideTitle, guideNumber, serviceName, stakeholders, when, canPlan, canRun, progress, needs } = data;
  const actionData = useActionData<typeof action>();
  if (data.response) {
    const person = stakeholders[0];
    return (
      <ResponseOverview
        id={interview.id}
        response={data.response}
        anonymousAs={data.response.anonymousAs}
        when={when}
        status={interview.status}
        respondent={person ? { name: person.name, title: person.title, unitName: person.unitName } : null}
        interviewerName={interviewerName}
        guide={{ id: guideId, title: guideTitle, number: guideNumber }}
        progress={progress}
        needs={needs}
      />
    );
  }
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const missing = actionData && "missing" in actionData ? actionData.missing : [];
  const status = interview.status;
  const base = `/interviews/${interview.id}`;
  return (
    <>
      <PageHeader
        title={`Interview with ${unitName}`}
        description={
          <>
            {interview.serviceId && serviceName ? (
              <>
                Review of <Link to={`/services/${interview.serviceId}`}>{serviceName}</Link> ·{" "}
              </>
            ) : null}
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
          <>
            {canRun && status === "in_progress" ? (
              <Link className="btn btn-primary" to={`${base}/run`}>
                Continue the interview
              </Link>
            ) : null}
            <Link className="btn btn-secondary" to={`${base}/summary`}>
              Summary
            </Link>
            {status !== "planned" ? (
              <Link className="btn btn-secondary" to={`${base}/evidence`}>
                Evidence and needs
              </Link>
            ) : null}
            <a className="btn btn-secondary" href={`/interviews/${interview.id}/ics`} download>
              Invitation (.ics)
            </a>
          </>
        }
      />
      <div className="stack-lg">
        <FormError message={actionData?.formError} />
        {missing.length ? (
          <Panel title="Still to answer before completing">
            <ul className="stack small">
              {missing.map((m) => (
                <li key={m.questionId}>
                  <Link to={`${base}/run?section=${m.sectionId}#q-${m.questionId}`}>
                    Q{m.number} <QuestionText text={m.prompt} />
                  </Link>{" "}
                  <span className="muted">in {m.sectionTitle}</span>
                </li>
              ))}
            </ul>
          </Panel>
        ) : null}
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
            <dt>Answers</dt>
            <dd>
              {progress.answered} of {progress.total} questions answered · {progress.requiredAnswered} of {progress.required} required
              {status !== "planned" ? (
                <>
                  {" · "}
                  <a href={`${base}/answers.csv`} download>
                    Download answers (CSV)
                  </a>
                </>
              ) : null}
            </dd>
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
        {status !== "planned" ? (
          <Panel title={`Needs this interview supports (${needs.length})`}>
            <SupportedNeeds needs={needs} empty="None yet. Open the evidence page to quote what was said and write needs from it." />
          </Panel>
        ) : null}
        {canPlan && status !== "cancelled" ? (
          <Panel title="Status" narrow>
            <div className="stack">
              {status === "planned" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="start" />
                  <Button type="submit">Start the interview</Button>
                </Form>
              ) : status === "in_progress" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="complete" />
                  <Button type="submit">Complete the interview</Button>
                </Form>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="reopen" />
                  <TextareaField label="Reason for reopening" name="reason" rows={2} error={errors.reason} />
                  <div className="form-actions">
                    <Button type="submit" variant="secondary">
                      Reopen the interview
                    </Button>
                  </div>
                </Form>
              )}
              {status === "planned" || status === "in_progress" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="cancel" />
                  <TextareaField label="Reason for cancelling" name="reason" rows={2} error={errors.reason} />
                  <div className="form-actions">
                    <Button type="submit" variant="danger">
                      Cancel the interview
                    </Button>
                  </div>
                </Form>
              ) : null}
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
