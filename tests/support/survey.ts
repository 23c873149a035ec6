import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { mailMessages } from "../../db/schema";
import { db } from "../../app/db.server";
import type { GuideContent } from "../../app/domain/guide";
import type { Actor } from "../../app/models/audit.server";
import { todayUtc } from "../../app/models/survey.server";
import { makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "./factories";

export const SURVEY_GUIDE: GuideContent = {
  sections: [
    {
      id: "s-place",
      title: "Your workplace",
      purpose: "",
      questions: [
        { id: "q-rating", type: "scale", prompt: "How well does the building serve you?", help: "", required: true, condition: null, settings: { min: 1, max: 5, minLabel: "Poorly", maxLabel: "Very well" } },
        { id: "q-why", type: "long_text", prompt: "What would make the biggest difference?", help: "", required: false, condition: null, settings: {} },
      ],
    },
  ],
};

export const actorOf = (u: { id: string; name: string }): Actor & { id: string } => ({ id: u.id, name: u.name, ip: "", userAgent: "vitest" });
export const day = (offset: number) => todayUtc(new Date(Date.now() + offset * 86_400_000));

/** A guide, two units with three stakeholders each (one without an address), and an RM. */
export async function surveyWorld() {
  const rm = await makeUser("relationship_manager", { name: "Tom Okafor" });
  const version = await makePublishedGuideVersion("Workplace pulse", SURVEY_GUIDE);
  const retail = await makeUnit({ name: `Retail ${randomUUID().slice(0, 5)}` });
  const ops = await makeUnit({ name: `Operations ${randomUUID().slice(0, 5)}` });
  const people = [
    await makeStakeholder(retail.id, { name: "Ana Reyes", level: "manager" }),
    await makeStakeholder(retail.id, { name: "Ben Ward", level: "front_line" }),
    await makeStakeholder(retail.id, { name: "No Address", level: "manager", email: null }),
    await makeStakeholder(ops.id, { name: "Cleo Park", level: "manager" }),
    await makeStakeholder(ops.id, { name: "Dev Shah", level: "executive" }),
  ];
  return { rm, version, retail, ops, people };
}

/** The link tokens sent to each address, newest last, read from the queued mail (the only place a link is kept). */
export async function tokensSent(inviteeIds: string[]) {
  const rows = await db().select().from(mailMessages).where(inArray(mailMessages.subjectId, inviteeIds)).orderBy(mailMessages.createdAt);
  return rows.map((m) => ({ to: m.toAddress, kind: m.kind, next: m.nextAttemptAt, token: /\/s\/([A-Za-z0-9_-]+)/.exec(m.text)![1]! }));
}

