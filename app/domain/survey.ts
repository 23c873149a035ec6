import { z } from "zod";
import { isRealDate } from "./format";
import { STAKEHOLDER_LEVELS, type StakeholderLevel } from "./stakeholder";

/** How many stakeholders one survey may ask at most. */
export const MAX_INVITEES = 2000;

const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))
    .pipe(z.array(item));

const onOff = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

/**
 * The survey form: a published guide version, words for the respondents, who is asked (people
 * picked one by one, or everyone of the chosen units and levels), when it is open, and whether
 * answers are anonymous.
 */
export const surveySchema = z
  .object({
    guideVersionId: z.uuid({ error: "Choose a published guide" }),
    title: z.string({ error: "Give the survey a title" }).trim().min(1, "Give the survey a title").max(200, "At most 200 characters"),
    intro: z.string().trim().max(4000, "At most 4000 characters").default(""),
    opensOn: z.string({ error: "Enter the opening date" }).refine(isRealDate, "Enter a real date, like 2026-12-01"),
    closesOn: z.string({ error: "Enter the closing date" }).refine(isRealDate, "Enter a real date, like 2026-12-15"),
    anonymous: onOff,
    audience: z.enum(["people", "groups"], { error: "Choose who is asked" }).default("people"),
    stakeholderIds: list(z.uuid({ error: "Choose stakeholders from the list" })),
    unitIds: list(z.uuid({ error: "Choose units from the list" })),
    levels: list(z.enum(STAKEHOLDER_LEVELS, { error: "Choose levels from the list" })),
  })
  .superRefine((v, ctx) => {
    if (isRealDate(v.opensOn) && isRealDate(v.closesOn) && v.closesOn < v.opensOn) {
      ctx.addIssue({ code: "custom", path: ["closesOn"], message: "The closing date comes on or after the opening date" });
    }
    if (v.audience === "people" && v.stakeholderIds.length === 0) ctx.addIssue({ code: "custom", path: ["stakeholderIds"], message: "Choose at least one stakeholder" });
    if (v.audience === "people" && v.stakeholderIds.length > MAX_INVITEES) ctx.addIssue({ code: "custom", path: ["stakeholderIds"], message: `At most ${MAX_INVITEES} stakeholders` });
    if (v.audience === "groups" && v.unitIds.length === 0) ctx.addIssue({ code: "custom", path: ["unitIds"], message: "Choose at least one business unit" });
  });
export type SurveyInput = z.output<typeof surveySchema>;

/** A survey is scheduled before its opening date, open through its closing date, then closed (UTC dates). */
export type SurveyPhase = "scheduled" | "open" | "closed";
export function surveyPhase(survey: { opensOn: string; closesOn: string }, today: string): SurveyPhase {
  if (today < survey.opensOn) return "scheduled";
  if (today > survey.closesOn) return "closed";
  return "open";
}
export const PHASE_LABELS: Record<SurveyPhase, string> = { scheduled: "Scheduled", open: "Open", closed: "Closed" };
export const PHASE_TONES: Record<SurveyPhase, "info" | "success" | "neutral"> = { scheduled: "info", open: "success", closed: "neutral" };

/** Where an invitee is: nothing answered, answering, or answers sent. */
export type ResponseState = "not_started" | "started" | "submitted";
export const RESPONSE_LABELS: Record<ResponseState, string> = { not_started: "Not started", started: "Not finished", submitted: "Sent" };

/** A day between reminders to the same person. */
export const REMINDER_GAP_MS = 24 * 60 * 60 * 1000;

/** Whether `person` may be reminded at `now`, and if not, why. */
export function reminderRefusal(person: { state: ResponseState; revoked: boolean; lastRemindedAt: Date | null }, now: Date): string | null {
  if (person.revoked) return "Their link was withdrawn.";
  if (person.state === "submitted") return "They have already sent their answers.";
  if (person.lastRemindedAt && now.getTime() - person.lastRemindedAt.getTime() < REMINDER_GAP_MS) {
    return "They were reminded less than a day ago.";
  }
  return null;
}

/** Who a quote from a response is attributed to: the respondent by name, or only their unit. */
export function respondentLabel({ anonymous, unitName }: { anonymous: boolean; unitName: string }, name?: string): string {
  return anonymous || !name ? `anonymous respondent, ${unitName}` : name;
}

export const surveyActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("remind"), inviteeId: z.uuid({ error: "Choose who to remind" }) }),
    z.object({ intent: z.literal("remind-all") }),
    z.object({ intent: z.literal("revoke"), inviteeId: z.uuid({ error: "Choose whose link to withdraw" }) }),
    z.object({ intent: z.literal("close") }),
  ],
  { error: "Unknown action" },
);

export const RESULT_FILTERS = { unit: z.uuid().optional().or(z.literal("")).catch(""), level: z.enum(STAKEHOLDER_LEVELS).optional().or(z.literal("")).catch("") };
export const surveyResultsFilterSchema = z.object(RESULT_FILTERS);
export type ResultsFilter = { unit: string; level: StakeholderLevel | "" };
