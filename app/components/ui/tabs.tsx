import { Link, NavLink } from "@remix-run/react";

export interface TabItem {
  to: string;
  label: string;
  end?: boolean;
  /** Set when the current tab depends on more than the path (a search parameter). */
  current?: boolean;
}

/** Navigation tabs between sibling views; the current one is marked for assistive tech. */
export function Tabs({ label, items }: { label: string; items: TabItem[] }) {
  return (
    <nav aria-label={label} className="tabs">
      {items.map((item) =>
        item.current === undefined ? (
          <NavLink key={item.to} to={item.to} end={item.end ?? true} className="tab" prefetch="intent">
            {item.label}
          </NavLink>
        ) : (
          <Link key={item.to} to={item.to} className="tab" aria-current={item.current ? "page" : undefined} prefetch="intent">
            {item.label}
          </Link>
        ),
      )}
    </nav>
  );
}
