import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { AdminHome } from "../components/home/admin-home";
import { BusinessLeadHome } from "../components/home/business-lead-home";
import { ExecutiveHome } from "../components/home/executive-home";
import { RelationshipManagerHome } from "../components/home/relationship-manager-home";
import { PageHeader } from "../components/ui/page-header";
import { ROLE_LABELS } from "../domain/roles";
import { adminOverview, businessLeadHome, executiveHome, relationshipManagerHome, unitName } from "../models/home.server";
import { requireUser } from "../utils/auth.server";
import homeStyles from "../styles/home.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: homeStyles }];

export const meta: MetaFunction = () => [{ title: "Home · Charter" }];

/** Each role's home: what waits on them today, and a way into the full view of each. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const firstName = user.name.split(" ")[0] ?? user.name;
  const unit = await unitName(user.businessUnitId);
  const base = { firstName, roleLabel: ROLE_LABELS[user.role], unit };
  switch (user.role) {
    case "admin":
      return json({ ...base, view: { role: "admin" as const, data: await adminOverview() } });
    case "relationship_manager":
      return json({ ...base, view: { role: "relationship_manager" as const, data: await relationshipManagerHome(user) } });
    case "business_lead":
      return json({ ...base, view: { role: "business_lead" as const, data: await businessLeadHome(user) } });
    case "executive":
      return json({ ...base, view: { role: "executive" as const, data: await executiveHome(user) } });
  }
}

export default function Home() {
  const { firstName, roleLabel, unit, view } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={`Welcome, ${firstName}`} description={`${roleLabel}${unit ? ` · ${unit}` : ""}`} />
      {view.role === "admin" ? <AdminHome admin={view.data} /> : null}
      {view.role === "relationship_manager" ? <RelationshipManagerHome data={view.data} /> : null}
      {view.role === "business_lead" ? <BusinessLeadHome unit={unit} data={view.data} /> : null}
      {view.role === "executive" ? <ExecutiveHome data={view.data} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
