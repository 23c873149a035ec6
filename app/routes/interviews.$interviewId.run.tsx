import { json, redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useLoaderData,
  useNavigate,
  type ClientActionFunctionArgs,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { useHydrated } from "../components/guide/question-input";
import { activeSync, AnswerSync, registerSync } from "../components/interview/answer-sync";
import { AnswerBlock, NotesBlock, ProgressMeter, SectionNav, SyncStatus } from "../components/interview/runner";
import { Badge } from "../components/ui/badge";
import { Button } from "../components/ui/button";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { isSaveResponse, progressOf, sectionQuestions, visibleQuestionIds, type SaveResponse } from "../domain/answers";
import { formatLocal, STATUS_LABELS, STATUS_TONES } from "../domain/interview";
import { fillGuideContent } from "../domain/review-guide";
import { answersOf, guideContentOf } from "../models/answer.server";
import { getInterview } from "../models/interview.server";
import { reviewValuesOf } from "../models/review-interview.server";
import questionStyles from "../styles/question-text.css";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import type { SectionActionData } from "./interviews.$interviewId.run.server";
import { runAction } from "./interviews.$interviewId.run.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: questionStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.section.title ?? "Interview"} · ${data?.interview.unitName ?? ""} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:run" });
  const found = await getInterview({ id: requireIdParam(params.interviewId), viewer: user });
  if (!found) throw notFound("That interview does not exist, or it is private.");
  // Only its respondent answers a survey response, through their own link.
  if (found.interview.surveyId) throw redirect(`/interviews/${found.interview.id}`);
  const [guide, answers, review] = await Promise.all([guideContentOf(found.interview.guideVersionId), answersOf(found.interview.id), reviewValuesOf(found.interview)]);
  // A review interview's questions show the service's outcomes and levels in place of their placeholders.
  const content = fillGuideContent(guide, review);
  const wanted = new URL(request.url).searchParams.get("section");
  const section = content.sections.find((s) => s.id === wanted) ?? content.sections[0]!;
  return json({
    interview: {
      id: found.interview.id,
      status: found.interview.status,
      unitName: found.unitName,
      when: formatLocal(found.interview.scheduledAt),
      stakeholders: found.stakeholders.map((s) => s.name).join(", "),
      service: found.interview.serviceId && found.serviceName ? { id: found.interview.serviceId, name: found.serviceName } : null,
    },
    content,
    answers,
    cursor: answers.reduce((max, a) => Math.max(max, a.seq), 0),
    section: { id: section.id, title: section.title },
    userId: user.id,
  });
}

export const action = runAction;

/**
 * Autosaves go through here: a network failure becomes an "offline" answer the
 * queue retries, instead of an error page; and the queue hears every result.
 */
export async function clientAction({ request, params, serverAction }: ClientActionFunctionArgs) {
  if (!/\bapplication\/json\b/.test(request.headers.get("Content-Type") ?? "")) return serverAction();
  const { requestId } = (await request.clone().json()) as { requestId?: string };
  let response: SaveResponse;
  try {
    const data = await serverAction<typeof action>();
    response = isSaveResponse(data) ? data : { kind: "answers", results: [], changes: [], cursor: 0, error: "offline" };
  } catch {
    response = { kind: "answers", results: [], changes: [], cursor: 0, error: "offline" };
  }
  // A request cancelled by the next one (the queue gave up waiting) says nothing about the network.
  if (!request.signal.aborted) activeSync(params.interviewId ?? "")?.receive(response, requestId);
  return response;
}

