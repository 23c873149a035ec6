import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildRouteFixtures } from "../support/route-fixtures";
import { MATRIX, WHO, type Attempt, type Case, type Expected } from "../support/route-matrix";
import { call, type RouteModule } from "../support/routes";

const modules = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });

const routeFiles = Object.keys(modules).map((p) => path.basename(p));

type World = Awaited<ReturnType<typeof buildRouteFixtures>>;

describe("authorisation matrix", () => {
  it("has an entry for every route file, and for each loader and action it exports", () => {
    expect(routeFiles.filter((f) => !MATRIX[f])).toEqual([]);
    expect(Object.keys(MATRIX).filter((f) => !routeFiles.includes(f))).toEqual([]);
    for (const file of routeFiles) {
      const mod = modules[`../../app/routes/${file}`]!;
      const entry = MATRIX[file]!;
      for (const c of [entry, ...(entry.more ?? [])]) {
        expect(Boolean(mod.loader), `${file} loader`).toBe(Boolean(c.loader));
        expect(Boolean(mod.action), `${file} action`).toBe(Boolean(c.action));
      }
      if (entry.attempts) expect(Boolean(mod.action), `${file} attempts need an action`).toBe(true);
    }
  });

  /**
   * What each Who gets, in WHO order (one may change what the next sees: an
   * attempt that succeeds), and what went wrong besides the statuses: a page
   * showing what it should hide, a sign-in redirect that does not come back.
   */
  async function answers(world: World, file: string, kind: "loader" | "action", c: Case, expected: Expected, post: Pick<Attempt, "form" | "json"> = {}) {
    const { fixtures, cookies } = world;
    const mod = modules[`../../app/routes/${file}`]!;
    const got: Record<string, number> = {};
    const problems: string[] = [];
    for (const who of WHO) {
      const body = post.json ? { body: JSON.stringify(post.json(fixtures)), headers: { "Content-Type": "application/json" } } : { form: post.form?.(fixtures) };
      const response = await call(mod, kind, { path: c.path(fixtures), params: c.params?.(fixtures), cookie: cookies[who], ...body });
      got[who] = response.status;
      if (kind === "loader" && response.status === 200) {
        const text = await response.clone().text();
        for (const h of c.hidden ?? []) {
          if (h.shownTo.includes(who) && !text.includes(h.text(fixtures))) problems.push(`${file} does not show ${h.what} to ${who}`);
          if (h.from.includes(who) && text.includes(h.text(fixtures))) problems.push(`${file} shows ${h.what} to ${who}`);
        }
      }
      if (response.status === 302 && expected[who] === 302 && who === "anonymous" && file !== "logout.tsx" && !/^\/login\?redirectTo=/.test(response.headers.get("location") ?? "")) {
        problems.push(`${file} sends ${who} to ${response.headers.get("location")}, not to sign in`);
      }
    }
    return { got, problems };
  }

  const named = (file: string, c: { label?: string }) => `${file}${c.label ? ` (${c.label})` : ""}`;

  // Loaders write nothing (get-no-writes.test.ts): one world serves them all, and a failure shows every cell that differs.
  it("every loader answers everyone as the matrix says", { timeout: 240_000 }, async () => {
    const world = await buildRouteFixtures();
    const expected: Record<string, Expected> = {};
    const got: Record<string, Record<string, number>> = {};
    const problems: string[] = [];
    for (const [file, entry] of Object.entries(MATRIX)) {
      for (const c of [entry, ...(entry.more ?? [])]) {
        if (!c.loader) continue;
        const answered = await answers(world, file, "loader", c, c.loader);
        expected[named(file, c)] = c.loader;
        got[named(file, c)] = answered.got;
        problems.push(...answered.problems);
      }
    }
    expect(got).toEqual(expected);
    expect(problems).toEqual([]);
  });

  // An empty post changes nothing, signing out apart (last, as it ends each session): one world serves them all.
  it("every action answers everyone's empty post as the matrix says", { timeout: 240_000 }, async () => {
    const world = await buildRouteFixtures();
    const expected: Record<string, Expected> = {};
    const got: Record<string, Record<string, number>> = {};
    const problems: string[] = [];
    const files = Object.keys(MATRIX).sort((a, b) => Number(a === "logout.tsx") - Number(b === "logout.tsx"));
    for (const file of files) {
      const entry = MATRIX[file]!;
      for (const c of [entry, ...(entry.more ?? [])]) {
        if (!c.action) continue;
        const answered = await answers(world, file, "action", c, c.action);
        expected[named(file, c)] = c.action;
        got[named(file, c)] = answered.got;
        problems.push(...answered.problems);
      }
    }
    expect(got).toEqual(expected);
    expect(problems).toEqual([]);
  });

  // An attempt may succeed and change the world: each gets one of its own.
  for (const [file, entry] of Object.entries(MATRIX)) {
    for (const attempt of entry.attempts ?? []) {
      it(`${file}: ${attempt.label}`, async () => {
        const world = await buildRouteFixtures();
        const answered = await answers(world, file, "action", entry, attempt.expected, attempt);
        expect(answered.got).toEqual(attempt.expected);
        expect(answered.problems).toEqual([]);
      });
    }
  }
});
