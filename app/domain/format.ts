/** Dates and times as Charter shows them: the same text on the server and in the browser (UTC, no locale lookups). */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const pad = (n: number) => String(n).padStart(2, "0");

/** "23 Nov 2026, 08:49 UTC" */
export function formatUtc(value: string | Date, { zone = true }: { zone?: boolean } = {}): string {
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return "";
  const text = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return zone ? `${text} UTC` : text;
}
