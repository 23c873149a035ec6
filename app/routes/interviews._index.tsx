import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { Button, ButtonLink } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { Field, SelectField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Table } from "../components/ui/table";
import { Tabs } from "../components/ui/tabs";
import {
  addDays,
  formatLocal,
  interviewFilterSchema,
  INTERVIEW_STATUSES,
  STATUS_LABELS,
  STATUS_TONES,
  utcToZoned,
  weekOf,
  zonedToUtc,
} from "../domain/interview";
import { can } from "../domain/roles";
import { unitOptions } from "../models/business-unit.server";
import { interviewerOptions, listInterviews } from "../models/interview.server";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Interviews · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:read" });
  const url = new URL(request.url);
  const f = interviewFilterSchema.parse(Object.fromEntries(url.searchParams));
  const view = f.view === "week" ? "week" : "list";
  const days = weekOf(f.week ?? utcToZoned(new Date()).date);
  const range =
    view === "week"
      ? { from: zonedToUtc(days[0]!, "00:00"), to: zonedToUtc(addDays(days[6]!, 1), "00:00") }
      : { from: f.from ? zonedToUtc(f.from, "00:00") : undefined, to: f.to ? zonedToUtc(addDays(f.to, 1), "00:00") : undefined };
  const [rows, units, interviewers] = await Promise.all([
    listInterviews({
      viewer: user,
      filter: { status: f.status || undefined, unitId: f.unit || undefined, interviewerId: f.interviewer || undefined, ...range },
    }),
    unitOptions(),
    interviewerOptions(),
  ]);
  return json({
    view,
    days,
    filter: { status: f.status ?? "", unit: f.unit ?? "", interviewer: f.interviewer ?? "", from: f.from ?? "", to: f.to ?? "" },
    interviews: rows.map((r) => ({ ...r, when: formatLocal(r.scheduledAt), day: utcToZoned(r.scheduledAt).date, time: utcToZoned(r.scheduledAt).time })),
    units: units.map((u) => ({ value: u.id, label: u.name })),
    interviewers: interviewers.map((u) => ({ value: u.id, label: u.name })),
    canPlan: can(user.role, "interviews:plan"),
  });
}

const statusOptions = INTERVIEW_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export default function Interviews() {
  const data = useLoaderData<typeof loader>();
  const { view, days, filter, interviews, canPlan } = data;
  const exportQuery = new URLSearchParams(Object.entries({ unit: filter.unit, from: filter.from, to: filter.to }).filter(([, v]) => v)).toString();
  const exportHref = `/interviews/answers.csv${exportQuery ? `?${exportQuery}` : ""}`;
  return (
    <>
      <PageHeader
        title="Interviews"
        description="Conversations with the business, planned and held. Times are UK time."
        actions={
          <>
            <ButtonLink to="/interviews/coverage" variant="secondary">
              Coverage
            </ButtonLink>
            <a className="btn btn-secondary" href={exportHref} download>
              Export answers (CSV)
            </a>
            {canPlan ? <ButtonLink to="/interviews/new">Plan an interview</ButtonLink> : null}
          </>
        }
      />
      <Tabs
        label="Interview views"
        items={[
          { to: "/interviews", label: "List", current: view === "list" },
          { to: "/interviews?view=week", label: "Week", current: view === "week" },
        ]}
      />
      {view === "list" ? (
        <Form method="get" className="filters" aria-label="Filter interviews">
          <SelectField label="Status" name="status" defaultValue={filter.status} options={statusOptions} placeholder="Any status" />
          <SelectField label="Business unit" name="unit" defaultValue={filter.unit} options={data.units} placeholder="All units" />
          <SelectField label="Interviewer" name="interviewer" defaultValue={filter.interviewer} options={data.interviewers} placeholder="Anyone" />
          <Field label="From" name="from" type="date" defaultValue={filter.from} />
          <Field label="To" name="to" type="date" defaultValue={filter.to} />
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </Form>
      ) : (
        <nav className="row week-nav" aria-label="Weeks">
          <Link to={`/interviews?view=week&week=${addDays(days[0]!, -7)}`}>← Previous week</Link>
          <strong>
            Week of {formatLocal(`${days[0]}T12:00:00Z`).replace(/, \d\d:\d\d$/, "")}
          </strong>
          <Link to={`/interviews?view=week&week=${addDays(days[0]!, 7)}`}>Next week →</Link>
        </nav>
      )}
      {view === "week" ? (
        <div className="week">
          {days.map((day, i) => {
            const today = interviews.filter((iv) => iv.day === day);
            return (
              <section key={day} className="week-day" aria-label={`${DAY_NAMES[i]} ${day}`}>
                <h2 className="week-day-title">
                  {DAY_NAMES[i]} <span className="muted">{day.slice(8)}</span>
                </h2>
                {today.length === 0 ? <p className="muted small">—</p> : null}
                {today.map((iv) => (
                  <Link key={iv.id} to={`/interviews/${iv.id}`} className={`week-item week-item-${iv.status}`}>
                    <strong>{iv.time}</strong> {iv.unitName}
                    <span className="small">{iv.stakeholders}</span>
                  </Link>
                ))}
              </section>
            );
          })}
        </div>
      ) : interviews.length === 0 ? (
        <EmptyState title="No interviews match" action={canPlan ? <ButtonLink to="/interviews/new">Plan an interview</ButtonLink> : undefined}>
          Interviews you and other relationship managers plan appear here, soonest first.
        </EmptyState>
      ) : (
        <Table caption={`${interviews.length} interview${interviews.length === 1 ? "" : "s"}`}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Business unit</th>
              <th scope="col">Stakeholders</th>
              <th scope="col">Interviewer</th>
              <th scope="col">Guide</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {interviews.map((iv) => (
              <tr key={iv.id}>
                <td>
                  <Link to={`/interviews/${iv.id}`}>{iv.when}</Link>
                  {iv.private ? <div className="small muted">Private</div> : null}
                </td>
                <td>{iv.unitName}</td>
                <td>{iv.stakeholders}</td>
                <td>{iv.interviewerName}</td>
                <td>
                  {iv.guideTitle} <span className="muted small">v{iv.guideNumber}</span>
                </td>
                <td>
                  <Badge tone={STATUS_TONES[iv.status]}>{STATUS_LABELS[iv.status]}</Badge>
                </td>
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
