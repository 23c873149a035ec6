/**
 * The messages Charter sends, in words: each has a plain-text part (and the same as simple HTML),
 * says who sent it and why the reader gets it, and links into Charter. Pure.
 */
import { formatLongDate } from "./format";

export interface Recipient {
  address: string;
  name: string;
}

export interface Composed {
  kind: string;
  to: Recipient;
  subject: string;
  text: string;
  html: string;
  /** Who caused it and why, as the outbox page lists it. */
  reason: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Paragraphs of text (a paragraph may be a quote: a line starting with "> ") as both parts of a message. */
function body(paragraphs: (string | null | undefined)[], link: { href: string; label: string }, why: string): { text: string; html: string } {
  const kept = paragraphs.filter((p): p is string => Boolean(p && p.trim()));
  const text = [...kept, `${link.label}: ${link.href}`, "—", why].join("\n\n") + "\n";
  const html = [
    ...kept.map((p) =>
      p.startsWith("> ")
        ? `<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #d9dde3;color:#4f5b6b">${escapeHtml(p.slice(2)).replace(/\n/g, "<br>")}</blockquote>`
        : `<p style="margin:0 0 1em">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`,
    ),
    `<p style="margin:0 0 1.5em"><a href="${escapeHtml(link.href)}" style="color:#1f4e79;font-weight:600">${escapeHtml(link.label)}</a></p>`,
    `<p style="margin:0;color:#6b7686;font-size:13px">${escapeHtml(why)}</p>`,
  ].join("\n");
  return { text, html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#1b2330;max-width:36rem">\n${html}\n</body></html>\n` };
}

const quote = (s: string) => (s.trim() ? `> ${s.trim()}` : null);

export interface SignoffMailFacts {
  requestUrl: string;
  serviceName: string;
  number: number;
  submitter: string;
  message: string;
  dueOn: string | null;
}

const what = (f: SignoffMailFacts) => `${f.serviceName}, version ${f.number}`;
const verb = (role: "approver" | "signer") => (role === "signer" ? "sign" : "approve");

/** To someone whose turn has come: approve (or sign) or reject. */
export function signoffAskedMail(f: SignoffMailFacts, to: Recipient, role: "approver" | "signer", onBehalfOf?: { name: string; reason: string }): Composed {
  const { text, html } = body(
    [
      `Dear ${to.name},`,
      onBehalfOf
        ? `${onBehalfOf.name} has handed their signature of ${what(f)} to you in Charter: "${onBehalfOf.reason}". ${f.submitter} asked for it.`
        : `${f.submitter} asks you to ${verb(role)} ${what(f)} in Charter.`,
      quote(f.message),
      f.dueOn ? `Please decide by ${formatLongDate(f.dueOn)}.` : null,
      `You can read the document on screen or as PDF, comment on any clause, and ${verb(role)} it or reject it with a reason.`,
    ],
    { href: f.requestUrl, label: "Read it and decide" },
    `You get this message because ${onBehalfOf ? `${onBehalfOf.name} named you` : `${f.submitter} named you`} as ${role === "signer" ? "a signer" : "an approver"} of this version in Charter.`,
  );
  return { kind: "signoff.asked", to, subject: `Please ${verb(role)} ${what(f)}`, text, html, reason: `${f.submitter} sent ${what(f)} for sign-off; ${to.name}'s turn to ${verb(role)}` };
}

/** A reminder the relationship manager sent. */
export function signoffReminderMail(f: SignoffMailFacts, to: Recipient, role: "approver" | "signer", waitingSince: string, sentBy: string): Composed {
  const { text, html } = body(
    [
      `Dear ${to.name},`,
      `${sentBy} reminds you that ${what(f)} has been waiting for you to ${verb(role)} it since ${formatLongDate(waitingSince.slice(0, 10))}.`,
      f.dueOn ? `It is due by ${formatLongDate(f.dueOn)}.` : null,
    ],
    { href: f.requestUrl, label: "Read it and decide" },
    `You get this message because you are named as ${role === "signer" ? "a signer" : "an approver"} of this version in Charter and have not decided yet.`,
  );
  return { kind: "signoff.reminder", to, subject: `Reminder: ${what(f)} waits for you to ${verb(role)} it`, text, html, reason: `${sentBy} sent a reminder about ${what(f)}` };
}

/** To the relationship manager who sent the version: someone decided, or the version is agreed. */
export function signoffDecisionMail(
  f: SignoffMailFacts,
  to: Recipient,
  decision: { by: string; role: "approver" | "signer"; outcome: "approved" | "rejected"; comment: string; agreed: boolean },
): Composed {
  const did = decision.outcome === "rejected" ? "rejected" : decision.role === "signer" ? "signed" : "approved";
  const subject = decision.agreed ? `${what(f)} is agreed` : `${decision.by} ${did} ${what(f)}`;
  const { text, html } = body(
    [
      `Dear ${to.name},`,
      `${decision.by} ${did} ${what(f)}${decision.comment.trim() ? ":" : "."}`,
      quote(decision.comment),
      decision.agreed
        ? "Everyone has approved and signed: the version is agreed, and its signed PDF is sealed. Anyone holding the PDF can check it on Charter's verify page."
        : decision.outcome === "rejected"
          ? "The request has ended. Make a new version from the draft when the definition answers the reason given."
          : null,
    ],
    { href: f.requestUrl, label: decision.agreed ? "See the agreed version" : "See the request" },
    "You get this message because you sent this version for sign-off in Charter.",
  );
  return { kind: decision.agreed ? "signoff.agreed" : "signoff.decided", to, subject, text, html, reason: `${decision.by} ${did} ${what(f)}` };
}

export interface SurveyMailFacts {
  /** The respondent's own link: it opens their response and nothing else. */
  link: string;
  title: string;
  intro: string;
  sentBy: string;
  closesOn: string;
  anonymous: boolean;
}

const privacy = (f: SurveyMailFacts) =>
  f.anonymous
    ? "Your answers are anonymous: nobody sees who gave them, and no result is shown for fewer than three people."
    : `Your answers carry your name: ${f.sentBy} and the other relationship managers see them, and what you say may be quoted with your name in the needs and service documents that follow.`;

/** A stakeholder's invitation to answer a survey, with their personal link. */
export function surveyInvitationMail(f: SurveyMailFacts, to: Recipient): Composed {
  const { text, html } = body(
    [
      `Dear ${to.name},`,
      `${f.sentBy} asks for your view in "${f.title}".`,
      quote(f.intro),
      `It is open until ${formatLongDate(f.closesOn)}. You can stop at any time and carry on later from the same link.`,
      privacy(f),
    ],
    { href: f.link, label: "Answer the survey" },
    `You get this message because ${f.sentBy} invited you to this survey in Charter. The link is yours alone: please do not pass it on.`,
  );
  return { kind: "survey.invitation", to, subject: `Your view, please: ${f.title}`, text, html, reason: `${f.sentBy} invited ${to.name} to "${f.title}"` };
}

/** A reminder to someone who has not submitted yet. */
export function surveyReminderMail(f: SurveyMailFacts, to: Recipient, started: boolean): Composed {
  const { text, html } = body(
    [
      `Dear ${to.name},`,
      started
        ? `You started "${f.title}" but have not sent your answers yet. What you typed is kept: the link opens where you left off.`
        : `${f.sentBy} would still like your view in "${f.title}".`,
      `It closes on ${formatLongDate(f.closesOn)}.`,
      privacy(f),
    ],
    { href: f.link, label: started ? "Carry on with the survey" : "Answer the survey" },
    `You get this message because ${f.sentBy} invited you to this survey in Charter and you have not sent your answers yet.`,
  );
  return { kind: "survey.reminder", to, subject: `Reminder: ${f.title} closes on ${formatLongDate(f.closesOn)}`, text, html, reason: `${f.sentBy} reminded ${to.name} about "${f.title}"` };
}

/** How long to wait before the next try of a message that failed `attempts` times; null: give up (admins can retry). */
export const MAIL_BACKOFF_MINUTES = [1, 5, 15, 60, 240] as const;
export function nextAttemptDelayMs(attempts: number): number | null {
  const minutes = MAIL_BACKOFF_MINUTES[attempts - 1];
  return minutes === undefined ? null : minutes * 60_000;
}

/** What the admins' outbox page filters on. */
export const OUTBOX_FILTERS = ["all", "queued", "sent", "failed"] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];

/**
 * A survey link is a key to someone's answers: once its message is delivered, the copy Charter keeps
 * says where the link went but not the link itself, and the outbox never shows one.
 */
export function hideSurveyLinks(text: string): string {
  return text.replace(/\/s\/[A-Za-z0-9_-]{20,}/g, "/s/(personal link, not kept)");
}
