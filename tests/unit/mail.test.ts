import { describe, expect, it } from "vitest";
import { nextAttemptDelayMs, signoffAskedMail, signoffDecisionMail, signoffReminderMail, surveyInvitationMail, surveyReminderMail, type SignoffMailFacts, type SurveyMailFacts } from "../../app/domain/mail";

const facts: SignoffMailFacts = {
  requestUrl: "https://charter.example/signoff/123",
  serviceName: "Branch <Banking>",
  number: 2,
  submitter: "Tom Okafor",
  message: "Please look at <script>alert(1)</script> the Saturday levels first.",
  dueOn: "2026-12-08",
};
const maria = { address: "maria@bank.example", name: "Maria Lopez" };

describe("sign-off mail", () => {
  it("says who asks, what, by when, links to the request and why the reader gets it, in plain text", () => {
    const m = signoffAskedMail(facts, maria, "approver");
    expect(m.subject).toBe("Please approve Branch <Banking>, version 2");
    expect(m.text).toContain("Tom Okafor asks you to approve Branch <Banking>, version 2 in Charter.");
    expect(m.text).toContain("> Please look at <script>alert(1)</script> the Saturday levels first.");
    expect(m.text).toContain("Please decide by 8 December 2026.");
    expect(m.text).toContain("Read it and decide: https://charter.example/signoff/123");
    expect(m.text).toContain("You get this message because Tom Okafor named you as an approver of this version in Charter.");
  });

  it("shows text as text in the HTML part", () => {
    const m = signoffAskedMail(facts, maria, "signer");
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(m.html).toContain("Branch &lt;Banking&gt;");
    expect(m.html).toContain('href="https://charter.example/signoff/123"');
  });

  it("names a delegation, a reminder and a decision for what they are", () => {
    expect(signoffAskedMail(facts, maria, "signer", { name: "Sarah Johnson", reason: "On leave" }).text).toContain('Sarah Johnson has handed their signature of Branch <Banking>, version 2 to you in Charter: "On leave".');
    expect(signoffReminderMail(facts, maria, "signer", "2026-11-20T09:00:00Z", "Tom Okafor").subject).toBe("Reminder: Branch <Banking>, version 2 waits for you to sign it");
    const rejected = signoffDecisionMail(facts, { address: "tom@bank.example", name: "Tom Okafor" }, { by: "Maria Lopez", role: "approver", outcome: "rejected", comment: "Saturday is missing.", agreed: false });
    expect(rejected.subject).toBe("Maria Lopez rejected Branch <Banking>, version 2");
    expect(rejected.text).toContain("The request has ended.");
    const agreed = signoffDecisionMail(facts, { address: "tom@bank.example", name: "Tom Okafor" }, { by: "Sarah Johnson", role: "signer", outcome: "approved", comment: "", agreed: true });
    expect(agreed.subject).toBe("Branch <Banking>, version 2 is agreed");
  });

  it("backs off 1, 5, 15, 60 and 240 minutes, then gives up", () => {
    expect([1, 2, 3, 4, 5, 6].map(nextAttemptDelayMs)).toEqual([60_000, 300_000, 900_000, 3_600_000, 14_400_000, null]);
  });
});

describe("survey mail", () => {
  const survey: SurveyMailFacts = { link: "https://charter.example/s/abc", title: "Facilities and workplace pulse", intro: "Ten minutes on the buildings you work in.", sentBy: "Tom Okafor", closesOn: "2026-12-12", anonymous: true };
  const olivia = { address: "olivia@bank.example", name: "Olivia Bennett" };

  it("invites with the personal link, the closing date, what happens to the answers and why the reader gets it", () => {
    const m = surveyInvitationMail(survey, olivia);
    expect(m.subject).toBe("Your view, please: Facilities and workplace pulse");
    expect(m.text).toContain('Tom Okafor asks for your view in "Facilities and workplace pulse".');
    expect(m.text).toContain("It is open until 12 December 2026.");
    expect(m.text).toContain("Your answers are anonymous");
    expect(m.text).toContain("Answer the survey: https://charter.example/s/abc");
    expect(m.text).toContain("You get this message because Tom Okafor invited you to this survey in Charter.");
    expect(surveyInvitationMail({ ...survey, anonymous: false }, olivia).text).toContain("Your answers carry your name: Tom Okafor and the other relationship managers see them, and what you say may be quoted with your name");
  });

  it("reminds someone who started differently from someone who has not", () => {
    expect(surveyReminderMail(survey, olivia, true).text).toContain("the link opens where you left off");
    expect(surveyReminderMail(survey, olivia, false).text).toContain("Tom Okafor would still like your view");
    expect(surveyReminderMail(survey, olivia, false).subject).toBe("Reminder: Facilities and workplace pulse closes on 12 December 2026");
  });
});
