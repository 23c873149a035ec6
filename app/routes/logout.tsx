import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { signOut } from "../models/auth.server";
import { getSession } from "../utils/auth.server";
import { requestMeta } from "../utils/request.server";
import { clearSessionCookie } from "../utils/session.server";

/** Signing out is a POST (a GET never changes anything); a GET just goes home. */
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await getSession(request);
  if (session.status === "valid" && session.token) {
    await signOut({ token: session.token, user: session.user, meta: requestMeta(request, context) });
  }
  return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie() } });
}
