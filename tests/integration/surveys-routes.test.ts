import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { surveyInvitees, surveys } from "../../db/schema";
import { db } from "../../app/db.server";
import { openLink, saveResponse, submitResponse } from "../../app/models/survey.server";
import * as homeRoute from "../../app/routes/_index";
import * as list from "../../app/routes/surveys._index";
import * as create from "../../app/routes/surveys.new";
import * as page from "../../app/routes/surveys.$surveyId._index";
import { readFlash } from "../../app/utils/flash.server";
import { cookieFor, makeStakeholder } from "../support/factories";
import { BASE, call, jsonOf } from "../support/routes";
import { day, surveyWorld, tokensSent } from "../support/survey";

const flashOf = async (response: Response) => {
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  return (await readFlash(new Request(BASE, { headers: { cookie } }))).flash;
};
const answer = (item: string, value: unknown) => ({ intent: "save" as const, since: 0, saves: [{ kind: "answer" as const, item, value, quote: "", base: 0, key: randomUUID() }] });

async function sent(w: Awaited<ReturnType<typeof surveyWorld>>, cookie: string, form: Record<string, string | string[]>) {
  const response = await call(create, "action", {
    path: "/surveys/new",
    cookie,
    form: { guideVersionId: w.version.id, title: "Workplace pulse", intro: "", opensOn: day(0), closesOn: day(10), ...form },
  });
  return response;
}

