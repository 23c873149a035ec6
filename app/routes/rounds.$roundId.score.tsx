import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Button } from "../components/ui/button";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { formatDay } from "../domain/interview";
import { needRef } from "../domain/need";
import { scoresFromForm } from "../domain/round";
import { AppError } from "../models/errors.server";
import { getRound, myScores, saveScores, submitScores } from "../models/round.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Score: ${data?.title ?? "round"} · Charter` }];

/** A business lead's scoring grid: every need of the round against every criterion, with a rationale each. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:read" });
  const id = requireIdParam(params.roundId);
  const found = await getRound({ id, viewer: user });
  if (!found || found.me?.role !== "scorer") throw notFound("You are not scoring that round.");
  if (found.round.status !== "open" || found.me.submittedAt) throw redirect(`/rounds/${id}`);
  const mine = await myScores({ roundId: id, userId: user.id });
  return json({
    id,
    title: found.round.title,
    deadline: found.round.deadline,
    criteria: found.round.criteria,
    needs: found.needs,
    scores: Object.fromEntries(mine.scores.map((s) => [`score.${s.needId}.${s.criterion}`, String(s.value)])),
    rationales: Object.fromEntries(mine.rationales.map((r) => [`why.${r.needId}`, r.text])),
  });
}

/** Saves the grid (and, with "submit", hands it in). A refusal keeps every typed value. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:read" });
  const roundId = requireIdParam(params.roundId);
  const values = formDataToObject(await readFormData(request));
  if (values.intent !== "save" && values.intent !== "submit") return json({ errors: {} as Record<string, string>, formError: "Choose Save or Submit", values }, { status: 400 });
  const { scores, rationales, problems } = scoresFromForm(values);
  if (Object.keys(problems).length) return json({ errors: problems, formError: "Some scores could not be read: see the marked cells", values }, { status: 400 });
  try {
    await saveScores({ roundId, userId: user.id, scores, rationales });
    if (values.intent === "submit") {
      await submitScores({ roundId, userId: user.id, actor: actorFor(user, requestMeta(request, context)) });
      return redirectWithFlash(`/rounds/${roundId}`, { kind: "success", message: "Scores submitted. You can now see everyone's." });
    }
    return redirectWithFlash(`/rounds/${roundId}/score`, { kind: "success", message: `${scores.length} scores saved. Submit when you are done.` });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return json({ errors: error.field ? { [error.field]: error.message } : ({} as Record<string, string>), formError: error.message, values }, { status: error.status });
  }
}

export default function ScoreRound() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const value = (name: string) => {
    const typed = actionData?.values?.[name];
    return typeof typed === "string" ? typed : (data.scores[name] ?? data.rationales[name] ?? "");
  };
  const scored = Object.keys(data.scores).length;
  const total = data.needs.length * data.criteria.length;
  return (
    <>
      <PageHeader
        title={`Score: ${data.title}`}
        description={`Score each need from 1 to 5 on each criterion; a need you cannot judge can stay blank. ${data.deadline ? `Deadline ${formatDay(data.deadline)}. ` : ""}Other leads' scores stay hidden until you submit yours.`}
        breadcrumbs={[
          { to: "/rounds", label: "Prioritisation" },
          { to: `/rounds/${data.id}`, label: data.title },
        ]}
      />
      <FormError message={actionData?.formError} />
      <Form method="post" className="stack-lg" key={JSON.stringify(data.scores)}>
        <p>
          <progress max={total} value={scored} aria-label="Scores given" /> {scored} of {total} scores given
        </p>
        <div className="table-wrap">
          <table className="table score-grid">
            <caption className="visually-hidden">Your scores</caption>
            <thead>
              <tr>
                <th scope="col">Need</th>
                {data.criteria.map((c) => (
                  <th scope="col" key={c.key}>
                    {c.name}
                  </th>
                ))}
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {data.needs.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    <span className="need-ref">{needRef(n.number)}</span> {n.statement}
                  </th>
                  {data.criteria.map((c) => {
                    const name = `score.${n.id}.${c.key}`;
                    const error = actionData?.errors?.[name] ?? actionData?.errors?.[`${n.id}.${c.key}`];
                    return (
                      <td key={c.key}>
                        <select name={name} defaultValue={value(name)} className="select" aria-label={`${c.name} for ${needRef(n.number)}`} aria-invalid={error ? true : undefined}>
                          <option value="">—</option>
                          {c.points.map((label, i) => (
                            <option key={i} value={i + 1}>
                              {i + 1} {label ? `— ${label}` : ""}
                            </option>
                          ))}
                        </select>
                        {error ? <p className="field-error">{error}</p> : null}
                      </td>
                    );
                  })}
                  <td>
                    <textarea name={`why.${n.id}`} defaultValue={value(`why.${n.id}`)} rows={2} className="textarea" aria-label={`Why, for ${needRef(n.number)}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="row">
          <Button type="submit" name="intent" value="save" disabled={busy}>
            Save
          </Button>
          <Button type="submit" name="intent" value="submit" variant="secondary" disabled={busy}>
            Save and submit my scores
          </Button>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
