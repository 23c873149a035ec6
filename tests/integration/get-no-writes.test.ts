import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { DEFAULT_CRITERIA } from "../../app/domain/round";
import { buildRouteFixtures, type Fixtures } from "../support/route-fixtures";
import { MATRIX, WHO } from "../support/route-matrix";
import { call, type RouteModule } from "../support/routes";
import { changedTables, tableDigests } from "../support/table-digest";

/**
 * No GET changes data: every route with a loader, fetched by everyone (signed
 * out, each role, the outsiders) at its matrix address and with the query
 * strings its loader reads, leaves every table as it was.
 */

const modules = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });

/**
 * A GET may move a session's last-seen time (idle sign-out counts from it):
 * that column alone is left out. Everything else, sessions' other columns
 * included, must stay as it was.
 */
const DIGEST = { skipColumns: { sessions: ["last_seen_at"] } } as const;

/** A few query strings per route whose loader reads one: filters, sections, pages, sort orders, odd values. */
const QUERIES: Record<string, (f: Fixtures) => string[]> = {
  "admin.audit.tsx": (f) => [`?kind=need.created&actor=${f.userId}&from=2026-01-01&to=2026-12-31`, "?verify=1", "?before=5", "?kind=nonsense&from=yesterday"],
  "admin.outbox.tsx": () => ["?status=failed", "?status=queued", "?status=nonsense"],
  "interviews.$interviewId.run.tsx": () => ["?section=s-one", "?section=no-such-section"],
  "interviews._index.tsx": (f) => [`?status=planned&unit=${f.unitId}&from=2026-01-01&to=2026-12-31`, "?interviewer=nobody&status=nonsense"],
  "interviews.answers[.]csv.tsx": (f) => [`?unit=${f.unitId}&from=2026-01-01&to=2026-12-31`, "?from=yesterday"],
  "login.tsx": () => ["?redirectTo=/needs", "?redirectTo=https://elsewhere.example/"],
  "needs.$needId._index.tsx": () => ["?duplicates=1", "?evidence=Saturdays"],
  "needs._index.tsx": (f) => [`?q=phones&unit=${f.unitId}&category=availability&status=all&sort=recent&page=1`, `?interview=${f.interviewId}&stakeholder=${f.stakeholderId}&tag=x&process=y`, "?page=0&sort=nonsense"],
  "needs.new.tsx": (f) => [`?evidence=${f.needId}`, "?evidence=not-an-id"],
  "needs.similar.tsx": (f) => [`?q=Saturday&exclude=${f.needId}`, "?q="],
  "needs[.]csv.tsx": (f) => [`?q=phones&unit=${f.unitId}&status=all`, "?status=nonsense"],
  // Weights an RM tries on an open round (the ranking is computed again, and stored nowhere).
  "rounds.$roundId._index.tsx": () => [`?${DEFAULT_CRITERIA.map((c, i) => `w.${c.key}=${i + 1}`).join("&")}`, `?w.${DEFAULT_CRITERIA[0]!.key}=-5`],
  "rounds.new.tsx": (f) => [`?unit=${f.unitId}&category=availability&status=open`, "?status=nonsense"],
  "services.$serviceId.compare.tsx": () => ["?from=1&to=draft", "?from=9&to=nonsense"],
  "services.$serviceId.measures.tsx": () => ["?month=2026-10", "?month=nonsense"],
  "services._index.tsx": () => ["?q=Branch&kind=business&lifecycle=operation&criticality=tier1&renewing=90", "?kind=nonsense"],
  "services.new.tsx": (f) => [`?need=${f.needId}`, "?need=not-an-id"],
  "stakeholders._index.tsx": (f) => [`?unit=${f.unitId}&q=Person`, "?unit=not-an-id"],
  "surveys.$surveyId.results.tsx": (f) => [`?unit=${f.unitId}&level=manager`, "?level=nonsense"],
};

