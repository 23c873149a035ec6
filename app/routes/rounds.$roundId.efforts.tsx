import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Button } from "../components/ui/button";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { EFFORT_SIZE_LABELS, EFFORT_SIZE_NOTE, EFFORT_SIZES, effortFormSchema, type EffortInput } from "../domain/effort";
import { needRef } from "../domain/need";
import { effortsFor, saveEfforts } from "../models/effort.server";
import { AppError } from "../models/errors.server";
import { getRound } from "../models/round.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `IT effort: ${data?.title ?? "round"} · Charter` }];

/** IT's effort estimates for the needs of a round, all on one form (relationship managers). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:manage" });
  const id = requireIdParam(params.roundId);
  const found = await getRound({ id, viewer: user });
  if (!found) throw notFound("That round does not exist.");
  const efforts = await effortsFor(found.needs.map((n) => n.id));
  return json({ id, title: found.round.title, needs: found.needs, efforts, seenAt: new Date().toISOString() });
}

type ActionData = { formError?: string; errors: Record<string, string>; values: Record<string, string>; seenAt?: string };

/** Saves every row whose estimate changed; a row with a problem is named and nothing is saved. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:manage" });
  const id = requireIdParam(params.roundId);
  const found = await getRound({ id, viewer: user });
  if (!found) throw notFound("That round does not exist.");
  const form = formDataToObject(await readFormData(request));
  const one = (name: string) => {
    const v = form[name];
    return String((Array.isArray(v) ? v[0] : v) ?? "");
  };
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const stored = await effortsFor(found.needs.map((n) => n.id));
  const changes: { needId: string; input: EffortInput | null }[] = [];
  for (const n of found.needs) {
    const row = { size: one(`size.${n.id}`), days: one(`days.${n.id}`), note: one(`note.${n.id}`) };
    Object.assign(values, { [`size.${n.id}`]: row.size, [`days.${n.id}`]: row.days, [`note.${n.id}`]: row.note });
    const before = stored[n.id];
    if (!row.size && !row.days) {
      // Both blank: no estimate (an earlier one is withdrawn).
      if (before) changes.push({ needId: n.id, input: null });
      continue;
    }
    const parsed = effortFormSchema.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      errors[`${issue.path[0] === "days" ? "days" : "size"}.${n.id}`] = `${needRef(n.number)}: ${issue.message}`;
      continue;
    }
    const same = before && before.size === parsed.data.size && before.days === parsed.data.days && before.note === parsed.data.note;
    if (!same) changes.push({ needId: n.id, input: parsed.data });
  }
  if (Object.keys(errors).length) return json<ActionData>({ formError: "Some estimates could not be read: nothing was saved. See the marked rows.", errors, values }, { status: 400 });
  const seen = new Date(one("seenAt"));
  try {
    await saveEfforts({ changes, seenAt: Number.isNaN(seen.getTime()) ? null : seen, actor: actorFor(user, requestMeta(request, context)) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Saving again from the refused page keeps what was typed.
    return json<ActionData>({ formError: error.message, errors: {}, values, seenAt: new Date().toISOString() }, { status: error.status });
  }
  return redirectWithFlash(`/rounds/${id}`, { kind: "success", message: changes.length ? `${changes.length} effort ${changes.length === 1 ? "estimate" : "estimates"} recorded.` : "No estimate changed." });
}

export default function RoundEfforts() {
  const { id, title, needs, efforts, seenAt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const value = (name: string, stored: string) => actionData?.values[name] ?? stored;
  return (
    <>
      <PageHeader
        title="IT effort estimates"
        description={`For each need of “${title}”: a t-shirt size, person-days, or both (both blank: no estimate). ${EFFORT_SIZE_NOTE} An estimate belongs to the need, so every round it is in shows it.`}
        breadcrumbs={[
          { to: "/rounds", label: "Prioritisation" },
          { to: `/rounds/${id}`, label: title },
        ]}
      />
      <FormError message={actionData?.formError} />
      <Form method="post" className="stack-lg">
        <input type="hidden" name="seenAt" value={actionData?.seenAt ?? seenAt} />
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Effort per need</caption>
            <thead>
              <tr>
                <th scope="col">Need</th>
                <th scope="col">Size</th>
                <th scope="col">Person-days</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {needs.map((n) => {
                const e = efforts[n.id];
                const sizeError = actionData?.errors[`size.${n.id}`];
                const daysError = actionData?.errors[`days.${n.id}`];
                return (
                  <tr key={n.id}>
                    <td>
                      <span className="need-ref">{needRef(n.number)}</span> {n.statement}
                    </td>
                    <td>
                      <select name={`size.${n.id}`} className="select" defaultValue={value(`size.${n.id}`, e?.size ?? "")} aria-label={`Size of ${needRef(n.number)}`} aria-invalid={sizeError ? true : undefined}>
                        <option value="">—</option>
                        {EFFORT_SIZES.map((s) => (
                          <option key={s} value={s}>
                            {EFFORT_SIZE_LABELS[s]}
                          </option>
                        ))}
                      </select>
                      {sizeError ? <p className="field-error">{sizeError}</p> : null}
                    </td>
                    <td>
                      <input
                        name={`days.${n.id}`}
                        className="input score-number"
                        inputMode="decimal"
                        defaultValue={value(`days.${n.id}`, e?.days === null || e?.days === undefined ? "" : String(e.days))}
                        aria-label={`Person-days for ${needRef(n.number)}`}
                        aria-invalid={daysError ? true : undefined}
                      />
                      {daysError ? <p className="field-error">{daysError}</p> : null}
                    </td>
                    <td>
                      <input name={`note.${n.id}`} className="input" maxLength={500} defaultValue={value(`note.${n.id}`, e?.note ?? "")} aria-label={`Note on ${needRef(n.number)}`} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="row">
          <Button type="submit" disabled={busy}>
            Save the estimates
          </Button>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
