import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { Button } from "../components/ui/button";
import { FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { UserFields } from "../components/user-fields";
import { updateUserSchema, userActionSchema } from "../domain/user";
import { unitOptions } from "../models/business-unit.server";
import { getUser, resetUserPassword, setUserActive, updateUser } from "../models/user.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, badRequest, parseForm } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.name ?? "User"} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { capability: "users:manage" });
  const id = requireIdParam(params.userId);
  const [user, units] = await Promise.all([getUser(id), unitOptions()]);
  if (!user) throw notFound("That user does not exist.");
  return json({ user, isSelf: admin.id === user.id, units: units.map((u) => ({ value: u.id, label: u.name })) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, { capability: "users:manage" });
  const id = requireIdParam(params.userId);
  const parsed = await parseForm(request, userActionSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.errors.intent, parsed.values);
  const actor = actorFor(admin, requestMeta(request, context));
  const path = `/admin/users/${id}`;
  try {
    switch (parsed.data.intent) {
      case "update": {
        const { intent: _intent, ...input } = parsed.data;
        await updateUser({ id, input, actor });
        return redirectWithFlash(path, { kind: "success", message: "Changes saved." });
      }
      case "deactivate":
        await setUserActive({ id, active: false, actor });
        return redirectWithFlash(path, { kind: "success", message: "Deactivated. They were signed out and cannot sign in." });
      case "reactivate":
        await setUserActive({ id, active: true, actor });
        return redirectWithFlash(path, { kind: "success", message: "Reactivated. They can sign in again." });
      case "reset-password": {
        const { oneTimePassword } = await resetUserPassword({ id, actor });
        return json({ oneTimePassword });
      }
    }
  } catch (error) {
    return appErrorResponse(error, parsed.values);
  }
}

export default function EditUser() {
  const { user, units, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const server = actionData && "errors" in actionData ? actionData : null;
  const oneTimePassword = actionData && "oneTimePassword" in actionData ? actionData.oneTimePassword : null;
  const { onSubmit, register, errorFor } = useRemixForm(updateUserSchema, {
    server,
    defaultValues: { intent: "update", name: user.name, title: user.title, role: user.role, businessUnitId: user.businessUnitId ?? "" },
  });
  return (
    <>
      <PageHeader
        title={user.name}
        description={
          <>
            {user.email} ·{" "}
            {user.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>}
            {user.active && user.mustChangePassword ? (
              <>
                {" "}
                <Badge tone="warning">One-time password</Badge>
              </>
            ) : null}
          </>
        }
        breadcrumbs={[{ to: "/admin/users", label: "Users" }]}
      />
      <div className="stack-lg">
        {oneTimePassword ? (
          <div className="flash flash-success" role="status">
            <div>
              <p>
                New one-time password for {user.name}: <span className="secret">{oneTimePassword}</span>
              </p>
              <p className="small">It is shown only now. Their other sessions were ended.</p>
            </div>
          </div>
        ) : null}
        <FormError message={server?.formError} />
        <Panel title="Details" narrow>
          <RemixForm method="post" onSubmit={onSubmit}>
            <input type="hidden" {...register("intent")} />
            <UserFields register={register} errorFor={errorFor} units={units} withEmail={false} />
            <FormActions submit="Save changes" />
          </RemixForm>
        </Panel>
        <Panel title="Access" narrow>
          <div className="stack">
            <Form method="post">
              <input type="hidden" name="intent" value="reset-password" />
              <p className="small">Issue a new one-time password if they forgot theirs. Their current sessions end.</p>
              <Button type="submit" variant="secondary">
                Issue a one-time password
              </Button>
            </Form>
            {isSelf ? (
              <p className="small muted">You cannot deactivate yourself.</p>
            ) : user.active ? (
              <Form method="post">
                <input type="hidden" name="intent" value="deactivate" />
                <p className="small">Deactivating signs them out at once and stops them signing in. Their history stays.</p>
                <Button type="submit" variant="danger">
                  Deactivate {user.name}
                </Button>
              </Form>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="reactivate" />
                <Button type="submit" variant="secondary">
                  Reactivate {user.name}
                </Button>
              </Form>
            )}
          </div>
        </Panel>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
