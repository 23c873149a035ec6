import type { Bar, BordaRow } from "../../domain/survey-results";
import { ordinal } from "../../domain/format";

export const percent = (share: number) => `${Math.round(share * 100)}%`;
const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

/**
 * One bar. Its length is an SVG attribute: the content security policy refuses inline styles, and
 * an SVG stretched to its cell scales with the page and prints as drawn.
 */
export function Track({ fraction }: { fraction: number }) {
  const width = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0)) * 100;
  return (
    <svg className="sr-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect className="sr-track-bg" x="0" y="0" width="100" height="10" />
      {width > 0 ? <rect className="sr-track-fill" x="0" y="0" width={Math.max(width, 0.8)} height="10" /> : null}
    </svg>
  );
}

/**
 * How many chose each option (or scale point, or month), as bars whose length is the share of the
 * people who answered. The bars are drawn for the eye; a table carries the same figures for
 * screen readers.
 */
export function BarChart({ caption, bars, labelHeader = "Answer" }: { caption: string; bars: readonly Bar[]; labelHeader?: string }) {
  return (
    <figure className="sr-chart">
      <ul className="sr-bars" aria-hidden="true">
        {bars.map((b) => (
          <li key={b.key} className={b.count ? "sr-bar" : "sr-bar sr-bar-zero"}>
            <span className="sr-bar-label">{b.label}</span>
            <Track fraction={b.share} />
            <span className="sr-bar-value">
              <strong>{b.count}</strong> <span className="muted">{percent(b.share)}</span>
            </span>
          </li>
        ))}
      </ul>
      <div className="visually-hidden">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col">People</th>
              <th scope="col">Share of those who answered</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.key}>
                <th scope="row">{b.label}</th>
                <td>{people(b.count)}</td>
                <td>{percent(b.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** A ranking added up by the Borda count: each option's place, points and how many put it first, the bars relative to the leader. */
export function RankingChart({ caption, rows }: { caption: string; rows: readonly (BordaRow & { label: string })[] }) {
  const top = Math.max(1, ...rows.map((r) => r.points));
  return (
    <figure className="sr-chart">
      <ol className="sr-bars sr-ranking" aria-hidden="true">
        {rows.map((r) => (
          <li key={r.option} className="sr-bar">
            <span className="sr-bar-label">
              <span className="sr-place">{ordinal(r.place)}</span> {r.label}
            </span>
            <Track fraction={r.points / top} />
            <span className="sr-bar-value">
              <strong>{r.points}</strong> {r.points === 1 ? "pt" : "pts"}
            </span>
            <span className="sr-firsts">{r.firsts ? `${r.firsts} ${r.firsts === 1 ? "first" : "firsts"}` : ""}</span>
          </li>
        ))}
      </ol>
      <div className="visually-hidden">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Option</th>
              <th scope="col">Points</th>
              <th scope="col">Ranked first by</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.option}>
                <td>{ordinal(r.place)}</td>
                <th scope="row">{r.label}</th>
                <td>{r.points}</td>
                <td>{people(r.firsts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
