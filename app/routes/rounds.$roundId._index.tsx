import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { NeedLink } from "../components/needs/need-bits";
import { RoundStatusBadge } from "../components/rounds/round-bits";
import { EffortTable, LeadRankingTable, ParticipationPanel, SCORE_HEADINGS, SensitivityPanel } from "../components/rounds/results";
import { ValueEffortChart } from "../components/rounds/value-effort-chart";
import { Button, ButtonLink } from "../components/ui/button";
import { FormError, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { Table } from "../components/ui/table";
import { effortDays, EFFORT_SIZE_NOTE, type Effort, type EffortSize } from "../domain/effort";
import { formatDay, formatLocal } from "../domain/interview";
import { MOSCOW_NOTE, NORMALISATION_NOTE, RICE_NOTE, ROUND_METHOD_LABELS, reopenRoundSchema, triedWeights } from "../domain/round";
import { can } from "../domain/roles";
import { effortsFor } from "../models/effort.server";
import { AppError } from "../models/errors.server";
import { leadRankings, participation, type LeadRanking, type RoundResult } from "../models/round-results.server";
import { closeRound, getRound, openRound, reopenRound, roundResults, roundsOpenTo, submitScores } from "../models/round.server";
import { forbidden, notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.title ?? "Round"} · Charter` }];

type RoundSnapshot = {
  ranking: RoundResult[];
  leadRankings?: LeadRanking[];
  needs: { id: string; effort?: { size: EffortSize | null; days: number | null } | null }[];
};

/** IT's estimates as the round's record holds them. */
function effortsOfSnapshot(snapshot: RoundSnapshot): Record<string, Effort> {
  return Object.fromEntries(snapshot.needs.flatMap((n) => (n.effort ? [[n.id, { size: n.effort.size, days: n.effort.days }]] : [])));
}

const NOTES = { weighted: NORMALISATION_NOTE, moscow: MOSCOW_NOTE, rice: RICE_NOTE } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:read" });
  const found = await getRound({ id: requireIdParam(params.roundId), viewer: user });
  if (!found) throw notFound("That round does not exist, or you are not taking part in it.");
  const { round, me, needs } = found;
  const canManage = can(user.role, "rounds:manage");
  // No anchoring: a lead sees the results only once they have submitted their own scores.
  const seesResults = round.status !== "draft" && (canManage || me?.role === "observer" || Boolean(me?.submittedAt) || round.status === "closed");
  // A closed round shows what its record holds: the ranking, each lead's ranking and IT's effort as they were decided.
  const snapshot = round.snapshot as RoundSnapshot | null;
  const [results, people, rankings, efforts] = await Promise.all([
    !seesResults ? null : snapshot ? snapshot.ranking : roundResults({ roundId: round.id }),
    participation({ roundId: round.id }),
    !seesResults ? ([] as LeadRanking[]) : snapshot?.leadRankings ? snapshot.leadRankings : leadRankings({ roundId: round.id }),
    snapshot ? effortsOfSnapshot(snapshot) : effortsFor(needs.map((n) => n.id)),
  ]);
  // Weight sensitivity: an RM tries other weights on an open weighted round.
  const query = new URL(request.url).searchParams;
  const tried = canManage && round.status === "open" && round.method === "weighted" ? triedWeights(query, round.criteria) : null;
  let moves: { needId: string; from: number | null; to: number }[] | null = null;
  if (tried && !tried.problem && results) {
    const was = new Map(results.map((r) => [r.needId, r.rank]));
    moves = (await roundResults({ roundId: round.id, weights: tried.weights })).filter((r) => was.get(r.needId) !== r.rank).map((r) => ({ needId: r.needId, from: was.get(r.needId) ?? null, to: r.rank }));
  }
  return json({
    round: {
      id: round.id,
      title: round.title,
      method: round.method,
      mustCap: round.mustCap,
      status: round.status,
      criteria: round.criteria,
      deadline: round.deadline,
      closedAt: round.closedAt,
      hash: round.snapshotHash,
    },
    me: me ? { role: me.role, submitted: Boolean(me.submittedAt) } : null,
    needs: Object.fromEntries(needs.map((n) => [n.id, n])),
    needCount: needs.length,
    people,
    results,
    rankings,
    efforts,
    sensitivity: tried ? { weights: tried.weights, problem: tried.problem, moves } : null,
    canManage,
    canReopen: user.role === "admin" && round.status === "closed",
  });
}

type ActionData = { formError?: string; reasonError?: string; reason?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:read" });
  const id = requireIdParam(params.roundId);
  // Someone not in the round learns no more from a post than from the page: that it does not exist for them.
  if (!(await roundsOpenTo(user, [id])).has(id)) throw notFound("That round does not exist, or you are not taking part in it.");
  const form = formDataToObject(await readFormData(request));
  const actor = actorFor(user, requestMeta(request, context));
  try {
    switch (form.intent) {
      case "open":
      case "close":
        if (!can(user.role, "rounds:manage")) throw forbidden("Only relationship managers open and close rounds.");
        if (form.intent === "open") await openRound({ id, actor });
        else await closeRound({ id, actor });
        return redirectWithFlash(`/rounds/${id}`, { kind: "success", message: form.intent === "open" ? "The round is open: its leads can score." : "Round closed: the ranking is recorded." });
      case "submit":
        await submitScores({ roundId: id, userId: user.id, actor });
        return redirectWithFlash(`/rounds/${id}`, { kind: "success", message: "Scores submitted. You can now see everyone's." });
      case "reopen": {
        if (user.role !== "admin") throw forbidden("Only an administrator reopens a closed round.");
        const parsed = reopenRoundSchema.safeParse(form);
        if (!parsed.success) return json<ActionData>({ reasonError: parsed.error.issues[0]!.message, reason: String(form.reason ?? "") }, { status: 400 });
        await reopenRound({ id, reason: parsed.data.reason, actor });
        return redirectWithFlash(`/rounds/${id}`, { kind: "success", message: "Round reopened: its record is withdrawn until it closes again." });
      }
      default:
        return json<ActionData>({ formError: "Unknown action" }, { status: 400 });
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return json<ActionData>({ formError: error.message }, { status: error.status });
  }
}

export default function RoundPage() {
  const { round, me, needs, needCount, people, results, rankings, efforts, sensitivity, canManage, canReopen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const scorers = people.filter((p) => p.role === "scorer");
  const disagreement = (results ?? []).filter((r) => r.leads > 1 && r.spread > 0).sort((a, b) => b.spread - a.spread).slice(0, 5);
  const totalWeight = round.criteria.reduce((sum, c) => sum + c.weight, 0);
  const headings = SCORE_HEADINGS[round.method];
  const points = (results ?? []).flatMap((r) => {
    const days = effortDays(efforts[r.needId]);
    const n = needs[r.needId];
    return days !== null && n ? [{ needId: r.needId, number: n.number, statement: n.statement, rank: r.rank, score: r.score, days }] : [];
  });
  const fmt = (x: number) => (round.method === "rice" ? x.toFixed(1) : x.toFixed(2));
  return (
    <>
      <PageHeader
        title={round.title}
        description={
          <>
            <RoundStatusBadge status={round.status} /> {ROUND_METHOD_LABELS[round.method]} · {needCount} needs · {scorers.filter((s) => s.submittedAt).length} of {scorers.length} leads submitted
            {round.deadline ? ` · deadline ${formatDay(round.deadline)}` : ""}
          </>
        }
        breadcrumbs={[{ to: "/rounds", label: "Prioritisation" }]}
        actions={
          me?.role === "scorer" && round.status === "open" && !me.submitted ? (
            <ButtonLink to={`/rounds/${round.id}/score`}>Score the needs</ButtonLink>
          ) : canManage && round.status === "draft" ? (
            <ButtonLink to={`/rounds/${round.id}/edit`} variant="secondary">
              Change the draft
            </ButtonLink>
          ) : null
        }
      />
      <FormError message={actionData?.formError} />
      <div className="stack-lg">
        <div className="grid-2">
          <Panel title={round.method === "weighted" ? "Criteria" : "Method"}>
            {round.method === "weighted" ? (
              <ul className="stack small">
                {round.criteria.map((c) => (
                  <li key={c.key}>
                    <strong>{c.name}</strong> — weight {c.weight} ({totalWeight ? Math.round((100 * c.weight) / totalWeight) : 0}%)
                  </li>
                ))}
              </ul>
            ) : (
              <p className="small">
                {NOTES[round.method]}
                {round.method === "moscow" && round.mustCap !== null ? ` In this round each lead may call at most ${Math.round(round.mustCap * 100)}% of the needs a must.` : ""}
              </p>
            )}
            {canManage ? (
              <p className="small">
                <Link to={`/rounds/${round.id}/efforts`}>IT effort estimates</Link> ({Object.keys(efforts).length} of {needCount} needs)
              </p>
            ) : null}
          </Panel>
          <Panel title="Taking part">
            <ParticipationPanel people={people} />
            {canManage && round.status !== "closed" ? (
              <Form method="post" className="row">
                <input type="hidden" name="intent" value={round.status === "draft" ? "open" : "close"} />
                <Button type="submit" variant={round.status === "draft" ? "primary" : "secondary"}>
                  {round.status === "draft" ? "Open for scoring" : "Close the round and record the ranking"}
                </Button>
              </Form>
            ) : null}
          </Panel>
        </div>
        {results === null ? (
          <Panel title="Results">
            <p className="muted">
              {round.status === "draft" ? "The round has not opened yet." : "Submit your scores to see everyone's: leads do not see each other's scores before they have given their own."}
            </p>
          </Panel>
        ) : (
          <>
            {disagreement.length ? (
              <Panel title="Most disagreement">
                <p className="small">Where the leads' scores lie furthest apart: worth discussing before the round closes.</p>
                <ul className="need-list">
                  {disagreement.map((r) => (
                    <li key={r.needId}>
                      {needs[r.needId] ? <NeedLink id={r.needId} number={needs[r.needId]!.number} statement={needs[r.needId]!.statement} /> : r.needId}{" "}
                      <span className="muted small">
                        from {fmt(r.low)} to {fmt(r.high)} (standard deviation {fmt(r.spread)})
                      </span>
                    </li>
                  ))}
                </ul>
              </Panel>
            ) : null}
            <Panel title={round.status === "closed" ? "The ranking, as closed" : "The ranking so far"}>
              <p className="small">{NOTES[round.method]}</p>
              <Table caption={`${results.length} needs ranked`} hideCaption>
                <thead>
                  <tr>
                    <th scope="col">Rank</th>
                    <th scope="col">Need</th>
                    <th scope="col">{headings.score}</th>
                    <th scope="col">{headings.mean}</th>
                    <th scope="col">Range</th>
                    <th scope="col">Standard deviation</th>
                    <th scope="col">Leads</th>
                  </tr>
                </thead>
                <tbody>
                  {results.map((r) => (
                    <tr key={r.needId}>
                      <td>{r.rank}</td>
                      <td>{needs[r.needId] ? <NeedLink id={r.needId} number={needs[r.needId]!.number} statement={needs[r.needId]!.statement} /> : r.needId}</td>
                      <td>{fmt(r.score)}</td>
                      <td>{fmt(r.mean)}</td>
                      <td>
                        {fmt(r.low)}–{fmt(r.high)}
                      </td>
                      <td>{fmt(r.spread)}</td>
                      <td>{r.leads}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {round.hash ? (
                <p className="small muted">
                  Closed {round.closedAt ? formatLocal(round.closedAt) : ""}; the record's SHA-256 is <code>{round.hash}</code>.
                </p>
              ) : null}
            </Panel>
            <Panel title="Each lead's own ranking">
              <p className="small">Each lead's ranks from their own scores. A highlighted rank lies far from the round's.</p>
              <LeadRankingTable results={results} rankings={rankings} people={people} needs={needs} />
            </Panel>
            <Panel title="Value and effort">
              <ValueEffortChart points={points} unestimated={results.length - points.length} />
              <p className="small muted">{EFFORT_SIZE_NOTE}</p>
              <EffortTable results={results} needs={needs} efforts={efforts} canEstimate={canManage && round.status !== "closed"} roundId={round.id} />
            </Panel>
            {canManage && round.status === "open" && round.method === "weighted" ? (
              <SensitivityPanel criteria={round.criteria} tried={sensitivity?.weights ?? null} moves={sensitivity?.moves ?? null} problem={sensitivity?.problem ?? null} needs={needs} />
            ) : null}
          </>
        )}
        {canReopen ? (
          <Panel title="Reopen the round">
            <p className="small">Reopening withdraws the closed record and the ranks it gave its needs until the round closes again. The reason goes into the audit trail.</p>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="reopen" />
              <TextareaField label="Why it is reopened" name="reason" rows={2} defaultValue={actionData?.reason} error={actionData?.reasonError} />
              <div className="row">
                <Button type="submit" variant="secondary">
                  Reopen the round
                </Button>
              </div>
            </Form>
          </Panel>
        ) : null}
        <p>
          <Link to="/rounds">Back to the rounds</Link>
        </p>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
