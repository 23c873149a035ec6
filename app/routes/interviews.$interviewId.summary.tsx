import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { useHydrated } from "../components/guide/question-input";
import { QuestionText } from "../components/interview/question-text";
import { ProgressMeter } from "../components/interview/runner";
import { responseBreadcrumbs, ResponseLine } from "../components/interview/response-overview";
import { Badge } from "../components/ui/badge";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { answerValuesOf, formatAnswer, progressOf, questionNumbers, visibleQuestionIds } from "../domain/answers";
import { formatLocal, STATUS_LABELS, STATUS_TONES } from "../domain/interview";
import { fillGuideContent } from "../domain/review-guide";
import { responseWhen } from "../domain/survey-response";
import { answersOf, guideContentOf } from "../models/answer.server";
import { getInterview } from "../models/interview.server";
import { reviewValuesOf } from "../models/review-interview.server";
import { responseOf } from "../models/survey-response.server";
import questionStyles from "../styles/question-text.css";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: questionStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Summary: ${data?.response ? data.response.heading : `interview with ${data?.unitName ?? ""}`} · Charter` }];

/** Everything said in one interview (or answered in one survey response), read-only and ready to print. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:read" });
  const found = await getInterview({ id: requireIdParam(params.interviewId), viewer: user });
  if (!found) throw notFound("That interview does not exist, or it is private.");
  const [guide, answered, review, response] = await Promise.all([guideContentOf(found.interview.guideVersionId), answersOf(found.interview.id), reviewValuesOf(found.interview), responseOf(found)]);
  const content = fillGuideContent(guide, review);
  // A response's answers are the respondent's own until they send them.
  const stored = response && !response.sent ? [] : answered;
  const values = answerValuesOf(stored);
  const visible = visibleQuestionIds(content, values);
  const numbers = questionNumbers(content);
  const { missing: _m, sections: _s, ...progress } = progressOf(content, values);
  const sections = content.sections.map((section) => ({
    id: section.id,
    title: section.title,
    notes: (stored.find((a) => a.kind === "notes" && a.item === section.id)?.value as string | undefined) ?? "",
    questions: section.questions.map((q) => {
      const answer = stored.find((a) => a.kind === "answer" && a.item === q.id);
      return {
        id: q.id,
        number: numbers.get(q.id)!,
        prompt: q.prompt,
        answer: answer ? formatAnswer(q, answer.value) : "",
        quote: answer?.quote ?? "",
        shown: visible.has(q.id),
        updatedBy: answer?.updatedByName ?? null,
      };
    }),
  }));
  return json({
    id: found.interview.id,
    status: found.interview.status,
    unitName: found.unitName,
    interviewerName: found.interviewerName,
    guideTitle: found.guideTitle,
    guideNumber: found.guideNumber,
    when: response ? responseWhen(response, found.interview.scheduledAt) : formatLocal(found.interview.scheduledAt),
    response,
    anonymousAs: response?.anonymousAs ?? null,
    location: found.interview.location,
    purpose: found.interview.purpose,
    service: found.interview.serviceId && found.serviceName ? { id: found.interview.serviceId, name: found.serviceName } : null,
    stakeholders: found.stakeholders,
    progress,
    sections,
  });
}

export default function InterviewSummary() {
  const data = useLoaderData<typeof loader>();
  const { response } = data;
  const hydrated = useHydrated();
  return (
    <>
      <PageHeader
        title={response ? response.heading : `Interview with ${data.unitName}`}
        description={
          response ? (
            <ResponseLine response={response} when={data.when} status={data.status} />
          ) : (
            <>
              {data.when} · {data.interviewerName} · <Badge tone={STATUS_TONES[data.status]}>{STATUS_LABELS[data.status]}</Badge>
            </>
          )
        }
        breadcrumbs={
          response
            ? responseBreadcrumbs(response, data.id)
            : [
                { to: "/interviews", label: "Interviews" },
                { to: `/interviews/${data.id}`, label: data.unitName },
              ]
        }
        actions={
          <span className="row no-print">
            {/* The export gives the time to the minute, which an anonymous response does not show. */}
            {response?.anonymous ? null : (
              <a className="btn btn-secondary" href={`/interviews/${data.id}/answers.csv`} download>
                Answers (CSV)
              </a>
            )}
            {hydrated ? (
              <button type="button" className="btn btn-primary" onClick={() => window.print()}>
                Print
              </button>
            ) : null}
          </span>
        }
      />
      <div className="stack-lg">
        <Panel title={response ? "The response" : "The conversation"}>
          <dl className="details">
            {response ? (
              <>
                <dt>Survey</dt>
                <dd>
                  <Link to={`/surveys/${response.surveyId}`}>{response.surveyTitle}</Link>
                </dd>
                <dt>Respondent</dt>
                <dd>{data.anonymousAs ?? data.stakeholders.map((s) => `${s.name} (${s.title || s.unitName})`).join(", ")}</dd>
              </>
            ) : (
              <>
                <dt>Stakeholders</dt>
                <dd>{data.stakeholders.map((s) => `${s.name} (${s.title || s.unitName})`).join(", ")}</dd>
              </>
            )}
            {data.service ? (
              <>
                <dt>Review of</dt>
                <dd>
                  <Link to={`/services/${data.service.id}`}>{data.service.name}</Link>
                </dd>
              </>
            ) : null}
            <dt>Guide</dt>
            <dd>
              {data.guideTitle}, version {data.guideNumber}
            </dd>
            {data.location ? (
              <>
                <dt>Place</dt>
                <dd>{data.location}</dd>
              </>
            ) : null}
            {data.purpose && !response ? (
              <>
                <dt>Purpose</dt>
                <dd>{data.purpose}</dd>
              </>
            ) : null}
          </dl>
          {response && !response.sent ? (
            <p className="muted">Not sent yet: the answers can be read once the respondent sends them.</p>
          ) : (
            <ProgressMeter progress={data.progress} />
          )}
        </Panel>
        {(response && !response.sent ? [] : data.sections).map((section, i) => (
          <Panel key={section.id} title={`${i + 1}. ${section.title}`}>
            <div className="summary-section">
              <dl className="summary-answers">
                {section.questions.map((q) =>
                  q.shown || q.answer ? (
                    <div key={q.id} className={q.shown ? undefined : "summary-hidden"}>
                      <dt>
                        Q{q.number} <QuestionText text={q.prompt} />
                      </dt>
                      <dd>
                        {q.answer || <span className="muted">Not answered</span>}
                        {q.quote ? <q className="quote">{q.quote}</q> : null}
                        {q.shown ? null : <span className="small"> (hidden: its condition no longer holds; the answer is kept)</span>}
                      </dd>
                    </div>
                  ) : null,
                )}
              </dl>
              {section.notes ? (
                <>
                  <h3 className="small">Interviewer's notes</h3>
                  <p className="summary-notes">{section.notes}</p>
                </>
              ) : null}
            </div>
          </Panel>
        ))}
        <p className="no-print">
          <Link to={`/interviews/${data.id}`}>{response ? "Back to the response" : "Back to the interview"}</Link>
        </p>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