describe("survey pages", () => {
  it("sending a survey without JavaScript: each wrong field gets its message and nothing is sent; a good post sends it and says to how many", async () => {
    const w = await surveyWorld();
    const cookie = await cookieFor(w.rm.id);
    const before = (await db().select().from(surveys)).length;

    const empty = await call(create, "action", { path: "/surveys/new", cookie, form: {} });
    expect(empty.status).toBe(400);
    const { errors } = await jsonOf<{ errors: Record<string, string> }>(empty);
    expect(errors).toMatchObject({ guideVersionId: "Choose a published guide", title: "Give the survey a title", opensOn: "Enter the opening date" });

    const backwards = await sent(w, cookie, { opensOn: day(5), closesOn: day(1), audience: "groups", unitIds: [w.retail.id] });
    const kept = await jsonOf<{ errors: Record<string, string>; values: Record<string, unknown> }>(backwards);
    expect(kept.errors.closesOn).toBe("The closing date comes on or after the opening date");
    // Posted without JavaScript, the page is drawn again with what was typed.
    expect(kept.values).toMatchObject({ title: "Workplace pulse", audience: "groups", unitIds: w.retail.id, opensOn: day(5) });
    const nobody = await sent(w, cookie, { audience: "people" });
    expect((await jsonOf<{ errors: Record<string, string> }>(nobody)).errors.stakeholderIds).toBe("Choose at least one stakeholder");
    const noAddress = await sent(w, cookie, { audience: "people", stakeholderIds: [w.people[2]!.id] });
    expect(noAddress.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(noAddress)).errors.stakeholderIds).toBe("No Address has no e-mail address to send a link to");
    expect((await db().select().from(surveys)).length).toBe(before);

    const ok = await sent(w, cookie, { audience: "groups", unitIds: [w.retail.id], levels: ["manager"] });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toMatch(/^\/surveys\/[0-9a-f-]{36}$/);
    expect((await flashOf(ok))?.message).toBe("Survey sent to 1 stakeholder. 1 stakeholder has no e-mail address and was left out.");

    const later = await sent(w, cookie, { opensOn: day(2), audience: "people", stakeholderIds: [w.people[0]!.id, w.people[3]!.id] });
    expect((await flashOf(later))?.message).toBe("Survey scheduled: invitations go out on its opening day to 2 stakeholders.");

    // The relationship manager's home lists the survey they sent that is open, not the one still to open.
    const home = await jsonOf<{ view: { data: { surveys: { title: string; invited: number; submitted: number }[] } } }>(await call(homeRoute, "loader", { path: "/", cookie }));
    expect(home.view.data.surveys).toEqual([expect.objectContaining({ title: "Workplace pulse", invited: 1, submitted: 0 })]);

    const listed = await jsonOf<{ surveys: { title: string; phase: string; invited: number }[] }>(await call(list, "loader", { path: "/surveys", cookie }));
    expect(listed.surveys.filter((s) => s.title === "Workplace pulse").map((s) => [s.phase, s.invited]).sort()).toEqual([
      ["open", 1],
      ["scheduled", 2],
    ]);
  });

  it("a named survey shows who has not started or not finished, reminds them at most once a day, and never someone who has sent", async () => {
    const w = await surveyWorld();
    const cookie = await cookieFor(w.rm.id);
    const created = await sent(w, cookie, { audience: "people", stakeholderIds: [w.people[0]!.id, w.people[1]!.id, w.people[3]!.id] });
    const surveyId = created.headers.get("location")!.split("/").pop()!;
    const invitees = await db().select().from(surveyInvitees).where(eq(surveyInvitees.surveyId, surveyId));
    const links = await tokensSent(invitees.map((i) => i.id));
    const byName = async (token: string) => (await openLink(token))!;
    const ana = await byName(links.find((l) => l.to === w.people[0]!.email)!.token);
    await saveResponse(ana, answer("q-rating", 4));
    await submitResponse(await byName(links.find((l) => l.to === w.people[0]!.email)!.token));
    const ben = await byName(links.find((l) => l.to === w.people[1]!.email)!.token);
    await saveResponse(ben, answer("q-rating", 2));

    type Loaded = { progress: { totals: { invited: number; started: number; submitted: number }; people: { id: string; name: string; state: string; reminderRefused: string | null }[] }; responses: { name: string | null }[] };
    const load = async () => jsonOf<Loaded>(await call(page, "loader", { path: `/surveys/${surveyId}`, params: { surveyId }, cookie }));
    let data = await load();
    expect(data.progress.totals).toEqual({ key: "all", label: "All", invited: 3, started: 1, submitted: 1 });
    expect(Object.fromEntries(data.progress.people.map((p) => [p.name, p.state]))).toEqual({ "Ana Reyes": "submitted", "Ben Ward": "started", "Cleo Park": "not_started" });
    expect(data.progress.people.find((p) => p.name === "Ana Reyes")!.reminderRefused).toBe("They have already sent their answers.");
    expect(data.responses.map((r) => r.name)).toEqual(["Ana Reyes"]);

    const anaId = data.progress.people.find((p) => p.name === "Ana Reyes")!.id;
    const refused = await call(page, "action", { path: `/surveys/${surveyId}`, params: { surveyId }, cookie, form: { intent: "remind", inviteeId: anaId } });
    expect((await flashOf(refused))).toEqual({ kind: "warning", message: "No reminder sent. Ana Reyes: they have already sent their answers." });

    const all = await call(page, "action", { path: `/surveys/${surveyId}`, params: { surveyId }, cookie, form: { intent: "remind-all" } });
    expect((await flashOf(all))?.message).toBe("Reminder sent to 2 people. Ana Reyes: they have already sent their answers.");
    const again = await call(page, "action", { path: `/surveys/${surveyId}`, params: { surveyId }, cookie, form: { intent: "remind-all" } });
    expect((await flashOf(again))?.kind).toBe("warning");
    expect((await flashOf(again))?.message).toMatch(/^No reminder sent\. .*were reminded less than a day ago/);
    data = await load();
    expect(data.progress.people.find((p) => p.name === "Ben Ward")!.reminderRefused).toBe("They were reminded less than a day ago.");

    // Made-up ids and intents get a message, not a 500.
    const bogus = await call(page, "action", { path: `/surveys/${surveyId}`, params: { surveyId }, cookie, form: { intent: "remind", inviteeId: randomUUID() } });
    expect(bogus.status).toBe(404);
    const unknown = await call(page, "action", { path: `/surveys/${surveyId}`, params: { surveyId }, cookie, form: { intent: "explode" } });
    expect(unknown.status).toBe(400);
    expect((await jsonOf<{ formError: string }>(unknown)).formError).toBe("Unknown action");
    const missing = await call(page, "loader", { path: `/surveys/${randomUUID()}`, params: { surveyId: randomUUID() }, cookie });
    expect(missing.status).toBe(404);
  });

  it("an anonymous survey shows counts per unit and level but not who has or has not answered", async () => {
    const w = await surveyWorld();
    // Operations gets a third person: its group may show; Retail's two with an address may not.
    await makeStakeholder(w.ops.id, { name: "Eve Lund", level: "manager" });
    const cookie = await cookieFor(w.rm.id);
    const created = await sent(w, cookie, { anonymous: "on", audience: "groups", unitIds: [w.retail.id, w.ops.id] });
    const surveyId = created.headers.get("location")!.split("/").pop()!;
    const invitees = await db().select().from(surveyInvitees).where(eq(surveyInvitees.surveyId, surveyId));
    const [first] = await tokensSent(invitees.map((i) => i.id));
    const link = (await openLink(first!.token))!;
    await saveResponse(link, answer("q-rating", 5));
    await submitResponse((await openLink(first!.token))!);
    const response = await call(page, "loader", { path: `/surveys/${surveyId}`, params: { surveyId }, cookie });
    type Rate = { label: string; invited: number; submitted: number; withheld?: boolean };
    const data = await jsonOf<{ progress: { people: unknown[]; totals: Rate; byUnit: Rate[]; byLevel: Rate[] }; responses: { name: string | null; submittedAt: string | null }[] }>(response);
    expect(data.progress.people).toEqual([]);
    expect(data.progress.totals).toMatchObject({ invited: 5, submitted: 1 });
    // A group of fewer than three gives no counts of its own, nor may the total less the others give them:
    // Retail's two are pooled with the next smallest group, here Operations' three.
    expect(data.progress.byUnit).toEqual([expect.objectContaining({ key: "pooled", label: `${w.retail.name} and ${w.ops.name}, together`, invited: 5, submitted: 1 })]);
    // Levels: three managers show; the front-line one and the executive are pooled with them.
    expect(data.progress.byLevel).toHaveLength(1);
    expect(data.progress.byLevel[0]!.invited).toBe(5);
    for (const level of ["Executive", "Front line", "Manager"]) expect(data.progress.byLevel[0]!.label).toContain(level);
    // One response sent: not listed (it would be the first and only one in); at three, listed with no name, time or small unit.
    expect(data.responses).toEqual([]);
    for (const token of (await tokensSent(invitees.map((i) => i.id))).slice(1, 3).map((l) => l.token)) {
      await saveResponse((await openLink(token))!, answer("q-rating", 3));
      await submitResponse((await openLink(token))!);
    }
    const three = await jsonOf<{ responses: { name: string | null; submittedAt: string | null; unitName: string | null }[] }>(
      await call(page, "loader", { path: `/surveys/${surveyId}`, params: { surveyId }, cookie }),
    );
    expect(three.responses).toHaveLength(3);
    expect(three.responses.every((r) => r.name === null && r.submittedAt === null)).toBe(true);
    const units = three.responses.map((r) => r.unitName);
    for (const unit of new Set(units)) if (unit !== null) expect(units.filter((u) => u === unit).length).toBeGreaterThanOrEqual(3);
    const text = await response.text();
    for (const p of w.people) expect(text).not.toContain(p.name);
  });

  it("withdrawing a link and closing early", async () => {
    const w = await surveyWorld();
    const cookie = await cookieFor(w.rm.id);
    const created = await sent(w, cookie, { audience: "people", stakeholderIds: [w.people[0]!.id, w.people[1]!.id] });
    const surveyId = created.headers.get("location")!.split("/").pop()!;
    const invitees = await db().select().from(surveyInvitees).where(eq(surveyInvitees.surveyId, surveyId));
    const links = await tokensSent(invitees.map((i) => i.id));
    const target = invitees.find((i) => i.stakeholderId === w.people[0]!.id)!;
    const withdrawn = await call(page, "action", { path: `/surveys/${surveyId}`, params: { surveyId }, cookie, form: { intent: "revoke", inviteeId: target.id } });
    expect((await flashOf(withdrawn))?.message).toBe("Ana Reyes's link was withdrawn: it no longer opens their response. Answers already given stay.");
    expect(await openLink(links.find((l) => l.to === w.people[0]!.email)!.token)).toBeNull();
    const twice = await call(page, "action", { path: `/surveys/${surveyId}`, params: { surveyId }, cookie, form: { intent: "revoke", inviteeId: target.id } });
    expect(twice.status).toBe(409);

    const closed = await call(page, "action", { path: `/surveys/${surveyId}`, params: { surveyId }, cookie, form: { intent: "close" } });
    expect((await flashOf(closed))?.message).toBe("Survey closed: links now open a closed page.");
    expect((await openLink(links.find((l) => l.to === w.people[1]!.email)!.token))!.phase).toBe("closed");
    const remind = await call(page, "action", { path: `/surveys/${surveyId}`, params: { surveyId }, cookie, form: { intent: "remind-all" } });
    expect(remind.status).toBe(409);
    expect((await jsonOf<{ formError: string }>(remind)).formError).toBe("This survey has closed: reminders can no longer be sent");
  });
});
