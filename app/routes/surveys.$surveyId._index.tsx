import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { Button, ButtonLink } from "../components/ui/button";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { Table } from "../components/ui/table";
import { formatLongDate, formatUtc } from "../domain/format";
import { can } from "../domain/roles";
import { LEVEL_LABELS } from "../domain/stakeholder";
import { PHASE_LABELS, PHASE_TONES, reminderRefusal, RESPONSE_LABELS, surveyActionSchema, surveyPhase } from "../domain/survey";
import { closeSurvey, getSurvey, remindInvitees, revokeInvitee, surveyProgress, surveyResponses, todayUtc, type ReminderReport } from "../models/survey.server";
import surveyStyles from "../styles/surveys.css";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.survey.title ?? "Survey"} · Surveys · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:read" });
  const found = await getSurvey(requireIdParam(params.surveyId));
  if (!found) throw notFound("That survey does not exist.");
  const { survey } = found;
  const [progress, responses] = await Promise.all([surveyProgress(survey.id, survey.anonymous), surveyResponses(survey.id, survey.anonymous)]);
  const now = new Date();
  return json({
    survey: { id: survey.id, title: survey.title, intro: survey.intro, opensOn: survey.opensOn, closesOn: survey.closesOn, anonymous: survey.anonymous },
    phase: surveyPhase(survey, todayUtc(now)),
    ownerName: found.ownerName,
    guide: { id: found.guideId, title: found.guideTitle, number: found.guideNumber },
    progress: {
      ...progress,
      people: progress.people.map((p) => ({
        ...p,
        // Why a reminder cannot go now, if it cannot: the button says so instead of failing.
        reminderRefused: reminderRefusal({ state: p.state, revoked: p.revoked, lastRemindedAt: p.lastRemindedAt ? new Date(p.lastRemindedAt) : null }, now),
      })),
    },
    responses,
    canManage: can(user.role, "interviews:plan"),
  });
}

function reminderMessage(report: ReminderReport, anonymous: boolean): { kind: "success" | "warning"; message: string } {
  const sent = report.sent ? `Reminder sent to ${report.sent} ${report.sent === 1 ? "person" : "people"}.` : "No reminder sent.";
  if (!report.refused.length) return { kind: "success", message: sent };
  const reasons = new Map<string, string[]>();
  for (const r of report.refused) reasons.set(r.reason, [...(reasons.get(r.reason) ?? []), r.name ?? ""]);
  const lower = (reason: string) => reason.charAt(0).toLowerCase() + reason.slice(1);
  const why = [...reasons].map(([reason, names]) => (anonymous || names.length > 3 ? `${names.length} not reminded: ${lower(reason)}` : `${names.join(", ")}: ${lower(reason)}`)).join(" ");
  return { kind: report.sent ? "success" : "warning", message: `${sent} ${why}`.slice(0, 500) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:plan" });
  const surveyId = requireIdParam(params.surveyId);
  const found = await getSurvey(surveyId);
  if (!found) throw notFound("That survey does not exist.");
  const parsed = await parseForm(request, surveyActionSchema);
  if (!parsed.ok) return badRequest(parsed.errors, Object.values(parsed.errors)[0]);
  const actor = actorFor(user, requestMeta(request, context));
  const here = `/surveys/${surveyId}`;
  try {
    switch (parsed.data.intent) {
      case "remind":
      case "remind-all": {
        const report = await remindInvitees({ surveyId, inviteeId: parsed.data.intent === "remind" ? parsed.data.inviteeId : undefined, actor });
        return redirectWithFlash(here, reminderMessage(report, found.survey.anonymous));
      }
      case "revoke": {
        const { name } = await revokeInvitee({ surveyId, inviteeId: parsed.data.inviteeId, actor });
        return redirectWithFlash(here, { kind: "success", message: `${name}'s link was withdrawn: it no longer opens their response. Answers already given stay.` });
      }
      case "close":
        await closeSurvey({ surveyId, actor });
        return redirectWithFlash(here, { kind: "success", message: "Survey closed: links now open a closed page." });
    }
  } catch (error) {
    return appErrorResponse(error);
  }
}

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "—");

