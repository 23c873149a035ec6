import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { can, ROLE_LABELS, type NavItem, type Role } from "../domain/roles";

export interface ShellUser {
  name: string;
  role: Role;
}

export function AppShell({
  user,
  nav,
  workspaceName,
  children,
}: {
  user: ShellUser;
  nav: NavItem[];
  workspaceName: string;
  children: ReactNode;
}) {
  const main = nav.filter((n) => n.group === "main");
  const admin = nav.filter((n) => n.group === "admin");
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-name">Charter</span>
          <span className="brand-workspace">{workspaceName}</span>
        </Link>
        <div className="usermenu">
          <span>
            <span className="usermenu-name">{user.name}</span> <span className="muted">· {ROLE_LABELS[user.role]}</span>
          </span>
          {can(user.role, "interviews:read") ? (
            <Link to="/account/calendar" className="small">
              Calendar feed
            </Link>
          ) : null}
          <Link to="/account/password" className="small">
            Password
          </Link>
          <Form method="post" action="/logout">
            <button type="submit" className="btn btn-secondary btn-sm">
              Sign out
            </button>
          </Form>
        </div>
      </header>
      <nav className="sidebar" aria-label="Main">
        <NavGroup items={main} />
        {admin.length > 0 ? <NavGroup heading="Administration" items={admin} /> : null}
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <div className="main-inner">{children}</div>
      </main>
    </div>
  );
}

function NavGroup({ heading, items }: { heading?: string; items: NavItem[] }) {
  return (
    <div className="nav-group">
      {heading ? <p className="nav-heading">{heading}</p> : null}
      <ul className="nav-list">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === "/"} className="nav-link" prefetch="intent">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}
