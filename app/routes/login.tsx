import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { RemixForm, useRemixForm } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Button } from "../components/ui/button";
import { Field, FormError } from "../components/ui/field";
import { lockoutMessage, loginSchema } from "../domain/auth";
import { ROLE_LABELS } from "../domain/roles";
import { signIn } from "../models/auth.server";
import { getWorkspace } from "../models/workspace.server";
import { getSession } from "../utils/auth.server";
import { isProduction } from "../utils/env.server";
import { badRequest, parseForm } from "../utils/form.server";
import { requestMeta, safeRedirectPath } from "../utils/request.server";
import { serializeSessionCookie } from "../utils/session.server";
import { DEMO_LOGINS } from "../../db/seed/demo-users";

export const meta: MetaFunction = () => [{ title: "Sign in · Charter" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const url = new URL(request.url);
  if (session.status === "valid") throw redirect(safeRedirectPath(url.searchParams.get("redirectTo")));
  const workspace = await getWorkspace();
  // Demo logins are shown only for the demo workspace, and never in production.
  const demo = Boolean(workspace?.demo) && !isProduction();
  return json({ demoLogins: demo ? DEMO_LOGINS : [], workspaceName: workspace?.name ?? "Charter" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, loginSchema);
  if (!parsed.ok) return badRequest(parsed.errors, undefined, parsed.values);
  const { email, password, redirectTo } = parsed.data;
  const previous = await getSession(request);
  const result = await signIn({ email, password, meta: requestMeta(request, context), previousToken: previous.token });
  if (!result.ok) {
    const message =
      result.code === "locked"
        ? lockoutMessage(result.until)
        : result.code === "deactivated"
          ? "This account has been deactivated. Ask an admin if you need access again."
          : "That email and password do not match an account. Check them and try again.";
    return json({ errors: {}, formError: message, values: parsed.values }, { status: result.code === "locked" ? 429 : 400 });
  }
  const to = result.user.mustChangePassword ? "/account/password" : safeRedirectPath(redirectTo);
  return redirect(to, { headers: { "Set-Cookie": await serializeSessionCookie(result.token) } });
}

export default function Login() {
  const { demoLogins, workspaceName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { onSubmit, register, errorFor } = useRemixForm(loginSchema, { server: actionData });
  const expired = params.get("reason") === "expired";
  return (
    <>
      <div className="auth-brand">
        <p className="brand-name">Charter</p>
        <p className="muted">{workspaceName}</p>
      </div>
      <section className="panel" aria-labelledby="signin-heading">
        <h1 id="signin-heading" className="panel-title">
          Sign in
        </h1>
        {expired ? (
          <div className="flash flash-info" role="status">
            <p>Your session ended. Sign in again to carry on where you were; what you had typed is kept.</p>
          </div>
        ) : null}
        <FormError message={actionData?.formError} />
        <RemixForm method="post" onSubmit={onSubmit}>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <Field label="Email" type="email" autoComplete="username" error={errorFor("email")} {...register("email")} />
          <Field label="Password" type="password" autoComplete="current-password" error={errorFor("password")} {...register("password")} />
          <div className="form-actions">
            <Button type="submit" variant="primary" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
            </Button>
          </div>
        </RemixForm>
      </section>
      <p className="small muted auth-footer">
        <Link to="/about">What is Charter?</Link>
      </p>
      {demoLogins.length > 0 ? (
        <section className="panel demo-logins" aria-labelledby="demo-heading">
          <h2 id="demo-heading" className="panel-title">
            Demo workspace logins
          </h2>
          <p className="muted">
            Every demo user&apos;s password is <code>{demoLogins[0]!.password}</code>.
          </p>
          <table>
            <caption className="visually-hidden">Demo users</caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Email</th>
              </tr>
            </thead>
            <tbody>
              {demoLogins.map((l) => (
                <tr key={l.email}>
                  <td>{ROLE_LABELS[l.role]}</td>
                  <td>
                    <code>{l.email}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
