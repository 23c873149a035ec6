import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { ButtonLink } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { AUDIT_KIND_LABELS, isAuditKind } from "../domain/audit";
import { formatUtc } from "../domain/format";
import { ROLE_LABELS } from "../domain/roles";
import { addDays, formatLocal, STATUS_LABELS, type InterviewStatus, STATUS_TONES, utcToZoned, weekOf, zonedToUtc } from "../domain/interview";
import { adminOverview, unitName } from "../models/home.server";
import { listNeeds } from "../models/need-board.server";
import { NeedLink, NeedStatusBadge } from "../components/needs/need-bits";
import { needFilterSchema, supportLine, type NeedStatus } from "../domain/need";
import { listInterviews } from "../models/interview.server";
import { inboxFor, requestsToFollow, type InboxRow, type SubmittedRow } from "../models/signoff-read.server";
import { InboxList } from "../components/signoff/inbox-list";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Home · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const firstName = user.name.split(" ")[0] ?? user.name;
  if (user.role === "admin") {
    return json({ role: user.role, firstName, unit: null, admin: await adminOverview(), week: [] as WeekItem[], needs: null, inbox: [] as InboxRow[], waiting: [] as SubmittedRow[] });
  }
  const week: WeekItem[] =
    user.role === "relationship_manager"
      ? (await listInterviews({ viewer: user, filter: { interviewerId: user.id, ...thisWeek() } })).map((i) => ({
          id: i.id,
          when: formatLocal(i.scheduledAt),
          unitName: i.unitName,
          stakeholders: i.stakeholders,
          status: i.status,
        }))
      : [];
  // A business lead sees the needs of their unit with the most support first.
  const needs = user.role === "business_lead" ? await listNeeds({ viewer: user, filter: needFilterSchema.parse({}) }) : null;
  // Documents waiting on this person's decision; for relationship managers, their requests waiting on others.
  const [inbox, waiting] = await Promise.all([
    inboxFor(user.id).then((rows) => rows.filter((r) => r.asked)),
    user.role === "relationship_manager" ? requestsToFollow({ submittedBy: user.id }).then((rows) => rows.filter((r) => r.status === "pending")) : Promise.resolve([] as SubmittedRow[]),
  ]);
  return json({ role: user.role, firstName, unit: await unitName(user.businessUnitId), admin: null, week, needs: needs && { rows: needs.rows.slice(0, 5), total: needs.total }, inbox, waiting });
}

function thisWeek() {
  const days = weekOf(utcToZoned(new Date()).date);
  return { from: zonedToUtc(days[0]!, "00:00"), to: zonedToUtc(addDays(days[6]!, 1), "00:00") };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={`Welcome, ${data.firstName}`} description={`${ROLE_LABELS[data.role]}${data.unit ? ` · ${data.unit}` : ""}`} />
      {data.role === "admin" && data.admin ? <AdminHome admin={data.admin} /> : null}
      {data.role === "relationship_manager" ? <RelationshipManagerHome week={data.week} waiting={data.waiting} inbox={data.inbox} /> : null}
      {data.role === "business_lead" ? <BusinessLeadHome unit={data.unit} needs={data.needs} inbox={data.inbox} /> : null}
      {data.role === "executive" ? <ExecutiveHome inbox={data.inbox} /> : null}
    </>
  );
}

type AdminData = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["admin"]>;

function AdminHome({ admin }: { admin: AdminData }) {
  const { counts, recent } = admin;
  return (
    <div className="stack-lg">
      <div className="grid-3">
        <Panel>
          <div className="stat">
            <span className="stat-value">{counts.activeUsers}</span>
            <span className="stat-label">active users{counts.pendingPasswords ? ` · ${counts.pendingPasswords} yet to choose a password` : ""}</span>
          </div>
          <Link to="/admin/users">Manage users</Link>
        </Panel>
        <Panel>
          <div className="stat">
            <span className="stat-value">{counts.units}</span>
            <span className="stat-label">business units</span>
          </div>
          <Link to="/admin/units">Manage business units</Link>
        </Panel>
        <Panel>
          <div className="stat">
            <span className="stat-value">{counts.stakeholders}</span>
            <span className="stat-label">stakeholders to interview</span>
          </div>
          <Link to="/stakeholders">See stakeholders</Link>
        </Panel>
      </div>
      <Panel title="Latest activity">
        {recent.length === 0 ? (
          <EmptyState title="Nothing has happened yet">Every change in the workspace will be listed here and in the audit trail.</EmptyState>
        ) : (
          <>
            <ul className="stack small">
              {recent.map((e) => (
                <li key={e.seq}>
                  <strong>{isAuditKind(e.kind) ? AUDIT_KIND_LABELS[e.kind] : e.kind}</strong> by {e.actorName}{" "}
                  <span className="muted">· {formatUtc(e.at)}</span>
                </li>
              ))}
            </ul>
            <p className="small">
              <Link to="/admin/audit">Open the audit trail ({counts.events} events)</Link>
            </p>
          </>
        )}
      </Panel>
    </div>
  );
}

