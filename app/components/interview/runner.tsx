import { Link } from "@remix-run/react";
import { useId, useState } from "react";
import { fieldName, formatAnswer, itemKey, QUOTE_MAX, storedFingerprint, type ItemKey, type Progress, type StoredAnswer } from "../../domain/answers";
import { formatUtc } from "../../domain/format";
import type { Question } from "../../domain/guide";
import { QuestionInput } from "../guide/question-input";
import type { AnswerSync, ItemState, Snapshot } from "./answer-sync";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export interface SyncWords {
  one: string;
  many: string;
  Many: string;
  elsewhere: string;
  withoutScript: string;
}
const ANSWER_WORDS: SyncWords = {
  one: "answer",
  many: "answers",
  Many: "Answers",
  elsewhere: "by someone else",
  withoutScript: "Answers are saved when you move to another section.",
};

/** The page's save state, in words, announced politely as it changes. */
export function SyncStatus({
  snapshot,
  loginHref,
  hydrated,
  words = ANSWER_WORDS,
}: {
  snapshot: Snapshot;
  loginHref: string;
  hydrated: boolean;
  /** What is being saved, in words: answers by default. */
  words?: SyncWords;
}) {
  const waiting = snapshot.waiting ? ` ${plural(snapshot.waiting, `${words.one} waits`, `${words.many} wait`)} to be sent.` : "";
  let tone = "ok";
  let text: React.ReactNode;
  if (!hydrated) {
    text = words.withoutScript;
    tone = "neutral";
  } else
    switch (snapshot.page) {
      case "signed_out":
        tone = "danger";
        text = (
          <>
            Your session has ended.{waiting || " "} They are kept in this browser: <Link to={loginHref}>sign in again</Link> and they will be sent.
          </>
        );
        break;
      case "held":
        tone = "warning";
        text = `${snapshot.message ?? `${words.Many} cannot be saved now.`}${waiting}`;
        break;
      case "conflict":
        tone = "danger";
        text = `${plural(snapshot.conflicts, `${words.one} was`, `${words.many} were`)} changed ${words.elsewhere}: choose which version to keep.${waiting}`;
        break;
      case "offline":
        tone = "warning";
        // The device offline, or Charter not answering (down, or its database away): said apart, retried alike.
        text = `${deviceOffline() ? "Offline" : "Charter is not answering just now"}: will retry.${waiting} They are kept in this browser.`;
        break;
      case "saving":
        tone = "neutral";
        text = `Saving…${waiting}`;
        break;
      case "invalid":
        tone = "warning";
        text = `${plural(snapshot.invalid, `${words.one} needs`, `${words.many} need`)} correcting before it can be saved.${waiting}`;
        break;
      default:
        text = `All ${words.many} saved.`;
    }
  return (
    <div className={`sync-status sync-${tone}`} role="status" aria-live="polite" data-state={hydrated ? snapshot.page : "static"}>
      <span className="sync-dot" aria-hidden="true" />
      <span>{text}</span>
      {snapshot.storageBroken ? <span> This browser cannot keep unsent {words.many}: stay online.</span> : null}
    </div>
  );
}

export function ProgressMeter({ progress }: { progress: Pick<Progress, "answered" | "total" | "required" | "requiredAnswered"> }) {
  return (
    <div className="progress">
      <progress className="progress-bar" aria-label="Questions answered" value={progress.answered} max={Math.max(progress.total, 1)} />
      <p className="small muted">
        <strong>{progress.answered}</strong> of {progress.total} answered · <strong>{progress.requiredAnswered}</strong> of {progress.required} required
      </p>
    </div>
  );
}

