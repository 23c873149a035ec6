import { describe, expect, it } from "vitest";
import { formatLocal, utcToZoned, weekOf, zonedToUtc } from "../../app/domain/interview";
import { escapeText, foldLine, toIcs } from "../../app/domain/ics";

describe("UK time", () => {
  it("converts across daylight saving", () => {
    expect(zonedToUtc("2026-01-15", "09:30").toISOString()).toBe("2026-01-15T09:30:00.000Z");
    expect(zonedToUtc("2026-07-15", "09:30").toISOString()).toBe("2026-07-15T08:30:00.000Z");
    expect(zonedToUtc("2026-03-29", "12:00").toISOString()).toBe("2026-03-29T11:00:00.000Z");
    expect(utcToZoned("2026-07-15T08:30:00.000Z")).toEqual({ date: "2026-07-15", time: "09:30", weekday: 2 });
    expect(formatLocal("2026-12-01T10:00:00Z")).toBe("Tue 1 Dec 2026, 10:00");
  });

  it("finds the Monday-to-Sunday week of a date", () => {
    expect(weekOf("2026-11-26")).toEqual(["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"]);
  });
});

describe("iCalendar", () => {
  it("escapes text and folds long lines at 75 octets without splitting a character", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    // A lone carriage return is a line break to some calendar programs: it must not start a property of its own.
    expect(escapeText("Room 4\rATTENDEE:mailto:x@evil.example\r\nend")).toBe("Room 4\\nATTENDEE:mailto:x@evil.example\\nend");
    const folded = foldLine("DESCRIPTION:" + "é".repeat(60));
    for (const line of folded.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe("DESCRIPTION:" + "é".repeat(60));
  });

  it("writes an event with attendees and UTC times", () => {
    const text = toIcs(
      [
        {
          uid: "interview-1@charter",
          start: new Date("2026-12-01T10:00:00Z"),
          durationMinutes: 90,
          summary: "Interview: Retail Banking",
          description: "Saturday opening",
          location: "Leeds, room 2",
          organizer: { name: "Tom Okafor", email: "rm@meridian.example" },
          attendees: [{ name: "Olivia Bennett", email: "olivia@meridian.example" }],
          status: "CONFIRMED",
          sequence: 1,
          updatedAt: new Date("2026-11-23T08:00:00Z"),
        },
      ],
      { name: "Charter" },
    );
    const unfolded = text.replace(/\r\n /g, "");
    expect(unfolded).toContain("DTSTART:20261201T100000Z\r\nDTEND:20261201T113000Z\r\n");
    expect(unfolded).toContain("LOCATION:Leeds\\, room 2\r\n");
    expect(unfolded).toContain('ATTENDEE;CN="Olivia Bennett";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:olivia@meridian.example');
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });
});
