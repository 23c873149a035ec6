import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { ButtonLink } from "../components/ui/button";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { UserFields } from "../components/user-fields";
import { createUserSchema } from "../domain/user";
import { unitOptions } from "../models/business-unit.server";
import { createUser } from "../models/user.server";
import { requireUser } from "../utils/auth.server";
import { appErrorResponse, badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Add a user · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "users:manage" });
  const units = await unitOptions();
  return json({ units: units.map((u) => ({ value: u.id, label: u.name })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, { capability: "users:manage" });
  const parsed = await parseForm(request, createUserSchema);
  if (!parsed.ok) return badRequest(parsed.errors, undefined, parsed.values);
  try {
    const created = await createUser({ input: parsed.data, actor: actorFor(admin, requestMeta(request, context)) });
    // The one-time password is shown once, on this response, and stored nowhere but as a hash.
    return json({ created: { id: created.id, name: parsed.data.name, email: parsed.data.email, oneTimePassword: created.oneTimePassword } });
  } catch (error) {
    return appErrorResponse(error, parsed.values);
  }
}

export default function NewUser() {
  const { units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const created = actionData && "created" in actionData ? actionData.created : null;
  const server = actionData && "errors" in actionData ? actionData : null;
  const { onSubmit, register, errorFor, restored } = useRemixForm(createUserSchema, {
    server,
    defaultValues: { name: "", email: "", title: "", role: "", businessUnitId: "" },
    draftKey: "admin-user-new",
  });
  if (created) {
    return (
      <>
        <PageHeader title={`${created.name} can now sign in`} breadcrumbs={[{ to: "/admin/users", label: "Users" }]} />
        <Panel narrow>
          <p>
            Give {created.name} this one-time password with their email, <strong>{created.email}</strong>. They choose their own
            password when they first sign in.
          </p>
          <p>
            <span className="secret" aria-label="One-time password">
              {created.oneTimePassword}
            </span>
          </p>
          <p className="muted small">It is shown only now. If it is lost, issue a new one from the user&apos;s page.</p>
          <div className="form-actions">
            <ButtonLink to={`/admin/users/${created.id}`} variant="secondary">
              Open {created.name}
            </ButtonLink>
            <ButtonLink to="/admin/users/new" reloadDocument variant="ghost">
              Add another user
            </ButtonLink>
          </div>
        </Panel>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Add a user" breadcrumbs={[{ to: "/admin/users", label: "Users" }]} />
      <Panel narrow>
        <FormError message={server?.formError} />
        <RemixForm method="post" onSubmit={onSubmit} restored={restored}>
          <UserFields register={register} errorFor={errorFor} units={units} withEmail />
          <FormActions submit="Add user" cancelTo="/admin/users" />
        </RemixForm>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
