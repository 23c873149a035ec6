import { Form, Link } from "@remix-run/react";
import { Badge } from "../ui/badge";
import { Button, ButtonLink } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { formatDay } from "../../domain/interview";
import {
  ACTION_STATUS_LABELS,
  attainment,
  CHANGE_EVENT_LABELS,
  EFFECTIVENESS_LABELS,
  EFFECTIVENESS_TONES,
  monthLabel,
  type ActionStatus,
  type MeasuredLevel,
  type Measurement,
} from "../../domain/review";
import type { ReviewView } from "../../models/review.server";
import { AttainmentTrend } from "./attainment";
import { EffectivenessChart } from "./effectiveness-chart";

export interface ReviewPanelData {
  levels: MeasuredLevel[];
  agreedVersion: number | null;
  months: string[];
  measurements: Measurement[];
  reviews: ReviewView[];
}

const ACTION_TONES: Record<ActionStatus, "info" | "success" | "neutral"> = { open: "info", done: "success", dropped: "neutral" };

/** Effectiveness over time with the change events behind it, attainment trends, and every review with its actions. */
export function ReviewPanel({ serviceId, data, nextReview, reviewEveryMonths, canEdit, today }: { serviceId: string; data: ReviewPanelData; nextReview: string | null; reviewEveryMonths: number | null; canEdit: boolean; today: string }) {
  const events = data.reviews.flatMap((r) => r.events);
  const overdue = nextReview !== null && nextReview < today;
  const groups = attainment(data.levels, data.measurements, data.months);
  return (
    <section id="reviews" className="stack-lg" aria-label="Reviews and measures">
      <Panel title="Effectiveness over time">
        <p className="small">
          {reviewEveryMonths ? `Reviewed every ${reviewEveryMonths} months` : "No review cadence set"}
          {nextReview ? `; next review by ${formatDay(nextReview)}` : ""}.{overdue ? <> <Badge tone="danger">Overdue</Badge></> : null}
        </p>
        {data.reviews.length || events.length ? (
          <EffectivenessChart reviews={data.reviews} events={events} to={today} />
        ) : (
          <EmptyState title="Not reviewed yet" action={canEdit ? <ButtonLink to={`/services/${serviceId}/reviews/new`} size="sm">Record a review</ButtonLink> : undefined}>
            Each review records how effective the service is and what changed; together they show whether it keeps up with the business.
          </EmptyState>
        )}
        {canEdit ? (
          <div className="row">
            {data.reviews.length ? (
              <ButtonLink to={`/services/${serviceId}/reviews/new`} size="sm">
                Record a review
              </ButtonLink>
            ) : null}
            <ButtonLink to={`/services/${serviceId}/review-interview`} variant="secondary" size="sm">
              Start a review interview
            </ButtonLink>
          </div>
        ) : null}
      </Panel>
      <Panel title="Service levels measured">
        {data.months.length ? (
          <>
            <p className="small">
              Share of service levels meeting their targets each month, {monthLabel(data.months[0]!)} to {monthLabel(data.months[data.months.length - 1]!)}
              {data.agreedVersion ? `, against version ${data.agreedVersion}` : ""}.
            </p>
            <AttainmentTrend groups={groups} months={data.months} />
          </>
        ) : (
          <EmptyState title="Nothing measured yet">Each month&apos;s measured service levels show here against their targets.</EmptyState>
        )}
        <p className="small">
          <Link to={`/services/${serviceId}/measures`}>{canEdit ? "Record or import measures, and see every value" : "See every measured value"}</Link>
        </p>
      </Panel>
      {data.reviews.length ? (
        <Panel title={`Reviews (${data.reviews.length})`}>
          <ol className="review-list">
            {data.reviews.map((r) => (
              <li key={r.id} className="review-item">
                <h3 className="review-heading">
                  {formatDay(r.reviewedOn)} <Badge tone={EFFECTIVENESS_TONES[r.effectiveness]}>{EFFECTIVENESS_LABELS[r.effectiveness]}</Badge>
                </h3>
                <p className="muted small">
                  {r.versionNumber ? `Version ${r.versionNumber}` : "Before any agreed version"}
                  {r.by ? ` · recorded by ${r.by}` : ""}
                </p>
                {r.events.length ? <h4 className="review-subheading">What changed</h4> : null}
                {r.events.length ? (
                  <ul className="small">
                    {r.events.map((e) => (
                      <li key={e.id}>
                        <strong>{CHANGE_EVENT_LABELS[e.kind]}</strong>, {formatDay(e.occurredOn)}: {e.description}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {r.measuresSummary ? (
                  <>
                    <h4 className="review-subheading">What the measures showed</h4>
                    <p className="small prewrap">{r.measuresSummary}</p>
                  </>
                ) : null}
                {r.notes ? (
                  <>
                    <h4 className="review-subheading">Notes</h4>
                    <p className="small prewrap">{r.notes}</p>
                  </>
                ) : null}
                {r.actions.length ? <h4 className="review-subheading">Actions</h4> : null}
                {r.actions.length ? (
                  <ul className="review-actions">
                    {r.actions.map((a) => (
                      <li key={a.id}>
                        <span>
                          {a.text} <span className="muted small">· {a.owner}, due {formatDay(a.dueOn)}</span>{" "}
                          <Badge tone={a.status === "open" && a.dueOn < today ? "danger" : ACTION_TONES[a.status]}>{a.status === "open" && a.dueOn < today ? "Overdue" : ACTION_STATUS_LABELS[a.status]}</Badge>
                        </span>
                        {canEdit ? (
                          <Form method="post" className="row" preventScrollReset>
                            <input type="hidden" name="intent" value="action-status" />
                            <input type="hidden" name="actionId" value={a.id} />
                            {a.status !== "done" ? (
                              <Button type="submit" name="status" value="done" variant="ghost" size="sm">
                                Mark done
                              </Button>
                            ) : null}
                            {a.status === "open" ? (
                              <Button type="submit" name="status" value="dropped" variant="ghost" size="sm">
                                Drop
                              </Button>
                            ) : (
                              <Button type="submit" name="status" value="open" variant="ghost" size="sm">
                                Reopen
                              </Button>
                            )}
                          </Form>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </Panel>
      ) : null}
    </section>
  );
}
