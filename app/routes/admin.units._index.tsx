import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { ButtonLink } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { PageHeader } from "../components/ui/page-header";
import { Table } from "../components/ui/table";
import { listBusinessUnits } from "../models/business-unit.server";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Business units · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "units:manage" });
  return json({ units: await listBusinessUnits() });
}

export default function Units() {
  const { units } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Business units"
        description="The parts of the business Charter partners with. Stakeholders and business leads belong to one."
        actions={<ButtonLink to="/admin/units/new">Add a business unit</ButtonLink>}
      />
      {units.length === 0 ? (
        <EmptyState title="No business units yet" action={<ButtonLink to="/admin/units/new">Add the first one</ButtonLink>}>
          Add the units you will interview, such as Retail Banking or Finance.
        </EmptyState>
      ) : (
        <Table caption="Business units" hideCaption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Code</th>
              <th scope="col">Users</th>
              <th scope="col">Stakeholders</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/units/${u.id}`}>{u.name}</Link>
                  {u.description ? <div className="muted small">{u.description}</div> : null}
                </td>
                <td>
                  <code>{u.code}</code>
                </td>
                <td>{u.userCount}</td>
                <td>
                  <Link to={`/stakeholders?unit=${u.id}`}>{u.stakeholderCount}</Link>
                </td>
                <td>{u.archivedAt ? <Badge>Archived</Badge> : <Badge tone="success">Active</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
