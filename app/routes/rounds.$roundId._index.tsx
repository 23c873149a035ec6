import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { NeedLink } from "../components/needs/need-bits";
import { RoundStatusBadge } from "../components/rounds/round-bits";
import { Button, ButtonLink } from "../components/ui/button";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { Table } from "../components/ui/table";
import { formatDay, formatLocal } from "../domain/interview";
import { NORMALISATION_NOTE } from "../domain/round";
import { can } from "../domain/roles";
import { AppError } from "../models/errors.server";
import { closeRound, getRound, openRound, roundResults, submitScores, type RoundResult } from "../models/round.server";
import { forbidden, notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.title ?? "Round"} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:read" });
  const found = await getRound({ id: requireIdParam(params.roundId), viewer: user });
  if (!found) throw notFound("That round does not exist, or you are not taking part in it.");
  const { round, members, me, needs } = found;
  const canManage = can(user.role, "rounds:manage");
  // No anchoring: a lead sees the results only once they have submitted their own scores.
  const seesResults = canManage || me?.role === "observer" || Boolean(me?.submittedAt) || round.status === "closed";
  const snapshot = round.snapshot as { ranking: RoundResult[] } | null;
  const results = !seesResults || round.status === "draft" ? null : snapshot ? snapshot.ranking : await roundResults({ roundId: round.id });
  return json({
    round: { id: round.id, title: round.title, status: round.status, criteria: round.criteria, deadline: round.deadline, closedAt: round.closedAt, hash: round.snapshotHash },
    members: members.map((m) => ({ ...m, submittedAt: m.submittedAt ? m.submittedAt.toISOString() : null })),
    me: me ? { role: me.role, submitted: Boolean(me.submittedAt) } : null,
    needs: Object.fromEntries(needs.map((n) => [n.id, n])),
    needCount: needs.length,
    results,
    canManage,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:read" });
  const id = requireIdParam(params.roundId);
  const { intent } = formDataToObject(await readFormData(request));
  const actor = actorFor(user, requestMeta(request, context));
  try {
    if (intent === "open" || intent === "close") {
      if (!can(user.role, "rounds:manage")) throw forbidden("Only relationship managers open and close rounds.");
      if (intent === "open") await openRound({ id, actor });
      else await closeRound({ id, actor });
      return redirectWithFlash(`/rounds/${id}`, { kind: "success", message: intent === "open" ? "The round is open: its leads can score." : "Round closed: the ranking is recorded." });
    }
    if (intent === "submit") {
      await submitScores({ roundId: id, userId: user.id, actor });
      return redirectWithFlash(`/rounds/${id}`, { kind: "success", message: "Scores submitted. You can now see everyone's." });
    }
    return json({ formError: "Unknown action" }, { status: 400 });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return json({ formError: error.message }, { status: error.status });
  }
}

export default function RoundPage() {
  const { round, members, me, needs, needCount, results, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const scorers = members.filter((m) => m.role === "scorer");
  const disagreement = (results ?? []).filter((r) => r.leads > 1).sort((a, b) => b.spread - a.spread).slice(0, 5);
  const totalWeight = round.criteria.reduce((sum, c) => sum + c.weight, 0);
  return (
    <>
      <PageHeader
        title={round.title}
        description={
          <>
            <RoundStatusBadge status={round.status} /> {needCount} needs · {scorers.filter((s) => s.submittedAt).length} of {scorers.length} leads submitted
            {round.deadline ? ` · deadline ${formatDay(round.deadline)}` : ""}
          </>
        }
        breadcrumbs={[{ to: "/rounds", label: "Prioritisation" }]}
        actions={
          me?.role === "scorer" && round.status === "open" && !me.submitted ? <ButtonLink to={`/rounds/${round.id}/score`}>Score the needs</ButtonLink> : null
        }
      />
      <FormError message={actionData?.formError} />
      <div className="stack-lg">
        <div className="grid-2">
          <Panel title="Criteria">
            <ul className="stack small">
              {round.criteria.map((c) => (
                <li key={c.key}>
                  <strong>{c.name}</strong> — weight {c.weight} ({totalWeight ? Math.round((100 * c.weight) / totalWeight) : 0}%)
                </li>
              ))}
            </ul>
          </Panel>
          <Panel title="Taking part">
            <ul className="stack small">
              {members.map((m) => (
                <li key={m.id}>
                  <strong>{m.name}</strong> {m.title ? <span className="muted">{m.title}</span> : null} ·{" "}
                  {m.role === "observer" ? "observes" : m.submittedAt ? `submitted ${formatLocal(m.submittedAt)}` : "not submitted yet"}
                </li>
              ))}
            </ul>
            {canManage && round.status !== "closed" ? (
              <Form method="post" className="row">
                <input type="hidden" name="intent" value={round.status === "draft" ? "open" : "close"} />
                <Button type="submit" variant={round.status === "draft" ? "primary" : "secondary"}>
                  {round.status === "draft" ? "Open for scoring" : "Close the round and record the ranking"}
                </Button>
              </Form>
            ) : null}
            {me?.role === "scorer" && round.status === "open" && !me.submitted ? (
              <Form method="post" className="row">
                <input type="hidden" name="intent" value="submit" />
                <Button type="submit" variant="secondary">
                  Submit my scores
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
                        from {r.low.toFixed(1)} to {r.high.toFixed(1)} (spread {r.spread.toFixed(2)})
                      </span>
                    </li>
                  ))}
                </ul>
              </Panel>
            ) : null}
            <Panel title={round.status === "closed" ? "The ranking, as closed" : "The ranking so far"}>
              <p className="small">{NORMALISATION_NOTE}</p>
              <Table caption={`${results.length} needs scored`} hideCaption>
                <thead>
                  <tr>
                    <th scope="col">Rank</th>
                    <th scope="col">Need</th>
                    <th scope="col">Score</th>
                    <th scope="col">Leads' average (1–5)</th>
                    <th scope="col">Range</th>
                    <th scope="col">Leads</th>
                  </tr>
                </thead>
                <tbody>
                  {results.map((r) => (
                    <tr key={r.needId}>
                      <td>{r.rank}</td>
                      <td>{needs[r.needId] ? <NeedLink id={r.needId} number={needs[r.needId]!.number} statement={needs[r.needId]!.statement} /> : r.needId}</td>
                      <td>{r.score.toFixed(2)}</td>
                      <td>{r.mean.toFixed(1)}</td>
                      <td>
                        {r.low.toFixed(1)}–{r.high.toFixed(1)}
                      </td>
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
          </>
        )}
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
