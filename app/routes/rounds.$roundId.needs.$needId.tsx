import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { NeedBrief } from "../components/rounds/need-brief";
import { PageHeader } from "../components/ui/page-header";
import { needRef } from "../domain/need";
import { getRound, roundNeedBrief } from "../models/round.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? needRef(data.brief.number) : "Need"} in ${data?.round.title ?? "a round"} · Charter` }];

/**
 * One need as the round's participants see it (its statement, outcome, support,
 * IT's effort and latest quotes), whatever unit it is from. The grid shows it in
 * place; without JavaScript it is this page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:read" });
  const roundId = requireIdParam(params.roundId);
  const needId = requireIdParam(params.needId);
  const brief = await roundNeedBrief({ roundId, needId, viewer: user });
  if (!brief) throw notFound("That need is not in a round you take part in.");
  const found = await getRound({ id: roundId, viewer: user });
  if (!found) throw notFound("That need is not in a round you take part in.");
  const scoring = found.me?.role === "scorer" && found.round.status === "open" && !found.me.submittedAt;
  return json({ brief, round: { id: roundId, title: found.round.title }, back: scoring ? `/rounds/${roundId}/score` : `/rounds/${roundId}` });
}

export default function RoundNeedPage() {
  const { brief, round, back } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={`${needRef(brief.number)} ${brief.statement}`}
        breadcrumbs={[
          { to: "/rounds", label: "Prioritisation" },
          { to: `/rounds/${round.id}`, label: round.title },
        ]}
      />
      <NeedBrief brief={brief} />
      <p>
        <Link to={back}>{back.endsWith("/score") ? "Back to your scores" : "Back to the round"}</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
