import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  useActionData,
  useFetcher,
  useLoaderData,
  useNavigation,
  useSubmit,
  type ClientActionFunctionArgs,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { useHydrated } from "../components/guide/question-input";
import { SyncStatus, type SyncWords } from "../components/interview/runner";
import { NeedBrief, type NeedBriefData } from "../components/rounds/need-brief";
import { activeScoreSync, isCellResponse, registerScoreSync, ScoreSync, type CellResponse, type StoredCell } from "../components/rounds/score-sync";
import { Button } from "../components/ui/button";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { formatDay } from "../domain/interview";
import { needRef } from "../domain/need";
import { MOSCOW, MOSCOW_LABELS, RICE_CONFIDENCE, RICE_CONFIDENCE_LABELS, RICE_IMPACT, RICE_IMPACT_LABELS, type Criterion, type RoundMethod } from "../domain/round";
import { getRound, myScores } from "../models/round.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { scoreAction, type GridActionData } from "./rounds.$roundId.score.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Score: ${data?.title ?? "round"} · Charter` }];

/** A business lead's scoring grid: every need of the round against the method's criteria, with a rationale each. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "rounds:read" });
  const id = requireIdParam(params.roundId);
  const found = await getRound({ id, viewer: user });
  if (!found || found.me?.role !== "scorer") throw notFound("You are not scoring that round.");
  if (found.round.status !== "open" || found.me.submittedAt) throw redirect(`/rounds/${id}`);
  const mine = await myScores({ roundId: id, userId: user.id });
  const cells: Record<string, StoredCell> = {};
  for (const s of mine.scores) cells[`score.${s.needId}.${s.criterion}`] = { value: s.value === null ? "" : String(s.value), revision: s.revision };
  for (const r of mine.rationales) cells[`why.${r.needId}`] = { value: r.text, revision: r.revision };
  return json({
    id,
    userId: user.id,
    title: found.round.title,
    method: found.round.method,
    mustCap: found.round.mustCap,
    deadline: found.round.deadline,
    criteria: found.round.criteria,
    needs: found.needs,
    cells,
    seenAt: new Date().toISOString(),
  });
}

export const action = scoreAction;

/** Autosaves go through here: a network failure becomes an "offline" answer the queue retries, and the queue hears every result. */
export async function clientAction({ request, params, serverAction }: ClientActionFunctionArgs) {
  if (!/\bapplication\/json\b/.test(request.headers.get("Content-Type") ?? "")) return serverAction();
  const { requestId } = (await request.clone().json()) as { requestId?: string };
  let response: CellResponse;
  try {
    const data = await serverAction<typeof action>();
    response = isCellResponse(data) ? data : { kind: "cells", results: [], error: "offline" };
  } catch {
    response = { kind: "cells", results: [], error: "offline" };
  }
  if (!request.signal.aborted) activeScoreSync(params.roundId ?? "")?.receive(response, requestId);
  return response;
}

/** An autosave answers for its own cells: nothing else on the page needs loading again. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => (isCellResponse(actionResult) ? false : defaultShouldRevalidate);

const SCORE_WORDS: SyncWords = {
  one: "score",
  many: "scores",
  Many: "Scores",
  elsewhere: "in another window",
  withoutScript: "Scores are saved when you press Save.",
};

/** The parts each method's leads score, as the grid's columns. */
function columnsOf(method: RoundMethod, criteria: Criterion[]) {
  if (method === "moscow") return [{ key: "moscow", name: "Priority" }];
  if (method === "rice") return [{ key: "reach", name: "Reach (people)" }, { key: "impact", name: "Impact" }, { key: "confidence", name: "Confidence" }];
  return criteria.map((c) => ({ key: c.key, name: c.name }));
}

export default function ScoreRoundPage() {
  const data = useLoaderData<typeof loader>();
  return <ScoreGrid key={data.id} />;
}

function ScoreGrid() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as GridActionData | undefined;
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const [sync] = useState(() => new ScoreSync(`charter.scores.${data.userId}.${data.id}.`, data.cells));
  useSyncExternalStore(sync.subscribe, sync.getRevision, sync.getRevision);
  const snapshot = sync.getSnapshot();
  const fetcher = useFetcher({ key: `scores:${data.id}` });
  const send = useRef(fetcher.submit);
  send.current = fetcher.submit;
  const submit = useSubmit();
  const [waitingToSubmit, setWaitingToSubmit] = useState(false);
  const [submitProblem, setSubmitProblem] = useState<string | null>(null);
  const base = `/rounds/${data.id}/score`;

  useEffect(() => {
    const unregister = registerScoreSync(data.id, sync);
    sync.start(
      (body) => send.current(body as unknown as Parameters<typeof send.current>[0], { method: "post", encType: "application/json", action: base }),
      // Leaving the page: a request that outlives it carries what still waits.
      (body) =>
        void fetch(`${base}?_data=${encodeURIComponent("routes/rounds.$roundId.score")}`, {
          method: "POST",
          keepalive: true,
          credentials: "same-origin",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        }).catch(() => undefined),
    );
    return () => {
      sync.stop();
      unregister();
    };
  }, [sync, data.id, base]);

  const columns = useMemo(() => columnsOf(data.method, data.criteria), [data.method, data.criteria]);
  const scoreNames = useMemo(() => data.needs.flatMap((n) => columns.map((c) => `score.${n.id}.${c.key}`)), [data.needs, columns]);
  const typed = actionData?.values;
  // After a refused post (without JavaScript) the boxes show what was typed, not what is stored.
  const valueOf = useCallback((name: string) => (typed && name in typed && !hydrated ? typed[name]! : sync.valueOf(name)), [typed, hydrated, sync]);
  const filled = hydrated ? sync.filled(scoreNames) : scoreNames.filter((n) => valueOf(n) !== "").length;
  const musts = data.method === "moscow" ? data.needs.filter((n) => valueOf(`score.${n.id}.moscow`) === "1").length : 0;
  const allowedMusts = data.mustCap === null ? null : Math.floor(data.mustCap * data.needs.length);

  // "Submit" with JavaScript: first let every waiting score reach the server, then hand them in.
  useEffect(() => {
    if (!waitingToSubmit) return;
    if (snapshot.page === "saved") {
      setWaitingToSubmit(false);
      submit({ intent: "submit", seenAt: new Date().toISOString() }, { method: "post", action: base });
    } else if (snapshot.page !== "saving" && snapshot.page !== "offline") {
      setWaitingToSubmit(false);
      setSubmitProblem(
        snapshot.page === "signed_out"
          ? "Sign in again: your scores are kept in this browser and are sent before you submit."
          : snapshot.page === "held"
            ? (snapshot.message ?? "Scores cannot be saved now.")
            : "Some scores are not saved yet: settle the marked cells, then submit.",
      );
    }
  }, [waitingToSubmit, snapshot.page, snapshot.message, submit, base]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (!hydrated) return;
    event.preventDefault();
    const intent = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value;
    sync.flush();
    setSubmitProblem(null);
    if (intent === "submit") setWaitingToSubmit(true);
  }

  const busy = navigation.state !== "idle" || waitingToSubmit;
  const loginHref = `/login?${new URLSearchParams({ redirectTo: base, reason: "expired" })}`;
  return (
    <>
      <PageHeader
        title={`Score: ${data.title}`}
        description={`${
          data.method === "moscow"
            ? "Place each need as a must, should, could or won't."
            : data.method === "rice"
              ? "For each need, estimate how many people it reaches in a quarter, its impact on each of them and how sure you are; IT supplies the effort."
              : "Score each need from 1 to 5 on each criterion."
        } A need you cannot judge can stay blank. ${data.deadline ? `Deadline ${formatDay(data.deadline)}. ` : ""}Other leads' scores stay hidden until you submit yours.`}
        breadcrumbs={[
          { to: "/rounds", label: "Prioritisation" },
          { to: `/rounds/${data.id}`, label: data.title },
        ]}
      />
      <SyncStatus snapshot={snapshot} loginHref={loginHref} hydrated={hydrated} words={SCORE_WORDS} />
      <FormError message={submitProblem ?? actionData?.formError} />
      <Form method="post" action={base} className="stack-lg" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="seenAt" value={actionData?.seenAt ?? data.seenAt} />
        <div className="score-progress">
          <progress max={scoreNames.length} value={filled} aria-label="Scores given" />{" "}
          <span>
            {filled} of {scoreNames.length} {data.method === "moscow" ? "needs placed" : "scores given"}
          </span>
          {allowedMusts !== null ? (
            <span className={musts > allowedMusts ? "field-error" : "muted"}>
              {" "}
              · {musts} of at most {allowedMusts} musts
            </span>
          ) : null}
        </div>
        {data.method === "weighted" ? <ScaleLegend criteria={data.criteria} /> : null}
        {/* While the scores are handed in, nothing changes under them. */}
        <fieldset className="plain-fieldset table-wrap" disabled={busy}>
          <legend className="visually-hidden">Your scores</legend>
          <table className="table score-grid">
            <caption className="visually-hidden">Your scores: one row per need</caption>
            <thead>
              <tr>
                <th scope="col">Need</th>
                {columns.map((c) => (
                  <th scope="col" key={c.key}>
                    {c.name}
                  </th>
                ))}
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {data.needs.map((n) => (
                <ScoreRow
                  key={n.id}
                  roundId={data.id}
                  need={n}
                  method={data.method}
                  criteria={data.criteria}
                  columns={columns}
                  sync={sync}
                  rowRevision={sync.rowRevision(n.id)}
                  valueOf={valueOf}
                  hydrated={hydrated}
                  errors={actionData?.errors}
                  conflicts={actionData?.conflicts}
                />
              ))}
            </tbody>
          </table>
        </fieldset>
        <div className="row">
          <Button type="submit" name="intent" value="save" variant="secondary" disabled={busy}>
            Save
          </Button>
          <Button type="submit" name="intent" value="submit" disabled={busy}>
            {waitingToSubmit ? "Sending your scores…" : "Submit my scores"}
          </Button>
          <span className="muted small">Once submitted, your scores no longer change and you see everyone's.</span>
        </div>
      </Form>
    </>
  );
}

