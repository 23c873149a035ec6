import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { Field, FieldShell, FormError, SelectField, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { fieldErrors } from "../domain/fields";
import { addDays, planInterviewSchema, utcToZoned } from "../domain/interview";
import { pickReviewStakeholders, reviewValues } from "../domain/review-guide";
import { unitOptions } from "../models/business-unit.server";
import { AppError } from "../models/errors.server";
import { publishedVersionOptions } from "../models/guide.server";
import { interviewerOptions, planInterview } from "../models/interview.server";
import { serviceForReview } from "../models/review-interview.server";
import { listStakeholders } from "../models/stakeholder.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Review interview: ${data?.service.name ?? "service"} · Charter` }];

/** The guide a review interview starts from, by its title. */
const REVIEW_GUIDE_TITLE = "service review";

type Values = Record<string, string | string[]>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:plan" });
  const service = await serviceForReview(requireIdParam(params.serviceId));
  if (!service) throw notFound("That service does not exist.");
  const [guides, units, interviewers, people] = await Promise.all([publishedVersionOptions(), unitOptions(), interviewerOptions(), listStakeholders()]);
  const consumers = service.definition.consumers.filter((c) => units.some((u) => u.id === c.unitId));
  const isConsumer = (unitId: string) => consumers.some((c) => c.unitId === unitId);
  // Newest version of the newest-numbered "Service review" guide (the options come newest version first).
  const reviewGuide = guides.filter((g) => g.title.trim().toLowerCase() === REVIEW_GUIDE_TITLE).sort((a, b) => b.number - a.number)[0];
  const unitOrder = [...consumers.map((c) => units.find((u) => u.id === c.unitId)!), ...units.filter((u) => !isConsumer(u.id))];
  const values = reviewValues(service.name, service.definition);
  return json({
    service: { id: service.serviceId, name: service.name, agreedVersion: service.agreedVersion },
    preview: { outcomes: values.outcomes, serviceLevels: values.service_levels },
    reviewGuideFound: Boolean(reviewGuide),
    guides: guides.map((g) => ({ value: g.id, label: `${g.title} (version ${g.number})` })),
    units: unitOrder.map((u) => ({ value: u.id, label: isConsumer(u.id) ? `${u.name} (uses ${service.name})` : u.name })),
    interviewers: interviewers.map((u) => ({ value: u.id, label: u.name })),
    groups: unitOrder
      .map((u) => ({ unit: u.name, consumer: isConsumer(u.id), people: people.filter((p) => p.unitId === u.id).map((p) => ({ id: p.id, name: p.name, title: p.title })) }))
      .filter((g) => g.people.length),
    defaults: {
      guideVersionId: reviewGuide?.id ?? "",
      businessUnitId: consumers[0]?.unitId ?? "",
      stakeholderIds: pickReviewStakeholders(people, consumers),
      interviewerId: user.id,
      date: addDays(utcToZoned(new Date()).date, 7),
      time: "10:00",
      durationMinutes: "60",
      location: "",
      purpose: `Review of ${service.name}`,
    } as Values,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:plan" });
  const service = await serviceForReview(requireIdParam(params.serviceId));
  if (!service) throw notFound("That service does not exist.");
  const values: Values = formDataToObject(await readFormData(request));
  const refuse = (errors: Record<string, string>, formError?: string, status = 400) => json({ errors, formError, values }, { status });
  const parsed = planInterviewSchema.safeParse(values);
  if (!parsed.success) return refuse(fieldErrors(parsed.error), "Some details need another look: nothing was planned.");
  try {
    const row = await planInterview({ input: parsed.data, serviceId: service.serviceId, actor: actorFor(user, requestMeta(request, context)) });
    return redirectWithFlash(`/interviews/${row.id}`, { kind: "success", message: `Review of ${service.name} planned. Download the invitation to send it.` });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return error.field ? refuse({ [error.field]: error.message }, undefined, error.status) : refuse({}, error.message, error.status);
  }
}

export default function PlanReviewInterview() {
  const data = useLoaderData<typeof loader>();
  const server = useActionData<typeof action>();
  const initial: Values = server?.values ?? data.defaults;
  const picked = new Set([initial.stakeholderIds ?? []].flat());
  const { onSubmit, register, choice, errorFor, restored } = useRemixForm(planInterviewSchema, {
    server,
    defaultValues: { ...initial, stakeholderIds: [...picked] },
    draftKey: `review-interview-${data.service.id}`,
  });
  const field = (name: string) => ({ error: errorFor(name), ...register(name) });
  const { service } = data;
  return (
    <>
      <PageHeader
        title={`Plan a review of ${service.name}`}
        description={`Ask the people who use ${service.name} whether it still does what was agreed. The guide's questions show its outcomes and service levels${service.agreedVersion ? ` as agreed in version ${service.agreedVersion}` : ""}.`}
        breadcrumbs={[
          { to: "/services", label: "Services" },
          { to: `/services/${service.id}`, label: service.name },
        ]}
      />
      <div className="stack-lg">
        {service.agreedVersion ? null : (
          <div className="callout" role="note">
            {service.name} has no agreed version yet: the questions will show the draft&apos;s outcomes and service levels.
          </div>
        )}
        <Panel narrow>
          <FormError message={server?.formError} />
          <RemixForm method="post" onSubmit={onSubmit} restored={restored} aria-label={`Plan a review of ${service.name}`}>
            <SelectField
              label="Guide"
              help={data.reviewGuideFound ? undefined : "No “Service review” guide is published yet: publish one under Interview guides, or choose another guide."}
              options={data.guides}
              placeholder="Choose a published guide"
              {...field("guideVersionId")}
            />
            <SelectField label="Business unit" help={`The unit the conversation is with: those that use ${service.name} come first.`} options={data.units} placeholder="Choose a unit" {...field("businessUnitId")} />
            <FieldShell label="Stakeholders" help="People from the units that use the service come first; a few are chosen to start with." error={errorFor("stakeholderIds")}>
              {({ id, describedBy }) => (
                <div className="checklist" id={id} role="group" aria-describedby={describedBy}>
                  {data.groups.map((group) => (
                    <div key={group.unit}>
                      <p className="checklist-group">
                        {group.unit}
                        {group.consumer ? ` · uses ${service.name}` : ""}
                      </p>
                      {group.people.map((p) => (
                        <label key={p.id}>
                          <input type="checkbox" {...choice("stakeholderIds", p.id)} />
                          <span>
                            {p.name} <span className="muted">{p.title}</span>
                          </span>
                        </label>
                      ))}
                    </div>
                  ))}
                </div>
              )}
            </FieldShell>
            <SelectField label="Interviewer" options={data.interviewers} {...field("interviewerId")} />
            <div className="grid-3">
              <Field label="Date" type="date" {...field("date")} />
              <Field label="Time (UK)" type="time" {...field("time")} />
              <Field label="Length (minutes)" type="number" inputMode="numeric" min={15} max={480} step={15} {...field("durationMinutes")} />
            </div>
            <Field label="Place or meeting link" optional {...field("location")} />
            <TextareaField label="Purpose" optional rows={3} help="Sent with the invitation." {...field("purpose")} />
            <FormActions submit="Plan the review interview" cancelTo={`/services/${service.id}`} />
          </RemixForm>
        </Panel>
        <Panel narrow title="What the questions will put to them">
          <dl className="details">
            <dt>Outcomes</dt>
            <dd className="pre-line">{data.preview.outcomes}</dd>
            <dt>Service levels</dt>
            <dd className="pre-line">{data.preview.serviceLevels}</dd>
          </dl>
        </Panel>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
