import { useId } from "react";
import { needRef } from "../../domain/need";

export interface ChartPoint {
  needId: string;
  number: number;
  statement: string;
  rank: number;
  /** The round's score (higher matters more). */
  score: number;
  /** IT's estimate in person-days. */
  days: number;
}

const W = 640;
const H = 360;
const PAD = { left: 56, right: 16, top: 16, bottom: 48 };

/** Evenly spread ticks over [lo, hi] on a log scale: 1, 2, 5, 10, 20, 50… */
function logTicks(lo: number, hi: number) {
  const ticks: number[] = [];
  for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++) {
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** p;
      if (t >= lo * 0.999 && t <= hi * 1.001) ticks.push(t);
    }
  }
  return ticks;
}

/**
 * Value against effort: each estimated need as a dot, more important higher,
 * more effort further right (a log scale: 2 days and 200 both fit). Top left is
 * worth doing first. Each dot is labelled with its need number and has a title;
 * the table beside it holds the same figures for those who cannot see the chart.
 */
export function ValueEffortChart({ points, unestimated }: { points: ChartPoint[]; unestimated: number }) {
  const id = useId();
  if (!points.length) {
    return <p className="muted">No need in this round has an effort estimate from IT yet, so there is nothing to plot.</p>;
  }
  const days = points.map((p) => p.days);
  const lo = Math.max(0.5, Math.min(...days) / 1.5);
  const hi = Math.max(...days) * 1.5;
  const scores = points.map((p) => p.score);
  const sLo = Math.min(...scores);
  const sHi = Math.max(...scores);
  const pad = (sHi - sLo || 1) * 0.1;
  const yLo = sLo - pad;
  const yHi = sHi + pad;
  const x = (d: number) => PAD.left + ((Math.log(d) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * (W - PAD.left - PAD.right);
  const y = (s: number) => PAD.top + (1 - (s - yLo) / (yHi - yLo)) * (H - PAD.top - PAD.bottom);
  const midX = x(Math.sqrt(lo * hi));
  const midY = y((yLo + yHi) / 2);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart-svg">
        <title id={`${id}-title`}>Value against effort</title>
        <desc id={`${id}-desc`}>
          {points.length} needs plotted by their score in this round (higher is more important) against IT's effort estimate in person-days (further right is more effort, on a log scale). The table
          below lists the same figures.
        </desc>
        <rect x={PAD.left} y={PAD.top} width={midX - PAD.left} height={midY - PAD.top} className="chart-quadrant" />
        <text x={PAD.left + 6} y={PAD.top + 14} className="chart-note">
          Worth most for least effort
        </text>
        {logTicks(lo, hi).map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={PAD.top} y2={H - PAD.bottom} className="chart-grid" />
            <text x={x(t)} y={H - PAD.bottom + 16} textAnchor="middle" className="chart-tick">
              {t}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="chart-axis" />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} className="chart-axis" />
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 8} textAnchor="middle" className="chart-label">
          IT effort (person-days, log scale)
        </text>
        <text x={14} y={(PAD.top + H - PAD.bottom) / 2} textAnchor="middle" transform={`rotate(-90 14 ${(PAD.top + H - PAD.bottom) / 2})`} className="chart-label">
          Score (higher matters more)
        </text>
        {points.map((p) => (
          <g key={p.needId} className="chart-point">
            <title>{`${needRef(p.number)} ${p.statement}: rank ${p.rank}, score ${p.score.toFixed(2)}, ${p.days} person-days`}</title>
            <circle cx={x(p.days)} cy={y(p.score)} r={6} />
            <text x={x(p.days) + 9} y={y(p.score) + 4} className="chart-tick">
              {needRef(p.number)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="small muted">
        {unestimated ? `${unestimated} ${unestimated === 1 ? "need has" : "needs have"} no effort estimate yet and ${unestimated === 1 ? "is" : "are"} not plotted. ` : ""}
        Hover a dot for its need; the table lists every figure.
      </figcaption>
    </figure>
  );
}
