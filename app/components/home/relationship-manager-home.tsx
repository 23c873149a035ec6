import { Link } from "@remix-run/react";
import { formatLongDate } from "../../domain/format";
import { STATUS_LABELS, STATUS_TONES, type InterviewStatus } from "../../domain/interview";
import { InboxList, type InboxItem } from "../signoff/inbox-list";
import { Badge } from "../ui/badge";
import { ButtonLink } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { MoreLink, plural, Subhead } from "./home-bits";

interface InterviewItem {
  id: string;
  day: string;
  time: string;
  unitName: string;
  stakeholders: string;
  status: InterviewStatus;
}

export interface RelationshipManagerHomeData {
  today: InterviewItem[];
  later: InterviewItem[];
  synthesis: { interviews: { id: string; when: string; unitName: string; stakeholders: string; answers: number; notes: number }[]; total: number };
  drafts: { rows: { id: string; name: string; version: number | null }[]; total: number };
  waiting: { requestId: string; serviceName: string; number: number; waitingOn: { name: string }[]; decided: number; total: number; overdue: boolean }[];
  inbox: InboxItem[];
  reviews: { rows: { id: string; name: string; nextReview: string; ownerName: string; overdue: boolean }[]; total: number; overdue: number };
  suspect: { rows: { id: string; name: string; clauses: number; latest: string }[]; total: number };
  surveys: { id: string; title: string; closesOn: string; invited: number; submitted: number }[];
}

export function RelationshipManagerHome({ data }: { data: RelationshipManagerHomeData }) {
  return (
    <div className="grid-2 home-grid">
      <InterviewsPanel today={data.today} later={data.later} />
      <SynthesisPanel synthesis={data.synthesis} />
      <DraftsPanel drafts={data.drafts} />
      <SignoffPanel waiting={data.waiting} inbox={data.inbox} />
      <ReviewsPanel reviews={data.reviews} />
      <SuspectPanel suspect={data.suspect} />
      <SurveysPanel surveys={data.surveys} />
    </div>
  );
}

function InterviewList({ items, showDay }: { items: InterviewItem[]; showDay: boolean }) {
  return (
    <ul className="inbox">
      {items.map((i) => (
        <li key={i.id} className="inbox-item">
          <div>
            <Link to={`/interviews/${i.id}`}>{showDay ? `${i.day}, ${i.time}` : i.time}</Link> · {i.unitName}
            {i.status === "in_progress" ? (
              <>
                {" "}
                · <Link to={`/interviews/${i.id}/run`}>Continue the interview</Link>
              </>
            ) : null}
            <div className="small muted">{i.stakeholders}</div>
          </div>
          <Badge tone={STATUS_TONES[i.status]}>{STATUS_LABELS[i.status]}</Badge>
        </li>
      ))}
    </ul>
  );
}

function InterviewsPanel({ today, later }: { today: InterviewItem[]; later: InterviewItem[] }) {
  if (!today.length && !later.length) {
    return (
      <Panel title="Your interviews this week">
        <EmptyState title="No more interviews this week" action={<ButtonLink to="/interviews/new" size="sm">Plan an interview</ButtonLink>}>
          Interviews you run today and later this week appear here, soonest first.
        </EmptyState>
      </Panel>
    );
  }
  return (
    <Panel title="Your interviews this week">
      <Subhead>Today</Subhead>
      {today.length ? <InterviewList items={today} showDay={false} /> : <p className="small muted">No interviews today.</p>}
      <Subhead>Later this week</Subhead>
      {later.length ? <InterviewList items={later} showDay /> : <p className="small muted">Nothing else planned this week.</p>}
      <p className="home-more small">
        <Link to="/interviews">All interviews</Link>
      </p>
    </Panel>
  );
}

function SynthesisPanel({ synthesis }: { synthesis: RelationshipManagerHomeData["synthesis"] }) {
  return (
    <Panel title="Answers waiting to become needs">
      {synthesis.interviews.length ? (
        <>
          <ul className="inbox">
            {synthesis.interviews.map((i) => (
              <li key={i.id} className="inbox-item">
                <div>
                  <Link to={`/interviews/${i.id}/evidence`}>
                    {i.unitName}, {i.when}
                  </Link>
                  <div className="small muted">{i.stakeholders}</div>
                  {i.notes ? <div className="small muted">The notes of {plural(i.notes, "section")} are not quoted either.</div> : null}
                </div>
                <Badge tone="warning">{plural(i.answers, "answer")}</Badge>
              </li>
            ))}
          </ul>
          <p className="home-more small muted">
            {synthesis.total > synthesis.interviews.length ? `${plural(synthesis.total - synthesis.interviews.length, "more interview")} waiting. ` : ""}
            Counted from completed interviews: answers with text nobody has quoted as evidence yet.
          </p>
        </>
      ) : (
        <EmptyState title="Nothing to synthesise">Answers from your completed interviews that have no evidence taken from them yet will be counted here.</EmptyState>
      )}
    </Panel>
  );
}

