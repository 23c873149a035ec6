import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** A number with what it counts, its edge coloured by tone. */
export function StatTile({ value, label, tone = "neutral" }: { value: number | string; label: string; tone?: "success" | "warning" | "danger" | "neutral" }) {
  return (
    <div className={`home-tile stat home-tile-${tone}`}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

/** "All 12 drafts" under a list that shows the first few; or the plain link when nothing is left out. */
export function MoreLink({ to, shown, total, all, children }: { to: string; shown: number; total: number; all: (total: number) => string; children?: ReactNode }) {
  return <p className="home-more small">{total > shown ? <Link to={to}>{all(total)}</Link> : <Link to={to}>{children}</Link>}</p>;
}

/** A small heading inside a panel. */
export function Subhead({ children }: { children: ReactNode }) {
  return <h3 className="home-subhead">{children}</h3>;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
