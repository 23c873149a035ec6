import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { mailMessages, surveyInvitees } from "../../db/schema";
import { db } from "../../app/db.server";
import type { GuideContent } from "../../app/domain/guide";
import { surveySchema } from "../../app/domain/survey";
import { createSurvey } from "../../app/models/survey.server";
import { makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "./factories";
import { actorOf, day } from "./survey";

/** Two sections: a required scale, a yes/no that brings up a required follow-up, and an optional text. */
export const RESPOND_GUIDE: GuideContent = {
  sections: [
    {
      id: "s-tools",
      title: "Your tools",
      purpose: "How the tools you use every day work for you.",
      questions: [
        { id: "q-rating", type: "scale", prompt: "How well do your tools work from home?", help: "", required: true, condition: null, settings: { min: 1, max: 5, minLabel: "Poorly", maxLabel: "Very well" } },
        { id: "q-vpn", type: "yes_no", prompt: "Do you use the VPN every day?", help: "", required: false, condition: null, settings: {} },
        {
          id: "q-vpn-pain",
          type: "long_text",
          prompt: "What gets in your way with the VPN?",
          help: "",
          required: true,
          condition: { questionId: "q-vpn", operator: "equals", value: true },
          settings: {},
        },
      ],
    },
    {
      id: "s-next",
      title: "What next",
      purpose: "",
      questions: [{ id: "q-change", type: "long_text", prompt: "What would you change first?", help: "", required: false, condition: null, settings: {} }],
    },
  ],
};

/** A guide, one unit with three stakeholders (each with an address), and the relationship manager who asks them. */
export async function respondWorld(content: GuideContent = RESPOND_GUIDE) {
  const rm = await makeUser("relationship_manager", { name: "Tom Okafor" });
  const version = await makePublishedGuideVersion("Hybrid working", content);
  const unit = await makeUnit({ name: `Retail ${randomUUID().slice(0, 5)}` });
  // Three: an anonymous survey asks at least three people.
  const people = [
    await makeStakeholder(unit.id, { name: "Ana Reyes", level: "manager" }),
    await makeStakeholder(unit.id, { name: "Ben Ward", level: "front_line" }),
    await makeStakeholder(unit.id, { name: "Cy Moss", level: "specialist" }),
  ];
  return { rm, version, unit, people };
}

/** A survey of the world's people (open today for two weeks unless told), with each one's link token in the order of `people`. */
export async function makeRespondSurvey(w: Awaited<ReturnType<typeof respondWorld>>, extra: Record<string, unknown> = {}) {
  const input = surveySchema.parse({
    guideVersionId: w.version.id,
    title: "Hybrid working tools check-in",
    intro: "Tell us how your tools work when you are away from the office.",
    opensOn: day(0),
    closesOn: day(14),
    audience: "people",
    stakeholderIds: w.people.map((p) => p.id),
    ...extra,
  });
  const created = await createSurvey({ input, actor: actorOf(w.rm) });
  const invitees = await db().select().from(surveyInvitees).where(eq(surveyInvitees.surveyId, created.id));
  // Links are kept only in the mail that carried them (the database holds their hashes).
  const mail = await db().select().from(mailMessages).where(inArray(mailMessages.subjectId, invitees.map((i) => i.id)));
  const tokens = w.people.map((p) => {
    const invitee = invitees.find((i) => i.stakeholderId === p.id)!;
    const message = mail.find((m) => m.subjectId === invitee.id)!;
    return /\/s\/([A-Za-z0-9_-]+)/.exec(message.text)![1]!;
  });
  return { ...created, invitees, tokens };
}
