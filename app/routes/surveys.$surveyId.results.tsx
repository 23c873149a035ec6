import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { useHydrated } from "../components/guide/question-input";
import { QuestionResults } from "../components/survey/results-question";
import { Badge } from "../components/ui/badge";
import { Button } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { SelectField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { formatLongDate } from "../domain/format";
import { surveyResultsFilterSchema, type ResultsFilter } from "../domain/survey";
import { MIN_ANONYMOUS_GROUP, WITHHELD_GROUP_MESSAGE } from "../domain/survey-results";
import { surveyResults } from "../models/survey-results.server";
import questionStyles from "../styles/question-text.css";
import resultsStyles from "../styles/survey-results.css";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { queryOf } from "../utils/request.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: questionStyles },
  { rel: "stylesheet", href: resultsStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Results: ${data?.survey.title ?? "survey"} · Surveys · Charter` }];

/** What the sent responses add up to, question by question, for everyone or one unit and level. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "interviews:read" });
  const surveyId = requireIdParam(params.surveyId);
  // Values that are not a unit id or a level are ignored rather than refused: the page shows everyone.
  const query = surveyResultsFilterSchema.parse(queryOf(request));
  const filter: ResultsFilter = { unit: query.unit?.toLowerCase() ?? "", level: query.level ?? "" };
  const found = await surveyResults({ surveyId, filter });
  if (!found) throw notFound("That survey does not exist.");
  return json(found);
}

export default function SurveyResults() {
  const data = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const { survey, results, filter, options } = data;
  const filtered = Boolean(filter.unit || filter.level);
  const level = options.levels.find((l) => l.value === filter.level)?.label.toLowerCase();
  const groupName = [options.units.find((u) => u.value === filter.unit)?.label, level ? `${level} level` : ""].filter(Boolean).join(", ");
  return (
    <>
      <PageHeader
        title={`Results: ${survey.title}`}
        description={
          <>
            {formatLongDate(survey.opensOn)} to {formatLongDate(survey.closesOn)} · {data.guide.title}, version {data.guide.number} ·{" "}
            <Badge tone={survey.anonymous ? "info" : "neutral"}>{survey.anonymous ? "Anonymous" : "Named"}</Badge>
          </>
        }
        breadcrumbs={[
          { to: "/surveys", label: "Surveys" },
          { to: `/surveys/${survey.id}`, label: survey.title },
        ]}
        actions={
          hydrated && results.visibility === "shown" ? (
            <button type="button" className="btn btn-secondary no-print" onClick={() => window.print()}>
              Print
            </button>
          ) : null
        }
      />
      <div className="stack-lg">
        <section className="panel sr-overview" aria-label="Responses and filters">
          <div className="sr-basis">
            <p className="sr-basis-figure">
              {results.respondents === null ? (
                `Fewer than ${MIN_ANONYMOUS_GROUP} sent responses`
              ) : (
                <>
                  <strong>{results.respondents}</strong> {results.respondents === 1 ? "sent response" : "sent responses"}
                </>
              )}
            </p>
            <p className="small muted">
              {filtered ? `From ${groupName}; ${data.sent} sent in all. ` : "Answers still being written are not counted. "}
              {survey.anonymous ? `Anonymous: no names are shown, and nothing from fewer than ${MIN_ANONYMOUS_GROUP} people.` : "Named: each written answer shows who gave it."}
            </p>
          </div>
          <Form method="get" className="filters sr-filters no-print" aria-label="Filter the results" preventScrollReset>
            <SelectField label="Business unit" name="unit" defaultValue={filter.unit} options={options.units} placeholder="All units" />
            <SelectField label="Level" name="level" defaultValue={filter.level} options={options.levels} placeholder="All levels" />
            <Button type="submit" variant="secondary">
              Show
            </Button>
            {filtered ? (
              <Link to={`/surveys/${survey.id}/results`} className="sr-clear">
                Show everyone
              </Link>
            ) : null}
          </Form>
        </section>

        {results.visibility === "withheld" ? (
          <div className="sr-withheld sr-withheld-group" role="status">
            <p className="sr-withheld-title">Not shown</p>
            <p>{WITHHELD_GROUP_MESSAGE}</p>
            {filtered ? <p className="small">Choose a wider group, or show everyone.</p> : null}
          </div>
        ) : results.visibility === "none" ? (
          <EmptyState title={filtered ? "No sent responses from this group" : "No sent responses yet"}>
            {filtered ? "Nobody in this unit and level has sent their answers. Choose another group, or show everyone." : "Results appear here as people send their answers; answers still being written are not counted."}
          </EmptyState>
        ) : (
          results.sections.map((section, i) => (
            <Panel key={section.id} title={`${i + 1}. ${section.title}`}>
              <div className="sr-questions">
                {section.questions.map((q) => (
                  <QuestionResults key={q.id} question={q} respondents={results.respondents ?? 0} />
                ))}
              </div>
            </Panel>
          ))
        )}
        <p className="no-print">
          <Link to={`/surveys/${survey.id}`}>Back to the survey</Link>
        </p>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
