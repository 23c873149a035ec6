import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { ButtonLink } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { PageHeader } from "../components/ui/page-header";
import { Table } from "../components/ui/table";
import { formatLongDate } from "../domain/format";
import { can } from "../domain/roles";
import { PHASE_LABELS, PHASE_TONES } from "../domain/survey";
import { listSurveys } from "../models/survey.server";
import surveyStyles from "../styles/surveys.css";
import { requireUser } from "../utils/auth.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export const meta: MetaFunction = () => [{ title: "Surveys · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:read" });
  const surveys = await listSurveys();
  return json({ surveys, canCreate: can(user.role, "interviews:plan") });
}

const rate = (sent: number, invited: number) => (invited ? `${Math.round((sent / invited) * 100)}%` : "—");

export default function Surveys() {
  const { surveys, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Surveys"
        description="A guide sent to many stakeholders at once: each answers it through a personal link, and their answers become evidence like any interview's."
        actions={canCreate ? <ButtonLink to="/surveys/new">Send a survey</ButtonLink> : null}
      />
      {surveys.length === 0 ? (
        <EmptyState title="No surveys yet" action={canCreate ? <ButtonLink to="/surveys/new">Send a survey</ButtonLink> : undefined}>
          Not every stakeholder gets an hour with a relationship manager: a survey asks many at once.
        </EmptyState>
      ) : (
        <Table caption={`${surveys.length} survey${surveys.length === 1 ? "" : "s"}`}>
          <thead>
            <tr>
              <th scope="col">Survey</th>
              <th scope="col">Status</th>
              <th scope="col">Open</th>
              <th scope="col" className="num">
                Sent answers
              </th>
              <th scope="col" className="num">
                Response rate
              </th>
              <th scope="col">Sent by</th>
            </tr>
          </thead>
          <tbody>
            {surveys.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/surveys/${s.id}`}>{s.title}</Link>
                  <div className="small muted">
                    {s.guideTitle}
                    {s.anonymous ? " · anonymous" : ""}
                  </div>
                </td>
                <td>
                  <Badge tone={PHASE_TONES[s.phase]}>{PHASE_LABELS[s.phase]}</Badge>
                </td>
                <td className="nowrap">
                  {formatLongDate(s.opensOn)} to {formatLongDate(s.closesOn)}
                </td>
                <td className="num">
                  {s.submitted} of {s.invited}
                </td>
                <td className="num">{rate(s.submitted, s.invited)}</td>
                <td>{s.ownerName}</td>
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