export function SectionNav({ sections, current, base }: { sections: Progress["sections"]; current: string; base: string }) {
  return (
    <nav aria-label="Sections" className="section-nav">
      <ol>
        {sections.map((s, i) => (
          <li key={s.id}>
            <Link to={`${base}?section=${s.id}`} aria-current={s.id === current ? "step" : undefined} preventScrollReset={false}>
              <span className="section-nav-title">
                {i + 1}. {s.title}
              </span>
              <span className="small muted">
                {s.answered}/{s.total}
                {s.missing ? <span className="section-missing"> · {s.missing} required to go</span> : null}
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Whether the browser knows it has no network (as opposed to a server that does not answer). */
const deviceOffline = () => typeof navigator !== "undefined" && navigator.onLine === false;

function stateText(state: ItemState, saved: boolean, offline: boolean): string | null {
  switch (state.state) {
    case "saving":
      return "Saving…";
    case "waiting":
      return offline ? `${deviceOffline() ? "Offline: kept" : "Kept"} in this browser, waiting to send` : "Not saved yet";
    case "held":
      return `Not saved: ${state.message}`;
    case "saved":
      return saved ? "Saved" : null;
    default:
      return null;
  }
}

/** One question on the interview page: the answer, the interviewer's quote, its save state, and any conflict. */
export function AnswerBlock({
  question,
  number,
  sync,
  editable,
  offline,
  error,
  serverConflict,
  respondent = false,
}: {
  question: Question;
  number: number;
  sync: AnswerSync;
  editable: boolean;
  offline: boolean;
  /** From a form posted without JavaScript. */
  error?: string;
  serverConflict?: StoredAnswer;
  /** A survey's respondent answers for themselves: no quote field, and a conflict can only come from their own other window. */
  respondent?: boolean;
}) {
  const key = itemKey("answer", question.id);
  const { value, quote, revision } = sync.valueOf(key);
  const state = sync.stateOf(key);
  const quoteId = useId();
  const message = state.state === "invalid" ? state.message : error;
  const text = stateText(state, revision > 0, offline);
  return (
    <div className="answer" id={`q-${question.id}`} onBlur={() => sync.flush()} data-state={state.state}>
      <input type="hidden" name={fieldName.shown(question.id)} value="1" />
      <input type="hidden" name={fieldName.revision(key)} value={serverConflict?.revision ?? revision} />
      <StoredFingerprint sync={sync} item={key} />
      <QuestionInput question={question} number={number} value={value} onChange={(v) => sync.edit(key, { value: v })} disabled={!editable} named error={message} />
      {respondent ? null : (
        <div className="field answer-quote">
          <label className="field-label" htmlFor={quoteId}>
            Their words <span className="muted">(verbatim quote, optional)</span>
          </label>
          <textarea
            id={quoteId}
            className="textarea"
            rows={2}
            name={fieldName.quote(question.id)}
            maxLength={QUOTE_MAX}
            value={quote}
            disabled={!editable}
            onChange={(e) => sync.edit(key, { quote: e.currentTarget.value })}
          />
        </div>
      )}
      {text ? (
        <p className="answer-state small" data-state={state.state}>
          {text}
        </p>
      ) : null}
      {state.state === "conflict" ? (
        <ConflictPanel question={question} item={key} sync={sync} mine={{ value, quote }} theirs={state.current} respondent={respondent} />
      ) : serverConflict ? (
        <ConflictNote question={question} theirs={serverConflict} respondent={respondent} />
      ) : null}
    </div>
  );
}

export function NotesBlock({ sectionId, sync, editable, serverConflict }: { sectionId: string; sync: AnswerSync; editable: boolean; serverConflict?: StoredAnswer }) {
  const key = itemKey("notes", sectionId);
  const { value, revision } = sync.valueOf(key);
  const state = sync.stateOf(key);
  const id = useId();
  const text = stateText(state, revision > 0, false);
  return (
    <div className="answer" onBlur={() => sync.flush()} data-state={state.state}>
      <input type="hidden" name={fieldName.revision(key)} value={serverConflict?.revision ?? revision} />
      <StoredFingerprint sync={sync} item={key} />
      <label className="field-label" htmlFor={id}>
        Notes on this section
      </label>
      <textarea
        id={id}
        className="textarea notes"
        rows={12}
        name={fieldName.notes}
        value={typeof value === "string" ? value : ""}
        disabled={!editable}
        onChange={(e) => sync.edit(key, { value: e.currentTarget.value })}
      />
      {state.state === "invalid" ? <p className="field-error">{state.message}</p> : null}
      {text ? <p className="answer-state small">{text}</p> : null}
      {state.state === "conflict" ? (
        <ConflictPanel item={key} sync={sync} mine={{ value, quote: "" }} theirs={state.current} />
      ) : serverConflict ? (
        <ConflictNote theirs={serverConflict} />
      ) : null}
    </div>
  );
}

/** Without JavaScript, tells the server what the page showed as stored, so an untouched answer is left alone. */
function StoredFingerprint({ sync, item }: { sync: AnswerSync; item: ItemKey }) {
  const stored = sync.storedOf(item);
  return <input type="hidden" name={fieldName.was(item)} value={storedFingerprint(stored.value, stored.quote)} />;
}

const shown = (question: Question | undefined, value: unknown) =>
  (question ? formatAnswer(question, value) : typeof value === "string" ? value : "") || "(no answer)";
const at = (theirs: StoredAnswer) => formatUtc(theirs.updatedAt, { zone: false }).slice(-5);
const who = (theirs: StoredAnswer) => `${theirs.updatedByName ?? "Someone"} at ${at(theirs)}`;

/** Without JavaScript: the other version, for the interviewer to merge into the box before saving again. */
function ConflictNote({ question, theirs, respondent = false }: { question?: Question; theirs: StoredAnswer; respondent?: boolean }) {
  return (
    <div className="conflict" role="group" aria-label={respondent ? "Changed in another window" : "Changed by someone else"}>
      <p>
        <strong>{respondent ? `Saved meanwhile from another window or device at ${at(theirs)}:` : `Saved meanwhile by ${who(theirs)}:`}</strong> {shown(question, theirs.value)}
        {theirs.quote ? <q className="quote"> {theirs.quote}</q> : null}
      </p>
      <p className="small">
        {respondent
          ? "This page's version is in the box above. Saving again keeps what the box holds."
          : "Your version is in the box above. Saving again keeps what the box holds: merge their words in first if you need them."}
      </p>
    </div>
  );
}

/** Both versions side by side: keep either, or merge them by hand. */
function ConflictPanel({
  question,
  item,
  sync,
  mine,
  theirs,
  respondent = false,
}: {
  question?: Question;
  item: ItemKey;
  sync: AnswerSync;
  mine: { value: unknown; quote: string };
  theirs: StoredAnswer;
  respondent?: boolean;
}) {
  const textual = !question || question.type === "short_text" || question.type === "long_text";
  const [merging, setMerging] = useState(false);
  const [mergedValue, setMergedValue] = useState(() => [theirs.value, mine.value].filter((v) => typeof v === "string" && v).join("\n\n"));
  const [mergedQuote, setMergedQuote] = useState(() => [theirs.quote, mine.quote].filter(Boolean).filter((q, i, a) => a.indexOf(q) === i).join("\n\n"));
  const mergeId = useId();
  return (
    <div className="conflict" role="group" aria-label="Two versions of this answer">
      <p>
        <strong>{respondent ? `Changed from another window or device at ${at(theirs)}.` : `Changed by ${who(theirs)} while you were typing.`}</strong> Nothing is lost: choose what to keep.
      </p>
      <div className="conflict-versions">
        <section aria-label={respondent ? "On this page" : "Your version"}>
          <h4>{respondent ? "On this page" : "Your version"}</h4>
          <p className="conflict-text">{shown(question, mine.value)}</p>
          {mine.quote ? <q className="quote">{mine.quote}</q> : null}
        </section>
        <section aria-label={respondent ? "Saved from elsewhere" : "Their version"}>
          <h4>{respondent ? "Saved from elsewhere" : `${theirs.updatedByName ?? "Saved"}'s version`}</h4>
          <p className="conflict-text">{shown(question, theirs.value)}</p>
          {theirs.quote ? <q className="quote">{theirs.quote}</q> : null}
        </section>
      </div>
      {merging ? (
        <div className="stack">
          <label className="field">
            <span className="field-label">Merged answer</span>
            <textarea id={mergeId} className="textarea" rows={5} value={mergedValue} onChange={(e) => setMergedValue(e.currentTarget.value)} />
          </label>
          {question && !respondent ? (
            <label className="field">
              <span className="field-label">Merged quote</span>
              <textarea className="textarea" rows={2} value={mergedQuote} onChange={(e) => setMergedQuote(e.currentTarget.value)} />
            </label>
          ) : null}
          <div className="row">
            <button type="button" className="btn btn-primary btn-sm" onClick={() => sync.resolve(item, { value: mergedValue, quote: mergedQuote })}>
              Save the merged answer
            </button>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setMerging(false)}>
              Back
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => sync.resolve(item, "mine")}>
            {respondent ? "Keep this page's" : "Keep mine"}
          </button>
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => sync.resolve(item, "theirs")}>
            {respondent ? "Keep the saved one" : "Keep theirs"}
          </button>
          {textual ? (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setMerging(true)}>
              Merge by hand
            </button>
          ) : null}
        </div>
      )}
    </div>
  );
}