function ScaleLegend({ criteria }: { criteria: Criterion[] }) {
  return (
    <details className="scale-legend">
      <summary>What each score means</summary>
      <dl className="grid-2">
        {criteria.map((c) => (
          <div key={c.key}>
            <dt>
              <strong>{c.name}</strong>
            </dt>
            <dd>
              <ol className="small">
                {c.points.map((p, i) => (
                  <li key={i}>{p || "—"}</li>
                ))}
              </ol>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

interface RowProps {
  roundId: string;
  need: { id: string; number: number; statement: string };
  method: RoundMethod;
  criteria: Criterion[];
  columns: { key: string; name: string }[];
  sync: ScoreSync;
  /** Changes when something in this row changes; the row re-renders only then. */
  rowRevision: number;
  valueOf: (name: string) => string;
  hydrated: boolean;
  errors?: Record<string, string>;
  conflicts?: Record<string, string>;
}

const ScoreRow = memo(
  function ScoreRow({ roundId, need, method, criteria, columns, sync, valueOf, hydrated, errors, conflicts }: RowProps) {
    const [open, setOpen] = useState(false);
    const brief = useFetcher<{ brief: NeedBriefData }>();
    const ref = needRef(need.number);
    const href = `/rounds/${roundId}/needs/${need.id}`;
    const whyName = `why.${need.id}`;
    return (
      <>
        <tr>
          <th scope="row">
            <span className="need-ref">{ref}</span> {need.statement}{" "}
            <a
              href={href}
              className="small"
              aria-expanded={hydrated ? open : undefined}
              onClick={(event) => {
                event.preventDefault();
                if (!open && brief.state === "idle" && !brief.data) brief.load(href);
                setOpen(!open);
              }}
            >
              {open ? "Hide details" : "Details and quotes"}
            </a>
          </th>
          {columns.map((c) => {
            const name = `score.${need.id}.${c.key}`;
            return (
              <td key={c.key}>
                <CellInput name={name} method={method} criterion={criteria.find((x) => x.key === c.key)} label={`${c.name} for ${ref}`} sync={sync} value={valueOf(name)} />
                <CellMessage name={name} sync={sync} error={errors?.[name]} conflict={conflicts?.[name]} describe={(v) => describeValue(method, c.key, v, criteria)} />
              </td>
            );
          })}
          <td>
            <textarea
              name={whyName}
              value={valueOf(whyName)}
              onChange={(e) => sync.edit(whyName, e.target.value)}
              rows={2}
              maxLength={2000}
              className="textarea"
              aria-label={`Why, for ${ref}`}
            />
            <CellMessage name={whyName} sync={sync} error={errors?.[whyName]} conflict={conflicts?.[whyName]} describe={(v) => (v ? `“${v}”` : "nothing")} />
          </td>
        </tr>
        {open ? (
          <tr className="score-brief">
            <td colSpan={columns.length + 2}>{brief.data ? <NeedBrief brief={brief.data.brief} /> : <p className="muted small">Loading…</p>}</td>
          </tr>
        ) : null}
      </>
    );
  },
  (a, b) => a.rowRevision === b.rowRevision && a.hydrated === b.hydrated && a.errors === b.errors && a.conflicts === b.conflicts && a.valueOf === b.valueOf,
);

function describeValue(method: RoundMethod, key: string, value: string, criteria: Criterion[]): string {
  if (value === "") return "blank";
  const n = Number(value);
  if (method === "moscow") return MOSCOW_LABELS[MOSCOW[n - 1]!] ?? value;
  if (method === "rice" && key === "impact") return RICE_IMPACT_LABELS[n] ?? value;
  if (method === "rice" && key === "confidence") return RICE_CONFIDENCE_LABELS[n] ?? value;
  const point = criteria.find((c) => c.key === key)?.points[n - 1];
  return point ? `${value} (${point})` : value;
}

function CellInput({
  name,
  method,
  criterion,
  label,
  sync,
  value,
}: {
  name: string;
  method: RoundMethod;
  criterion: Criterion | undefined;
  label: string;
  sync: ScoreSync;
  value: string;
}) {
  const state = sync.stateOf(name).state;
  const control = {
    name,
    value,
    "aria-label": label,
    "aria-invalid": state === "invalid" || state === "conflict" ? true : undefined,
    onChange: (e: { target: { value: string } }) => sync.edit(name, e.target.value),
  };
  if (method === "rice" && name.endsWith(".reach")) {
    return <input {...control} type="number" inputMode="numeric" min={0} max={1_000_000} step={1} className="input score-number" />;
  }
  const options =
    method === "moscow"
      ? MOSCOW.map((m, i) => ({ value: String(i + 1), label: MOSCOW_LABELS[m] }))
      : method === "rice" && name.endsWith(".impact")
        ? RICE_IMPACT.map((x, i) => ({ value: String(i), label: `${RICE_IMPACT_LABELS[i]} (×${x})` }))
        : method === "rice"
          ? RICE_CONFIDENCE.map((_, i) => ({ value: String(i), label: RICE_CONFIDENCE_LABELS[i]! }))
          : (criterion?.points ?? []).map((p, i) => ({ value: String(i + 1), label: `${i + 1}${p ? ` — ${p}` : ""}` }));
  return (
    <select {...control} className="select">
      <option value="">—</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** Under a cell: why it was refused, or that it changed elsewhere and which to keep. */
function CellMessage({ name, sync, error, conflict, describe }: { name: string; sync: ScoreSync; error?: string; conflict?: string; describe: (value: string) => string }) {
  const state = sync.stateOf(name);
  if (state.state === "conflict") {
    return (
      <div className="cell-conflict" role="alert">
        <p className="field-error">Changed in another window to {describe(state.current.value)}.</p>
        <div className="row">
          <button type="button" className="btn btn-sm btn-secondary" onClick={() => sync.resolve(name, "mine")}>
            Keep mine
          </button>
          <button type="button" className="btn btn-sm btn-secondary" onClick={() => sync.resolve(name, "theirs")}>
            Use that
          </button>
        </div>
      </div>
    );
  }
  const message = state.state === "invalid" ? state.message : state.state === "saved" ? (error ?? (conflict !== undefined ? `Changed in another window to ${describe(conflict)}: save again to keep yours.` : null)) : null;
  return message ? <p className="field-error">{message}</p> : null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

