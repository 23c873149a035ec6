import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { QuestionText } from "../components/interview/question-text";
import { SupportedNeeds } from "../components/needs/need-bits";
import { EvidenceItem, QuotableBlock, type CaptureState } from "../components/needs/synthesis";
import { responseBreadcrumbs, ResponseLine } from "../components/interview/response-overview";
import { Badge } from "../components/ui/badge";
import { Button } from "../components/ui/button";
import { Field, FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { formatLocal, STATUS_LABELS, STATUS_TONES } from "../domain/interview";
import { can } from "../domain/roles";
import { fillGuideContent } from "../domain/review-guide";
import { responseWhen } from "../domain/survey-response";
import { synthesisOf } from "../domain/synthesis";
import { answersOf, guideContentOf } from "../models/answer.server";
import { interviewEvidence } from "../models/evidence.server";
import { getInterview } from "../models/interview.server";
import { needsSupportedBy } from "../models/need-board.server";
import { reviewValuesOf } from "../models/review-interview.server";
import { responseOf } from "../models/survey-response.server";
import questionStyles from "../styles/question-text.css";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { evidenceAction } from "./interviews.$interviewId.evidence.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: questionStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Evidence: ${data?.response ? data.response.heading : `interview with ${data?.unitName ?? ""}`} · Charter` }];

/** An interview's (or a survey response's) answers with the evidence taken from them, and what is not yet quoted. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:read" });
  const found = await getInterview({ id: requireIdParam(params.interviewId), viewer: user });
  if (!found) throw notFound("That interview does not exist, or it is private.");
  const id = found.interview.id;
  const [guide, stored, evidence, needs, review, response] = await Promise.all([
    guideContentOf(found.interview.guideVersionId),
    answersOf(id),
    interviewEvidence(id),
    needsSupportedBy({ viewer: user, interviewId: id }),
    reviewValuesOf(found.interview),
    responseOf(found),
  ]);
  // A response's answers are the respondent's own until they send them.
  const { sections, unsynthesised, quotable } = synthesisOf(fillGuideContent(guide, review), response && !response.sent ? [] : stored, evidence);
  const held = response ? response.sent : found.interview.status === "in_progress" || found.interview.status === "completed";
  return json({
    id,
    status: found.interview.status,
    unitName: found.unitName,
    when: response ? responseWhen(response, found.interview.scheduledAt) : formatLocal(found.interview.scheduledAt),
    response,
    anonymousAs: response?.anonymousAs ?? null,
    people: found.stakeholders.map((s) => ({ id: s.id, name: s.name })),
    sections,
    evidence: Object.fromEntries(evidence.map(({ sourceText: _s, item: _i, start: _st, end: _e, ...e }) => [e.id, e])),
    counts: { evidence: evidence.length, unsynthesised, quotable, changed: evidence.filter((e) => e.changed).length },
    needs,
    // Quotes are taken from interviews held; evidence already taken (even from one cancelled since) can always be managed.
    canCapture: held && can(user.role, "needs:edit"),
    canEdit: can(user.role, "needs:edit"),
  });
}

export async function action(args: ActionFunctionArgs) {
  return evidenceAction(args);
}

const PICK = "pick-evidence";

export default function InterviewEvidence() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const capture: CaptureState | undefined = actionData?.intent === "capture" ? actionData : undefined;
  const pick = actionData && ["add-to-need", "new-need", "pick"].includes(actionData.intent) ? actionData : undefined;
  const other = actionData && !capture && !pick ? actionData.formError : undefined;
  const { counts, canEdit, canCapture, response } = data;
  return (
    <>
      <PageHeader
        title={response ? `Evidence: ${response.heading}` : `Evidence from the interview with ${data.unitName}`}
        description={
          response ? (
            <ResponseLine response={response} when={data.when} status={data.status} />
          ) : (
            <>
              {data.when} · <Badge tone={STATUS_TONES[data.status]}>{STATUS_LABELS[data.status]}</Badge> · {data.people.map((p) => p.name).join(", ")}
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
      />
      <FormError message={other} />
      <div className="stack-lg">
        <Panel title="Synthesis">
          <dl className="stats">
            <div>
              <dt>Quotes taken</dt>
              <dd>{counts.evidence}</dd>
            </div>
            <div>
              <dt>Unsynthesised</dt>
              <dd>
                {counts.unsynthesised} <span className="small muted">of {counts.quotable} answers and notes not quoted yet</span>
              </dd>
            </div>
            <div>
              <dt>Changed at source</dt>
              <dd>{counts.changed ? <Badge tone="warning">{counts.changed} to check</Badge> : "None"}</dd>
            </div>
          </dl>
          {!canCapture && data.status === "planned" ? <p className="muted">Evidence is taken from what was said: it can be quoted once the interview has started.</p> : null}
          {response && !response.sent ? <p className="muted">The respondent has not sent their answers yet: they can be read and quoted once sent.</p> : null}
          <h3>{response ? "Needs this response supports" : "Needs this interview supports"}</h3>
          <SupportedNeeds needs={data.needs} empty="None yet: tick quotes below and write a need from them." />
          {canEdit ? (
            <Form method="post" id={PICK} className="pick-bar">
              {/* Enter in the need field presses the first button: this one, which adds to the need typed, or else writes a new one. */}
              <button type="submit" name="intent" value="pick" className="visually-hidden" tabIndex={-1} aria-hidden="true">
                Go
              </button>
              <p className="small">Tick quotes below, then:</p>
              <div className="row align-end">
                <Button type="submit" name="intent" value="new-need">
                  Write a new need from them
                </Button>
                <span className="muted">or</span>
                <Field label="Add them to need" name="need" placeholder="N-12" defaultValue={typeof pick?.values?.need === "string" ? pick.values.need : ""} error={pick?.errors.need ?? pick?.errors.evidence ?? pick?.formError} />
                <Button type="submit" variant="secondary" name="intent" value="add-to-need">
                  Add
                </Button>
              </div>
            </Form>
          ) : null}
        </Panel>
        {data.sections.map((section, i) =>
          section.questions.length || section.notes ? (
            <Panel key={section.id} title={`${i + 1}. ${section.title}`}>
              <div className="stack-lg">
                {section.questions.map((q) => {
                  const ids = q.texts.flatMap((t) => t.evidenceIds);
                  return (
                    <section key={q.id} className="synthesis-question" aria-label={`Q${q.number}`}>
                      <h3 className="synthesis-prompt">
                        Q{q.number} <QuestionText text={q.prompt} />
                      </h3>
                      {q.answerInWords ? <p>{q.answerInWords}</p> : null}
                      {q.texts.map((t) => (
                        <QuotableBlock key={`${t.source}:${t.evidenceIds.join()}`} text={t} people={data.people} anonymousAs={data.anonymousAs} canEdit={canCapture} capture={capture} />
                      ))}
                      <EvidenceList ids={ids} unplaced={q.texts.flatMap((t) => t.unplaced)} canEdit={canEdit} />
                    </section>
                  );
                })}
                {section.notes ? (
                  <section className="synthesis-question" aria-label={`Notes on ${section.title}`}>
                    <QuotableBlock key={section.notes.evidenceIds.join()} text={section.notes} people={data.people} anonymousAs={data.anonymousAs} canEdit={canCapture} capture={capture} />
                    <EvidenceList ids={section.notes.evidenceIds} unplaced={section.notes.unplaced} canEdit={canEdit} />
                  </section>
                ) : null}
              </div>
            </Panel>
          ) : null,
        )}
        <p>
          <Link to={`/interviews/${data.id}`}>{response ? "Back to the response" : "Back to the interview"}</Link>
        </p>
      </div>
    </>
  );
}

function EvidenceList({ ids, unplaced, canEdit }: { ids: string[]; unplaced: string[]; canEdit: boolean }) {
  const { evidence, anonymousAs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const picked = [actionData?.values?.evidence ?? []].flat();
  if (!ids.length) return null;
  return (
    <ul className="evidence-list">
      {ids.map((id) => (evidence[id] ? <EvidenceItem key={id} ev={evidence[id]!} anonymousAs={anonymousAs} canEdit={canEdit} unplaced={unplaced.includes(id)} pickForm={PICK} picked={picked.includes(id)} /> : null))}
    </ul>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
