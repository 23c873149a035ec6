import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { PageHeader } from "../components/ui/page-header";
import { Table } from "../components/ui/table";
import { formatUtc } from "../domain/format";
import { interviewCoverage } from "../models/interview.server";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Interview coverage · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "interviews:read" });
  return json({ units: await interviewCoverage() });
}

export default function Coverage() {
  const { units } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Interview coverage"
        description="Per business unit: how many of its stakeholders have been interviewed, have an interview planned, or have never been asked."
        breadcrumbs={[{ to: "/interviews", label: "Interviews" }]}
      />
      <Table caption="Coverage by business unit" hideCaption>
        <thead>
          <tr>
            <th scope="col">Business unit</th>
            <th scope="col">Stakeholders</th>
            <th scope="col">Interviewed</th>
            <th scope="col">Planned</th>
            <th scope="col">Never</th>
            <th scope="col">Last interview</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.id}>
              <td>
                <Link to={`/interviews?unit=${u.id}`}>{u.name}</Link>
              </td>
              <td>{u.total}</td>
              <td>{u.interviewed}</td>
              <td>{u.planned}</td>
              <td>{u.never > 0 ? <strong>{u.never}</strong> : 0}</td>
              <td>{u.lastInterview ? formatUtc(u.lastInterview).replace(/, .*$/, "") : <span className="muted">Never</span>}</td>
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
