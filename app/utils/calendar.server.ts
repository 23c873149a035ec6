import { toIcs, type CalendarEvent } from "../domain/ics";
import type { interviewsForCalendar } from "../models/interview.server";
import { env } from "./env.server";

type Row = Awaited<ReturnType<typeof interviewsForCalendar>>[number];

export function appOrigin(request: Request): string {
  return env().APP_ORIGIN || new URL(request.url).origin;
}

/** Interviews as calendar events: the stakeholders with an email are the attendees, the interviewer organises. */
export function interviewsToIcs(rows: Row[], { origin, name }: { origin: string; name: string }): string {
  const events: CalendarEvent[] = rows.map((r) => ({
    uid: `interview-${r.id}@charter`,
    start: new Date(r.scheduledAt),
    durationMinutes: r.durationMinutes,
    summary: `Interview: ${r.unitName} (${r.guideTitle})`,
    description: [r.purpose, `Stakeholders: ${r.attendees.map((a) => a.name).join(", ")}`, `Interviewer: ${r.interviewerName}`, `${origin}/interviews/${r.id}`]
      .filter(Boolean)
      .join("\n\n"),
    location: r.location,
    url: `${origin}/interviews/${r.id}`,
    organizer: { name: r.interviewerName, email: r.interviewerEmail },
    attendees: r.attendees.filter((a): a is { name: string; email: string } => Boolean(a.email)),
    status: r.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    sequence: Math.floor(new Date(r.updatedAt).getTime() / 1000),
    updatedAt: new Date(r.updatedAt),
  }));
  return toIcs(events, { name });
}

export function icsResponse(body: string, filename?: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, no-store",
      ...(filename ? { "Content-Disposition": `attachment; filename="${filename}"` } : {}),
    },
  });
}
