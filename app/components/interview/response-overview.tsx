import { Link } from "@remix-run/react";
import type { InterviewStatus } from "../../domain/interview";
import type { NeedStatus } from "../../domain/need";
import { RESPONSE_STATUS_LABELS, type ResponseFacts } from "../../domain/survey-response";
import { SupportedNeeds } from "../needs/need-bits";
import { Badge } from "../ui/badge";
import { PageHeader } from "../ui/page-header";
import { Panel } from "../ui/panel";

/**
 * A survey response as staff see it: read-only (its respondent alone answers and sends it), with
 * no interviewer's controls; for an anonymous survey, the respondent only as their unit and the
 * day it was sent.
 */
/** A response page's line under its title: its survey, when it was sent (or opened) and whether it is sent. */
export function ResponseLine({ response, when, status }: { response: ResponseFacts; when: string; status: InterviewStatus }) {
  return (
    <>
      <Link to={`/surveys/${response.surveyId}`}>{response.surveyTitle}</Link> (survey) · {when} ·{" "}
      <Badge tone={response.sent ? "success" : "warning"}>{RESPONSE_STATUS_LABELS[status] ?? status}</Badge>
    </>
  );
}

/** The way back from a response's pages: its survey, and (below its overview) the response itself. */
export function responseBreadcrumbs(response: ResponseFacts, interviewId?: string) {
  return [
    { to: "/surveys", label: "Surveys" },
    { to: `/surveys/${response.surveyId}`, label: response.surveyTitle },
    ...(interviewId ? [{ to: `/interviews/${interviewId}`, label: "Response" }] : []),
  ];
}

export function ResponseOverview({
  id,
  response,
  anonymousAs,
  when,
  status,
  respondent,
  interviewerName,
  guide,
  progress,
  needs,
}: {
  id: string;
  response: ResponseFacts;
  anonymousAs: string | null;
  when: string;
  status: "planned" | "in_progress" | "completed" | "cancelled";
  respondent: { name: string; title: string; unitName: string } | null;
  interviewerName: string;
  guide: { id: string; title: string; number: number };
  progress: { answered: number; total: number; requiredAnswered: number; required: number };
  needs: { id: string; number: number; statement: string; status: NeedStatus; quotes: number }[];
}) {
  const base = `/interviews/${id}`;
  return (
    <>
      <PageHeader
        title={response.heading}
        description={<ResponseLine response={response} when={when} status={status} />}
        breadcrumbs={responseBreadcrumbs(response)}
        actions={
          response.sent ? (
            <>
              <Link className="btn btn-secondary" to={`${base}/summary`}>
                Answers
              </Link>
              <Link className="btn btn-secondary" to={`${base}/evidence`}>
                Evidence and needs
              </Link>
            </>
          ) : null
        }
      />
      <div className="stack-lg">
        <Panel title="Response">
          <dl className="details">
            <dt>Survey</dt>
            <dd>
              <Link to={`/surveys/${response.surveyId}`}>{response.surveyTitle}</Link>
              {response.anonymous ? " · anonymous" : null}
            </dd>
            <dt>Guide</dt>
            <dd>
              <Link to={`/guides/${guide.id}/v/${guide.number}`}>
                {guide.title}, version {guide.number}
              </Link>
            </dd>
            <dt>Sent out by</dt>
            <dd>{interviewerName}</dd>
            <dt>Respondent</dt>
            <dd>
              {respondent ? (
                <>
                  <strong>{respondent.name}</strong> · {respondent.title || "—"} · {respondent.unitName}
                </>
              ) : (
                <>
                  {anonymousAs} <span className="muted small">(nobody in Charter sees who gave an anonymous survey's answers)</span>
                </>
              )}
            </dd>
            <dt>Answers</dt>
            <dd>
              {response.sent ? (
                <>
                  {progress.answered} of {progress.total} questions answered
                  {response.anonymous ? null : (
                    <>
                      {" · "}
                      <a href={`${base}/answers.csv`} download>
                        Download answers (CSV)
                      </a>
                    </>
                  )}
                </>
              ) : (
                <span className="muted">Not sent yet: the answers can be read once the respondent sends them.</span>
              )}
            </dd>
          </dl>
          <p className="small muted">A response is read-only: its answers come only from its respondent, through their personal link.</p>
        </Panel>
        {response.sent ? (
          <Panel title={`Needs this response supports (${needs.length})`}>
            <SupportedNeeds needs={needs} empty="None yet. Open the evidence page to quote what was answered and write needs from it." />
          </Panel>
        ) : null}
      </div>
    </>
  );
}
