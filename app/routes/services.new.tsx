import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { factsFormValues, ServiceFactsFields } from "../components/services/service-fields";
import { FieldShell, FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { fieldErrors, isUuid } from "../domain/fields";
import { needRef } from "../domain/need";
import { serviceFactsSchema } from "../domain/service";
import { AppError } from "../models/errors.server";
import { draftFromNeeds, needsToDraftFrom } from "../models/service-portfolio.server";
import { createService, listProviders } from "../models/service.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "New service · Charter" }];

const list = (v: unknown) => (Array.isArray(v) ? v : v ? [v] : []).map(String).filter(isUuid);

/** `?need=<id>` (repeated) ticks the needs to draft from: "Draft from needs" on the portfolio's gaps. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "services:edit" });
  const picked = list(new URL(request.url).searchParams.getAll("need"));
  const [providers, needs] = await Promise.all([listProviders(), needsToDraftFrom()]);
  return json({ providers, needs, picked });
}

/** A new service: with needs ticked, its definition starts from them (outcomes, critical periods, consumers, each linked). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "services:edit" });
  const values = formDataToObject(await readFormData(request));
  const parsed = serviceFactsSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: undefined as string | undefined, values }, { status: 400 });
  const needIds = list(values.needIds);
  const actor = actorFor(user, requestMeta(request, context));
  try {
    const row = needIds.length ? await draftFromNeeds({ input: parsed.data, needIds, actor }) : await createService({ input: parsed.data, actor });
    return redirectWithFlash(`/services/${row.id}`, {
      kind: "success",
      message: needIds.length ? `Service added, its definition drafted from ${needIds.length} ${needIds.length === 1 ? "need" : "needs"}.` : "Service added.",
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return json({ errors: error.field ? { [error.field]: error.message } : ({} as Record<string, string>), formError: error.field ? undefined : error.message, values }, { status: error.status });
  }
}

export default function NewService() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const typed = actionData?.values as Record<string, unknown> | undefined;
  const { onSubmit, register, choice, errorFor, restored } = useRemixForm(serviceFactsSchema, {
    server: actionData,
    draftKey: `service-new-${data.picked.join(",")}`,
    defaultValues: typed ? { ...factsFormValues(typed), needIds: list(typed.needIds) } : { ...factsFormValues(null), needIds: data.picked },
  });
  return (
    <>
      <PageHeader
        title="New service"
        description="Its facts first; the definition (purpose, outcomes, service levels…) is written next. Tick needs to start the definition from them."
        breadcrumbs={[{ to: "/services", label: "Services" }]}
      />
      <Panel narrow>
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} restored={restored}>
          <ServiceFactsFields register={register} errorFor={errorFor} providers={data.providers} />
          <FieldShell
            label="Draft the definition from needs"
            optional
            help="Best ranked first, with their rank in their latest round. Each becomes an outcome; their critical periods and units are carried over, every clause linked to its need."
            error={errorFor("needIds")}
          >
            {({ id, describedBy }) => (
              <div className="checklist" id={id} role="group" aria-label="Needs to draft from" aria-describedby={describedBy}>
                {data.needs.map((n) => (
                  <label key={n.id}>
                    <input type="checkbox" {...choice("needIds", n.id)} />
                    <span>
                      <span className="need-ref">{needRef(n.number)}</span> {n.statement}
                      <span className="muted small">
                        {n.rank !== null ? ` · rank ${n.rank} of ${n.ranked}` : " · not ranked yet"}
                        {n.answered ? " · answered by a service already" : ""}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            )}
          </FieldShell>
          <FormActions submit="Add the service" cancelTo="/services" />
        </RemixForm>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
