import { useId } from "react";

/** "1,250", "12.5", "0.33": at most two decimals, thousands grouped (the same text on server and browser). */
export function formatNumber(n: number): string {
  const [whole, fraction] = (Math.round(n * 100) / 100).toString().split(".");
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction ? `.${fraction}` : ""}`;
}

/** "1 day", not "1 days": a plain plural unit loses its s for exactly one. */
const singular = (unit: string) => (/[^s]s$/.test(unit) && !/\s/.test(unit) ? unit.slice(0, -1) : unit);

const W = 380;
const H = 64;
const PAD = 24;
const AXIS = 38;

/**
 * Numbers given: the range from lowest to highest as a band, each answer a dot (dots that fall
 * together darken), and the median marked. The words below say the same for everyone.
 */
export function NumberRange({ caption, values, median, min, max, unit }: { caption: string; values: readonly number[]; median: number; min: number; max: number; unit: string }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const withUnit = (n: number) => `${formatNumber(n)}${unit ? ` ${n === 1 ? singular(unit) : unit}` : ""}`;
  const span = max - min;
  const x = (v: number) => (span === 0 ? W / 2 : PAD + ((v - min) / span) * (W - 2 * PAD));
  const said = `Median ${withUnit(median)}; lowest ${withUnit(min)}, highest ${withUnit(max)}; ${values.length} ${values.length === 1 ? "answer" : "answers"}.`;
  return (
    <figure className="sr-chart">
      <svg className="sr-number" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`}>
        <title id={`${id}-t`}>{caption}</title>
        <desc id={`${id}-d`}>{said}</desc>
        <line x1={PAD} x2={W - PAD} y1={AXIS} y2={AXIS} className="sr-number-axis" />
        <rect x={x(min) - 2} y={AXIS - 6} width={Math.max(4, x(max) - x(min) + 4)} height={12} rx={6} className="sr-number-range" />
        {values.map((v, i) => (
          <circle key={i} cx={x(v)} cy={AXIS} r={4} className="sr-number-dot" />
        ))}
        <line x1={x(median)} x2={x(median)} y1={AXIS - 14} y2={AXIS + 10} className="sr-number-median" />
        <text x={x(median)} y={AXIS - 18} textAnchor={x(median) < 90 ? "start" : x(median) > W - 90 ? "end" : "middle"} className="sr-number-median-label">
          {`Median ${withUnit(median)}`}
        </text>
        {span === 0 ? null : (
          <>
            <text x={x(min)} y={AXIS + 22} textAnchor="start" className="sr-number-tick">
              {withUnit(min)}
            </text>
            <text x={x(max)} y={AXIS + 22} textAnchor="end" className="sr-number-tick">
              {withUnit(max)}
            </text>
          </>
        )}
      </svg>
      <dl className="sr-figures">
        <div>
          <dt>Median</dt>
          <dd>{withUnit(median)}</dd>
        </div>
        <div>
          <dt>Lowest</dt>
          <dd>{withUnit(min)}</dd>
        </div>
        <div>
          <dt>Highest</dt>
          <dd>{withUnit(max)}</dd>
        </div>
      </dl>
    </figure>
  );
}
