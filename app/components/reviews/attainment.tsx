import { useId } from "react";
import { formatShare, formatValue, monthLabel, monthShort, targetWords, type AttainmentGroup, type Measurement } from "../../domain/review";

/* ---------- the trend ---------- */

/* Drawing units: narrow, so that on a phone the text shrinks little; CSS caps the width on a wide screen. */
const W = 360;
const PAD = { left: 40, right: 12, top: 10, bottom: 28 };
const H = 170;
/** Month labels are at least this far apart. */
const MONTH_GAP = 48;

/** How each group's line is drawn: colour (in CSS, by index), dashes and point shape, so colour is never the only difference. */
const SERIES = [
  { dash: undefined, shape: "circle" },
  { dash: "7 4", shape: "square" },
  { dash: "2 3", shape: "triangle" },
  { dash: "10 3 2 3", shape: "diamond" },
  { dash: "4 4", shape: "circle" },
] as const;
const seriesOf = (i: number) => SERIES[i % SERIES.length]!;

function Marker({ shape, x, y }: { shape: (typeof SERIES)[number]["shape"]; x: number; y: number }) {
  if (shape === "square") return <rect x={x - 4} y={y - 4} width={8} height={8} />;
  if (shape === "triangle") return <path d={`M${x},${y - 5} L${x + 5},${y + 4} L${x - 5},${y + 4} Z`} />;
  if (shape === "diamond") return <path d={`M${x},${y - 5.5} L${x + 5.5},${y} L${x},${y + 5.5} L${x - 5.5},${y} Z`} />;
  return <circle cx={x} cy={y} r={4.5} />;
}

/** "Normal time: lowest 60% (April 2026), 100% in February 2027." */
function groupSummary(g: AttainmentGroup, months: readonly string[]) {
  const measured = g.share.map((s, i) => ({ s, month: months[i]! })).filter((p): p is { s: number; month: string } => p.s !== null);
  if (!measured.length) return `${g.label}: nothing measured.`;
  if (measured.every((p) => p.s === 1)) return `${g.label}: every level met its target in all ${measured.length === 1 ? "the month" : `${measured.length} months`} measured.`;
  const lowest = measured.reduce((a, b) => (b.s < a.s ? b : a));
  const latest = measured[measured.length - 1]!;
  return `${g.label}: lowest ${formatShare(lowest.s)} (${monthLabel(lowest.month)}), ${formatShare(latest.s)} in ${monthLabel(latest.month)}.`;
}

/**
 * Per month, the share of each group's measured service levels that met their targets (0 to 100%):
 * one line per group (normal time, then each critical period), broken where a month has nothing
 * measured, with a legend. The tables that follow give the same figures.
 */
