import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { PeopleChecklist } from "../components/stakeholder-fields";
import { Field, FieldShell, FormError, SelectField, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { addDays, planInterviewSchema, utcToZoned } from "../domain/interview";
import { unitOptions } from "../models/business-unit.server";
import { publishedVersionOptions } from "../models/guide.server";
import { interviewerOptions, planInterview } from "../models/interview.server";
import { listStakeholders } from "../models/stakeholder.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Plan an interview · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:plan" });
  const [guides, units, interviewers, people] = await Promise.all([publishedVersionOptions(), unitOptions(), interviewerOptions(), listStakeholders()]);
  return json({
    me: user.id,
    tomorrow: addDays(utcToZoned(new Date()).date, 1),
    guides: guides.map((g) => ({ value: g.id, label: `${g.title} (version ${g.number})` })),
    units: units.map((u) => ({ value: u.id, label: u.name })),
    interviewers: interviewers.map((u) => ({ value: u.id, label: u.name })),
    people,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:plan" });
  const parsed = await parseForm(request, planInterviewSchema);
  if (!parsed.ok) return badRequest(parsed.errors, undefined, parsed.values);
  try {
    const row = await planInterview({ input: parsed.data, actor: actorFor(user, requestMeta(request, context)) });
    return redirectWithFlash(`/interviews/${row.id}`, { kind: "success", message: "Interview planned. Download the invitation to send it." });
  } catch (error) {
    return appErrorResponse(error, parsed.values);
  }
}

export default function PlanInterview() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, choice, errorFor, restored } = useRemixForm(planInterviewSchema, {
    server: actionData,
    defaultValues: {
      guideVersionId: data.guides[0]?.value ?? "",
      businessUnitId: "",
      stakeholderIds: [],
      interviewerId: data.me,
      date: data.tomorrow,
      time: "10:00",
      durationMinutes: "60",
      location: "",
      purpose: "",
      private: false,
    },
    draftKey: "interview-new",
  });
  return (
    <>
      <PageHeader
        title="Plan an interview"
        description="Bringing people from several departments into one conversation is encouraged: the hand-offs between them are where services break."
        breadcrumbs={[{ to: "/interviews", label: "Interviews" }]}
      />
      <Panel narrow>
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} restored={restored}>
          <SelectField label="Guide" options={data.guides} placeholder="Choose a published guide" error={errorFor("guideVersionId")} {...register("guideVersionId")} />
          <SelectField label="Business unit" help="The unit whose needs this interview explores." options={data.units} placeholder="Choose a unit" error={errorFor("businessUnitId")} {...register("businessUnitId")} />
          <FieldShell label="Stakeholders" help="From any unit." error={errorFor("stakeholderIds")}>
            {({ id, describedBy }) => (
              <div className="checklist" id={id} role="group" aria-describedby={describedBy}>
                <PeopleChecklist people={data.people} choice={choice} />
              </div>
            )}
          </FieldShell>
          <SelectField label="Interviewer" options={data.interviewers} error={errorFor("interviewerId")} {...register("interviewerId")} />
          <div className="grid-3">
            <Field label="Date" type="date" error={errorFor("date")} {...register("date")} />
            <Field label="Time (UK)" type="time" error={errorFor("time")} {...register("time")} />
            <Field label="Length (minutes)" type="number" inputMode="numeric" min={15} max={480} step={15} error={errorFor("durationMinutes")} {...register("durationMinutes")} />
          </div>
          <Field label="Place or meeting link" optional error={errorFor("location")} {...register("location")} />
          <TextareaField label="Purpose" optional rows={3} help="Sent with the invitation: why you are meeting and what you hope to learn." error={errorFor("purpose")} {...register("purpose")} />
          <label className="checkbox">
            <input type="checkbox" {...choice("private")} /> Private: only the interviewer, you and admins see it
          </label>
          <FormActions submit="Plan interview" cancelTo="/interviews" />
        </RemixForm>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