function RateTable({
  caption,
  rows,
  labelOf,
}: {
  caption: string;
  rows: { key: string; label: string; invited: number; started: number; submitted: number; withheld?: boolean }[];
  labelOf?: (key: string, label: string) => string;
}) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <th scope="col">{caption.replace(/^By /, "").replace(/^./, (c) => c.toUpperCase())}</th>
          <th scope="col" className="num">
            Asked
          </th>
          <th scope="col" className="num">
            Sent
          </th>
          <th scope="col" className="num">
            Not finished
          </th>
          <th scope="col" className="num">
            Response rate
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{labelOf ? labelOf(r.key, r.label) : r.label}</th>
            <td className="num">{r.invited}</td>
            {r.withheld ? (
              <td colSpan={3} className="small muted">
                Fewer than 3 asked: not shown, so nobody can be identified
              </td>
            ) : (
              <>
                <td className="num">{r.submitted}</td>
                <td className="num">{r.started}</td>
                <td className="num">
              <span className="survey-rate">
                <span className="survey-rate-bar" aria-hidden="true">
                  <span style={{ width: percent(r.submitted, r.invited) === "—" ? "0%" : percent(r.submitted, r.invited) }} />
                </span>
                    {percent(r.submitted, r.invited)}
                  </span>
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export default function SurveyPage() {
  const { survey, phase, ownerName, guide, progress, responses, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { totals } = progress;
  const open = phase === "open";
  const base = `/surveys/${survey.id}`;
  return (
    <>
      <PageHeader
        title={survey.title}
        description={
          <>
            <Badge tone={PHASE_TONES[phase]}>{PHASE_LABELS[phase]}</Badge> {formatLongDate(survey.opensOn)} to {formatLongDate(survey.closesOn)} · sent by {ownerName} ·{" "}
            {survey.anonymous ? "anonymous" : "named"}
          </>
        }
        breadcrumbs={[{ to: "/surveys", label: "Surveys" }]}
        actions={<ButtonLink to={`${base}/results`}>Results</ButtonLink>}
      />
      <div className="stack-lg">
        <FormError message={actionData?.formError} />
        <div className="survey-tiles" role="list" aria-label="Responses so far">
          <div className="survey-tile" role="listitem">
            <span className="survey-tile-figure">{percent(totals.submitted, totals.invited)}</span>
            <span className="survey-tile-label">response rate</span>
          </div>
          <div className="survey-tile" role="listitem">
            <span className="survey-tile-figure">{totals.submitted}</span>
            <span className="survey-tile-label">sent their answers</span>
          </div>
          <div className="survey-tile" role="listitem">
            <span className="survey-tile-figure">{totals.started}</span>
            <span className="survey-tile-label">started, not finished</span>
          </div>
          <div className="survey-tile" role="listitem">
            <span className="survey-tile-figure">{totals.invited - totals.submitted - totals.started}</span>
            <span className="survey-tile-label">not started</span>
          </div>
        </div>
        {canManage && open ? (
          <Panel title="Remind">
            <Form method="post" className="survey-remind">
              <input type="hidden" name="intent" value="remind-all" />
              <p className="small">
                Everyone who has not sent their answers gets a reminder with their link, at most once a day each.
                {survey.anonymous ? " Who has not answered stays hidden: the survey is anonymous." : ""}
              </p>
              <Button type="submit" variant="secondary">
                Remind everyone who has not answered
              </Button>
            </Form>
          </Panel>
        ) : null}
        <div className="survey-rates">
          <RateTable caption="By unit" rows={progress.byUnit} />
          <RateTable caption="By level" rows={progress.byLevel} />
        </div>
        {survey.anonymous ? null : (
          <Panel title={`People asked (${progress.people.length})`}>
            <Table caption="Who was asked and where each stands" hideCaption>
              <thead>
                <tr>
                  <th scope="col">Stakeholder</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Answers</th>
                  <th scope="col">Last reminded</th>
                  {canManage && open ? <th scope="col">Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {progress.people.map((p) => (
                  <tr key={p.id}>
                    <td>
                      {p.name}
                      <div className="small muted">
                        {p.title ? `${p.title} · ` : ""}
                        {LEVEL_LABELS[p.level]}
                      </div>
                    </td>
                    <td>{p.unitName}</td>
                    <td>
                      {p.revoked ? (
                        <Badge tone="neutral">Link withdrawn</Badge>
                      ) : (
                        <Badge tone={p.state === "submitted" ? "success" : p.state === "started" ? "warning" : "neutral"}>{RESPONSE_LABELS[p.state]}</Badge>
                      )}
                      {p.submittedAt ? <div className="small muted">{formatUtc(p.submittedAt)}</div> : null}
                    </td>
                    <td className="small">{p.lastRemindedAt ? `${formatUtc(p.lastRemindedAt)}${p.reminders > 1 ? ` (${p.reminders} reminders)` : ""}` : "—"}</td>
                    {canManage && open ? (
                      <td>
                        <div className="survey-actions">
                          {p.reminderRefused ? (
                            <span className="small muted">{p.reminderRefused}</span>
                          ) : (
                            <Form method="post">
                              <input type="hidden" name="intent" value="remind" />
                              <input type="hidden" name="inviteeId" value={p.id} />
                              <Button type="submit" variant="secondary" size="sm" aria-label={`Remind ${p.name}`}>
                                Remind
                              </Button>
                            </Form>
                          )}
                          {p.revoked ? null : (
                            <Form method="post">
                              <input type="hidden" name="intent" value="revoke" />
                              <input type="hidden" name="inviteeId" value={p.id} />
                              <Button type="submit" variant="ghost" size="sm" aria-label={`Withdraw ${p.name}'s link`}>
                                Withdraw link
                              </Button>
                            </Form>
                          )}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </Table>
          </Panel>
        )}
        <Panel title={`Sent responses (${responses.length || totals.submitted})`}>
          {responses.length === 0 ? (
            <p className="muted">
              {survey.anonymous && totals.submitted > 0
                ? "Responses are listed once at least three have been sent: the first ones in could be told apart."
                : "None yet. Each response appears here once its respondent sends it; quote from it as from an interview."}
            </p>
          ) : (
            <ul className="survey-responses">
              {responses.map((r, i) => (
                <li key={r.interviewId}>
                  <span>
                    {r.name ? <strong>{r.name}</strong> : <strong>Response {i + 1}</strong>}
                    {r.unitName ? ` · ${r.unitName}` : null}
                    {r.submittedAt ? <span className="muted small"> · {formatUtc(r.submittedAt)}</span> : null}
                  </span>
                  <span className="survey-actions">
                    <Link to={`/interviews/${r.interviewId}/summary`}>Answers</Link>
                    <Link to={`/interviews/${r.interviewId}/evidence`}>Quote as evidence</Link>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="About this survey">
          <dl className="details">
            <dt>Guide</dt>
            <dd>
              <Link to={`/guides/${guide.id}/v/${guide.number}`}>
                {guide.title}, version {guide.number}
              </Link>
            </dd>
            <dt>Introduction</dt>
            <dd className="pre-line">{survey.intro || <span className="muted">None</span>}</dd>
            <dt>Answers are</dt>
            <dd>{survey.anonymous ? "Anonymous: nobody sees who gave which answers; results never show fewer than three people." : "Named: quotes name their respondent."}</dd>
            {progress.withdrawn ? (
              <>
                <dt>Links withdrawn</dt>
                <dd>{progress.withdrawn}</dd>
              </>
            ) : null}
          </dl>
        </Panel>
        {canManage && phase !== "closed" ? (
          <Panel title="Close early" narrow>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="close" />
              <p className="small">Every link then opens a closed page; answers already sent stay, unsent ones are kept but no longer count.</p>
              <div className="form-actions">
                <Button type="submit" variant="danger">
                  Close the survey now
                </Button>
              </div>
            </Form>
          </Panel>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
