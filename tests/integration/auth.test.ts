import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loginLockouts, sessions, users } from "../../db/schema";
import { db } from "../../app/db.server";
import * as login from "../../app/routes/login";
import * as logout from "../../app/routes/logout";
import * as home from "../../app/routes/_index";
import { lookupSession } from "../../app/models/session.server";
import { hashSessionToken, readSessionToken } from "../../app/utils/session.server";
import { cookieFor, makeUser, PASSWORD } from "../support/factories";
import { call } from "../support/routes";


async function signIn(email: string, password: string, cookie?: string) {
  return call(login, "action", { path: "/login", form: { email, password, redirectTo: "/stakeholders?unit=x" }, cookie });
}

function cookieFrom(response: Response) {
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

describe("signing in", () => {
  it("opens a session and returns to the page the user asked for", async () => {
    const user = await makeUser("relationship_manager");
    const response = await signIn(user.email.toUpperCase(), PASSWORD);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/stakeholders?unit=x");
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const page = await call(home, "loader", { path: "/", cookie: cookieFrom(response) });
    expect(page.status).toBe(200);
  });

  it("gives a new session id at every sign-in, ending the one the browser had", async () => {
    const user = await makeUser("executive");
    const planted = await cookieFor(user.id);
    const response = await signIn(user.email, PASSWORD, planted);
    const fresh = cookieFrom(response);
    expect(fresh).not.toBe(planted);
    const oldToken = await readSessionToken(new Request("http://x", { headers: { cookie: planted } }));
    expect((await lookupSession(oldToken!)).status).toBe("expired");
  });

  it("refuses a wrong password without saying which part was wrong", async () => {
    const user = await makeUser("executive");
    const response = await signIn(user.email, "not the password");
    expect(response.status).toBe(400);
    expect((await response.json()).formError).toMatch(/do not match an account/);
    const unknown = await signIn("nobody@example.com", "whatever");
    expect((await unknown.json()).formError).toMatch(/do not match an account/);
  });

  it("locks an email for 15 minutes after five failures in 15 minutes, even with the right password", async () => {
    const user = await makeUser("admin");
    for (let i = 0; i < 4; i++) expect((await signIn(user.email, "wrong")).status).toBe(400);
    const fifth = await signIn(user.email, "wrong");
    expect(fifth.status).toBe(429);
    expect((await fifth.json()).formError).toMatch(/locked for 15 more minutes/);
    const right = await signIn(user.email, PASSWORD);
    expect(right.status).toBe(429);
    // The lock lives in the database, so every app process sees it; once it ends, the right password works.
    await db().update(loginLockouts).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(loginLockouts.email, user.email));
    expect((await signIn(user.email, PASSWORD)).status).toBe(302);
  });

  it("does not count failures older than 15 minutes", async () => {
    const user = await makeUser("admin");
    for (let i = 0; i < 4; i++) await signIn(user.email, "wrong");
    await db().execute(sql`update login_failures set at = at - interval '16 minutes'`);
    expect((await signIn(user.email, "wrong")).status).toBe(400);
    expect((await signIn(user.email, PASSWORD)).status).toBe(302);
  });

  it("tells a deactivated user, after the right password only", async () => {
    const user = await makeUser("business_lead", { active: false });
    const response = await signIn(user.email, PASSWORD);
    expect((await response.json()).formError).toMatch(/deactivated/);
  });
});

describe("sessions", () => {
  it("end at sign-out", async () => {
    const user = await makeUser("executive");
    const cookie = await cookieFor(user.id);
    const out = await call(logout, "action", { path: "/logout", cookie });
    expect(out.headers.get("location")).toBe("/login");
    const page = await call(home, "loader", { path: "/", cookie });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/login?redirectTo=%2F&reason=expired");
  });

  it("of a deactivated user end at their next request", async () => {
    const user = await makeUser("relationship_manager");
    const cookie = await cookieFor(user.id);
    expect((await call(home, "loader", { path: "/", cookie })).status).toBe(200);
    await db().update(users).set({ active: false }).where(eq(users.id, user.id));
    const page = await call(home, "loader", { path: "/", cookie });
    expect(page.headers.get("location")).toMatch(/^\/login/);
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });

  it("end after 8 idle hours and after 7 days whatever the activity", async () => {
    const user = await makeUser("executive");
    const idle = await cookieFor(user.id);
    const old = await cookieFor(user.id);
    const idleToken = await readSessionToken(new Request("http://x", { headers: { cookie: idle } }));
    const oldToken = await readSessionToken(new Request("http://x", { headers: { cookie: old } }));
    await db()
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 8 * 3600_000 - 1000) })
      .where(eq(sessions.id, hashSessionToken(idleToken!)));
    await db()
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, hashSessionToken(oldToken!)));
    expect((await call(home, "loader", { path: "/", cookie: idle })).status).toBe(302);
    expect((await call(home, "loader", { path: "/", cookie: old })).status).toBe(302);
  });

  it("sends a post with an ended session to sign in, then back to the page it came from", async () => {
    const response = await call(logout, "loader", { path: "/logout" });
    expect(response.status).toBe(302);
    const stakeholdersNew = await import("../../app/routes/stakeholders.new");
    const post = await call(stakeholdersNew, "action", {
      path: "/stakeholders/new",
      cookie: "charter_session=stale",
      headers: { referer: "http://localhost:3000/stakeholders/new" },
      form: { name: "Typed before expiry" },
    });
    expect(post.headers.get("location")).toBe("/login?redirectTo=%2Fstakeholders%2Fnew&reason=expired");
  });

  it("are stored hashed: the table never holds the cookie's token", async () => {
    const user = await makeUser("executive");
    const cookie = await cookieFor(user.id);
    const token = await readSessionToken(new Request("http://x", { headers: { cookie } }));
    const rows = await db().select({ id: sessions.id }).from(sessions);
    expect(rows.map((r) => r.id)).toEqual([hashSessionToken(token!)]);
    expect(rows[0]!.id).not.toContain(token!);
  });
});