export function AttainmentTrend({ groups, months }: { groups: readonly AttainmentGroup[]; months: readonly string[] }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  if (!groups.length || !months.length) return null;

  const plotW = W - PAD.left - PAD.right;
  const inset = 10;
  const x = (i: number) => (months.length === 1 ? PAD.left + plotW / 2 : PAD.left + inset + (i / (months.length - 1)) * (plotW - 2 * inset));
  const y = (share: number) => PAD.top + (1 - share) * (H - PAD.top - PAD.bottom);
  const spacing = months.length > 1 ? (plotW - 2 * inset) / (months.length - 1) : plotW;
  const step = Math.max(1, Math.ceil(MONTH_GAP / spacing));
  // Label the newest month and every `step` before it: the latest is the one people look for.
  const labelled = months.map((_, i) => (months.length - 1 - i) % step === 0);

  return (
    <figure className="attain-trend">
      <ul className="attain-legend" aria-label="Legend">
        {groups.map((g, gi) => (
          <li key={g.periodId ?? "normal"} className={`attain-series attain-series-${gi % SERIES.length}`}>
            <svg width={30} height={12} viewBox="0 0 30 12" aria-hidden="true" focusable="false">
              <line x1={1} x2={29} y1={6} y2={6} strokeDasharray={seriesOf(gi).dash} className="attain-line" />
              <g className="attain-marker">
                <Marker shape={seriesOf(gi).shape} x={15} y={6} />
              </g>
            </svg>
            {g.label}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} className="attain-trend-svg">
        <title id={`${id}-title`}>Share of service levels met each month</title>
        <desc id={`${id}-desc`}>
          {`Share of the service levels measured that met their targets, ${monthLabel(months[0]!)} to ${monthLabel(months[months.length - 1]!)}. `}
          {groups.map((g) => groupSummary(g, months)).join(" ")} The tables below give each month&apos;s figures.
        </desc>
        {[0, 0.5, 1].map((s) => (
          <g key={s}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(s)} y2={y(s)} className={s === 0 ? "attain-axis" : "attain-grid"} />
            <text x={PAD.left - 6} y={y(s) + 4} textAnchor="end" className="attain-tick">
              {formatShare(s)}
            </text>
          </g>
        ))}
        {months.map((m, i) =>
          labelled[i] ? (
            <text key={m} x={x(i)} y={H - 8} textAnchor="middle" className="attain-tick">
              {monthShort(m)}
            </text>
          ) : null,
        )}
        {groups.map((g, gi) => {
          let d = "";
          g.share.forEach((s, i) => {
            if (s === null) return;
            d += `${i > 0 && g.share[i - 1] !== null && g.share[i - 1] !== undefined ? " L" : " M"}${x(i)},${y(s)}`;
          });
          const { dash, shape } = seriesOf(gi);
          return (
            <g key={g.periodId ?? "normal"} className={`attain-series attain-series-${gi % SERIES.length}`}>
              {d ? <path d={d.trim()} strokeDasharray={dash} className="attain-line" /> : null}
              <g className="attain-marker">
                {g.share.map((s, i) =>
                  s === null ? null : (
                    <g key={months[i]}>
                      <title>{`${g.label}, ${monthLabel(months[i]!)}: ${formatShare(s)} met`}</title>
                      <Marker shape={shape} x={x(i)} y={y(s)} />
                    </g>
                  ),
                )}
              </g>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/* ---------- the tables ---------- */

function Cell({ cell, month }: { cell: Measurement | null; month: string }) {
  if (!cell) {
    return (
      <td className="attain-cell attain-none">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">not measured</span>
      </td>
    );
  }
  const shown = formatValue(cell.kind, cell.value, cell.met);
  // A level stated in words already says "Met" or "Missed"; a number says it beside the glyph.
  const inWords = cell.kind === "text" || cell.value === null;
  const verdict = cell.met ? "met" : "missed";
  return (
    <td className={`attain-cell ${cell.met ? "attain-met" : "attain-missed"}`} title={`${monthLabel(month)}: ${shown}, ${verdict} (target ${targetWords(cell.kind, cell.target)})`}>
      <span className="attain-glyph" aria-hidden="true">
        {cell.met ? "✓" : "✗"}
      </span>
      {shown}
      {inWords ? null : <span className="visually-hidden">{` ${verdict}`}</span>}
    </td>
  );
}

function GroupTable({ group, months }: { group: AttainmentGroup; months: readonly string[] }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const met = group.levels.reduce((n, l) => n + l.met, 0);
  const measured = group.levels.reduce((n, l) => n + l.measured, 0);
  return (
    // Wide tables scroll sideways on a phone; the scroller takes the focus so a keyboard can scroll it
    // (a scrolling region with nothing focusable inside must be focusable itself).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap attain-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="table attain-table">
        <caption id={`${id}-caption`}>
          <span className="attain-caption">{group.label}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col" className="attain-level">
              Service level
            </th>
            {months.map((m) => (
              <th key={m} scope="col" className="attain-month">
                <span aria-hidden="true">{monthShort(m)}</span>
                <span className="visually-hidden">{monthLabel(m)}</span>
              </th>
            ))}
            <th scope="col" className="attain-total">
              Met
            </th>
          </tr>
        </thead>
        <tbody>
          {group.levels.map((row) => (
            <tr key={row.level.id}>
              <th scope="row" className="attain-level">
                {row.level.measure}
                <span className="attain-target">{targetWords(row.level.kind, row.level.target)}</span>
              </th>
              {row.cells.map((c, i) => (
                <Cell key={months[i]} cell={c} month={months[i]!} />
              ))}
              <td className="attain-total">{row.measured ? `${row.met} of ${row.measured}` : "—"}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="attain-level">
              Levels met
            </th>
            {group.share.map((s, i) => (
              <td key={months[i]} className="attain-cell attain-share">
                {formatShare(s)}
              </td>
            ))}
            <td className="attain-total">{measured ? `${met} of ${measured}` : "—"}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/**
 * Attainment month by month: a table per group (normal time, then each critical period), a row
 * per service level with its target, a column per month (oldest first) showing each measured value
 * marked met or missed, and how many measured months met the target. Nothing when there are no groups.
 */
export function AttainmentTable({ groups, months }: { groups: readonly AttainmentGroup[]; months: readonly string[] }) {
  if (!groups.length) return null;
  return (
    <div className="attain-tables">
      {groups.map((g) => (
        <GroupTable key={g.periodId ?? "normal"} group={g} months={months} />
      ))}
    </div>
  );
}
