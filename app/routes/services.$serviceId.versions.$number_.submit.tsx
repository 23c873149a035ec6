import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { and, eq, inArray, ne } from "drizzle-orm";
import { businessUnits, users } from "../../db/schema";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { Field, FormError, SelectField, TextareaField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { ROLE_LABELS } from "../domain/roles";
import { MAX_APPROVERS, MAX_SIGNERS, submitFormSchema } from "../domain/signoff";
import { db } from "../db.server";
import { serviceWithVersions, versionNumber } from "../models/service-version-view.server";
import { getVersion } from "../models/service-version.server";
import { versionSignoffs } from "../models/signoff-read.server";
import { submitForSignoff } from "../models/signoff.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { fieldErrors } from "../domain/fields";
import { AppError } from "../models/errors.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Send for sign-off: ${data.service.name}, version ${data.number} · Charter` : "Send for sign-off · Charter" }];

async function target(params: LoaderFunctionArgs["params"]) {
  const serviceId = requireIdParam(params.serviceId);
  const number = versionNumber(params.number);
  if (number === null) throw notFound("Versions are numbered 1, 2, 3 and so on.");
  const [service, version] = await Promise.all([serviceWithVersions(serviceId), getVersion(serviceId, number)]);
  if (!service || !version) throw notFound("That version does not exist.");
  return { serviceId, number, found: { service, version } };
}

/** Who may be named: approvers from leads, executives and other relationship managers; signers are executives. Never the submitter. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "services:edit" });
  const { serviceId, number, found } = await target(params);
  const latest = found.service.versions[0]?.number ?? number;
  const existing = (await versionSignoffs(serviceId))[number];
  if (number !== latest || (existing && existing.status !== "withdrawn")) throw redirect(existing ? `/signoff/${existing.requestId}` : `/services/${serviceId}/versions/${number}`);
  const people = await db()
    .select({ id: users.id, name: users.name, title: users.title, role: users.role, unitId: users.businessUnitId, unit: businessUnits.name })
    .from(users)
    .leftJoin(businessUnits, eq(businessUnits.id, users.businessUnitId))
    .where(and(eq(users.active, true), ne(users.id, user.id), inArray(users.role, ["business_lead", "executive", "relationship_manager"])))
    .orderBy(users.name);
  const consumers = new Set(found.version.content.definition.consumers.map((c) => c.unitId));
  const suggested = people.filter((p) => p.role === "business_lead" && p.unitId && consumers.has(p.unitId)).slice(0, MAX_APPROVERS);
  const defaults: Record<string, string> = { order: "in_order", message: "", dueOn: "" };
  suggested.forEach((p, i) => (defaults[`approver_${i}`] = p.id));
  return json({
    service: { id: serviceId, name: found.service.name },
    number,
    approvers: people.map((p) => ({ value: p.id, label: `${p.name}${p.title ? `, ${p.title}` : ""} (${p.unit ?? ROLE_LABELS[p.role]})` })),
    signers: people.filter((p) => p.role === "executive").map((p) => ({ value: p.id, label: `${p.name}${p.title ? `, ${p.title}` : ""}` })),
    defaults,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "services:edit" });
  const { serviceId, number } = await target(params);
  // What was typed comes back with any refusal, so a page without JavaScript shows it again.
  const values = formDataToObject(await readFormData(request));
  const parsed = submitFormSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: undefined as string | undefined, values }, { status: 400 });
  try {
    const { id } = await submitForSignoff({ serviceId, number, input: parsed.data, actor: { ...actorFor(user, requestMeta(request, context)), id: user.id } });
    return redirectWithFlash(`/signoff/${id}`, { kind: "success", message: `Version ${number} is sent for sign-off.` });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return json({ errors: error.field ? { [error.field]: error.message } : ({} as Record<string, string>), formError: error.field ? undefined : error.message, values }, { status: error.status });
  }
}

export default function SubmitForSignoff() {
  const { service, number, approvers, signers, defaults } = useLoaderData<typeof loader>();
  const server = useActionData<typeof action>();
  // useRemixForm lays what was typed before a refusal over the defaults.
  const { onSubmit, register, choice, errorFor, restored } = useRemixForm(submitFormSchema, {
    defaultValues: defaults,
    server,
    draftKey: `signoff-${service.id}-${number}`,
  });
  return (
    <>
      <PageHeader
        title={`Send version ${number} for sign-off`}
        description="Approvers check the content first (usually the business lead of each consuming unit); then the executives sign. Nobody can approve or sign what they submit."
        breadcrumbs={[
          { to: "/services", label: "Services" },
          { to: `/services/${service.id}`, label: service.name },
          { to: `/services/${service.id}/versions/${number}`, label: `Version ${number}` },
        ]}
      />
      <Panel narrow>
        <RemixForm onSubmit={onSubmit} restored={restored} aria-label="Send for sign-off">
          <FormError message={server?.formError} />
          <fieldset className="stack plain-fieldset">
            <legend className="field-label">Approvers, in the order they are asked</legend>
            {Array.from({ length: MAX_APPROVERS }, (_, i) => (
              <SelectField key={i} label={`Approver ${i + 1}`} optional options={approvers} placeholder="— nobody —" error={errorFor(`approver_${i}`)} {...register(`approver_${i}`)} />
            ))}
          </fieldset>
          <fieldset className="stack plain-fieldset">
            <legend className="field-label">Signers (executives), in the order they are asked</legend>
            {Array.from({ length: MAX_SIGNERS }, (_, i) => (
              <SelectField key={i} label={`Signer ${i + 1}`} optional={i > 0} options={signers} placeholder="— nobody —" error={errorFor(`signer_${i}`)} {...register(`signer_${i}`)} />
            ))}
          </fieldset>
          <fieldset className="stack plain-fieldset">
            <legend className="field-label">How they are asked</legend>
            <label className="choice">
              <input type="radio" {...choice("order", "in_order")} /> In order: one person at a time, as listed
            </label>
            <label className="choice">
              <input type="radio" {...choice("order", "parallel")} /> In parallel: all approvers at once, then all signers at once
            </label>
            {errorFor("order") ? <p className="field-error">{errorFor("order")}</p> : null}
          </fieldset>
          <TextareaField label="Message" optional help="What you ask of them, and anything they should look at first." rows={4} error={errorFor("message")} {...register("message")} />
          <Field label="Due by" optional type="date" help="Past this date the request shows as overdue." error={errorFor("dueOn")} {...register("dueOn")} />
          <FormActions submit="Send for sign-off" cancelTo={`/services/${service.id}/versions/${number}`} />
        </RemixForm>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
