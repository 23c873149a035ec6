import { z } from "zod";
import { text } from "./fields";

export const businessUnitSchema = z.object({
  name: text("a name", { max: 120 }),
  code: text("a short code", { max: 12 }).regex(/^[A-Za-z0-9-]+$/, "Use letters, digits and hyphens only").toUpperCase(),
  description: text("a description", { max: 1000, required: false }).default(""),
});

export const businessUnitActionSchema = z.discriminatedUnion(
  "intent",
  [
    businessUnitSchema.extend({ intent: z.literal("update") }),
    z.object({ intent: z.literal("archive") }),
    z.object({ intent: z.literal("restore") }),
  ],
  { error: "Unknown action" },
);