function DraftsPanel({ drafts }: { drafts: RelationshipManagerHomeData["drafts"] }) {
  return (
    <Panel title="Drafts to turn into versions">
      {drafts.rows.length ? (
        <>
          <ul className="inbox">
            {drafts.rows.map((d) => (
              <li key={d.id} className="inbox-item">
                <div>
                  <Link to={`/services/${d.id}`}>{d.name}</Link>
                  <div className="small muted">{d.version === null ? "No version yet" : `Changed since version ${d.version}`}</div>
                </div>
              </li>
            ))}
          </ul>
          <MoreLink to="/services" shown={drafts.rows.length} total={drafts.total} all={(n) => `All ${n} drafts in the portfolio`}>
            Open the portfolio
          </MoreLink>
        </>
      ) : (
        <EmptyState title="Every draft is in a version">Service definitions changed since their last version, or never frozen as one, will appear here.</EmptyState>
      )}
    </Panel>
  );
}

function SignoffPanel({ waiting, inbox }: { waiting: RelationshipManagerHomeData["waiting"]; inbox: InboxItem[] }) {
  return (
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
          <Subhead>Waiting for your approval</Subhead>
          <InboxList items={inbox} />
        </>
      ) : null}
    </Panel>
  );
}

function SuspectPanel({ suspect }: { suspect: RelationshipManagerHomeData["suspect"] }) {
  return (
    <Panel title="Suspect clauses">
      {suspect.rows.length ? (
        <ul className="inbox">
          {suspect.rows.map((s) => (
            <li key={s.id} className="inbox-item">
              <div>
                <Link to={`/services/${s.id}#suspect`}>{s.name}</Link>
                <div className="small muted">{s.latest}</div>
              </div>
              <Badge tone="warning">
                {s.clauses} clause{s.clauses === 1 ? "" : "s"}
              </Badge>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="Nothing in doubt">When a need, its evidence, its rank or a supplier agreement changes under an agreed service, the clauses resting on it are listed here.</EmptyState>
      )}
    </Panel>
  );
}

function ReviewsPanel({ reviews }: { reviews: RelationshipManagerHomeData["reviews"] }) {
  return (
    <Panel title="Reviews due">
      {reviews.rows.length ? (
        <>
          <ul className="inbox">
            {reviews.rows.map((r) => (
              <li key={r.id} className="inbox-item">
                <div>
                  <Link to={`/services/${r.id}`}>{r.name}</Link>
                  <div className="small muted">
                    {r.overdue ? "Was due" : "Due"} {formatLongDate(r.nextReview)}
                    {r.ownerName ? ` · owner ${r.ownerName}` : ""}
                  </div>
                </div>
                {r.overdue ? <Badge tone="danger">Overdue</Badge> : null}
              </li>
            ))}
          </ul>
          <MoreLink to="/services" shown={reviews.rows.length} total={reviews.total} all={(n) => `All ${n} reviews due in the portfolio`}>
            Open the portfolio
          </MoreLink>
        </>
      ) : (
        <EmptyState title="No reviews due">Services whose review is overdue or due within 30 days will appear here.</EmptyState>
      )}
    </Panel>
  );
}

function SurveysPanel({ surveys }: { surveys: RelationshipManagerHomeData["surveys"] }) {
  return (
    <Panel title="Your open surveys">
      {surveys.length ? (
        <>
          <ul className="inbox">
            {surveys.map((s) => (
              <li key={s.id} className="inbox-item">
                <div>
                  <Link to={`/surveys/${s.id}`}>{s.title}</Link>
                  <div className="small muted">
                    {s.submitted} of {plural(s.invited, "person", "people")} answered · closes {formatLongDate(s.closesOn)}
                  </div>
                </div>
                <Badge tone={s.invited && s.submitted / s.invited >= 0.5 ? "success" : "warning"}>{s.invited ? `${Math.round((s.submitted / s.invited) * 100)}%` : "—"}</Badge>
              </li>
            ))}
          </ul>
          <p className="home-more">
            <Link to="/surveys">All surveys</Link>
          </p>
        </>
      ) : (
        <EmptyState title="No survey open" action={<ButtonLink to="/surveys/new" variant="secondary">Send a survey</ButtonLink>}>
          A survey asks many stakeholders at once; their answers become evidence like an interview&apos;s.
        </EmptyState>
      )}
    </Panel>
  );
}
