import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export function PageHeader({
  title,
  description,
  actions,
  breadcrumbs,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  breadcrumbs?: { to: string; label: string }[];
}) {
  return (
    <>
      {breadcrumbs?.length ? (
        <nav aria-label="Breadcrumb" className="breadcrumbs">
          <ol>
            {breadcrumbs.map((b) => (
              <li key={b.to}>
                <Link to={b.to}>{b.label}</Link>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          {description ? <p className="page-header-description">{description}</p> : null}
        </div>
        {actions ? <div className="row">{actions}</div> : null}
      </header>
    </>
  );
}
