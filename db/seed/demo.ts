import { answers, businessUnits, guideVersions, interviewGuides, interviews, interviewStakeholders, stakeholders, users } from "../schema";
import { addDays, utcToZoned, zonedToUtc } from "../../app/domain/interview";
import { demoAnswerSets, type DemoAnswerKey } from "./answers";
import { allQuestions, guideContentSchema } from "../../app/domain/guide";
import { DISCOVERY_GUIDE, HYBRID_TOOLS_GUIDE, REVIEW_GUIDE, WORKPLACE_PULSE_GUIDE } from "./guides";
import { db } from "../../app/db.server";
import { SYSTEM_ACTOR, appendAudit } from "../../app/models/audit.server";
import { createWorkspace } from "../../app/models/workspace.server";
import { hashPassword } from "../../app/utils/password.server";
import type { StakeholderLevel } from "../../app/domain/stakeholder";
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS, DEMO_WORKSPACE_NAME, type UnitCode } from "./demo-users";
import { loadDemoNeeds } from "./needs";
import { loadDemoReviews } from "./reviews";
import { loadDemoRounds } from "./rounds";
import { loadDemoServices } from "./services";
import { loadDemoSignoff } from "./signoff";
import { loadDemoSurveys } from "./surveys";

export { DEMO_LOGINS, DEMO_PASSWORD } from "./demo-users";

const DEMO_STAKEHOLDERS: { name: string; title: string; level: StakeholderLevel; unit: UnitCode; email: string }[] = [
  { name: "Olivia Bennett", title: "Regional Branch Manager, North", level: "senior_manager", unit: "RB", email: "olivia.bennett@meridian.example" },
  { name: "Samuel Adeyemi", title: "Branch Manager, Leeds Briggate", level: "manager", unit: "RB", email: "samuel.adeyemi@meridian.example" },
  { name: "Chloe Turner", title: "Customer Service Lead, Saturday opening", level: "front_line", unit: "RB", email: "chloe.turner@meridian.example" },
  { name: "Rajesh Patel", title: "Head of Branch Operations", level: "senior_manager", unit: "RB", email: "rajesh.patel@meridian.example" },
  { name: "Fiona Campbell", title: "Head of Financial Control", level: "senior_manager", unit: "FIN", email: "fiona.campbell@meridian.example" },
  { name: "Mark Davies", title: "Month-end Close Manager", level: "manager", unit: "FIN", email: "mark.davies@meridian.example" },
  { name: "Aisha Rahman", title: "Regulatory Reporting Analyst", level: "specialist", unit: "FIN", email: "aisha.rahman@meridian.example" },
  { name: "Laura Kim", title: "HR Operations Manager", level: "manager", unit: "HR", email: "laura.kim@meridian.example" },
  { name: "Peter Novak", title: "Payroll Lead", level: "specialist", unit: "HR", email: "peter.novak@meridian.example" },
  { name: "Nadia Haddad", title: "Branch Estates Manager", level: "manager", unit: "FAC", email: "nadia.haddad@meridian.example" },
  { name: "Ben Harris", title: "Workplace Services Coordinator", level: "front_line", unit: "FAC", email: "ben.harris@meridian.example" },
  { name: "Elena Rossi", title: "Head of Customer Contact", level: "senior_manager", unit: "MKT", email: "elena.rossi@meridian.example" },
  { name: "Kwame Asante", title: "Contact Centre Supplier Manager", level: "manager", unit: "MKT", email: "kwame.asante@meridian.example" },
];

