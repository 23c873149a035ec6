/**
 * Suspect clauses: which clause of an agreed version something upstream put in doubt, and why, in
 * words a relationship manager acts on. Pure.
 */
import { z } from "zod";
import type { Definition } from "./definition";
import { targetWords } from "./review";

export const SUSPECT_REASONS = ["need_edited", "need_merged", "need_rejected", "evidence_changed", "rank_changed", "agreement_expired"] as const;
export type SuspectReason = (typeof SUSPECT_REASONS)[number];
export const SUSPECT_REASON_LABELS: Record<SuspectReason, string> = {
  need_edited: "A need it answers was edited",
  need_merged: "A need it answers was merged",
  need_rejected: "A need it answers was rejected",
  evidence_changed: "Evidence behind it changed at source",
  rank_changed: "A newer round ranked its need differently",
  agreement_expired: "A supporting service's agreement ran out",
};

/** A clause as people read it: what kind of clause and its own words, shortened. */
export function clauseLabel(d: Definition, clauseId: string): { kind: string; text: string } {
  const short = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);
  const outcome = d.outcomes.find((c) => c.id === clauseId);
  if (outcome) return { kind: "Outcome", text: short(outcome.text) };
  const level = d.serviceLevels.find((c) => c.id === clauseId);
  if (level) {
    const period = level.period ? d.criticalPeriods.find((p) => p.id === level.period)?.name : null;
    return { kind: period ? `Service level, ${period}` : "Service level", text: short(`${level.measure}: ${targetWords(level.kind, level.target)}`) };
  }
  const period = d.criticalPeriods.find((c) => c.id === clauseId);
  if (period) return { kind: "Critical period", text: short(period.name) };
  const inScope = d.scopeIn.find((c) => c.id === clauseId);
  if (inScope) return { kind: "In scope", text: short(inScope.text) };
  const outScope = d.scopeOut.find((c) => c.id === clauseId);
  if (outScope) return { kind: "Out of scope", text: short(outScope.text) };
  if (clauseId === "service") return { kind: "The service as a whole", text: "Needs it answers beyond any one clause" };
  return { kind: "Clause", text: clauseId };
}

/** The clauses that depend on a supporting service's agreement: every service level (what the business is promised rests on it). */
export function clausesOnSupport(d: Definition): string[] {
  return d.serviceLevels.map((l) => l.id);
}

/** Ordinal rank words: "2nd of 14". */
export function rankWords(rank: number, ranked: number): string {
  const s = ["th", "st", "nd", "rd"];
  const v = rank % 100;
  return `${rank}${s[(v - 20) % 10] ?? s[v] ?? s[0]} of ${ranked}`;
}

export const clearSuspectsSchema = z.object({
  ids: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid("Unknown clause")).min(1, "Choose at least one clause to clear").max(500)),
  note: z.string().trim().min(1, "Say why the clauses still hold (or what you checked)").max(1000, "At most 1,000 characters"),
});
export type ClearSuspectsInput = z.output<typeof clearSuspectsSchema>;
