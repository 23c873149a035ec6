import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormActions, RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Field, FormError } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { changePasswordSchema, PASSWORD_MIN } from "../domain/auth";
import { changePassword } from "../models/auth.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm } from "../utils/form.server";
import { requestMeta } from "../utils/request.server";
import { serializeSessionCookie } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Your password · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ firstTime: user.mustChangePassword });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = await parseForm(request, changePasswordSchema);
  if (!parsed.ok) return badRequest(parsed.errors, undefined, parsed.values);
  const result = await changePassword({ user, current: parsed.data.current, next: parsed.data.next, meta: requestMeta(request, context) });
  if (!result.ok) return badRequest({ current: "That is not your current password" });
  const headers = { "Set-Cookie": await serializeSessionCookie(result.token) };
  if (user.mustChangePassword) return redirect("/", { headers });
  return redirectWithFlash("/", { kind: "success", message: "Your password is changed. Other devices were signed out." }, { headers });
}

export default function ChangePassword() {
  const { firstTime } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor } = useRemixForm(changePasswordSchema, { server: actionData });
  return (
    <>
      <PageHeader
        title={firstTime ? "Choose your password" : "Change your password"}
        description={
          firstTime
            ? "You signed in with a one-time password. Choose your own to carry on."
            : "Changing it signs you out everywhere else."
        }
      />
      <Panel narrow>
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit}>
          <Field
            label={firstTime ? "One-time password" : "Current password"}
            type="password"
            autoComplete="current-password"
            error={errorFor("current")}
            {...register("current")}
          />
          <Field
            label="New password"
            type="password"
            autoComplete="new-password"
            help={`At least ${PASSWORD_MIN} characters. A short sentence is easy to remember and hard to guess.`}
            error={errorFor("next")}
            {...register("next")}
          />
          <Field label="New password again" type="password" autoComplete="new-password" error={errorFor("confirm")} {...register("confirm")} />
          <FormActions submit="Save password" />
        </RemixForm>
      </Panel>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