interface WeekItem {
  id: string;
  when: string;
  unitName: string;
  stakeholders: string;
  status: InterviewStatus;
}

type Waiting = ReturnType<typeof useLoaderData<typeof loader>>["waiting"];
type Inbox = ReturnType<typeof useLoaderData<typeof loader>>["inbox"];

function RelationshipManagerHome({ week, waiting, inbox }: { week: WeekItem[]; waiting: Waiting; inbox: Inbox }) {
  return (
    <div className="grid-2">
      <Panel title="Your interviews this week">
        {week.length === 0 ? (
          <EmptyState title="No interviews this week" action={<ButtonLink to="/interviews/new" size="sm">Plan an interview</ButtonLink>}>
            Interviews you run appear here, soonest first.
          </EmptyState>
        ) : (
          <ul className="stack small">
            {week.map((i) => (
              <li key={i.id}>
                <Link to={`/interviews/${i.id}`}>{i.when}</Link> · {i.unitName} <Badge tone={STATUS_TONES[i.status]}>{STATUS_LABELS[i.status]}</Badge>
                {i.status === "in_progress" ? (
                  <>
                    {" "}
                    · <Link to={`/interviews/${i.id}/run`}>Continue the interview</Link>
                  </>
                ) : null}
                <div className="muted">{i.stakeholders}</div>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title="Answers waiting to become needs">
        <EmptyState title="Nothing to synthesise">
          Answers from completed interviews that have no evidence taken from them yet will be counted here.
        </EmptyState>
      </Panel>
      <Panel title="Sign-off requests waiting on others">
        {waiting.length ? (
          <ul className="inbox">
            {waiting.map((r) => (
              <li key={r.requestId} className="inbox-item">
                <div>
                  <Link to={`/signoff/${r.requestId}`}>
                    {r.serviceName}, version {r.number}
                  </Link>
                  <div className="small muted">
                    Waiting on {r.waitingOn.map((p) => p.name).join(", ") || "nobody"} · {r.decided} of {r.total} decided
                  </div>
                </div>
                {r.overdue ? <Badge tone="danger">Overdue</Badge> : null}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="Nothing waiting">Versions you send for sign-off appear here until everyone has decided.</EmptyState>
        )}
        {inbox.length ? (
          <>
            <h3 className="small">Waiting for your approval</h3>
            <InboxList items={inbox} />
          </>
        ) : null}
      </Panel>
      <Panel title="People to talk to">
        <p className="small">Keep the list of stakeholders current before you plan interviews.</p>
        <ButtonLink to="/stakeholders" variant="secondary" size="sm">
          See stakeholders
        </ButtonLink>
      </Panel>
    </div>
  );
}

function BusinessLeadHome({
  unit,
  needs,
  inbox,
}: {
  inbox: Inbox;
  unit: string | null;
  needs: { rows: { id: string; number: number; statement: string; status: NeedStatus; stakeholderCount: number; unitCount: number }[]; total: number } | null;
}) {
  return (
    <div className="grid-2">
      <Panel title="Rounds to score">
        <EmptyState title="No rounds waiting for you">
          When a relationship manager opens a prioritisation round with you in it, it will appear here with its deadline.
        </EmptyState>
      </Panel>
      <Panel title={unit ? `Needs of ${unit}` : "Needs of your unit"}>
        {needs?.rows.length ? (
          <>
            <ul className="need-list">
              {needs.rows.map((n) => (
                <li key={n.id}>
                  <NeedLink id={n.id} number={n.number} statement={n.statement} /> <NeedStatusBadge status={n.status} />{" "}
                  <span className="muted small">{supportLine(n)}</span>
                </li>
              ))}
            </ul>
            <p className="small">
              <Link to="/needs">All {needs.total} needs of your unit</Link>
            </p>
          </>
        ) : (
          <EmptyState title="No needs recorded yet">
            Needs drawn from interviews with your unit&apos;s people will appear here, with their status and rank.
          </EmptyState>
        )}
      </Panel>
      <Panel title="Documents to approve">
        {inbox.length ? (
          <InboxList items={inbox} />
        ) : (
          <EmptyState title="Nothing to approve">Service definitions sent to you for approval will appear here.</EmptyState>
        )}
      </Panel>
    </div>
  );
}

function ExecutiveHome({ inbox }: { inbox: Inbox }) {
  return (
    <div className="grid-2">
      <Panel title="Awaiting your signature">
        {inbox.length ? (
          <InboxList items={inbox} />
        ) : (
          <EmptyState title="Nothing to sign">Service definitions that their approvers have agreed, and that need your decision, will appear here.</EmptyState>
        )}
      </Panel>
      <Panel title="Portfolio health">
        <EmptyState title="No agreed services yet">
          Once services are agreed, their effectiveness, service levels against target and reviews due will be summarised here.
        </EmptyState>
      </Panel>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
