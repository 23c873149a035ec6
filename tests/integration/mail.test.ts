import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { mailMessages } from "../../db/schema";
import { db } from "../../app/db.server";
import { definitionSchema } from "../../app/domain/definition";
import { serviceFactsSchema } from "../../app/domain/service";
import type { Actor } from "../../app/models/audit.server";
import { deliverDue, outbox, retryMail } from "../../app/models/mail.server";
import { createVersion } from "../../app/models/service-version.server";
import { createService } from "../../app/models/service.server";
import { decide, delegate, remind, submitForSignoff } from "../../app/models/signoff.server";
import { createSurvey, openLink, remindInvitees } from "../../app/models/survey.server";
import { formatLongDate } from "../../app/domain/format";
import { surveySchema } from "../../app/domain/survey";
import { fileTransport, smtpTransport } from "../../app/utils/mailer.server";
import { fakeSeal } from "../support/agreement";
import { day, surveyWorld } from "../support/survey";
import { cookieFor, makeUser } from "../support/factories";
import { call } from "../support/routes";
import * as outboxRoute from "../../app/routes/admin.outbox";
import { refusal } from "../support/refusal";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback: it keeps what arrives, and refuses recipients while `refuse` is set. */
async function smtpServer() {
  const received: Received[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.refuse) return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  servers.push(server);
  return { received, state, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

const actorOf = (u: { id: string; name: string }): Actor & { id: string } => ({ id: u.id, name: u.name, ip: "", userAgent: "vitest" });

async function world() {
  const rm = await makeUser("relationship_manager", { name: "Tom Okafor", email: `tom-${Math.random().toString(36).slice(2, 8)}@bank.example` });
  const lead = await makeUser("business_lead", { name: "Maria Lopez", email: `maria-${Math.random().toString(36).slice(2, 8)}@bank.example` });
  const exec = await makeUser("executive", { name: "Sarah Johnson", email: `sarah-${Math.random().toString(36).slice(2, 8)}@bank.example` });
  const name = `Branch Banking ${Math.random().toString(36).slice(2, 7)}`;
  const created = await createService({
    input: serviceFactsSchema.parse({ name, kind: "business" }),
    definition: definitionSchema.parse({ purpose: "Branches serve customers in person." }),
    actor: actorOf(rm),
  });
  await createVersion({ id: created.id, actor: actorOf(rm) });
  return { rm, lead, exec, service: { id: created.id, name } };
}

const queued = async () => (await db().select().from(mailMessages).where(eq(mailMessages.status, "queued"))).map((m) => [m.toAddress, m.subject]);

describe("mail", () => {
  it("asks each person in turn, tells the relationship manager each decision, and the messages arrive through SMTP with a plain-text part and a link", async () => {
    const w = await world();
    const smtp = await smtpServer();
    const transport = smtpTransport(smtp.url);
    const { id } = await submitForSignoff({ serviceId: w.service.id, number: 1, input: { approvers: [w.lead.id], signers: [w.exec.id], inOrder: true, message: "Saturday opening as the branches asked.", dueOn: null }, actor: actorOf(w.rm) });
    // Only the approver is asked at first: the signer waits for the approval.
    expect(await queued()).toEqual([[w.lead.email, `Please approve ${w.service.name}, version 1`]]);

    expect(await deliverDue({ transport })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const [first] = smtp.received;
    expect(first!.to).toEqual([w.lead.email]);
    expect(first!.raw).toMatch(/Content-Type: text\/plain/);
    expect(first!.raw).toMatch(/Content-Type: text\/html/);
    expect(first!.raw).toContain("Tom Okafor asks you to approve");
    expect(first!.raw).toContain(`/signoff/${id}`);
    expect(first!.raw).toContain("You get this message because Tom Okafor named you as an approver");
    const [sent] = await db().select().from(mailMessages).where(eq(mailMessages.toAddress, w.lead.email));
    expect([sent!.status, sent!.attempts, sent!.deliveredAs]).toEqual(["sent", 1, expect.stringContaining("@charter>")]);

    // The approval: the RM hears of it, the signer is asked now.
    await decide({ requestId: id, decision: "approve", comment: "Right for the branches.", actor: actorOf(w.lead), origin: "http://x", seal: fakeSeal });
    expect((await queued()).sort()).toEqual(
      [
        [w.rm.email, `Maria Lopez approved ${w.service.name}, version 1`],
        [w.exec.email, `Please sign ${w.service.name}, version 1`],
      ].sort(),
    );
    await remind({ requestId: id, actor: actorOf(w.rm) });
    await decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.exec), origin: "http://x", seal: fakeSeal });
    expect(await deliverDue({ transport })).toEqual({ sent: 4, retrying: 0, failed: 0 });
    const subjects = smtp.received.map((r) => /^Subject: (.*)$/m.exec(r.raw)![1]);
    expect(subjects).toContain(`Reminder: ${w.service.name}, version 1 waits for you to sign it`);
    expect(subjects).toContain(`${w.service.name}, version 1 is agreed`);
  });

  it("keeps a message the server refuses or cannot be reached for, says why, tries again later, and an admin can send a failed one again", async () => {
    const w = await world();
    const smtp = await smtpServer();
    smtp.state.refuse = true;
    await submitForSignoff({ serviceId: w.service.id, number: 1, input: { approvers: [w.lead.id], signers: [w.exec.id], inOrder: true, message: "", dueOn: null }, actor: actorOf(w.rm) });
    const now = new Date();
    expect(await deliverDue({ transport: smtpTransport(smtp.url), now })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let [m] = await db().select().from(mailMessages).where(eq(mailMessages.toAddress, w.lead.email));
    expect(m!.status).toBe("queued");
    expect(m!.lastError).toMatch(/Mailbox unavailable/);
    expect(m!.nextAttemptAt.getTime() - now.getTime()).toBe(60_000);
    // Not due yet: nothing is tried.
    expect(await deliverDue({ transport: smtpTransport(smtp.url), now: new Date(now.getTime() + 30_000) })).toEqual({ sent: 0, retrying: 0, failed: 0 });

    // The server goes away: each try fails and is recorded, backing off, until it is marked failed.
    await smtp.close();
    let at = now.getTime();
    for (const minutes of [1, 5, 15, 60, 240]) {
      at += minutes * 60_000;
      await deliverDue({ transport: smtpTransport(smtp.url), now: new Date(at) });
    }
    [m] = await db().select().from(mailMessages).where(eq(mailMessages.id, m!.id));
    expect([m!.status, m!.attempts]).toEqual(["failed", 6]);
    expect(m!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect((await outbox({ status: "failed" })).rows.map((r) => r.id)).toContain(m!.id);

    // Back up: an admin sends it again and it arrives.
    const again = await smtpServer();
    const admin = await makeUser("admin");
    await retryMail({ id: m!.id, actor: actorOf(admin) });
    expect(await deliverDue({ transport: smtpTransport(again.url) })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(again.received.map((r) => r.to)).toEqual([[w.lead.email]]);
    expect((await refusal(retryMail({ id: m!.id, actor: actorOf(admin) }))).code).toBe("already_sent");
  });

  it("without SMTP writes each message as an .eml file in the outbox folder", async () => {
    const w = await world();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "charter-outbox-"));
    await submitForSignoff({ serviceId: w.service.id, number: 1, input: { approvers: [w.lead.id], signers: [w.exec.id], inOrder: true, message: "", dueOn: null }, actor: actorOf(w.rm) });
    expect(await deliverDue({ transport: fileTransport(folder) })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const files = fs.readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const eml = fs.readFileSync(path.join(folder, files[0]!), "utf8");
    expect(eml).toMatch(new RegExp(`^To: Maria Lopez <${w.lead.email.replace(".", "\\.")}>`, "m"));
    expect(eml).toContain("Tom Okafor asks you to approve");
    const [m] = await db().select().from(mailMessages).where(eq(mailMessages.toAddress, w.lead.email));
    expect(m!.deliveredAs).toBe(files[0]);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("asks the executive a signature is handed to, saying who handed it and why", async () => {
    const w = await world();
    const cio = await makeUser("executive", { name: "James Murray", email: `james-${Math.random().toString(36).slice(2, 8)}@bank.example` });
    const { id } = await submitForSignoff({ serviceId: w.service.id, number: 1, input: { approvers: [], signers: [w.exec.id], inOrder: true, message: "", dueOn: null }, actor: actorOf(w.rm) });
    await delegate({ requestId: id, to: cio.id, reason: "I am away until the new year", actor: actorOf(w.exec) });
    const [handed] = await db().select().from(mailMessages).where(eq(mailMessages.toAddress, cio.email));
    expect(handed!.subject).toBe(`Please sign ${w.service.name}, version 1`);
    expect(handed!.text).toContain(`Sarah Johnson has handed their signature of ${w.service.name}, version 1 to you in Charter: "I am away until the new year".`);
  });

  it("writes no mail when the sign-off is refused", async () => {
    const w = await world();
    const before = (await db().select().from(mailMessages)).length;
    await refusal(submitForSignoff({ serviceId: w.service.id, number: 1, input: { approvers: [w.rm.id], signers: [w.exec.id], inOrder: true, message: "", dueOn: null }, actor: actorOf(w.rm) }));
    expect((await db().select().from(mailMessages)).length).toBe(before);
  });

  it("a survey invitation and a reminder arrive through SMTP with the respondent's own link, the closing date and why they get it; the link opens their response", async () => {
    const w = await surveyWorld();
    const smtp = await smtpServer();
    const transport = smtpTransport(smtp.url);
    const anyone = [w.people[0]!, w.people[3]!];
    const created = await createSurvey({
      input: surveySchema.parse({ guideVersionId: w.version.id, title: "Workplace pulse", intro: "Tell us how the buildings work for you.", opensOn: day(0), closesOn: day(7), audience: "people", stakeholderIds: anyone.map((p) => p.id) }),
      actor: actorOf(w.rm),
    });
    await deliverDue({ transport, limit: 100 });
    // The body as a reader sees it: quoted-printable soft line breaks and escapes undone.
    const readable = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const invitation = { raw: readable(smtp.received.find((r) => r.to.includes(anyone[0]!.email!))!.raw) };
    expect(invitation.raw).toMatch(/Content-Type: text\/plain/);
    expect(invitation.raw).toContain("Subject: Your view, please: Workplace pulse");
    expect(invitation.raw).toContain("Tom Okafor asks for your view in");
    expect(invitation.raw).toContain("Tell us how the buildings work for you.");
    expect(invitation.raw).toContain(`It is open until ${formatLongDate(day(7))}.`);
    expect(invitation.raw).toContain("You get this message because Tom Okafor invited you to this survey in Charter.");
    const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(invitation.raw)![1]!;
    const link = (await openLink(token))!;
    expect(link.survey.id).toBe(created.id);
    expect(link.invitee.stakeholderName).toBe(anyone[0]!.name);

    await remindInvitees({ surveyId: created.id, inviteeId: link.invitee.id, actor: actorOf(w.rm) });
    await deliverDue({ transport, limit: 100 });
    const reminder = { raw: readable(smtp.received.find((r) => r.to.includes(anyone[0]!.email!) && r.raw.includes("Subject: Reminder: Workplace pulse closes on"))!.raw) };
    const fresh = /\/s\/([A-Za-z0-9_-]{43})/.exec(reminder.raw)![1]!;
    expect(fresh).not.toBe(token);
    expect((await openLink(fresh))!.invitee.id).toBe(link.invitee.id);
    // Nobody else was reminded.
    expect(smtp.received.filter((r) => r.to.includes(anyone[1]!.email!))).toHaveLength(1);
    // Delivered, the kept copies no longer hold the links (they would open the answers); the outbox page shows none either.
    const kept = await db().select().from(mailMessages).where(eq(mailMessages.toAddress, anyone[0]!.email!));
    expect(kept.map((m) => m.status)).toEqual(["sent", "sent"]);
    for (const m of kept) {
      expect(m.text).toContain("/s/(personal link, not kept)");
      expect(`${m.text}${m.html}`).not.toContain(token);
      expect(`${m.text}${m.html}`).not.toContain(fresh);
    }
    await createSurvey({
      input: surveySchema.parse({ guideVersionId: w.version.id, title: "Later pulse", opensOn: day(3), closesOn: day(7), audience: "people", stakeholderIds: [anyone[1]!.id] }),
      actor: actorOf(w.rm),
    });
    const admin = await makeUser("admin");
    const page = await (await call(outboxRoute, "loader", { path: "/admin/outbox", cookie: await cookieFor(admin.id) })).text();
    expect(page).toContain("Your view, please: Later pulse");
    expect(page).not.toMatch(/\/s\/[A-Za-z0-9_-]{43}/);
  });
});
