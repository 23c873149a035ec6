/** Roles, what each may do, and the navigation that follows from it. Pure: shared by client and server. */
export const ROLES = ["admin", "relationship_manager", "business_lead", "executive"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  relationship_manager: "Relationship manager",
  business_lead: "Business lead",
  executive: "Executive",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Manages users, business units, stakeholders and the workspace; can do everything.",
  relationship_manager:
    "Plans and runs interviews, turns answers into needs, drafts service definitions and sends them for sign-off.",
  business_lead: "Owns a business unit's needs, scores them in prioritisation rounds and comments on drafts.",
  executive: "Reads service definitions and approves or rejects them.",
};

export type Capability =
  | "users:manage"
  | "units:manage"
  | "stakeholders:read"
  | "stakeholders:manage"
  | "audit:read"
  | "guides:read"
  | "guides:manage"
  | "interviews:read"
  | "interviews:plan"
  | "interviews:run"
  | "needs:read"
  | "needs:edit"
  | "needs:comment"
  | "rounds:read"
  | "rounds:manage"
  | "services:read"
  | "services:edit"
  | "mail:manage";

const GRANTS: Record<Capability, readonly Role[]> = {
  "users:manage": [],
  "units:manage": [],
  "stakeholders:read": ["relationship_manager"],
  "stakeholders:manage": ["relationship_manager"],
  "audit:read": [],
  "guides:read": ["relationship_manager"],
  "guides:manage": ["relationship_manager"],
  "interviews:read": ["relationship_manager"],
  "interviews:plan": ["relationship_manager"],
  "interviews:run": ["relationship_manager"],
  // Business leads read and comment on the needs of their own unit (the models scope the rows).
  "needs:read": ["relationship_manager", "business_lead"],
  "needs:edit": ["relationship_manager"],
  "needs:comment": ["relationship_manager", "business_lead"],
  // Leads score and executives observe the rounds they are in (the models scope the rows).
  "rounds:read": ["relationship_manager", "business_lead", "executive"],
  "rounds:manage": ["relationship_manager"],
  // Everyone reads the portfolio and the definitions; relationship managers write them.
  "services:read": ["relationship_manager", "business_lead", "executive"],
  "services:edit": ["relationship_manager"],
  // The outbox shows every message to anyone: admins only.
  "mail:manage": [],
};

/** Admin may do everything; other roles only what GRANTS gives them. */
export function can(role: Role, capability: Capability): boolean {
  return role === "admin" || GRANTS[capability].includes(role);
}

export interface NavItem {
  to: string;
  label: string;
  capability?: Capability;
  group: "main" | "admin";
}

export const NAVIGATION: readonly NavItem[] = [
  { to: "/", label: "Home", group: "main" },
  { to: "/interviews", label: "Interviews", capability: "interviews:read", group: "main" },
  { to: "/surveys", label: "Surveys", capability: "interviews:read", group: "main" },
  { to: "/needs", label: "Needs", capability: "needs:read", group: "main" },
  { to: "/rounds", label: "Prioritisation", capability: "rounds:read", group: "main" },
  { to: "/services", label: "Services", capability: "services:read", group: "main" },
  { to: "/signoff", label: "Sign-off", capability: "services:read", group: "main" },
  { to: "/guides", label: "Interview guides", capability: "guides:read", group: "main" },
  { to: "/stakeholders", label: "Stakeholders", capability: "stakeholders:read", group: "main" },
  { to: "/admin/users", label: "Users", capability: "users:manage", group: "admin" },
  { to: "/admin/units", label: "Business units", capability: "units:manage", group: "admin" },
  { to: "/admin/audit", label: "Audit trail", capability: "audit:read", group: "admin" },
  { to: "/admin/outbox", label: "Outbox", capability: "mail:manage", group: "admin" },
];

export function navigationFor(role: Role): NavItem[] {
  return NAVIGATION.filter((item) => !item.capability || can(role, item.capability));
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
