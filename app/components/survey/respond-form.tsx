import { Form, Link, useFetcher, useLocation, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent, type RefObject } from "react";
import { progressOf, sectionQuestions, visibleQuestionIds, type MissingAnswer, type StoredAnswer } from "../../domain/answers";
import { formatLongDate } from "../../domain/format";
import type { GuideContent } from "../../domain/guide";
import { useHydrated } from "../guide/question-input";
import { AnswerSync, registerSync } from "../interview/answer-sync";
import { AnswerBlock, ProgressMeter, SyncStatus, type SyncWords } from "../interview/runner";
import { FormError } from "../ui/field";
import { draftPrefix, PrivacyNote, SurveyHead, type Respondent, type RespondSurvey } from "./respond-page";
import { SendStep } from "./respond-send";

const RESPONDENT_WORDS: SyncWords = {
  one: "answer",
  many: "answers",
  Many: "Answers",
  elsewhere: "in another window or on another device",
  withoutScript: "Your answers are saved each time you move on to another section.",
};

export interface RespondFormData {
  survey: RespondSurvey;
  respondent: Respondent;
  content: GuideContent;
  answers: StoredAnswer[];
  cursor: number;
  resume: string;
  draftKey: string;
}

export interface RespondFormActionData {
  formError?: string;
  errors: Record<string, string>;
  conflicts: Record<string, StoredAnswer>;
  values: Record<string, { value: unknown; quote: string }>;
  revisions: Record<string, number>;
  missing?: MissingAnswer[];
}

/** The registry key of a respondent page's queue, for the route's clientAction. */
export const respondSyncKey = (token: string) => `survey:${token}`;

/**
 * A survey, one section at a time, for a respondent on a phone: every answer saves as it is given
 * (kept in the browser while offline), Back and Next move between sections without a round trip,
 * and a last step checks what is missing and sends. Without JavaScript each section is a plain form.
 */
export function RespondForm({ data, actionData, token }: { data: RespondFormData; actionData?: RespondFormActionData; token: string }) {
  const { survey, respondent, content, answers, cursor, resume, draftKey } = data;
  const [sync] = useState(
    () =>
      new AnswerSync(draftPrefix(draftKey), content, answers, cursor, true, {
        values: actionData?.values ?? {},
        stale: Object.keys(actionData?.revisions ?? {}),
      }),
  );
  useSyncExternalStore(sync.subscribe, sync.getRevision, sync.getRevision);
  const snapshot = sync.getSnapshot();
  const hydrated = useHydrated();
  const fetcher = useFetcher({ key: `respond:${draftKey}` });
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const base = pathname;

  useEffect(() => {
    const unregister = registerSync(respondSyncKey(token), sync);
    sync.start((body) => submit.current(body as unknown as Parameters<typeof submit.current>[0], { method: "post", encType: "application/json", action: base }));
    return () => {
      sync.stop();
      unregister();
    };
  }, [sync, token, base]);
  // Sending reloads the page's data: answers saved meanwhile (another window) are merged.
  useEffect(() => sync.mergeLoaded(answers), [sync, answers]);

  const values = sync.answerValues();
  const visible = visibleQuestionIds(content, values);
  const progress = progressOf(content, values);
  const sending = params.get("step") === "send";
  const section = sending ? null : (content.sections.find((s) => s.id === params.get("section")) ?? content.sections.find((s) => s.id === resume) ?? content.sections[0]!);
  const index = section ? content.sections.indexOf(section) : content.sections.length;
  const later = params.get("later") === "1";
  const first = index === 0 && !sending;

  // Moving between sections happens in the page: take the reader to the new section's heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = sending ? "send" : section!.id;
  const previousStep = useRef(shownStep);
  useEffect(() => {
    if (previousStep.current !== shownStep) heading.current?.focus();
    previousStep.current = shownStep;
  }, [shownStep]);

  const to = (query: string) => `${base}?${query}`;
  const sectionHref = (id: string) => to(`section=${id}`);

  return (
    <>
      <SurveyHead survey={survey} />
      <SyncStatus snapshot={snapshot} loginHref={base} hydrated={hydrated} words={RESPONDENT_WORDS} />
      <ProgressMeter progress={progress} />
      <SectionPicker key={`sections:${shownStep}`} content={content} progress={progress} current={shownStep} sectionHref={sectionHref} sendHref={to("step=send")} />
      {later && section ? <LaterNote survey={survey} waiting={hydrated ? snapshot.waiting : 0} /> : null}
      {first && !later ? (
        <section className="respond-card respond-intro" aria-label="About this survey">
          {survey.intro ? <p className="pre-line">{survey.intro}</p> : null}
          <PrivacyNote survey={survey} respondent={respondent} />
          <p className="respond-later-hint">
            Your answers are saved as you go. You can stop at any time: this same link brings you back where you left off, until {formatLongDate(survey.closesOn)}.
          </p>
        </section>
      ) : null}
      {section ? (
        <SectionForm
          key={`section:${section.id}`}
          content={content}
          sectionId={section.id}
          index={index}
          base={base}
          sync={sync}
          visible={visible}
          offline={snapshot.page === "offline"}
          actionData={actionData}
          heading={heading}
          onMove={(go) => {
            sync.flush();
            const target = go === "prev" ? content.sections[index - 1] : go === "next" ? content.sections[index + 1] : null;
            if (target) navigate(sectionHref(target.id));
            else if (go === "send") navigate(to("step=send"));
            else if (go === "later") navigate(to(`section=${section.id}&later=1`));
          }}
        />
      ) : (
        <SendStep
          content={content}
          values={values}
          missing={progress.missing}
          base={base}
          sectionHref={sectionHref}
          survey={survey}
          waiting={hydrated ? snapshot.waiting : 0}
          page={snapshot.page}
          flush={() => sync.flush()}
          formError={actionData?.formError}
          heading={heading}
        />
      )}
    </>
  );
}

