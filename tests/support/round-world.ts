import { and, eq, isNotNull } from "drizzle-orm";
import { roundScores } from "../../db/schema";
import { db } from "../../app/db.server";
import { DEFAULT_CRITERIA, type RoundMethod, type Score } from "../../app/domain/round";
import type { Actor } from "../../app/models/audit.server";
import { createNeed } from "../../app/models/need.server";
import { createRound, openRound } from "../../app/models/round.server";
import { makeUnit, makeUser } from "./factories";

export const ROUND_CRITERIA = [
  { ...DEFAULT_CRITERIA[0]!, key: "value", weight: 2 },
  { ...DEFAULT_CRITERIA[1]!, key: "time", weight: 1 },
];

/** An open round of `needCount` needs scored by `leadCount` business leads and watched by one executive. */
export async function roundWorld({
  needCount = 3,
  leadCount = 2,
  deadline = null as Date | null,
  method = "weighted" as RoundMethod,
  mustCap = null as number | null,
  open = true,
} = {}) {
  const rm = await makeUser("relationship_manager");
  const unit = await makeUnit();
  const leads = await Promise.all(Array.from({ length: leadCount }, () => makeUser("business_lead", { businessUnitId: unit.id })));
  const exec = await makeUser("executive");
  const actor: Actor = { id: rm.id, name: rm.name, ip: "", userAgent: "" };
  const needs = [];
  for (let i = 0; i < needCount; i++) {
    needs.push(
      await createNeed({
        input: { statement: `Need number ${i + 1} for the round`, outcome: "", process: "", criticalPeriod: "", pain: "", category: "capability", unitIds: [unit.id], evidenceIds: [] },
        viewer: { id: rm.id, role: rm.role },
        actor,
      }),
    );
  }
  const round = await createRound({
    input: { title: "Next year's priorities", method, criteria: ROUND_CRITERIA, mustCap, deadline, needIds: needs.map((n) => n.id), scorerIds: leads.map((l) => l.id), observerIds: [exec.id] },
    actor,
  });
  if (open) await openRound({ id: round.id, actor });
  return { rm, unit, leads, exec, actor, needs, round };
}

/** A round's stored scores (cleared ones left out) as the domain's rules take them. */
export async function scoresOf(roundId: string): Promise<Score[]> {
  const rows = await db().select().from(roundScores).where(and(eq(roundScores.roundId, roundId), isNotNull(roundScores.value)));
  return rows.map((s) => ({ lead: s.userId, need: s.needId, criterion: s.criterion, value: s.value! }));
}
