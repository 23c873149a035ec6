import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, interviews, interviewStakeholders, mailMessages, surveyInvitees } from "../../db/schema";
import { db } from "../../app/db.server";
import { surveySchema } from "../../app/domain/survey";
import { listInterviews } from "../../app/models/interview.server";
import {
  closeSurvey,
  createSurvey,
  listSurveys,
  openLink,
  remindInvitees,
  revokeInvitee,
  saveResponse,
  submitResponse,
  surveyProgress,
} from "../../app/models/survey.server";
import { actorOf, day, surveyWorld, tokensSent } from "../support/survey";

async function makeSurvey(w: Awaited<ReturnType<typeof surveyWorld>>, extra: Record<string, unknown> = {}) {
  const input = surveySchema.parse({
    guideVersionId: w.version.id,
    title: "Workplace pulse",
    intro: "Tell us how the buildings work for you.",
    opensOn: day(0),
    closesOn: day(14),
    audience: "groups",
    unitIds: [w.retail.id, w.ops.id],
    ...extra,
  });
  const created = await createSurvey({ input, actor: actorOf(w.rm) });
  const invitees = await db().select().from(surveyInvitees).where(eq(surveyInvitees.surveyId, created.id));
  const sent = await tokensSent(invitees.map((i) => i.id));
  return { ...created, invitees, sent };
}

const save = (item: string, value: unknown, base = 0) => ({ intent: "save" as const, since: 0, saves: [{ kind: "answer" as const, item, value, quote: "", base, key: randomUUID() }] });