/** The sections as a compact list that opens on demand (a phone has no room for a sidebar). */
function SectionPicker({
  content,
  progress,
  current,
  sectionHref,
  sendHref,
}: {
  content: GuideContent;
  progress: ReturnType<typeof progressOf>;
  current: string;
  sectionHref: (id: string) => string;
  sendHref: string;
}) {
  const index = content.sections.findIndex((s) => s.id === current);
  const title = index >= 0 ? content.sections[index]!.title : "Check and send";
  return (
    <nav aria-label="Sections" className="respond-sections">
      <details>
        <summary>
          <span className="respond-sections-step">{index >= 0 ? `Section ${index + 1} of ${content.sections.length}` : "Last step"}</span>
          <span className="respond-sections-title">{title}</span>
        </summary>
        <ol>
          {progress.sections.map((s, i) => (
            <li key={s.id}>
              <Link to={sectionHref(s.id)} aria-current={s.id === current ? "step" : undefined}>
                <span>
                  {i + 1}. {s.title}
                </span>
                <span className="small muted">
                  {s.total === 0 ? "Nothing to answer" : s.answered === s.total ? "All answered" : `${s.answered} of ${s.total} answered`}
                  {s.missing ? <span className="respond-missing"> · {s.missing} required to go</span> : null}
                </span>
              </Link>
            </li>
          ))}
          <li>
            <Link to={sendHref} aria-current={current === "send" ? "step" : undefined}>
              <span>Check and send</span>
            </Link>
          </li>
        </ol>
      </details>
    </nav>
  );
}

type Go = "prev" | "next" | "send" | "later";

function SectionForm({
  content,
  sectionId,
  index,
  base,
  sync,
  visible,
  offline,
  actionData,
  heading,
  onMove,
}: {
  content: GuideContent;
  sectionId: string;
  index: number;
  base: string;
  sync: AnswerSync;
  visible: Set<string>;
  offline: boolean;
  actionData?: RespondFormActionData;
  heading: RefObject<HTMLHeadingElement>;
  onMove: (go: Go) => void;
}) {
  const section = content.sections[index]!;
  const questions = useMemo(() => sectionQuestions(content, section), [content, section]);
  const last = index === content.sections.length - 1;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const go = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value as Go | undefined;
    onMove(go ?? "next");
  }
  return (
    <Form method="post" action={`${base}?section=${sectionId}`} className="respond-card respond-section" onSubmit={onSubmit} noValidate aria-labelledby="section-title">
      <input type="hidden" name="intent" value="section" />
      <input type="hidden" name="section" value={sectionId} />
      <h2 id="section-title" ref={heading} tabIndex={-1}>
        {section.title}
      </h2>
      {section.purpose ? <p className="muted pre-line">{section.purpose}</p> : null}
      <FormError message={actionData?.formError} />
      {questions.map(({ question, number }) =>
        visible.has(question.id) ? (
          <AnswerBlock
            key={question.id}
            question={question}
            number={number}
            sync={sync}
            editable
            offline={offline}
            error={actionData?.errors[question.id]}
            serverConflict={actionData?.conflicts[question.id]}
            respondent
          />
        ) : null,
      )}
      {questions.every(({ question }) => !visible.has(question.id)) ? <p className="muted">Given your answers so far, nothing in this section applies to you: carry on.</p> : null}
      {/* Next comes first, so Enter in a field moves on rather than back. */}
      <div className="respond-actions">
        <button type="submit" name="go" value={last ? "send" : "next"} className="btn btn-primary">
          {last ? "Next: check and send" : "Next"}
        </button>
        {index > 0 ? (
          <button type="submit" name="go" value="prev" className="btn btn-secondary">
            Back
          </button>
        ) : null}
        <button type="submit" name="go" value="later" className="btn btn-ghost respond-later-button">
          Continue later
        </button>
      </div>
    </Form>
  );
}

function LaterNote({ survey, waiting }: { survey: RespondSurvey; waiting: number }) {
  return (
    <section className="respond-card respond-later" role="status" aria-labelledby="later-title">
      <h2 id="later-title">Carry on whenever you like</h2>
      {waiting ? (
        <p>
          {waiting === 1 ? "One answer has" : `${waiting} answers have`} not reached us yet: they are kept in this browser and sent as soon as there is a connection. Keep this page
          open a moment, or come back to the link on this device.
        </p>
      ) : (
        <p>Your answers are saved. You can close this page now.</p>
      )}
      <p>To carry on, open the link in your invitation again: it brings you back to this point. The survey is open until {formatLongDate(survey.closesOn)}.</p>
    </section>
  );
}
