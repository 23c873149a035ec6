import { z } from "zod";
import { AUDIT_KINDS } from "./audit";
import { isRealDate } from "./format";

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-23")
  .refine(isRealDate, "That is not a real date");

/** The audit page's query string. Anything malformed is reported, not guessed at. */
export const auditFilterSchema = z.object({
  kind: z.enum(AUDIT_KINDS as [string, ...string[]], { error: "Unknown event kind" }).optional().or(z.literal("")),
  actor: z.uuid({ error: "Unknown user" }).optional().or(z.literal("")),
  subject: z.string().max(100, "Too long").optional(),
  from: date.optional().or(z.literal("")),
  to: date.optional().or(z.literal("")),
  before: z.coerce.number({ error: "Not a page" }).int().positive().optional(),
  verify: z.literal("1").optional(),
});
