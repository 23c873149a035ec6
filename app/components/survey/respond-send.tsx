import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useState, type RefObject } from "react";
import type { MissingAnswer } from "../../domain/answers";
import type { GuideContent } from "../../domain/guide";
import type { PageState } from "../interview/answer-sync";
import { QuestionText } from "../interview/question-text";
import { FormError } from "../ui/field";
import { AnswerList, type RespondSurvey } from "./respond-page";

/** Why the answers cannot be sent yet, when some are still on their way. */
const HELD_WORDS: Partial<Record<PageState, string>> = {
  offline: "You are offline: your last answers are kept in this browser. Send them once you are back online.",
  invalid: "Some answers need correcting before they can be saved: change them, then send.",
  conflict: "Some answers were changed in another window: choose which version to keep, then send.",
  held: "Your last answers could not be saved: see the message above.",
};

/** The last step: what is still required (with links to it), the answers at a glance, and the send button. */
export function SendStep({
  content,
  values,
  missing,
  base,
  sectionHref,
  survey,
  waiting,
  page,
  flush,
  formError,
  heading,
}: {
  content: GuideContent;
  values: Record<string, unknown>;
  missing: MissingAnswer[];
  base: string;
  sectionHref: (id: string) => string;
  survey: RespondSurvey;
  /** Answers not yet confirmed by the server (0 before the page runs). */
  waiting: number;
  page: PageState;
  flush: () => void;
  formError?: string;
  heading: RefObject<HTMLHeadingElement>;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "submit";
  const [held, setHeld] = useState(false);
  const blocked = waiting > 0;
  useEffect(() => {
    if (!blocked) setHeld(false);
  }, [blocked]);
  return (
    <section className="respond-card respond-send" aria-labelledby="section-title">
      <h2 id="section-title" ref={heading} tabIndex={-1}>
        Check and send
      </h2>
      <FormError message={formError} />
      {missing.length ? (
        <div className="respond-missing-list">
          <p>
            <strong>{missing.length === 1 ? "One required question is" : `${missing.length} required questions are`} not answered yet.</strong> Your answers can be sent once
            {missing.length === 1 ? " it is" : " they are"}:
          </p>
          <ul>
            {missing.map((m) => (
              <li key={m.questionId}>
                <Link to={`${sectionHref(m.sectionId)}#q-${m.questionId}`}>
                  Q{m.number} <QuestionText text={m.prompt} />
                </Link>{" "}
                <span className="small muted">in {m.sectionTitle}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>Everything required is answered. Look over your answers, then send them.</p>
      )}
      <AnswerList content={content} values={values} changeHref={sectionHref} />
      <Form
        method="post"
        action={base}
        className="respond-send-form"
        onSubmit={(event) => {
          // Answers still on their way would be left out: send them first.
          if (blocked) {
            event.preventDefault();
            setHeld(true);
            flush();
          }
        }}
      >
        <input type="hidden" name="intent" value="submit" />
        <p className="small muted">
          Your answers go to {survey.ownerName} {survey.anonymous ? "without your name" : "with your name"}. Once sent, they can no longer be changed.
        </p>
        {held && blocked ? (
          <p className="respond-held" role="alert">
            {HELD_WORDS[page] ?? "Your last answers are still being saved: send again in a moment."}
          </p>
        ) : null}
        <div className="respond-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} aria-disabled={blocked || undefined}>
            {busy ? "Sending…" : "Send my answers"}
          </button>
          <Link to={sectionHref(content.sections[content.sections.length - 1]!.id)} className="btn btn-secondary">
            Back
          </Link>
        </div>
      </Form>
    </section>
  );
}
