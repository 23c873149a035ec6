import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { answerValuesOf, formatAnswer, questionNumbers, visibleQuestionIds, type StoredAnswer } from "../../domain/answers";
import { formatLongDate } from "../../domain/format";
import type { GuideContent } from "../../domain/guide";
import { QuestionText } from "../interview/question-text";
import { browserStorage } from "../sync-state";

/**
 * The frame of a survey respondent's pages: the workspace's name and the survey, nothing of
 * Charter's signed-in navigation (a respondent has no account).
 */
export function RespondShell({ workspaceName, personal = true, children }: { workspaceName: string; personal?: boolean; children: ReactNode }) {
  return (
    <div className="respond">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="respond-top">
        <span className="respond-brand">{workspaceName}</span>
      </header>
      <main id="main" className="respond-main" tabIndex={-1}>
        {children}
      </main>
      {personal ? (
        <footer className="respond-footer">
          <p>This link is yours alone: please do not pass it on.</p>
        </footer>
      ) : null}
    </div>
  );
}

export interface RespondSurvey {
  title: string;
  intro: string;
  ownerName: string;
  opensOn: string;
  closesOn: string;
  anonymous: boolean;
}
export interface Respondent {
  /** Null for an anonymous survey: the page never names its respondent. */
  name: string | null;
  unitName: string;
}

/** The survey's title, who asks, until when, and whether answers carry a name. */
export function SurveyHead({ survey, line }: { survey: RespondSurvey; line?: ReactNode }) {
  return (
    <header className="respond-head">
      <p className="respond-eyebrow">A survey from {survey.ownerName}</p>
      <h1>{survey.title}</h1>
      <p className="respond-meta">
        {line ?? <>Open until {formatLongDate(survey.closesOn)}</>}
        <span className={`respond-privacy-tag ${survey.anonymous ? "is-anonymous" : ""}`}>{survey.anonymous ? "Anonymous" : "Answers carry your name"}</span>
      </p>
    </header>
  );
}

/** What anonymous (or named) means here, in plain words. */
export function PrivacyNote({ survey, respondent }: { survey: RespondSurvey; respondent: Respondent }) {
  return survey.anonymous ? (
    <p className="respond-privacy">
      <strong>Your answers are anonymous.</strong> Nobody, {survey.ownerName} included, sees who gave which answers. They are counted with your business unit ({respondent.unitName}) and
      level, and no result is ever shown for a group of fewer than 3 people.
    </p>
  ) : (
    <p className="respond-privacy">
      <strong>Your answers carry your name.</strong> {survey.ownerName} and the other relationship managers see them
      {respondent.name ? ` under your name, ${respondent.name}` : " under your name"}, and what you say may be quoted with your name in the needs and service
      documents that follow.
    </p>
  );
}

/** A made-up or withdrawn link (nothing is said about any survey), or a closed survey (only whom to ask). */
export function ClosedNotice({ ownerName }: { ownerName: string | null }) {
  return (
    <section className="respond-card respond-notice" aria-labelledby="notice-title">
      {ownerName ? (
        <>
          <h1 id="notice-title">This survey has closed</h1>
          <p>Answers can no longer be given or changed through this link. Thank you for your time.</p>
          <p>If you have a question about the survey, please contact {ownerName}, who sent it.</p>
        </>
      ) : (
        <>
          <h1 id="notice-title">This link no longer works</h1>
          <p>It may have been withdrawn, or part of it may have been lost when it was copied.</p>
          <p>If you were asked to answer a survey, open the link from the e-mail again, or ask the person who sent it for a new one.</p>
        </>
      )}
    </section>
  );
}

export function ScheduledNotice({ survey, respondent }: { survey: RespondSurvey; respondent: Respondent }) {
  return (
    <>
      <SurveyHead survey={survey} line={<>Opens on {formatLongDate(survey.opensOn)}</>} />
      <section className="respond-card" aria-labelledby="notice-title">
        <h2 id="notice-title">This survey opens on {formatLongDate(survey.opensOn)}</h2>
        <p>
          Come back to this link then: it stays open until {formatLongDate(survey.closesOn)}. If you have a question in the meantime, please contact {survey.ownerName}.
        </p>
        {survey.intro ? <p className="pre-line">{survey.intro}</p> : null}
        <PrivacyNote survey={survey} respondent={respondent} />
      </section>
    </>
  );
}

