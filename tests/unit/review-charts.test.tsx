import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AttainmentTable, AttainmentTrend } from "../../app/components/reviews/attainment";
import { EffectivenessChart, type ChartEvent, type ChartReview } from "../../app/components/reviews/effectiveness-chart";
import { attainment, monthsEnding, type MeasuredLevel, type Measurement } from "../../app/domain/review";

interface Found {
  attrs: string;
  inner: string;
  /** The text a reader gets, spaces collapsed. */
  text: string;
  attr(name: string): string | undefined;
  find(tag: string, className?: string): Found[];
}

/**
 * The elements of a tag in some markup (with a class, when given): enough for these components,
 * whose elements of one tag never nest. Empty elements (`<circle … />`) have no inner text.
 */
function find(html: string, tag: string, className?: string): Found[] {
  const out: Found[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}(\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</${tag}>)`, "g"))) {
    const attrs = match[1] ?? "";
    if (className && !new RegExp(`\\sclass="([^"]* )?${className}( [^"]*)?"`).test(attrs)) continue;
    const inner = match[2] ?? "";
    out.push({
      attrs,
      inner,
      text: textOf(inner),
      attr: (name) => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1],
      find: (t, c) => find(inner, t, c),
    });
  }
  return out;
}

function textOf(html: string) {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

function render(node: ReactElement) {
  const html = renderToStaticMarkup(node);
  return { html, find: (tag: string, className?: string) => find(html, tag, className) };
}

const reviews: ChartReview[] = [
  { id: "r2", reviewedOn: "2026-06-15", effectiveness: "partially_effective" },
  { id: "r1", reviewedOn: "2025-12-10", effectiveness: "effective" },
];
const events: ChartEvent[] = [
  { id: "e2", kind: "technology_change", occurredOn: "2026-05-20", description: "Counter terminals replaced" },
  { id: "e1", kind: "supplier_change", occurredOn: "2026-04-01", description: "Cash handling moved to a new supplier" },
];

describe("the effectiveness chart", () => {
  it("summarises each review's effectiveness and date, oldest first, and the change events", () => {
    const chart = render(<EffectivenessChart reviews={reviews} events={events} to="2026-07-01" />);
    const [svg] = chart.find("svg", "eff-chart-svg");
    expect(svg!.attr("role")).toBe("img");
    const [title] = svg!.find("title");
    const [desc] = svg!.find("desc");
    expect(title!.text).toBe("Effectiveness over time");
    expect(desc!.text).toBe(
      "2 reviews: effective on 10 December 2025, then partially effective on 15 June 2026; 2 change events: 1, supplier change on 1 April 2026; 2, technology change on 20 May 2026.",
    );
    // The image is named and described by its own title and desc.
    expect(svg!.attr("aria-labelledby")).toBe(title!.attr("id"));
    expect(svg!.attr("aria-describedby")).toBe(desc!.attr("id"));
  });

  it("draws the three bands, a point per review in its tone, and a numbered marker per change event", () => {
    const chart = render(<EffectivenessChart reviews={reviews} events={events} to="2026-07-01" />);
    expect(chart.find("text", "eff-band-label").map((t) => t.text)).toEqual(["Effective", "Partially effective", "Ineffective"]);
    expect(chart.find("title").map((t) => t.text)).toEqual(expect.arrayContaining(["Effective: reviewed 10 December 2025", "Partially effective: reviewed 15 June 2026"]));
    expect(chart.html.match(/eff-point eff-point-success/g)).toHaveLength(1);
    expect(chart.html.match(/eff-point eff-point-warning/g)).toHaveLength(1);
    expect(chart.find("text", "eff-event-number").map((t) => t.text)).toEqual(["1", "2"]);
  });

  it("lists the change events numbered in date order, with the date in words", () => {
    const chart = render(<EffectivenessChart reviews={reviews} events={events} />);
    const items = chart.find("ol", "eff-events")[0]!.find("li").map((li) => li.text);
    expect(items).toEqual([
      "1Change event 1: Supplier change, 1 April 2026 Cash handling moved to a new supplier",
      "2Change event 2: Technology change, 20 May 2026 Counter terminals replaced",
    ]);
  });

  it("gives the same reviews and events as a hidden table, in date order", () => {
    const chart = render(<EffectivenessChart reviews={reviews} events={events} />);
    const [table] = chart.find("div", "visually-hidden")[0]!.find("table");
    const rows = table!.find("tbody")[0]!.find("tr").map((tr) => tr.find("td").map((td) => td.text));
    expect(rows).toEqual([
      ["10 December 2025", "Review", "Effective"],
      ["1 April 2026", "Change event 1: Supplier change", "Cash handling moved to a new supplier"],
      ["20 May 2026", "Change event 2: Technology change", "Counter terminals replaced"],
      ["15 June 2026", "Review", "Partially effective"],
    ]);
  });

  it("puts the numbers of change events close together at different heights, so they do not overlap", () => {
    const close: ChartEvent[] = [
      { id: "a", kind: "regulation", occurredOn: "2026-03-02", description: "A" },
      { id: "b", kind: "reorganisation", occurredOn: "2026-03-03", description: "B" },
      { id: "c", kind: "new_process", occurredOn: "2026-03-04", description: "C" },
      { id: "d", kind: "new_process", occurredOn: "2026-06-01", description: "D, months later" },
    ];
    const chart = render(<EffectivenessChart reviews={reviews} events={close} to="2026-07-01" />);
    const heights = chart.find("circle", "eff-event-badge").map((c) => Number(c.attr("cy")));
    expect(new Set(heights.slice(0, 3)).size).toBe(3);
    // One far from the others goes back to the top row.
    expect(heights[3]).toBe(heights[0]);
  });

  it("runs the time axis from `from` to `to` when they are wider than the reviews", () => {
    const chart = render(<EffectivenessChart reviews={[reviews[1]!]} events={[]} from="2025-01-15" to="2026-12-31" />);
    const ticks = chart.find("text", "eff-tick").map((t) => t.text);
    expect(ticks[0]).toBe("Jan 25");
    expect(ticks.at(-1)).toMatch(/ 26$/);
    expect(chart.find("desc")[0]!.text).toBe("1 review: effective on 10 December 2025; no change events.");
    expect(chart.find("ol")).toHaveLength(0);
  });

  it("renders nothing with no reviews and no events", () => {
    expect(renderToStaticMarkup(<EffectivenessChart reviews={[]} events={[]} />)).toBe("");
  });
});

/* ---------- attainment ---------- */

const level = (id: string, measure: string, kind: MeasuredLevel["kind"], target: string, period: string | null = null): MeasuredLevel => ({
  id,
  measure,
  kind,
  target,
  periodId: period,
  periodName: period ? "Saturday opening" : null,
});
const months = monthsEnding("2026-03-01", 3);
const levels = [level("avail", "Branch systems available", "percent", "99.5"), level("answer", "Calls answered", "minutes", "15"), level("sat", "Saturday tills available", "percent", "99", "sat")];
const m = (levelId: string, period: string, kind: MeasuredLevel["kind"], target: string, value: number, met: boolean): Measurement => ({ levelId, period, kind, target, value, met });
const measurements = [
  m("avail", months[0]!, "percent", "99.5", 99.7, true),
  m("avail", months[1]!, "percent", "99.5", 98.9, false),
  m("answer", months[0]!, "minutes", "15", 12, true),
  m("sat", months[2]!, "percent", "99", 99.4, true),
];
const groups = attainment(levels, measurements, months);

describe("the attainment tables", () => {
  it("has a table per group, captioned with its label, a row per level with its target in words, a column per month", () => {
    const tables = render(<AttainmentTable groups={groups} months={months} />).find("table");
    expect(tables.map((t) => t.find("caption")[0]!.text)).toEqual(["Normal time", "Saturday opening"]);
    expect(tables[0]!.find("tbody")[0]!.find("th").map((th) => th.text)).toEqual(["Branch systems availableat least 99.5%", "Calls answeredat most 15 minutes"]);
    expect(tables[0]!.find("thead")[0]!.find("th").map((th) => th.text)).toEqual(["Service level", "Jan 26January 2026", "Feb 26February 2026", "Mar 26March 2026", "Met"]);
  });

  it("marks a missed value with the missed class and the word missed; a met one likewise", () => {
    const chart = render(<AttainmentTable groups={groups} months={months} />);
    const missed = chart.find("td", "attain-missed");
    expect(missed.map((td) => td.text)).toEqual(["✗98.9% missed"]);
    expect(missed[0]!.find("span", "visually-hidden")[0]!.text).toBe("missed");
    expect(missed[0]!.find("span", "attain-glyph")[0]!.attr("aria-hidden")).toBe("true");
    expect(chart.find("td", "attain-met").map((td) => td.text)).toEqual(["✓99.7% met", "✓12 min met", "✓99.4% met"]);
  });

  it("shows a dash where nothing was measured, how many measured months met, and the share met per month", () => {
    const [normal] = render(<AttainmentTable groups={groups} months={months} />).find("table");
    const firstRow = normal!.find("tbody")[0]!.find("tr")[0]!.find("td").map((td) => td.text);
    expect(firstRow).toEqual(["✓99.7% met", "✗98.9% missed", "—not measured", "1 of 2"]);
    expect(normal!.find("tfoot")[0]!.find("td").map((td) => td.text)).toEqual(["100%", "0%", "—", "2 of 3"]);
  });

  it("says Met or Missed once for a level stated in words", () => {
    const words = [level("t", "Tills reconciled by close", "text", "Every branch by 18:00")];
    const g = attainment(words, [{ levelId: "t", period: months[0]!, kind: "text", target: "Every branch by 18:00", value: null, met: false }], months);
    const chart = render(<AttainmentTable groups={g} months={months} />);
    expect(chart.find("td", "attain-missed").map((td) => td.text)).toEqual(["✗Missed"]);
  });

  it("renders nothing with no groups", () => {
    expect(renderToStaticMarkup(<AttainmentTable groups={[]} months={months} />)).toBe("");
  });
});

describe("the attainment trend", () => {
  it("draws one line per group, with a legend naming each, and describes them", () => {
    const trend = render(<AttainmentTrend groups={groups} months={months} />);
    const [svg] = trend.find("svg", "attain-trend-svg");
    expect(svg!.attr("role")).toBe("img");
    expect(svg!.find("path", "attain-line")).toHaveLength(2);
    expect(trend.find("ul", "attain-legend")[0]!.find("li").map((li) => li.text)).toEqual(["Normal time", "Saturday opening"]);
    const desc = svg!.find("desc")[0]!.text;
    expect(desc).toContain("January 2026 to March 2026");
    expect(desc).toContain("Normal time: lowest 0% (February 2026), 0% in February 2026.");
    expect(desc).toContain("Saturday opening: every level met its target in all the month measured.");
  });

  it("leaves a gap where a month has nothing measured", () => {
    const one = [level("avail", "Available", "percent", "99")];
    const gappy = attainment(one, [m("avail", months[0]!, "percent", "99", 99.5, true), m("avail", months[2]!, "percent", "99", 98, false)], months);
    const [line] = render(<AttainmentTrend groups={gappy} months={months} />).find("path", "attain-line");
    const d = line!.attr("d")!;
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toContain("L");
  });

  it("renders nothing with no groups or no months", () => {
    expect(renderToStaticMarkup(<AttainmentTrend groups={[]} months={months} />)).toBe("");
    expect(renderToStaticMarkup(<AttainmentTrend groups={groups} months={[]} />)).toBe("");
  });
});