/** Interviews relative to today: some held, one under way, some to come; two bring two units together. */
const DEMO_INTERVIEWS: {
  unit: UnitCode;
  people: string[];
  day: number;
  time: string;
  minutes: number;
  status: "planned" | "in_progress" | "completed";
  interviewer: "rm" | "rm2";
  location: string;
  purpose: string;
  /** What was said, for interviews held or under way. */
  answers?: DemoAnswerKey;
}[] = [
  {
    unit: "RB",
    people: ["Olivia Bennett", "Samuel Adeyemi", "Chloe Turner"],
    day: -21,
    time: "10:00",
    minutes: 90,
    status: "completed",
    interviewer: "rm",
    location: "Leeds Briggate branch, meeting room 2",
    purpose: "Understand what Saturday opening needs from the services behind the branch counter.",
    answers: "rb-saturday",
  },
  {
    unit: "FIN",
    people: ["Fiona Campbell", "Mark Davies"],
    day: -14,
    time: "14:00",
    minutes: 60,
    status: "completed",
    interviewer: "rm2",
    location: "Head office, 4th floor",
    purpose: "Walk through the month-end close and where it depends on IT and on suppliers.",
    answers: "fin-month-end",
  },
  {
    unit: "RB",
    people: ["Kwame Asante", "Elena Rossi", "Rajesh Patel"],
    day: -7,
    time: "11:00",
    minutes: 60,
    status: "completed",
    interviewer: "rm",
    location: "Video call",
    purpose: "How the outsourced contact centre hands customers over to branches, with Marketing and Retail Banking together.",
    answers: "contact-centre",
  },
  {
    unit: "HR",
    people: ["Laura Kim", "Peter Novak"],
    day: 0,
    time: "09:30",
    minutes: 60,
    status: "in_progress",
    interviewer: "rm2",
    location: "Head office, HR meeting room",
    purpose: "Payroll and onboarding: which periods cannot fail, and whom HR calls when they do.",
    answers: "hr-onboarding",
  },
  {
    unit: "FAC",
    people: ["Nadia Haddad", "Ben Harris", "Samuel Adeyemi"],
    day: 2,
    time: "13:00",
    minutes: 60,
    status: "planned",
    interviewer: "rm",
    location: "Leeds Briggate branch",
    purpose: "Branch facilities and IT together: telephony, power and security at the branch.",
  },
  {
    unit: "FIN",
    people: ["Aisha Rahman"],
    day: 5,
    time: "15:00",
    minutes: 45,
    status: "planned",
    interviewer: "rm2",
    location: "Video call",
    purpose: "Regulatory reporting deadlines and the systems behind them.",
  },
];

/**
 * Loads the Meridian Bank demo story into an empty database, in one transaction,
 * with an audit event for each thing it creates so the chain is whole; then its
 * prioritisation rounds and its services, through their models, which open
 * transactions of their own.
 */