/** After sending: thanks, and a read-only copy of the answers (the questions the answers showed). */
export function SentCopy({
  survey,
  respondent,
  content,
  answers,
  sentAt,
  draftKey,
}: {
  survey: RespondSurvey;
  respondent: Respondent;
  content: GuideContent;
  answers: StoredAnswer[];
  sentAt: string;
  draftKey: string;
}) {
  // Answers kept in this browser can no longer be sent: nothing should linger.
  useEffect(() => {
    const store = browserStorage();
    if (!store) return;
    const prefix = draftPrefix(draftKey);
    const stale: string[] = [];
    for (let i = 0; i < store.length; i++) if (store.key(i)?.startsWith(prefix)) stale.push(store.key(i)!);
    for (const key of stale) store.removeItem(key);
  }, [draftKey]);
  return (
    <>
      <SurveyHead survey={survey} line={<>Sent on {formatLongDate(sentAt)}</>} />
      <section className="respond-card respond-thanks" role="status" aria-labelledby="thanks-title">
        <h2 id="thanks-title">{respondent.name ? `Thank you, ${respondent.name.split(" ")[0]}` : "Thank you"}: your answers are sent</h2>
        <p>
          {survey.ownerName} has them now. Below is a copy of what you sent; it can no longer be changed. If something in it is wrong, please tell {survey.ownerName}.
        </p>
      </section>
      <section className="respond-card respond-copy" aria-labelledby="copy-title">
        <h2 id="copy-title">Your answers</h2>
        <AnswerList content={content} values={answerValuesOf(answers)} />
      </section>
    </>
  );
}

/** The answers in words, section by section: only the questions the answers showed. */
export function AnswerList({ content, values, changeHref }: { content: GuideContent; values: Record<string, unknown>; changeHref?: (sectionId: string) => string }) {
  const visible = visibleQuestionIds(content, values);
  const numbers = questionNumbers(content);
  return (
    <>
      {content.sections.map((section) => {
        const questions = section.questions.filter((q) => visible.has(q.id));
        if (!questions.length) return null;
        return (
          <section key={section.id} className="respond-review" aria-labelledby={`review-${section.id}`}>
            <div className="respond-review-head">
              <h3 id={`review-${section.id}`}>{section.title}</h3>
              {changeHref ? (
                <Link to={changeHref(section.id)} className="small">
                  Change<span className="visually-hidden"> answers in {section.title}</span>
                </Link>
              ) : null}
            </div>
            <dl className="respond-answers">
              {questions.map((q) => {
                const text = formatAnswer(q, values[q.id]);
                return (
                  <div key={q.id}>
                    <dt>
                      <span className="question-number">Q{numbers.get(q.id)}</span> <QuestionText text={q.prompt} />
                      {changeHref && q.required ? <span className="required-mark"> (required)</span> : null}
                    </dt>
                    <dd className={text ? "pre-line" : "muted"}>{text || "Not answered"}</dd>
                  </div>
                );
              })}
            </dl>
          </section>
        );
      })}
    </>
  );
}

/** Where this browser keeps a respondent's unsent answers: by invitee, never by the link's token. */
export const draftPrefix = (draftKey: string) => `charter.survey.${draftKey}.`;

/** Anything unexpected: friendly words, answers saved so far are safe, and a way to try again. */
export function RespondErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const { pathname, search } = useLocation();
  return (
    <RespondShell workspaceName="Charter" personal={false}>
      <section className="respond-card respond-notice" role="alert" aria-labelledby="error-title">
        <h1 id="error-title">{status >= 500 ? "Something went wrong on our side" : "This page could not be shown"}</h1>
        <p>Nothing you did caused this, and the answers saved before are safe. Please try again in a moment.</p>
        <a className="btn btn-primary" href={pathname + search}>
          Try again
        </a>
      </section>
    </RespondShell>
  );
}
