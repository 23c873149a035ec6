/** The demo workspace's people and units: plain data, safe to import anywhere. */
import type { Role } from "../../app/domain/roles";

export const DEMO_PASSWORD = "charter-demo";
export const DEMO_WORKSPACE_NAME = "Meridian Bank";

export const DEMO_UNITS = [
  { code: "RB", name: "Retail Banking", description: "Branches, branch staff and everyday banking for personal customers. Branch Banking lives here." },
  { code: "FIN", name: "Finance", description: "Financial control, month-end and year-end close, regulatory reporting." },
  { code: "HR", name: "HR", description: "People services: hiring, onboarding, payroll and learning." },
  { code: "FAC", name: "Facilities", description: "Branch and office buildings, security, cleaning and workplace services." },
  { code: "MKT", name: "Marketing", description: "Campaigns, brand and the customer contact strategy." },
  { code: "IT", name: "IT", description: "Technology services for the bank, and the relationship managers who partner with each unit." },
] as const;

export type UnitCode = (typeof DEMO_UNITS)[number]["code"];

export const DEMO_USERS: { email: string; name: string; title: string; role: Role; unit: UnitCode | null }[] = [
  { email: "admin@meridian.example", name: "Priya Shah", title: "Head of IT Governance", role: "admin", unit: "IT" },
  { email: "rm@meridian.example", name: "Tom Okafor", title: "Business Relationship Manager", role: "relationship_manager", unit: "IT" },
  { email: "rm2@meridian.example", name: "Hannah Weiss", title: "Business Relationship Manager", role: "relationship_manager", unit: "IT" },
  { email: "lead@meridian.example", name: "Maria Lopez", title: "Head of Branch Network", role: "business_lead", unit: "RB" },
  { email: "lead.finance@meridian.example", name: "David Chen", title: "Financial Controller", role: "business_lead", unit: "FIN" },
  { email: "lead.facilities@meridian.example", name: "Grace Mensah", title: "Head of Facilities", role: "business_lead", unit: "FAC" },
  { email: "lead.hr@meridian.example", name: "Helen Carter", title: "Head of People Operations", role: "business_lead", unit: "HR" },
  { email: "exec@meridian.example", name: "Sarah Johnson", title: "Chief Operating Officer", role: "executive", unit: null },
  { email: "cio@meridian.example", name: "James Murray", title: "Chief Information Officer", role: "executive", unit: "IT" },
];

/** The logins printed at start and on the sign-in page of a demo workspace. */
export const DEMO_LOGINS = DEMO_USERS.filter((u) =>
  ["admin@meridian.example", "rm@meridian.example", "lead@meridian.example", "exec@meridian.example"].includes(u.email),
).map((u) => ({ email: u.email, name: u.name, role: u.role, password: DEMO_PASSWORD }));

