import { Form, Link } from "@remix-run/react";
import { formatEffort, type Effort } from "../../domain/effort";
import { formatLocal } from "../../domain/interview";
import type { Criterion, RoundMethod } from "../../domain/round";
import type { LeadRanking, Participation, RoundResult } from "../../models/round-results.server";
import { NeedLink } from "../needs/need-bits";
import { Button } from "../ui/button";
import { Panel } from "../ui/panel";
import { Table } from "../ui/table";

type NeedInfo = Record<string, { id: string; number: number; statement: string }>;

function Need({ needs, id }: { needs: NeedInfo; id: string }) {
  const n = needs[id];
  return n ? <NeedLink id={id} number={n.number} statement={n.statement} /> : <span className="muted">A need no longer in the round</span>;
}

/** Who takes part and how far each lead has got. */
export function ParticipationPanel({ people }: { people: Participation[] }) {
  const scorers = people.filter((p) => p.role === "scorer");
  const observers = people.filter((p) => p.role === "observer");
  return (
    <>
      <ul className="stack small">
        {scorers.map((p) => (
          <li key={p.userId}>
            <strong>{p.name}</strong> · {p.submittedAt ? `submitted ${formatLocal(p.submittedAt)}` : "not submitted yet"} · scored {p.scoredNeeds} of {p.needs} needs
            {p.rationales ? `, ${p.rationales} with a reason` : ""}
            <progress className="participation-bar" max={p.needs || 1} value={p.scoredNeeds} aria-label={`${p.name}: needs scored`} />
          </li>
        ))}
      </ul>
      {observers.length ? <p className="small muted">Observing: {observers.map((o) => o.name).join(", ")}</p> : null}
    </>
  );
}

/** Each lead's own ranking beside the round's: where they disagree shows at a glance. */
export function LeadRankingTable({ results, rankings, people, needs }: { results: RoundResult[]; rankings: LeadRanking[]; people: Participation[]; needs: NeedInfo }) {
  const leads = people.filter((p) => p.role === "scorer" && rankings.some((r) => r.userId === p.userId));
  if (!leads.length) return <p className="muted">No lead has scored yet.</p>;
  const byLead = new Map(rankings.map((r) => [r.userId, r.ranks]));
  return (
    <Table caption="Each lead's own ranking" hideCaption>
      <thead>
        <tr>
          <th scope="col">Round rank</th>
          <th scope="col">Need</th>
          {leads.map((l) => (
            <th scope="col" key={l.userId}>
              {l.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {results.map((r) => (
          <tr key={r.needId}>
            <td>{r.rank}</td>
            <td>
              <Need needs={needs} id={r.needId} />
            </td>
            {leads.map((l) => {
              const own = byLead.get(l.userId)?.[r.needId];
              const far = own && Math.abs(own.rank - r.rank) >= Math.max(3, Math.ceil(results.length / 3));
              return (
                <td key={l.userId} className={far ? "rank-far" : undefined}>
                  {own ? own.rank : <span className="muted">skipped</span>}
                  {far ? <span className="visually-hidden"> (far from the round's rank)</span> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The same figures as the chart, for those who cannot see it, and the estimates still missing. */
export function EffortTable({ results, needs, efforts, canEstimate, roundId }: { results: RoundResult[]; needs: NeedInfo; efforts: Record<string, Effort>; canEstimate: boolean; roundId: string }) {
  return (
    <details className="chart-table">
      <summary>The figures as a table</summary>
      <Table caption="Score and effort of each need" hideCaption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Need</th>
            <th scope="col">Score</th>
            <th scope="col">IT effort</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.needId}>
              <td>{r.rank}</td>
              <td>
                <Need needs={needs} id={r.needId} />
              </td>
              <td>{r.score.toFixed(2)}</td>
              <td>{formatEffort(efforts[r.needId])}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {canEstimate ? (
        <p className="small">
          <Link to={`/rounds/${roundId}/efforts`}>Record IT's effort estimates</Link>
        </p>
      ) : null}
    </details>
  );
}

/** Before closing: other weights, and which needs would move. A GET form, so it works without JavaScript and can be shared. */
export function SensitivityPanel({
  criteria,
  tried,
  moves,
  problem,
  needs,
}: {
  criteria: Criterion[];
  tried: Criterion[] | null;
  moves: { needId: string; from: number | null; to: number }[] | null;
  problem: string | null;
  needs: NeedInfo;
}) {
  return (
    <Panel title="Try other weights">
      <p className="small">See which needs would change rank if the criteria weighed differently. Nothing is saved: the round keeps its weights.</p>
      <Form method="get" className="stack" preventScrollReset>
        <div className="weights-grid">
          {criteria.map((c) => {
            const id = `try-${c.key}`;
            return (
              <div className="field" key={c.key}>
                <label className="field-label" htmlFor={id}>
                  {c.name} <span className="muted">(now {c.weight})</span>
                </label>
                <input
                  id={id}
                  className="input"
                  name={`w.${c.key}`}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={100}
                  step="any"
                  defaultValue={tried?.find((t) => t.key === c.key)?.weight ?? c.weight}
                  aria-invalid={problem ? true : undefined}
                />
              </div>
            );
          })}
        </div>
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="row">
          <Button type="submit" variant="secondary">
            Show what moves
          </Button>
          {tried ? <Link to=".">Back to the round's weights</Link> : null}
        </div>
      </Form>
      {moves ? (
        moves.length ? (
          <Table caption={`With these weights, ${moves.length} ${moves.length === 1 ? "need changes" : "needs change"} rank`}>
            <thead>
              <tr>
                <th scope="col">Need</th>
                <th scope="col">Rank now</th>
                <th scope="col">With these weights</th>
              </tr>
            </thead>
            <tbody>
              {moves.map((m) => (
                <tr key={m.needId}>
                  <td>
                    <Need needs={needs} id={m.needId} />
                  </td>
                  <td>{m.from ?? "—"}</td>
                  <td>
                    {m.to} {m.from !== null ? <span className="muted">({m.to < m.from ? `up ${m.from - m.to}` : `down ${m.to - m.from}`})</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <p role="status">With these weights no need changes rank.</p>
        )
      ) : null}
    </Panel>
  );
}

/** What a method's score means, for the results table's heading. */
export const SCORE_HEADINGS: Record<RoundMethod, { score: string; mean: string }> = {
  weighted: { score: "Score", mean: "Leads' average (1–5)" },
  moscow: { score: "Points (0–3)", mean: "Leads' average (0–3)" },
  rice: { score: "RICE", mean: "Leads' average RICE" },
};