/**
 * Writes a GET makes by design, narrowly: route file → table → why. None today:
 * opening a survey link makes no response (the first answer saved does, see
 * ensureResponse in survey.server.ts), and signing out is a POST.
 */
const ALLOWED: Record<string, Record<string, string>> = {};

/** Whether a route's source (its module or its .server.ts) reads the query string. */
function readsQuery(file: string): boolean {
  const base = path.resolve(__dirname, "../../app/routes", file);
  return [base, base.replace(/\.tsx$/, ".server.ts")]
    .filter((f) => fs.existsSync(f))
    .some((f) => /searchParams|queryOf\(/.test(fs.readFileSync(f, "utf8")));
}

const withQuery = (address: string, query: string) => (address.includes("?") ? `${address}&${query.slice(1)}` : address + query);

/** The world, with every session last seen five minutes ago: a signed-in GET moves it, as it would in use. */
async function world() {
  const built = await buildRouteFixtures();
  await db().execute(sql`update sessions set last_seen_at = now() - interval '5 minutes'`);
  return built;
}

const loaderFiles = Object.keys(modules)
  .map((p) => path.basename(p))
  .filter((f) => modules[`../../app/routes/${f}`]!.loader)
  .sort();

describe("no GET changes data", () => {
  it("tries the query strings of every loader that reads them", () => {
    expect(loaderFiles.filter((f) => readsQuery(f) && !QUERIES[f])).toEqual([]);
    expect(Object.keys(QUERIES).filter((f) => !loaderFiles.includes(f))).toEqual([]);
  });

  it("sees a write to any table, a session's last-seen time apart", async () => {
    await world();
    const before = await tableDigests(DIGEST);
    await db().execute(sql`update sessions set last_seen_at = now()`);
    expect(changedTables(before, await tableDigests(DIGEST))).toEqual([]);
    await db().execute(sql`update sessions set user_agent = 'changed'`);
    await db().execute(sql`update needs set pain = 'changed' where number = 1`);
    expect(changedTables(before, await tableDigests(DIGEST))).toEqual(["needs", "sessions"]);
  });

  // No GET writes (that is what is checked, each against the state the one before left): one world serves them all.
  it("every GET, by everyone, with the query strings it reads, writes nothing", { timeout: 240_000 }, async () => {
    const { fixtures, cookies } = await world();
    const writes: string[] = [];
    let gets = 0;
    let before = await tableDigests(DIGEST);
    for (const file of loaderFiles) {
      const entry = MATRIX[file];
      if (!entry) {
        writes.push(`${file} has no address in route-matrix.ts, so no GET of it was tried`);
        continue;
      }
      const allowed = new Set(Object.keys(ALLOWED[file] ?? {}));
      const queries = ["", ...(QUERIES[file]?.(fixtures) ?? [])];
      for (const c of [entry, ...(entry.more ?? [])]) {
        if (!c.loader) continue;
        for (const query of queries) {
          const address = withQuery(c.path(fixtures), query);
          // A query string matters only to those the page is for: the others are turned away before it is read.
          for (const who of query ? WHO.filter((w) => c.loader![w] === 200 || (c.loader![w] === 302 && w !== "anonymous")) : WHO) {
            const response = await call(modules[`../../app/routes/${file}`]!, "loader", { path: address, params: c.params?.(fixtures), cookie: cookies[who] });
            await response.arrayBuffer();
            gets++;
            const after = await tableDigests(DIGEST);
            const changed = changedTables(before, after).filter((t) => !allowed.has(t));
            if (response.status >= 500) writes.push(`GET ${address} as ${who} answered ${response.status}`);
            if (changed.length) writes.push(`GET ${address} (${file}) as ${who} wrote to ${changed.join(", ")}`);
            before = after;
          }
        }
      }
    }
    expect(writes).toEqual([]);
    expect(gets).toBeGreaterThan(loaderFiles.length * WHO.length);
  });
});
