/**
 * IT's estimate of the effort a need would take. Relationship managers record a
 * t-shirt size, a number of person-days, or both; where only a size is known,
 * RICE and the value-versus-effort chart read it as the days below.
 */
import { z } from "zod";

export const EFFORT_SIZES = ["xs", "s", "m", "l", "xl"] as const;
export type EffortSize = (typeof EFFORT_SIZES)[number];
export const EFFORT_SIZE_LABELS: Record<EffortSize, string> = { xs: "XS", s: "S", m: "M", l: "L", xl: "XL" };
/** Person-days a size stands for when no number of days was given. */
export const EFFORT_SIZE_DAYS: Record<EffortSize, number> = { xs: 2, s: 5, m: 15, l: 40, xl: 100 };
export const EFFORT_SIZE_NOTE = `Where only a size is given it counts as ${EFFORT_SIZES.map((s) => `${EFFORT_SIZE_LABELS[s]} ${EFFORT_SIZE_DAYS[s]}`).join(", ")} person-days.`;

export interface Effort {
  size: EffortSize | null;
  days: number | null;
}

/** The days an estimate stands for: the days given, else the size's days; null when there is no estimate. */
export function effortDays(effort: Effort | null | undefined): number | null {
  if (!effort) return null;
  if (effort.days !== null) return effort.days;
  return effort.size ? EFFORT_SIZE_DAYS[effort.size] : null;
}

/** The estimate in words: "M · 12 days", "L", "3 days". */
export function formatEffort(effort: Effort | null | undefined): string {
  if (!effort || (effort.size === null && effort.days === null)) return "No estimate";
  const days = effort.days === null ? null : `${Number.isInteger(effort.days) ? effort.days : effort.days.toFixed(1)} ${effort.days === 1 ? "day" : "days"}`;
  return [effort.size ? EFFORT_SIZE_LABELS[effort.size] : null, days].filter(Boolean).join(" · ");
}

/** The effort form (a post without JS, the same with it): a size, days, or both. */
export const effortFormSchema = z
  .object({
    size: z.union([z.enum(EFFORT_SIZES, { error: "Choose a size from the list" }), z.literal("")]).default(""),
    days: z
      .string()
      .trim()
      .default("")
      .refine((v) => v === "" || (/^\d+(\.\d+)?$/.test(v) && Number(v) > 0 && Number(v) <= 10000), "Enter person-days as a number above 0, up to 10,000"),
    note: z.string().trim().max(500, "At most 500 characters").default(""),
  })
  .refine((f) => f.size !== "" || f.days !== "", { message: "Give a size, a number of days, or both", path: ["size"] })
  .transform((f) => ({ size: f.size === "" ? null : f.size, days: f.days === "" ? null : Number(f.days), note: f.note }));
export type EffortInput = z.output<typeof effortFormSchema>;
