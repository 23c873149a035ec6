import { NavLink } from "@remix-run/react";

/** Navigation tabs between sibling pages; the current one is marked for assistive tech. */
export function Tabs({ label, items }: { label: string; items: { to: string; label: string; end?: boolean }[] }) {
  return (
    <nav aria-label={label} className="tabs">
      {items.map((item) => (
        <NavLink key={item.to} to={item.to} end={item.end ?? true} className="tab" prefetch="intent">
          {item.label}
        </NavLink>
      ))}
    </nav>
  );
}
