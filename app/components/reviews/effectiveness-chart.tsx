import { useId } from "react";
import { formatLongDate } from "../../domain/format";
import { CHANGE_EVENT_LABELS, EFFECTIVENESS, EFFECTIVENESS_LABELS, EFFECTIVENESS_TONES, monthShort, type ChangeEventKind, type Effectiveness } from "../../domain/review";

export interface ChartReview {
  id: string;
  /** YYYY-MM-DD */
  reviewedOn: string;
  effectiveness: Effectiveness;
}

export interface ChartEvent {
  id: string;
  kind: ChangeEventKind;
  /** YYYY-MM-DD */
  occurredOn: string;
  description: string;
}

/*
 * Drawing units. The SVG scales to the width it is given, text with it, so the drawing is narrow:
 * on a phone it shrinks little, on a wide screen CSS caps how far it grows.
 */
const W = 380;
const PAD = { left: 84, right: 10, bottom: 26 };
const BAND = 34;
/** Height of one row of event numbers above the bands. */
const ROW = 22;
const BADGE_R = 9;
/** Two event numbers closer than this share no row. */
const BADGE_GAP = 2 * BADGE_R + 4;
/** Month labels are at least this far apart. */
const MONTH_GAP = 56;
/** A band's label on one line, or two when it is long ("Partially / effective"). */
const labelLines = (e: Effectiveness) => (EFFECTIVENESS_LABELS[e].length > 12 ? EFFECTIVENESS_LABELS[e].split(" ") : [EFFECTIVENESS_LABELS[e]]);

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
const monthDay = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`;
const todayUtc = () => new Date().toISOString().slice(0, 10);

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const lower = (e: Effectiveness) => EFFECTIVENESS_LABELS[e].toLowerCase();
const byDate = <T,>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** "2 reviews: effective on 10 December 2025, then partially effective on 15 June 2026; 2 change events: 1, supplier change on 1 April 2026; 2, …" */
export function effectivenessSummary(reviews: readonly ChartReview[], events: readonly ChartEvent[]): string {
  const said = reviews.length
    ? `${count(reviews.length, "review", "reviews")}: ${reviews.map((r, i) => `${i ? "then " : ""}${lower(r.effectiveness)} on ${formatLongDate(r.reviewedOn)}`).join(", ")}`
    : "No reviews yet";
  const changes = events.length
    ? `${count(events.length, "change event", "change events")}: ${events.map((e, i) => `${i + 1}, ${CHANGE_EVENT_LABELS[e.kind].toLowerCase()} on ${formatLongDate(e.occurredOn)}`).join("; ")}`
    : "no change events";
  return `${said}; ${changes}.`;
}

/** Each event's row of numbers above the bands: the lowest row where it keeps clear of the number before it. */
function stagger(xs: readonly number[]): number[] {
  const lastInRow: number[] = [];
  return xs.map((x) => {
    let row = lastInRow.findIndex((last) => x - last >= BADGE_GAP);
    if (row === -1) row = lastInRow.length;
    lastInRow[row] = x;
    return row;
  });
}

/**
 * How effective a service has been judged over time: the three judgements as bands, each review a
 * point in its band joined by a step line (a judgement holds until the next review), and each change
 * event a dashed line with its number, listed with its date and description below the chart. The
 * time axis covers every review and event given, widened to `from` and `to` (today when not given).
 * Nothing is drawn when there is nothing to show: the page says so in its own words.
 */
export function EffectivenessChart({ reviews, events, from, to }: { reviews: readonly ChartReview[]; events: readonly ChartEvent[]; from?: string; to?: string }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  if (!reviews.length && !events.length) return null;

  const inOrder = [...reviews].sort(byDate((r) => r.reviewedOn));
  const changes = [...events].sort(byDate((e) => e.occurredOn));
  const days = [...inOrder.map((r) => r.reviewedOn), ...changes.map((e) => e.occurredOn)].sort();
  const first = from && from < days[0]! ? from : days[0]!;
  const lastData = days[days.length - 1]!;
  const end = to ?? todayUtc();
  const last = end > lastData ? end : lastData;

  // The axis runs from the first of the first month to the first of the month after the last.
  const m0 = monthIndex(first);
  const m1 = monthIndex(last) + 1;
  const d0 = dayNumber(monthDay(m0));
  const d1 = dayNumber(monthDay(m1));
  const plotW = W - PAD.left - PAD.right;
  const x = (day: string) => PAD.left + ((dayNumber(day) - d0) / (d1 - d0)) * plotW;

  const rows = stagger(changes.map((e) => x(e.occurredOn)));
  const rowCount = changes.length ? Math.max(...rows) + 1 : 0;
  const top = 6 + rowCount * ROW;
  const plotBottom = top + EFFECTIVENESS.length * BAND;
  const H = plotBottom + PAD.bottom;
  const bandTop = (e: Effectiveness) => top + EFFECTIVENESS.indexOf(e) * BAND;
  const y = (e: Effectiveness) => bandTop(e) + BAND / 2;

  // Months labelled sparsely: every 1, 2, 3, 6 or 12 months, on months that divide the year evenly.
  const monthW = plotW / (m1 - m0);
  const step = [1, 2, 3, 6, 12].find((s) => s * monthW >= MONTH_GAP) ?? 12 * Math.ceil(MONTH_GAP / (12 * monthW));
  const ticks: number[] = [];
  for (let m = m0; m < m1; m += 1) if (m % step === 0) ticks.push(m);
  if (!ticks.length) ticks.push(m0);

  const points = inOrder.map((r) => ({ r, px: x(r.reviewedOn), py: y(r.effectiveness) }));
  let steps = "";
  points.forEach((p, i) => {
    steps += i === 0 ? `M${p.px},${p.py}` : ` H${p.px} V${p.py}`;
  });
  const lastPoint = points[points.length - 1];
  const xEnd = PAD.left + plotW;

  const timeline = [
    ...inOrder.map((r) => ({ key: `r-${r.id}`, on: r.reviewedOn, what: "Review", detail: EFFECTIVENESS_LABELS[r.effectiveness] })),
    ...changes.map((e, i) => ({ key: `e-${e.id}`, on: e.occurredOn, what: `Change event ${i + 1}: ${CHANGE_EVENT_LABELS[e.kind]}`, detail: e.description })),
  ].sort(byDate((t) => t.on));

  return (
    <figure className="eff-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} className="eff-chart-svg">
        <title id={`${id}-title`}>Effectiveness over time</title>
        <desc id={`${id}-desc`}>{effectivenessSummary(inOrder, changes)}</desc>
        {EFFECTIVENESS.map((e) => (
          <g key={e}>
            <rect x={PAD.left} y={bandTop(e)} width={plotW} height={BAND} className={`eff-band eff-band-${EFFECTIVENESS_TONES[e]}`} />
            <text x={PAD.left - 6} y={y(e) + 4 - ((labelLines(e).length - 1) * 13) / 2} textAnchor="end" className="eff-band-label">
              {labelLines(e).map((line, i, all) => (
                <tspan key={line} x={PAD.left - 6} dy={i ? 13 : 0}>
                  {i < all.length - 1 ? `${line} ` : line}
                </tspan>
              ))}
            </text>
          </g>
        ))}
        {ticks.map((m) => (
          <g key={m}>
            <line x1={PAD.left + (m - m0) * monthW} x2={PAD.left + (m - m0) * monthW} y1={top} y2={plotBottom + 4} className="eff-grid" />
            <text x={PAD.left + (m - m0) * monthW} y={plotBottom + 18} textAnchor="middle" className="eff-tick">
              {monthShort(monthDay(m))}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={xEnd} y1={plotBottom} y2={plotBottom} className="eff-axis" />
        {changes.map((e, i) => {
          const ex = x(e.occurredOn);
          const cy = 6 + rows[i]! * ROW + BADGE_R;
          return (
            <g key={e.id} className="eff-event">
              <title>{`${i + 1}. ${CHANGE_EVENT_LABELS[e.kind]}, ${formatLongDate(e.occurredOn)}: ${e.description}`}</title>
              <line x1={ex} x2={ex} y1={cy + BADGE_R} y2={plotBottom} className="eff-event-line" />
              <circle cx={ex} cy={cy} r={BADGE_R} className="eff-event-badge" />
              <text x={ex} y={cy + 4} textAnchor="middle" className="eff-event-number">
                {i + 1}
              </text>
            </g>
          );
        })}
        {lastPoint && lastPoint.px < xEnd ? <path d={`M${lastPoint.px},${lastPoint.py} H${xEnd}`} className="eff-step eff-step-since" /> : null}
        {points.length > 1 ? <path d={steps} className="eff-step" /> : null}
        {points.map(({ r, px, py }) => (
          <g key={r.id} className={`eff-point eff-point-${EFFECTIVENESS_TONES[r.effectiveness]}`}>
            <title>{`${EFFECTIVENESS_LABELS[r.effectiveness]}: reviewed ${formatLongDate(r.reviewedOn)}`}</title>
            <circle cx={px} cy={py} r={6} />
          </g>
        ))}
      </svg>
      {changes.length ? (
        <ol className="eff-events" aria-label="Change events">
          {changes.map((e, i) => (
            <li key={e.id} className="eff-events-item">
              <span className="eff-events-number" aria-hidden="true">
                {i + 1}
              </span>
              <span className="visually-hidden">{`Change event ${i + 1}: `}</span>
              <span>
                <strong>{CHANGE_EVENT_LABELS[e.kind]}</strong>, <time dateTime={e.occurredOn}>{formatLongDate(e.occurredOn)}</time>
                {e.description ? <span className="eff-events-description">{` ${e.description}`}</span> : null}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      {/* A table keeps its width whatever its class says, so a box hides it. */}
      <div className="visually-hidden">
        <table>
          <caption>Reviews and change events, in date order</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">What</th>
              <th scope="col">Effectiveness or change</th>
            </tr>
          </thead>
          <tbody>
            {timeline.map((t) => (
              <tr key={t.key}>
                <td>{formatLongDate(t.on)}</td>
                <td>{t.what}</td>
                <td>{t.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
