import { z } from "zod";
import { email, optionalId, text } from "./fields";
import { ROLES } from "./roles";

const role = z.enum(ROLES, { error: "Choose a role" });

export const createUserSchema = z.object({
  name: text("a name", { max: 120 }),
  email: email(),
  title: text("a job title", { max: 120, required: false }).default(""),
  role,
  businessUnitId: optionalId("Choose a business unit from the list"),
});

export const updateUserSchema = z.object({
  intent: z.literal("update"),
  name: text("a name", { max: 120 }),
  title: text("a job title", { max: 120, required: false }).default(""),
  role,
  businessUnitId: optionalId("Choose a business unit from the list"),
});

export const userActionSchema = z.discriminatedUnion(
  "intent",
  [
    updateUserSchema,
    z.object({ intent: z.literal("deactivate") }),
    z.object({ intent: z.literal("reactivate") }),
    z.object({ intent: z.literal("reset-password") }),
  ],
  { error: "Unknown action" },
);

/** Business leads belong to the unit whose needs they own. */
export const roleNeedsUnit = (r: string) => r === "business_lead";
