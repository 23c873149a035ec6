import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { RoundStatusBadge } from "../components/rounds/round-bits";
import { ButtonLink } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { PageHeader } from "../components/ui/page-header";
import { Table } from "../components/ui/table";
import { formatDay } from "../domain/interview";
import { can } from "../domain/roles";
import { listRounds } from "../models/round.server";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Prioritisation · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:read" });
  return json({ rounds: await listRounds(user), canManage: can(user.role, "rounds:manage") });
}

export default function Rounds() {
  const { rounds, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Prioritisation rounds"
        description="Business leads score the needs; the round shows where they agree and where they do not, and closing it records the decision."
        actions={canManage ? <ButtonLink to="/rounds/new">New round</ButtonLink> : null}
      />
      {rounds.length === 0 ? (
        <EmptyState title="No rounds yet" action={canManage ? <ButtonLink to="/rounds/new">New round</ButtonLink> : undefined}>
          {canManage ? "Open a round over the needs you want ranked, with the business leads who should rank them." : "Rounds you are asked to score or observe appear here."}
        </EmptyState>
      ) : (
        <Table caption={`${rounds.length} round${rounds.length === 1 ? "" : "s"}`}>
          <thead>
            <tr>
              <th scope="col">Round</th>
              <th scope="col">Needs</th>
              <th scope="col">Scores in</th>
              <th scope="col">Deadline</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/rounds/${r.id}`}>{r.title}</Link>
                  {r.myRole === "scorer" && r.status === "open" && !r.mySubmitted ? <div className="small">Waiting for your scores</div> : null}
                  {r.myRole === "observer" ? <div className="small muted">You observe</div> : null}
                </td>
                <td>{r.needs}</td>
                <td>
                  {r.submitted} of {r.scorers} leads
                </td>
                <td>{r.deadline ? formatDay(r.deadline) : "—"}</td>
                <td>
                  <RoundStatusBadge status={r.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
