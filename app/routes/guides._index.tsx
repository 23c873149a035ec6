import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { ButtonLink } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { PageHeader } from "../components/ui/page-header";
import { Table } from "../components/ui/table";
import { can } from "../domain/roles";
import { formatUtc } from "../domain/format";
import { listGuides } from "../models/guide.server";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Interview guides · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "guides:read" });
  return json({ guides: await listGuides(), canManage: can(user.role, "guides:manage") });
}

export default function Guides() {
  const { guides, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Interview guides"
        description="The structured conversations relationship managers have with the business. Publish a version to use it in interviews; published versions never change."
        actions={
          canManage ? (
            <>
              <ButtonLink to="/guides/import" variant="secondary">
                Import a guide
              </ButtonLink>
              <ButtonLink to="/guides/new">New guide</ButtonLink>
            </>
          ) : undefined
        }
      />
      {guides.length === 0 ? (
        <EmptyState title="No guides yet" action={canManage ? <ButtonLink to="/guides/new">Write the first guide</ButtonLink> : undefined}>
          A guide holds the sections and questions of an interview. Write one, or import one exported from another workspace.
        </EmptyState>
      ) : (
        <Table caption="Interview guides" hideCaption>
          <thead>
            <tr>
              <th scope="col">Guide</th>
              <th scope="col">Published</th>
              <th scope="col">Draft</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {guides.map((g) => (
              <tr key={g.id}>
                <td>
                  <Link to={`/guides/${g.id}`}>{g.title}</Link> {g.archivedAt ? <Badge>Archived</Badge> : null}
                  {g.description ? <div className="muted small">{g.description}</div> : null}
                </td>
                <td>{g.published ? <Badge tone="success">Version {g.published}</Badge> : <span className="muted">Not yet</span>}</td>
                <td>{g.draft ? <Badge tone="warning">Version {g.draft} draft</Badge> : <span className="muted">—</span>}</td>
                <td>{formatUtc(g.updatedAt)}</td>
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