/** An autosave answers with what changed: nothing else on the page needs loading again. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  isSaveResponse(actionResult) ? false : defaultShouldRevalidate;

export default function RunInterviewPage() {
  const data = useLoaderData<typeof loader>();
  return <Runner key={data.interview.id} />;
}

function Runner() {
  const { interview, content, answers, cursor, section: current, userId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as SectionActionData | undefined;
  const editable = interview.status === "in_progress";
  const [sync] = useState(
    () =>
      new AnswerSync(`charter.unsent.${userId}.${interview.id}.`, content, answers as SaveResponse["changes"], cursor, editable, {
        values: actionData?.values ?? {},
        stale: Object.keys(actionData?.revisions ?? {}),
      }),
  );
  useSyncExternalStore(sync.subscribe, sync.getRevision, sync.getRevision);
  const snapshot = sync.getSnapshot();
  const hydrated = useHydrated();
  const fetcher = useFetcher({ key: `answers:${interview.id}` });
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
  const navigate = useNavigate();
  const base = `/interviews/${interview.id}/run`;

  useEffect(() => {
    const unregister = registerSync(interview.id, sync);
    sync.start((body) => submit.current(body as unknown as Parameters<typeof submit.current>[0], { method: "post", encType: "application/json", action: base }));
    return () => {
      sync.stop();
      unregister();
    };
  }, [sync, interview.id, base]);
  useEffect(() => sync.setEditable(editable), [sync, editable]);
  // A fresh load (moving between sections) may bring other interviewers' answers.
  useEffect(() => sync.mergeLoaded(answers as SaveResponse["changes"]), [sync, answers]);

  const values = sync.answerValues();
  const visible = visibleQuestionIds(content, values);
  const progress = progressOf(content, values);
  const section = content.sections.find((s) => s.id === current.id)!;
  const index = content.sections.indexOf(section);
  const questions = useMemo(() => sectionQuestions(content, section), [content, section]);
  const last = index === content.sections.length - 1;
  const loginHref = `/login?${new URLSearchParams({ redirectTo: `${base}?section=${section.id}`, reason: "expired" })}`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const go = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value;
    sync.flush();
    const target = go === "prev" ? content.sections[index - 1] : go === "next" ? content.sections[index + 1] : null;
    if (target) navigate(`${base}?section=${target.id}`);
    else if (go === "finish") navigate(`/interviews/${interview.id}`);
  }

  return (
    <>
      <PageHeader
        title={`Interview with ${interview.unitName}`}
        description={
          <>
            {interview.service ? (
              <>
                Review of <Link to={`/services/${interview.service.id}`}>{interview.service.name}</Link> ·{" "}
              </>
            ) : null}
            {interview.when} · {interview.stakeholders} · <Badge tone={STATUS_TONES[interview.status]}>{STATUS_LABELS[interview.status]}</Badge>
          </>
        }
        breadcrumbs={[
          { to: "/interviews", label: "Interviews" },
          { to: `/interviews/${interview.id}`, label: interview.unitName },
        ]}
        actions={
          <Link className="btn btn-secondary" to={`/interviews/${interview.id}/summary`}>
            Summary
          </Link>
        }
      />
      {editable ? (
        <SyncStatus snapshot={snapshot} loginHref={loginHref} hydrated={hydrated} />
      ) : (
        <div className="callout" role="note">
          {interview.status === "planned" ? (
            <Form method="post" action={`/interviews/${interview.id}`} className="row">
              <input type="hidden" name="intent" value="start" />
              <span>This interview has not started. Start it to record answers.</span>
              <Button type="submit">Start the interview</Button>
            </Form>
          ) : interview.status === "completed" ? (
            <span>
              This interview is completed, so its answers are read-only. <Link to={`/interviews/${interview.id}`}>Reopen it</Link> to change them.
            </span>
          ) : (
            <span>This interview was cancelled.</span>
          )}
        </div>
      )}
      <ProgressMeter progress={progress} />
      <div className="runner">
        <SectionNav sections={progress.sections} current={section.id} base={base} />
        <Form method="post" action={`${base}?section=${section.id}`} className="runner-form" onSubmit={onSubmit} noValidate aria-labelledby="section-title">
          <input type="hidden" name="intent" value="section" />
          <input type="hidden" name="section" value={section.id} />
          <h2 id="section-title">
            {index + 1}. {section.title}
          </h2>
          {section.purpose ? <p className="muted pre-line">{section.purpose}</p> : null}
          <FormError message={actionData?.formError} />
          <div className="runner-section">
            <div className="runner-questions">
              {questions.map(({ question, number }) =>
                visible.has(question.id) ? (
                  <AnswerBlock
                    key={question.id}
                    question={question}
                    number={number}
                    sync={sync}
                    editable={editable}
                    offline={snapshot.page === "offline"}
                    error={actionData?.errors[question.id]}
                    serverConflict={actionData?.conflicts[question.id]}
                  />
                ) : null,
              )}
              {questions.every(({ question }) => !visible.has(question.id)) ? (
                <p className="muted">No questions in this section apply, given the answers so far.</p>
              ) : null}
            </div>
            <aside className="runner-notes" aria-label="Section notes">
              <NotesBlock key={section.id} sectionId={section.id} sync={sync} editable={editable} serverConflict={actionData?.conflicts[section.id]} />
            </aside>
          </div>
          {editable ? (
            <div className="form-actions">
              {index > 0 ? (
                <Button type="submit" name="go" value="prev" variant="secondary">
                  Save and go back
                </Button>
              ) : null}
              {last ? (
                <Button type="submit" name="go" value="finish">
                  Save and finish
                </Button>
              ) : (
                <Button type="submit" name="go" value="next">
                  Save and continue
                </Button>
              )}
            </div>
          ) : (
            <div className="form-actions">
              {index > 0 ? (
                <Link className="btn btn-secondary" to={`${base}?section=${content.sections[index - 1]!.id}`}>
                  Previous section
                </Link>
              ) : null}
              {!last ? (
                <Link className="btn btn-primary" to={`${base}?section=${content.sections[index + 1]!.id}`}>
                  Next section
                </Link>
              ) : null}
            </div>
          )}
        </Form>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
