import { businessUnits, guideVersions, interviewGuides, stakeholders, users } from "../schema";
import { allQuestions, guideContentSchema } from "../../app/domain/guide";
import { DISCOVERY_GUIDE, REVIEW_GUIDE } from "./guides";
import { db } from "../../app/db.server";
import { SYSTEM_ACTOR, appendAudit } from "../../app/models/audit.server";
import { createWorkspace } from "../../app/models/workspace.server";
import { hashPassword } from "../../app/utils/password.server";
import type { StakeholderLevel } from "../../app/domain/stakeholder";
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS, DEMO_WORKSPACE_NAME, type UnitCode } from "./demo-users";

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

/**
 * Loads the Meridian Bank demo story into an empty database, in one transaction,
 * with an audit event for each thing it creates so the chain is whole.
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
    for (const [guide, publish] of [
      [DISCOVERY_GUIDE, true],
      [REVIEW_GUIDE, false],
    ] as const) {
      const content = guideContentSchema.parse(guide.content);
      const [row] = await tx
        .insert(interviewGuides)
        .values({ title: guide.title, description: guide.description, createdBy: rm.id })
        .returning({ id: interviewGuides.id });
      await tx.insert(guideVersions).values({
        guideId: row!.id,
        number: 1,
        content,
        status: publish ? "published" : "draft",
        publishedAt: publish ? new Date() : null,
        publishedBy: publish ? rm.id : null,
      });
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
    for (const s of DEMO_STAKEHOLDERS) {
      const businessUnitId = unitId.get(s.unit)!;
      const [row] = await tx
        .insert(stakeholders)
        .values({ name: s.name, title: s.title, level: s.level, email: s.email, businessUnitId })
        .returning({ id: stakeholders.id });
      await appendAudit(tx, {
        kind: "stakeholder.created",
        actor: SYSTEM_ACTOR,
        subjectType: "stakeholder",
        subjectId: row!.id,
        payload: { name: s.name, businessUnitId },
      });
    }
  });
}