describe("surveys", () => {
  it("asks everyone of the chosen units with an address, each with their own link, and a link opens only its own response", async () => {
    const w = await surveyWorld();
    const s = await makeSurvey(w);
    expect(s.invited).toBe(4);
    expect(s.skipped).toBe(1);
    expect(s.sent).toHaveLength(4);
    expect(new Set(s.sent.map((m) => m.token)).size).toBe(4);
    // At least 128 bits: 32 random bytes, base64url.
    for (const m of s.sent) expect(m.token.length).toBeGreaterThanOrEqual(43);

    const [a, b] = s.sent;
    const linkA = (await openLink(a!.token))!;
    const linkB = (await openLink(b!.token))!;
    expect(linkA.phase).toBe("open");
    expect(linkA.invitee.id).not.toBe(linkB.invitee.id);
    await saveResponse(linkA, save("q-rating", 4));
    await saveResponse(linkB, save("q-rating", 2));
    const again = (await openLink(a!.token))!;
    const respA = await db().select().from(answers).where(eq(answers.interviewId, again.invitee.interviewId!));
    expect(respA.map((r) => r.value)).toEqual([4]);
    expect(respA[0]!.updatedBy).toBeNull();

    // Made-up tokens open nothing.
    expect(await openLink(randomUUID())).toBeNull();
    expect(await openLink(`${a!.token.slice(0, -1)}${a!.token.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(await openLink("../../admin")).toBeNull();

    // Responses are not listed among interviews.
    const listed = await listInterviews({ viewer: { id: w.rm.id, role: "relationship_manager" }, filter: { interviewerId: w.rm.id } });
    expect(listed).toHaveLength(0);
  });

  it("refuses stakeholders picked with no address, by name", async () => {
    const w = await surveyWorld();
    await expect(makeSurvey(w, { audience: "people", stakeholderIds: [w.people[0]!.id, w.people[2]!.id], unitIds: [] })).rejects.toThrow(/No Address has no e-mail address/);
  });

  it("holds invitations until the opening day, and a link before then shows the survey as not yet open", async () => {
    const w = await surveyWorld();
    const s = await makeSurvey(w, { opensOn: day(3), closesOn: day(10) });
    for (const m of s.sent) expect(m.next.getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    const link = (await openLink(s.sent[0]!.token))!;
    expect(link.phase).toBe("scheduled");
    const refused = await saveResponse(link, save("q-rating", 3));
    expect(refused.error).toBe("not_running");
    expect(link.invitee.interviewId).toBeNull();
  });

  it("sends a response once every required answer is given; after that its answers are read-only", async () => {
    const w = await surveyWorld();
    const s = await makeSurvey(w, { audience: "people", stakeholderIds: [w.people[0]!.id], unitIds: [] });
    let link = (await openLink(s.sent[0]!.token))!;
    // Sent before anything else read the guide (as after a restart): refused for what is missing, not stuck.
    await expect(submitResponse(link)).rejects.toThrow(/required answer is missing/);
    await saveResponse(link, save("q-why", "More quiet rooms for calls with customers."));
    await expect(submitResponse(link)).rejects.toThrow(/required answer is missing/);
    await saveResponse(link, save("q-rating", 3));
    link = (await openLink(s.sent[0]!.token))!;
    await submitResponse(link);
    link = (await openLink(s.sent[0]!.token))!;
    expect(link.invitee.submittedAt).not.toBeNull();
    const [interview] = await db().select().from(interviews).where(eq(interviews.id, link.invitee.interviewId!));
    expect(interview!.status).toBe("completed");
    expect(interview!.surveyId).toBe(s.id);
    // A named survey records who answered, so quotes name them.
    expect(await db().select().from(interviewStakeholders).where(eq(interviewStakeholders.interviewId, interview!.id))).toHaveLength(1);
    const after = await saveResponse(link, save("q-rating", 5, 1));
    expect(after.error).toBe("not_running");
    expect(after.message).toMatch(/already|no longer be changed/);
    await expect(submitResponse(link)).rejects.toThrow(/already sent/);
  });

  it("keeps an anonymous respondent out of the response's people", async () => {
    const w = await surveyWorld();
    const s = await makeSurvey(w, { anonymous: "on" });
    const link = (await openLink(s.sent[0]!.token))!;
    await saveResponse(link, save("q-rating", 5));
    const again = (await openLink(s.sent[0]!.token))!;
    expect(await db().select().from(interviewStakeholders).where(eq(interviewStakeholders.interviewId, again.invitee.interviewId!))).toHaveLength(0);
    const progress = await surveyProgress(s.id, true);
    expect(progress.people).toEqual([]);
    expect(progress.totals).toMatchObject({ invited: 4, started: 1, submitted: 0 });
  });

  it("reminds each person at most once a day, never someone who has sent their answers, with a fresh link that opens the same response", async () => {
    const w = await surveyWorld();
    const s = await makeSurvey(w);
    const [first, second] = s.sent;
    const done = (await openLink(first!.token))!;
    await saveResponse(done, save("q-rating", 4));
    await submitResponse((await openLink(first!.token))!);
    const started = (await openLink(second!.token))!;
    await saveResponse(started, save("q-rating", 2));

    const now = new Date();
    const report = await remindInvitees({ surveyId: s.id, actor: actorOf(w.rm), now });
    expect(report.sent).toBe(3);
    expect(report.refused.map((r) => r.reason)).toEqual(["They have already sent their answers."]);
    const doneInvitee = s.invitees.find((i) => i.id === done.invitee.id)!;
    await expect(remindInvitees({ surveyId: s.id, inviteeId: doneInvitee.id, actor: actorOf(w.rm), now })).resolves.toMatchObject({ sent: 0 });

    // The same day again: nobody.
    const later = await remindInvitees({ surveyId: s.id, actor: actorOf(w.rm), now: new Date(now.getTime() + 23 * 3600_000) });
    expect(later.sent).toBe(0);
    expect(later.refused.filter((r) => r.reason.includes("less than a day"))).toHaveLength(3);
    // A day on: again.
    const next = await remindInvitees({ surveyId: s.id, inviteeId: started.invitee.id, actor: actorOf(w.rm), now: new Date(now.getTime() + 24 * 3600_000 + 1000) });
    expect(next.sent).toBe(1);

    const mails = await tokensSent([started.invitee.id]);
    expect(mails.map((m) => m.kind)).toEqual(["survey.invitation", "survey.reminder", "survey.reminder"]);
    const reminded = await db().select().from(mailMessages).where(and(eq(mailMessages.subjectId, started.invitee.id), eq(mailMessages.kind, "survey.reminder")));
    expect(reminded[0]!.text).toMatch(/You started "Workplace pulse"/);
    // Old and new links open the same response.
    const viaNew = (await openLink(mails[2]!.token))!;
    const viaOld = (await openLink(mails[0]!.token))!;
    expect(viaNew.invitee.interviewId).toBe(started.invitee.interviewId ?? viaOld.invitee.interviewId);
    expect(viaOld.invitee.interviewId).not.toBeNull();
  });

  it("a withdrawn link and a closed survey open nothing more; answers already given stay", async () => {
    const w = await surveyWorld();
    const s = await makeSurvey(w);
    const link = (await openLink(s.sent[0]!.token))!;
    await saveResponse(link, save("q-rating", 1));
    await revokeInvitee({ surveyId: s.id, inviteeId: link.invitee.id, actor: actorOf(w.rm) });
    expect(await openLink(s.sent[0]!.token)).toBeNull();
    await expect(remindInvitees({ surveyId: s.id, inviteeId: link.invitee.id, actor: actorOf(w.rm) })).resolves.toMatchObject({ sent: 0, refused: [{ reason: "Their link was withdrawn." }] });
    expect(await db().select().from(answers).where(eq(answers.interviewId, (await db().select().from(surveyInvitees).where(eq(surveyInvitees.id, link.invitee.id)))[0]!.interviewId!))).toHaveLength(1);

    await closeSurvey({ surveyId: s.id, actor: actorOf(w.rm) });
    const closed = (await openLink(s.sent[1]!.token))!;
    expect(closed.phase).toBe("closed");
    expect((await saveResponse(closed, save("q-rating", 3))).error).toBe("not_running");
    await expect(submitResponse(closed)).rejects.toThrow(/closed/);
    await expect(remindInvitees({ surveyId: s.id, actor: actorOf(w.rm) })).rejects.toThrow(/closed/);
  });

  it("an anonymous survey asks at least three people; a withdrawn link's held invitation and a closed survey's waiting mail are not sent", async () => {
    const w = await surveyWorld();
    await expect(makeSurvey(w, { anonymous: "on", audience: "people", stakeholderIds: [w.people[0]!.id, w.people[1]!.id], unitIds: [] })).rejects.toThrow(/at least 3 people/);

    const later = await makeSurvey(w, { opensOn: day(3), closesOn: day(10) });
    const queuedFor = async (ids: string[]) => (await db().select().from(mailMessages).where(and(inArray(mailMessages.subjectId, ids), eq(mailMessages.status, "queued")))).length;
    const ids = later.invitees.map((i) => i.id);
    expect(await queuedFor(ids)).toBe(4);
    await revokeInvitee({ surveyId: later.id, inviteeId: ids[0]!, actor: actorOf(w.rm) });
    expect(await queuedFor([ids[0]!])).toBe(0);
    expect(await queuedFor(ids)).toBe(3);
    await closeSurvey({ surveyId: later.id, actor: actorOf(w.rm) });
    expect(await queuedFor(ids)).toBe(0);
  });

  it("counts neither the invitation nor the answers of someone whose link was withdrawn", async () => {
    const w = await surveyWorld();
    const s = await makeSurvey(w);
    const link = (await openLink(s.sent[0]!.token))!;
    await saveResponse(link, save("q-rating", 4));
    await submitResponse((await openLink(s.sent[0]!.token))!);
    await revokeInvitee({ surveyId: s.id, inviteeId: link.invitee.id, actor: actorOf(w.rm) });
    const [listed] = (await listSurveys()).filter((x) => x.id === s.id);
    expect([listed!.submitted, listed!.invited]).toEqual([0, 3]);
  });
});
