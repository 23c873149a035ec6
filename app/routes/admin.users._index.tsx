import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { ButtonLink } from "../components/ui/button";
import { PageHeader } from "../components/ui/page-header";
import { Table } from "../components/ui/table";
import { ROLE_LABELS } from "../domain/roles";
import { listUsers } from "../models/user.server";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Users · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "users:manage" });
  return json({ users: await listUsers() });
}

export default function Users() {
  const { users } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Users"
        description="People who sign in to Charter. Each has one role; business leads belong to the unit whose needs they own."
        actions={<ButtonLink to="/admin/users/new">Add a user</ButtonLink>}
      />
      <Table caption={`${users.length} users`} hideCaption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Business unit</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                {u.title ? <div className="muted small">{u.title}</div> : null}
              </td>
              <td>{u.email}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              <td>{u.unitName ?? <span className="muted">—</span>}</td>
              <td>
                {!u.active ? (
                  <Badge tone="neutral">Deactivated</Badge>
                ) : u.mustChangePassword ? (
                  <Badge tone="warning">One-time password</Badge>
                ) : (
                  <Badge tone="success">Active</Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