export async function loadDemoWorkspace() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db().transaction(async (tx) => {
    await createWorkspace(tx, { name: DEMO_WORKSPACE_NAME, demo: true, actor: SYSTEM_ACTOR });
    const unitRows = await tx.insert(businessUnits).values([...DEMO_UNITS]).returning();
    const unitId = new Map(unitRows.map((u) => [u.code, u.id]));
    for (const u of unitRows) {
      await appendAudit(tx, {
        kind: "business_unit.created",
        actor: SYSTEM_ACTOR,
        subjectType: "business_unit",
        subjectId: u.id,
        payload: { name: u.name, code: u.code },
      });
    }
    const userId = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const businessUnitId = u.unit ? unitId.get(u.unit)! : null;
      const [row] = await tx
        .insert(users)
        .values({ email: u.email, name: u.name, title: u.title, role: u.role, businessUnitId, passwordHash })
        .returning({ id: users.id });
      userId.set(u.email, row!.id);
      await appendAudit(tx, {
        kind: "user.created",
        actor: SYSTEM_ACTOR,
        subjectType: "user",
        subjectId: row!.id,
        payload: { email: u.email, name: u.name, role: u.role, businessUnitId },
      });
    }
    const rm = { ...SYSTEM_ACTOR, id: userId.get("rm@meridian.example")!, name: "Tom Okafor" };
    let discoveryVersionId = "";
    for (const [guide, publish] of [
      [DISCOVERY_GUIDE, true],
      [REVIEW_GUIDE, true],
      [WORKPLACE_PULSE_GUIDE, true],
      [HYBRID_TOOLS_GUIDE, true],
    ] as const) {
      const content = guideContentSchema.parse(guide.content);
      const [row] = await tx
        .insert(interviewGuides)
        .values({ title: guide.title, description: guide.description, createdBy: rm.id })
        .returning({ id: interviewGuides.id });
      const [version] = await tx.insert(guideVersions).values({
        guideId: row!.id,
        number: 1,
        content,
        status: publish ? "published" : "draft",
        publishedAt: publish ? new Date() : null,
        publishedBy: publish ? rm.id : null,
      }).returning({ id: guideVersions.id });
      if (guide === DISCOVERY_GUIDE) discoveryVersionId = version!.id;
      await appendAudit(tx, { kind: "guide.created", actor: rm, subjectType: "guide", subjectId: row!.id, payload: { title: guide.title, imported: false } });
      if (publish) {
        await appendAudit(tx, {
          kind: "guide.published",
          actor: rm,
          subjectType: "guide",
          subjectId: row!.id,
          payload: { number: 1, questions: allQuestions(content).length },
        });
      }
    }
    const stakeholderId = new Map<string, string>();
    for (const s of DEMO_STAKEHOLDERS) {
      const businessUnitId = unitId.get(s.unit)!;
      const [row] = await tx
        .insert(stakeholders)
        .values({ name: s.name, title: s.title, level: s.level, email: s.email, businessUnitId })
        .returning({ id: stakeholders.id });
      stakeholderId.set(s.name, row!.id);
      await appendAudit(tx, {
        kind: "stakeholder.created",
        actor: SYSTEM_ACTOR,
        subjectType: "stakeholder",
        subjectId: row!.id,
        payload: { name: s.name, businessUnitId },
      });
    }
    const today = utcToZoned(new Date()).date;
    const hannah = userId.get("rm2@meridian.example")!;
    const answerSets = demoAnswerSets(today);
    const interviewId = new Map<DemoAnswerKey, string>();
    for (const plan of DEMO_INTERVIEWS) {
      const interviewer = plan.interviewer === "rm2" ? hannah : rm.id!;
      const [row] = await tx
        .insert(interviews)
        .values({
          guideVersionId: discoveryVersionId,
          businessUnitId: unitId.get(plan.unit)!,
          interviewerId: interviewer,
          scheduledAt: zonedToUtc(addDays(today, plan.day), plan.time),
          durationMinutes: plan.minutes,
          location: plan.location,
          purpose: plan.purpose,
          status: plan.status,
          createdBy: rm.id,
        })
        .returning({ id: interviews.id });
      const ids = plan.people.map((name) => stakeholderId.get(name)!);
      await tx.insert(interviewStakeholders).values(ids.map((id) => ({ interviewId: row!.id, stakeholderId: id })));
      const actor = { ...SYSTEM_ACTOR, id: rm.id, name: rm.name };
      await appendAudit(tx, {
        kind: "interview.planned",
        actor,
        subjectType: "interview",
        subjectId: row!.id,
        payload: {
          guideVersionId: discoveryVersionId,
          businessUnitId: unitId.get(plan.unit)!,
          interviewerId: interviewer,
          stakeholderIds: ids,
          scheduledAt: zonedToUtc(addDays(today, plan.day), plan.time).toISOString(),
        },
      });
      if (plan.status !== "planned") await appendAudit(tx, { kind: "interview.started", actor, subjectType: "interview", subjectId: row!.id, payload: {} });
      if (plan.answers) {
        interviewId.set(plan.answers, row!.id);
        const set = answerSets[plan.answers];
        const by = interviewer;
        const rows = [
          ...Object.entries(set.answers).map(([item, a]) => ({ kind: "answer" as const, item, value: a.value, quote: a.quote ?? "" })),
          ...Object.entries(set.notes).map(([item, text]) => ({ kind: "notes" as const, item, value: text, quote: "" })),
        ];
        await tx.insert(answers).values(rows.map((r) => ({ ...r, interviewId: row!.id, updatedBy: by })));
      }
      if (plan.status === "completed") await appendAudit(tx, { kind: "interview.completed", actor, subjectType: "interview", subjectId: row!.id, payload: {} });
    }
    await loadDemoNeeds(tx, { interviews: interviewId, stakeholders: stakeholderId, units: unitId, users: userId });
  });
  await loadDemoRounds();
  await loadDemoServices();
  await loadDemoSignoff();
  await loadDemoReviews();
  await loadDemoSurveys();
}
