import { z } from "zod";
import { isRealDate } from "./format";

export const INTERVIEW_STATUSES = ["planned", "in_progress", "completed", "cancelled"] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];
export const STATUS_LABELS: Record<InterviewStatus, string> = {
  planned: "Planned",
  in_progress: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
};
export const STATUS_TONES: Record<InterviewStatus, "info" | "warning" | "success" | "neutral"> = {
  planned: "info",
  in_progress: "warning",
  completed: "success",
  cancelled: "neutral",
};

/** The time zone interview times are entered and shown in. */
export const WORKSPACE_TIME_ZONE = "Europe/London";

const ids = (message: string) =>
  z
    .union([z.string(), z.array(z.string())], { error: message })
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))
    .pipe(z.array(z.uuid({ error: message })).min(1, message).max(20, "At most 20 stakeholders in one interview"));

export const planInterviewSchema = z.object({
  guideVersionId: z.uuid({ error: "Choose a published guide" }),
  businessUnitId: z.uuid({ error: "Choose the business unit the interview is for" }),
  stakeholderIds: ids("Choose at least one stakeholder"),
  interviewerId: z.uuid({ error: "Choose the interviewer" }),
  date: z.string({ error: "Enter a date" }).refine(isRealDate, "Enter a real date, like 2026-12-01"),
  time: z.string({ error: "Enter a time" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time like 09:30"),
  durationMinutes: z.coerce
    .number({ error: "Enter the length in minutes" })
    .int("Use whole minutes")
    .min(15, "At least 15 minutes")
    .max(480, "At most 8 hours"),
  location: z.string().trim().max(300, "At most 300 characters").default(""),
  purpose: z.string().trim().max(2000, "At most 2000 characters").default(""),
  private: z
    .union([z.string(), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});
export type PlanInterviewInput = z.output<typeof planInterviewSchema>;

export const interviewActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("start") }),
    z.object({ intent: z.literal("complete") }),
    z.object({
      intent: z.literal("cancel"),
      reason: z.string({ error: "Say why it is cancelled" }).trim().min(1, "Say why it is cancelled").max(1000, "At most 1000 characters"),
    }),
    z.object({
      intent: z.literal("reopen"),
      reason: z.string({ error: "Say why it is reopened" }).trim().min(1, "Say why it is reopened").max(1000, "At most 1000 characters"),
    }),
  ],
  { error: "Unknown action" },
);

/** Which status changes are allowed, and their words. */
export type InterviewChange = "start" | "complete" | "cancel" | "reopen";
export const TRANSITIONS: Record<InterviewChange, { from: InterviewStatus[]; to: InterviewStatus; done: string; verb: string }> = {
  start: { from: ["planned"], to: "in_progress", done: "Interview started.", verb: "started" },
  complete: { from: ["in_progress"], to: "completed", done: "Interview completed.", verb: "completed" },
  cancel: { from: ["planned", "in_progress"], to: "cancelled", done: "Interview cancelled.", verb: "cancelled" },
  reopen: { from: ["completed"], to: "in_progress", done: "Interview reopened: answers can be changed again.", verb: "reopened" },
};

export const interviewFilterSchema = z.object({
  status: z.enum(INTERVIEW_STATUSES).optional().or(z.literal("")).catch(""),
  unit: z.uuid().optional().or(z.literal("")).catch(""),
  interviewer: z.uuid().optional().or(z.literal("")).catch(""),
  from: z.string().refine(isRealDate).optional().or(z.literal("")).catch(""),
  to: z.string().refine(isRealDate).optional().or(z.literal("")).catch(""),
  view: z.enum(["list", "week"]).optional().catch("list"),
  week: z.string().refine(isRealDate).optional().catch(undefined),
});

/* ---------- time zones, without a library ---------- */

// Making a DateTimeFormat costs far more than using one (about 0.2 ms against microseconds): keep one per zone.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

// Offsets change only on the hour (daylight saving), so one look-up per zone and hour serves every
// instant in it; lists format hundreds of dates a page.
const hourOffsets = new Map<string, number>();
const HOUR = 3_600_000;

function offsetMinutes(instant: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(instant.getTime() / HOUR)}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    offset = computeOffsetMinutes(new Date(Math.floor(instant.getTime() / HOUR) * HOUR), timeZone);
    if (hourOffsets.size > 10_000) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  return offset;
}

function computeOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = zoneFormat(timeZone).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** "2026-03-29" + "09:30" in Europe/London → the UTC instant (daylight saving included). */
export function zonedToUtc(date: string, time: string, timeZone = WORKSPACE_TIME_ZONE): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  let result = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  // Near a change of offset the first guess can be off by the change: settle it.
  result = guess - offsetMinutes(new Date(result), timeZone) * 60_000;
  return new Date(result);
}

/** The UTC instant as the workspace sees it: { date: "2026-12-01", time: "09:30" }. */
export function utcToZoned(instant: Date | string, timeZone = WORKSPACE_TIME_ZONE): { date: string; time: string; weekday: number } {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  const local = new Date(d.getTime() + offsetMinutes(d, timeZone) * 60_000);
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: (local.getUTCDay() + 6) % 7 };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** "Tue 1 Dec 2026, 09:30" in the workspace's time zone. */
export function formatLocal(instant: Date | string): string {
  const { date, time, weekday } = utcToZoned(instant);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${DAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}, ${time}`;
}

/** "1 Dec 2026" in the workspace's time zone. */
export function formatDay(instant: Date | string): string {
  const [y, m, d] = utcToZoned(instant).date.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** Monday of the week holding this date ("YYYY-MM-DD"), and the seven days from it. */
export function weekOf(date: string): string[] {
  const d = new Date(`${date}T12:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  return Array.from({ length: 7 }, (_, i) => new Date(monday.getTime() + i * 86_400_000).toISOString().slice(0, 10));
}

export function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T12:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
