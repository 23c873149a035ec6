import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { businessUnits, guideVersions, interviewGuides, users } from "../db/schema";
import { guideContentSchema, type GuideContent, type Question } from "../app/domain/guide";
import { closeDatabase, openDatabase, type Executor } from "../app/db.server";
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { refreshNeedSupport } from "../app/models/need-support.server";
import { rowsOf } from "../app/models/rows.server";
import { createWorkspace } from "../app/models/workspace.server";
import { hashPassword } from "../app/utils/password.server";
import { freshPostgresDatabase } from "../scripts/fresh-database";

/**
 * The needs benchmark's workspace: 2,000 completed interviews of a 50-question
 * guide (100,000 answers), 20,000 quotes taken from them, and 10,000 needs
 * backed by those quotes, about 200 of them merged into others. Built with a
 * handful of set-based statements (insert … select from generate_series), so
 * it takes seconds on PostgreSQL. Text is assembled from word lists: every
 * answer, quote and need reads differently, and words such as "branch",
 * "saturday" or "payroll" turn up in some of them but not all.
 *
 * Ids are derived from ordinals (a v4-shaped md5), so related rows are joined
 * by arithmetic rather than lookups, and a second run builds the same shape.
 */

export const BENCH_PASSWORD = "charter-bench";
export const BENCH_LOGINS = {
  admin: "admin@bench.example",
  rm: "rm@bench.example",
  lead: "lead@bench.example",
} as const;

export interface NeedsDataOptions {
  /** 1 = 2,000 interviews, 100,000 answers, 20,000 quotes, 10,000 needs. */
  scale?: number;
  log?: (line: string) => void;
}

export interface NeedsDataSummary {
  counts: Record<string, number>;
  seconds: number;
  steps: { step: string; seconds: number }[];
}

const UNITS = [
  ["RB", "Retail Banking"],
  ["FIN", "Finance"],
  ["HR", "HR"],
  ["FAC", "Facilities"],
  ["MKT", "Marketing"],
  ["IT", "IT"],
  ["OPS", "Operations"],
  ["RSK", "Risk and Compliance"],
  ["CB", "Commercial Banking"],
  ["TRE", "Treasury"],
] as const;

const BENCH_USERS = [
  { email: BENCH_LOGINS.admin, name: "Ada Quinn", title: "Head of IT Governance", role: "admin", unit: "IT" },
  { email: BENCH_LOGINS.rm, name: "Ravi Menon", title: "Business Relationship Manager", role: "relationship_manager", unit: "IT" },
  { email: "rm2@bench.example", name: "Rosa Lindqvist", title: "Business Relationship Manager", role: "relationship_manager", unit: "IT" },
  { email: BENCH_LOGINS.lead, name: "Leah Brooks", title: "Head of Branch Network", role: "business_lead", unit: "RB" },
  { email: "lead.finance@bench.example", name: "Luca Ferri", title: "Financial Controller", role: "business_lead", unit: "FIN" },
  { email: "exec@bench.example", name: "Esther Obi", title: "Chief Operating Officer", role: "executive", unit: null },
] as const;

/* ---------- word lists (ASCII only: offsets are the same in JavaScript and SQL) ---------- */

const W = {
  subject: [
    "The branch team", "Our payroll clerks", "The contact centre", "Front-line staff", "The finance team", "Regional managers",
    "New starters", "The mortgage desk", "Customers", "The operations team", "Our auditors", "The treasury desk",
    "Facilities staff", "The marketing team", "Senior managers", "Part-time staff", "The HR service centre", "Our suppliers",
    "The compliance team", "Weekend staff", "Branch managers", "The close team",
  ],
  verb: [
    "cannot reach", "wait too long for", "need faster access to", "lose time with", "re-key data into", "rely on",
    "struggle with", "have no backup for", "keep calling IT about", "escalate problems with", "work around", "print everything from",
    "do not trust", "share logins for", "chase reports from", "cannot search", "complain about",
  ],
  object: [
    "the telephony system", "the payroll run", "the core banking platform", "branch printers", "the month-end reports",
    "the customer records system", "the document scanner", "the general ledger", "card terminals", "the wifi", "shared drives",
    "the reconciliation spreadsheet", "the queue management screens", "the HR portal", "the expenses tool",
    "the loan origination system", "email", "the intranet", "video calls", "the cash counting machines", "the booking system",
    "the regulatory returns", "their laptops", "the service desk", "the data warehouse", "the branch tablets",
  ],
  context: [
    "on a saturday", "at month-end", "during the payroll run", "every morning", "when the branch opens",
    "in the last week of the quarter", "after a system outage", "when volumes peak", "at lunchtime", "during the year-end close",
    "on bank holidays", "when a new starter joins", "before the regulator deadline", "late in the evening", "most days",
    "in the first hour of trading",
  ],
  tail: [
    ", so customers queue at the counter", ", which delays the close by a day", ", and nobody knows who to call",
    ", so we keep paper copies", ", and calls drop without warning", ", so staff stay late to finish",
    ", which costs us complaints", ", and the workaround takes an hour", ", so we miss the cut-off",
    ", and the regulator notices", ", which nobody has measured", ", so the team guesses",
  ],
  who: [
    "Branch staff", "Payroll clerks", "Month-end close accountants", "Contact centre agents", "Mortgage advisers", "Regional managers",
    "New starters", "Facilities coordinators", "Compliance officers", "Treasury dealers", "Marketing analysts", "HR business partners",
    "Customers at the branch counter", "Relationship managers", "Internal auditors", "Weekend branch staff", "Operations analysts",
    "Commercial bankers", "Risk managers", "Reception staff",
  ],
  want: [
    "to reach the telephony system", "a printer that works", "faster access to the core banking platform",
    "same-day answers from the service desk", "payroll reports they can trust", "a backup for card terminals",
    "to see the month-end figures in one place", "fewer password resets", "secure remote access", "a working wifi connection",
    "scanned documents filed automatically", "the ledger available before eight", "one login for the HR portal",
    "the queue screens to show waiting times", "video calls that do not drop", "the loan system to save their progress",
    "to search customer records by phone number", "a named contact at the service desk", "the booking system on their phones",
    "regulatory returns checked before submission", "laptops ready on the first day", "the data warehouse refreshed overnight",
    "cash machines serviced before opening", "expenses approved within a week", "alerts when a payment fails",
    "a fallback when telephony is down", "reports delivered by email", "the intranet to find policies quickly",
    "a way to raise urgent requests", "training on the new tools",
  ],
  when: [
    "on a saturday", "at month-end", "during the payroll run", "when the branch opens", "at quarter-end", "during peak hours",
    "after an outage", "every morning", "in a new starter's first week", "during the annual audit", "on bank holidays",
    "before the regulator deadline", "all year round", "during the year-end close",
  ],
  without: ["re-keying anything", "calling IT", "waiting in a queue", "paper forms", "a second login", "overtime"],
  outcome: [
    "customers are served without queuing", "the books close on time", "everyone is paid correctly and on time",
    "no call is lost", "the regulator gets accurate returns", "new starters are productive on day one", "the branch opens on time",
    "complaints fall", "staff stop working late", "decisions rest on current figures",
  ],
  process: [
    "Account opening", "Month-end close", "Payroll", "Onboarding", "Customer complaints", "Loan applications", "Cash handling",
    "Regulatory reporting", "Branch opening", "Card disputes", "Supplier payments", "Expenses", "Year-end close", "Recruitment",
    "Mortgage offers", "Treasury settlement", "Marketing campaigns", "Facilities requests", "Access requests", "Audit evidence",
    "Customer calls", "Direct debits", "Fraud checks", "Branch telephony", "Saturday opening", "Statement printing",
  ],
  period: ["Saturday mornings", "Month-end", "Payroll week", "Quarter-end", "Year-end", "Bank holidays", "Peak season", "Audit season"],
  pain: [
    "Customers wait while staff re-key details.", "The close slips by a day each quarter.", "Payroll queries pile up after each run.",
    "Calls are dropped and customers ring back.", "Staff keep paper copies just in case.", "Every outage means overtime.",
    "Nobody knows who owns the problem.", "The workaround takes an hour a day.",
  ],
  tag: ["saturday", "month-end", "payroll", "telephony", "branch", "outage", "queues", "reporting", "onboarding", "audit", "printing", "access", "suppliers", "training"],
  first: [
    "Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur", "Grace", "Leo", "Freya", "Oscar", "Lily", "Harry", "Emily",
    "Jack", "Sophia", "Charlie", "Ivy", "Thomas", "Aisha", "Mohammed", "Priya", "Arjun", "Chen", "Mei", "Kofi", "Ama", "Lukas", "Elena",
    "Mateo", "Sofia", "Yusuf", "Zara", "Daniel", "Hannah", "Samuel", "Chloe", "Ethan", "Nadia",
  ],
  last: [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright", "Robinson", "Wood", "Thompson",
    "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Khan", "Lewis", "Harris", "Clarke", "Jackson", "Okafor", "Nowak", "Rossi",
    "Murphy", "Kelly", "Singh", "Ali", "Chen", "Campbell", "Hughes", "Edwards", "Mensah", "Haddad", "Novak", "Kim", "Adeyemi",
  ],
  jobTitle: [
    "Branch Manager", "Customer Service Lead", "Payroll Specialist", "Finance Analyst", "Operations Manager", "Team Leader",
    "Senior Accountant", "HR Adviser", "Facilities Coordinator", "Marketing Executive", "Compliance Officer", "Treasury Analyst",
    "Head of Department", "Regional Director", "Process Owner",
  ],
  location: ["Video call", "Head office, 4th floor", "Leeds Briggate branch", "Manchester hub", "Bristol office", "Edinburgh branch", "Phone"],
};

const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (list: readonly string[]) => `array[${list.map(lit).join(",")}]::text[]`;
/** A random element of a word list (SQL). */
const pick = (list: readonly string[]) => `(${arr(list)})[1 + floor(random() * ${list.length})::int]`;
/** A v4-shaped uuid derived from a kind and an ordinal (SQL). */
const uid = (kind: string, ordinal: string) => `overlay(overlay(md5('${kind}:' || (${ordinal})::text) placing '4' from 13) placing '8' from 17)::uuid`;
/** One sentence of what a stakeholder said. */
const SENTENCE = `${pick(W.subject)} || ' ' || ${pick(W.verb)} || ' ' || ${pick(W.object)} || ' ' || ${pick(W.context)} || (case when random() < 0.5 then ${pick(W.tail)} else '' end) || '.'`;

/** A verbatim quote, as the interviewer wrote it down. */
const QUOTE = `'Honestly, ' || ${pick(W.subject.map(lowerFirst))} || ' ' || ${pick(W.verb)} || ' ' || ${pick(W.object)} || ' ' || ${pick(W.context)} || '.'`;

/* ---------- the guide: 50 questions in 8 sections, mostly long text ---------- */

const TOPICS = [
  ["outcomes", "Business outcomes that matter", "the results your unit is measured on"],
  ["processes", "Processes and hand-offs", "the hand-offs between your team and others"],
  ["periods", "Critical periods", "your busiest periods"],
  ["systems", "Systems and tools", "the systems your staff use every day"],
  ["support", "Support and the service desk", "getting help from IT"],
  ["information", "Information and reporting", "the reports and figures you rely on"],
  ["security", "Security and compliance", "access, security and the rules you work under"],
  ["ahead", "Looking ahead", "the changes coming in the next year"],
] as const;

const STEMS = [
  (t: string) => `Walk me through how your unit deals with ${t}.`,
  (t: string) => `What goes wrong with ${t}, and how often?`,
  (t: string) => `Who do you turn to when ${t} let you down?`,
  (t: string) => `What would better ${t} change for your customers?`,
  (t: string) => `Tell me about the last time ${t} caused a problem.`,
  (t: string) => `What workarounds has your team built around ${t}?`,
  (t: string) => `If you could change one thing about ${t}, what would it be?`,
];

export function benchGuide(): GuideContent {
  let n = 0;
  const sections = TOPICS.map(([slug, title, topic], s) => {
    const size = s < 2 ? 7 : 6; // 7 + 7 + 6 × 6 = 50
    const questions: Question[] = [];
    for (let i = 0; i < size; i++) {
      n += 1;
      const id = `q-${slug}-${i + 1}`;
      const base = { id, help: "", required: i === 0, condition: null };
      // A few questions of other types, so the guide looks like a real one; the rest are long text.
      if (n === 1 || n === 15 || n === 29 || n === 43) {
        questions.push({ ...base, type: "short_text", prompt: `In a few words, what matters most about ${topic}?`, settings: { maxLength: 200 } });
      } else if (n === 20 || n === 34) {
        questions.push({ ...base, type: "scale", prompt: `How well do ${topic} serve you today?`, settings: { min: 1, max: 5, minLabel: "Badly", maxLabel: "Very well" } });
      } else if (n === 40) {
        questions.push({ ...base, type: "yes_no", prompt: `Has an audit raised ${topic} in the last year?`, settings: {} });
      } else if (n === 48) {
        questions.push({
          ...base,
          type: "single_choice",
          prompt: "Which matters most next year?",
          settings: { options: [{ value: "speed", label: "Speed" }, { value: "cost", label: "Cost" }, { value: "reliability", label: "Reliability" }] },
        });
      } else {
        questions.push({ ...base, type: "long_text", prompt: STEMS[i % STEMS.length]!(topic), settings: {} });
      }
    }
    return { id: `s-${slug}`, title, purpose: `Listen for what ${topic} mean to them.`, questions };
  });
  return guideContentSchema.parse({ sections });
}

/* ---------- the generator ---------- */

async function exec(executor: Executor, text: string) {
  return rowsOf<Record<string, unknown>>(await executor.execute(sql.raw(text)));
}

/**
 * Fills an empty, migrated database with the needs benchmark's workspace, in one
 * transaction. Refuses a database that already holds a workspace.
 */
export async function generateNeedsData(database: Executor, { scale = 1, log = () => {} }: NeedsDataOptions = {}): Promise<NeedsDataSummary> {
  const I = Math.max(10, Math.round(2000 * scale)); // interviews
  const S = Math.max(50, Math.round(1500 * scale)); // stakeholders
  const E = Math.max(20, Math.round(20000 * scale)); // quotes
  const N = Math.max(10, Math.round(10000 * scale)); // needs
  const perUnit = Math.floor(S / UNITS.length);
  const content = benchGuide();
  const questions = content.sections.flatMap((s) => s.questions);
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  const [existing] = await exec(database, `select (select count(*) from workspace)::int + (select count(*) from users)::int as n`);
  if (Number(existing!.n) > 0) throw new Error("The database already holds a workspace: give the needs benchmark an empty one.");

  const started = performance.now();
  const steps: { step: string; seconds: number }[] = [];
  let mark = started;
  const step = (name: string) => {
    const now = performance.now();
    steps.push({ step: name, seconds: (now - mark) / 1000 });
    log(`  ${name}: ${((now - mark) / 1000).toFixed(1)} s`);
    mark = now;
  };

  const counts = await database.transaction(async (tx) => {
    await exec(tx, `select setseed(0.4242)`);
    await createWorkspace(tx, { name: "Bench Bank", demo: false, actor: SYSTEM_ACTOR });
    const unitRows = await tx
      .insert(businessUnits)
      .values(UNITS.map(([code, name]) => ({ code, name, description: `${name} (benchmark workspace)` })))
      .returning({ id: businessUnits.id, code: businessUnits.code });
    const unitId = new Map(unitRows.map((u) => [u.code, u.id]));
    const unitIds = UNITS.map(([code]) => unitId.get(code)!);
    const userRows = await tx
      .insert(users)
      .values(BENCH_USERS.map((u) => ({ email: u.email, name: u.name, title: u.title, role: u.role, businessUnitId: u.unit ? unitId.get(u.unit)! : null, passwordHash })))
      .returning({ id: users.id, email: users.email });
    const userId = new Map(userRows.map((u) => [u.email, u.id]));
    const rm = userId.get(BENCH_LOGINS.rm)!;
    const rm2 = userId.get("rm2@bench.example")!;
    const [guide] = await tx
      .insert(interviewGuides)
      .values({ title: "Business needs discovery (benchmark)", description: "Fifty questions across eight sections.", createdBy: rm })
      .returning({ id: interviewGuides.id });
    const [version] = await tx
      .insert(guideVersions)
      .values({ guideId: guide!.id, number: 1, content, status: "published", publishedAt: new Date(), publishedBy: rm })
      .returning({ id: guideVersions.id });
    step("workspace, units, users, guide");

    const units = `(${`array[${unitIds.map(lit).join(",")}]::uuid[]`})`;
    // Stakeholder s works in unit s % 10; the t-th of unit u is s = u + 10 t.
    await exec(
      tx,
      `insert into stakeholders (id, name, title, level, business_unit_id, email)
       select ${uid("stakeholder", "s")}, f || ' ' || l, ${pick(W.jobTitle)},
         (array['executive','senior_manager','manager','manager','specialist','specialist','front_line','front_line'])[1 + s % 8]::stakeholder_level,
         ${units}[1 + s % ${UNITS.length}],
         case when s % 7 = 3 then null else lower(f || '.' || l || '.' || s || '@bench.example') end
       from generate_series(0, ${S - 1}) s,
         lateral (select (${arr(W.first)})[1 + s % ${W.first.length}] as f, (${arr(W.last)})[1 + (s / ${W.first.length} + s * 7) % ${W.last.length}] as l) n`,
    );
    step(`${S} stakeholders`);

    // Interview k: unit k % 10, held over the last two years, completed.
    await exec(
      tx,
      `insert into interviews (id, guide_version_id, business_unit_id, interviewer_id, scheduled_at, duration_minutes, location, purpose, status, created_by, created_at, updated_at)
       select ${uid("interview", "k")}, ${lit(version!.id)}, ${units}[1 + k % ${UNITS.length}],
         case when k % 3 = 0 then ${lit(rm2)}::uuid else ${lit(rm)}::uuid end,
         t, 60 + 30 * (k % 2), ${pick(W.location)}, 'Discovery conversation ' || (k + 1), 'completed', ${lit(rm)}, t - interval '14 days', t + interval '2 hours'
       from generate_series(0, ${I - 1}) k,
         lateral (select date_trunc('day', now()) - make_interval(days => ((${I} - k) * 730 / ${I})::int) + make_interval(hours => 8 + k % 9) as t) w`,
    );
    await exec(
      tx,
      `insert into interview_stakeholders (interview_id, stakeholder_id)
       select ${uid("interview", "k")}, ${uid("stakeholder", `k % ${UNITS.length} + ${UNITS.length} * ((k * 7 + t * 53) % ${perUnit})`)}
       from generate_series(0, ${I - 1}) k, generate_series(0, k % 3) t
       on conflict do nothing`,
    );
    step(`${I} interviews`);

    // One answer per question per interview. Long text: 2-5 sentences; one in eight carries a verbatim quote.
    const qs = `(values ${questions.map((q, i) => `(${i}, ${lit(q.id)}, ${lit(q.type)})`).join(", ")}) as q(ord, id, type)`;
    await exec(
      tx,
      `insert into answers (interview_id, kind, item, value, quote, revision, updated_by, updated_at)
       select i.id, 'answer', q.id,
         case q.type
           when 'long_text' then to_jsonb((select string_agg(${SENTENCE}, ' ') from generate_series(1, 2 + (k + q.ord) % 4)))
           when 'short_text' then to_jsonb(${pick(W.subject)} || ' ' || ${pick(W.verb)} || ' ' || ${pick(W.object)} || '.')
           when 'scale' then to_jsonb(1 + floor(random() * 5)::int)
           when 'yes_no' then to_jsonb(random() < 0.3)
           else to_jsonb((array['speed','cost','reliability'])[1 + floor(random() * 3)::int])
         end,
         case when q.type = 'long_text' and (k * 5 + q.ord) % 8 = 0 then ${QUOTE} else '' end,
         1, i.interviewer_id, i.scheduled_at + interval '1 hour'
       from generate_series(0, ${I - 1}) k
       join interviews i on i.id = ${uid("interview", "k")}
       cross join ${qs}`,
    );
    step(`${I * questions.length} answers`);

    // Quotes: E text answers (or their verbatim quotes) chosen at random, each quoting one sentence or the whole text.
    await exec(
      tx,
      `insert into evidence (id, interview_id, source, item, start, "end", text, source_text, checked_text, tags, created_by, created_at)
       select ${uid("evidence", "j")}, interview_id, source::evidence_source, item, start, start + len, substr(src, start + 1, len), src, src,
         case when j % 3 = 0 then array[]::text[]
              when j % 3 = 1 then array[${pick(W.tag)}]
              else array(select distinct x from unnest(array[${pick(W.tag)}, ${pick(W.tag)}]) x order by 1) end,
         ${lit(rm)}, at
       from (
         select c.*, case when whole then 0 when k = 1 then 0 else length(array_to_string(parts[1:k - 1], '. ')) + 2 end as start,
           case when whole then length(src) else length(parts[k]) + (case when k < cardinality(parts) then 1 else 0 end) end as len
         from (
           select b.*, string_to_array(src, '. ') as parts, 1 + floor(random() * cardinality(string_to_array(src, '. ')))::int as k, random() < 0.15 as whole
           from (
             select a.interview_id, a.item, a.at, row_number() over (order by a.r) - 1 as j,
               case when a.quote <> '' and a.r2 < 0.5 then 'quote' else 'answer' end as source,
               case when a.quote <> '' and a.r2 < 0.5 then a.quote else a.value #>> '{}' end as src
             from (
               select a.interview_id, a.item, a.value, a.quote, a.updated_at + interval '1 day' as at, random() as r, random() as r2
               from answers a
               where a.kind = 'answer' and a.item in (${questions.filter((q) => q.type === "long_text" || q.type === "short_text").map((q) => lit(q.id)).join(",")})
               order by r limit ${E}
             ) a
           ) b
         ) c
       ) d`,
    );
    // Who said it: the interview's first stakeholder, and a quarter of the time a second one too.
    await exec(
      tx,
      `insert into evidence_stakeholders (evidence_id, stakeholder_id)
       select e.id, s.stakeholder_id
       from evidence e
       cross join lateral (
         select stakeholder_id from interview_stakeholders x where x.interview_id = e.interview_id
         order by stakeholder_id limit (case when get_byte(decode(md5(e.id::text), 'hex'), 0) % 4 = 0 then 2 else 1 end)
       ) s`,
    );
    step(`${E} quotes`);

    // Needs: statement from who + want + when (+ without); categories and statuses weighted.
    await exec(
      tx,
      `insert into needs (id, survivor_id, statement, outcome, process, critical_period, pain, category, status, status_reason, created_by, created_at, updated_at)
       select id, id, statement, outcome, process, period, pain, category::need_category, status::need_status,
         case when status = 'rejected' then 'Out of scope for IT: ' || ${pick(W.process)} || ' is run by the supplier.' else '' end,
         ${lit(rm)}, at, at
       from (
         select i, ${uid("need", "i")} as id,
           ${pick(W.who)} || ' need ' || ${pick(W.want)} || ' ' || ${pick(W.when)} || (case when random() < 0.3 then ' without ' || ${pick(W.without)} else '' end) || '.' as statement,
           case when random() < 0.7 then 'So that ' || ${pick(W.outcome)} || '.' else '' end as outcome,
           case when random() < 0.8 then ${pick(W.process)} else '' end as process,
           case when random() < 0.5 then ${pick(W.period)} else '' end as period,
           case when random() < 0.6 then ${pick(W.pain)} else '' end as pain,
           (array['capability','capability','availability','availability','performance','support','support','information','security','compliance','cost','experience'])[1 + floor(random() * 12)::int] as category,
           (array['open','open','open','open','open','open','open','open','open','open','open','open','open','open','answered','answered','answered','parked','parked','rejected'])[1 + floor(random() * 20)::int] as status,
           date_trunc('day', now()) - make_interval(days => ((${N} - i) * 700 / ${N})::int) as at
         from generate_series(0, ${N - 1}) i
         order by i
       ) x`,
    );
    // Need i links quotes [start_i, start_i + c_i) in a ring of E quotes, c_i = 1..5 (mean ~2.05):
    // every quote is linked, and where the ring wraps some are linked to two needs.
    await exec(
      tx,
      `insert into need_evidence (need_id, evidence_id, linked_by, linked_at)
       select ${uid("need", "i")}, ${uid("evidence", `(start + t) % ${E}`)}, ${lit(rm)}, now()
       from (
         select i, c, coalesce(sum(c) over (order by i rows between unbounded preceding and 1 preceding), 0) as start
         from (
           select i, (array[1,1,1,1,1,1,1,1,1,2,2,2,2,2,3,3,3,4,4,5])[1 + floor(random() * 20)::int] as c from generate_series(0, ${N - 1}) i
         ) counts
       ) x, generate_series(0, c - 1) t
       on conflict do nothing`,
    );
    // Any quote the ring did not reach (only if the counts fell short) goes to need j % N.
    await exec(
      tx,
      `insert into need_evidence (need_id, evidence_id, linked_by)
       select ${uid("need", `j % ${N}`)}, ${uid("evidence", "j")}, ${lit(rm)}
       from generate_series(0, ${E - 1}) j
       where not exists (select 1 from need_evidence ne where ne.evidence_id = ${uid("evidence", "j")})`,
    );
    // A need belongs to the units of the interviews its quotes came from.
    await exec(
      tx,
      `insert into need_units (need_id, unit_id)
       select distinct ne.need_id, i.business_unit_id
       from need_evidence ne join evidence e on e.id = ne.evidence_id join interviews i on i.id = e.interview_id`,
    );
    // One need in fifty is merged into the need before it (which is never itself merged).
    await exec(
      tx,
      `update needs n set merged_into = m.target, survivor_id = m.target, merged_at = n.created_at + interval '3 days', merged_by = ${lit(rm)}
       from (select ${uid("need", "i")} as id, ${uid("need", "i - 1")} as target from generate_series(0, ${N - 1}) i where i % 50 = 25) m
       where n.id = m.id`,
    );
    // Some discussion on one need in five.
    await exec(
      tx,
      `insert into need_comments (need_id, author_id, body, created_at)
       select ${uid("need", "i")}, case when c = 0 then ${lit(rm)}::uuid else ${lit(userId.get(BENCH_LOGINS.lead)!)}::uuid end,
         'Heard this again from ' || ${pick(W.who.map(lowerFirst))} || ': they ' || ${pick(W.verb)} || ' ' || ${pick(W.object)} || ' ' || ${pick(W.context)} || '.',
         now() - make_interval(days => (i % 300)::int, mins => c * 17)
       from generate_series(0, ${N - 1}) i, generate_series(0, i % 2) c
       where i % 5 = 0`,
    );
    step(`${N} needs with links and units`);

    const live = rowsOf<{ id: string }>(await tx.execute(sql`select id from needs where merged_into is null`)).map((r) => r.id);
    for (let i = 0; i < live.length; i += 2500) await refreshNeedSupport(tx, live.slice(i, i + 2500));
    step("support of live needs");

    const [row] = await exec(
      tx,
      `select (select count(*) from business_units)::int as units, (select count(*) from users)::int as users,
         (select count(*) from stakeholders)::int as stakeholders, (select count(*) from interviews)::int as interviews,
         (select count(*) from answers)::int as answers, (select count(*) from evidence)::int as evidence,
         (select count(*) from needs)::int as needs, (select count(*) from needs where merged_into is not null)::int as merged,
         (select count(*) from need_evidence)::int as need_evidence, (select count(*) from need_units)::int as need_units,
         (select count(*) from need_comments)::int as comments`,
    );
    return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
  });
  // As autovacuum would leave a workspace that has been in use: statistics, and visibility maps for index-only scans.
  await exec(database, "vacuum analyze");
  step("vacuum analyze");
  return { counts, seconds: (performance.now() - started) / 1000, steps };
}

/** Problems with the generated data (empty when it keeps every rule the app relies on). */
export async function checkNeedsData(database: Executor): Promise<string[]> {
  const [r] = await exec(
    database,
    `select
       (select count(*) from evidence e where e.text <> substr(e.source_text, e.start + 1, e."end" - e.start) or e.checked_text <> e.source_text or e."end" > length(e.source_text))::int as bad_offsets,
       (select count(*) from evidence e left join answers a on a.interview_id = e.interview_id and a.kind = 'answer' and a.item = e.item
          where a.interview_id is null or (e.source = 'answer' and a.value #>> '{}' <> e.source_text) or (e.source = 'quote' and a.quote <> e.source_text))::int as bad_sources,
       (select count(*) from evidence e where not exists (select 1 from evidence_stakeholders es where es.evidence_id = e.id))::int as no_speaker,
       (select count(*) from evidence_stakeholders es join evidence e on e.id = es.evidence_id
          where not exists (select 1 from interview_stakeholders x where x.interview_id = e.interview_id and x.stakeholder_id = es.stakeholder_id))::int as stranger,
       (select count(*) from needs n where not exists (select 1 from need_units u where u.need_id = n.id))::int as no_unit,
       (select count(*) from needs n where not exists (select 1 from need_evidence ne where ne.need_id = n.id))::int as no_quote,
       (select count(*) from (select need_id, count(*) c from need_evidence group by need_id) x where c > 5)::int as over_five,
       (select count(*) from evidence e where not exists (select 1 from need_evidence ne where ne.evidence_id = e.id))::int as unlinked,
       (select count(*) from needs n join needs t on t.id = n.merged_into where t.merged_into is not null or n.survivor_id <> t.id)::int as bad_merge,
       (select count(*) from needs n where n.merged_into is null and (n.evidence_count = 0 or n.stakeholder_count = 0 or n.unit_count = 0 or n.last_heard is null))::int as no_support`,
  );
  return Object.entries(r!)
    .filter(([, v]) => Number(v) > 0)
    .map(([k, v]) => `${k}: ${v}`);
}

/** Opens a database, fills it and closes it: the bench's entry point. */
export async function buildNeedsDatabase({ url, pgliteDir, scale, log = console.log }: { url?: string; pgliteDir?: string; scale?: number; log?: (line: string) => void }) {
  const handle = await openDatabase(url ? { url } : { pgliteDir, lockDir: path.dirname(pgliteDir!) });
  try {
    const summary = await generateNeedsData(handle.db, { scale, log });
    const problems = await checkNeedsData(handle.db);
    if (problems.length) throw new Error(`The generated data breaks its own rules: ${problems.join(", ")}`);
    // 200 live needs for the need-page benchmark, spread over the numbers, including survivors of merges.
    const needIds = rowsOf<{ id: string }>(
      await handle.db.execute(sql`select id from needs where merged_into is null order by md5(id::text) limit 200`),
    ).map((r) => r.id);
    return { ...summary, needIds };
  } finally {
    await closeDatabase();
  }
}

export function printSummary(summary: NeedsDataSummary, where: string) {
  const c = summary.counts;
  console.log(
    `Needs workspace in ${where}: ${c.interviews} interviews, ${c.answers} answers, ${c.evidence} quotes, ${c.needs} needs ` +
      `(${c.merged} merged), ${c.need_evidence} quote links, ${c.stakeholders} stakeholders, ${c.units} units, ${c.users} users; ` +
      `${summary.seconds.toFixed(1)} s.`,
  );
}

/**
 * npm run bench:data [-- --database NAME] [--scale 0.1]
 *   With DATABASE_URL: fills that database, if it is empty; --database NAME drops
 *   and re-creates NAME on the same server and fills that instead.
 *   Without: fills the embedded database in DATA_DIR (./data), if it is empty.
 */
async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const scale = Number(option("--scale") ?? 1);
  if (!(scale > 0 && scale <= 10)) throw new Error("--scale takes a number above 0, up to 10");
  const name = option("--database");
  let url = process.env.DATABASE_URL || undefined;
  if (name) {
    if (!url) throw new Error("--database needs DATABASE_URL: the server to create the database on");
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error("--database takes a plain name: lower-case letters, digits and _");
    url = await freshPostgresDatabase(url, name);
  }
  const pgliteDir = path.join(process.env.DATA_DIR || "./data", "pglite");
  const where = url ? new URL(url).pathname.slice(1) + " (PostgreSQL)" : `${pgliteDir} (PGlite)`;
  console.log(`Building the needs benchmark workspace in ${where}, scale ${scale}…`);
  const summary = await buildNeedsDatabase({ url, pgliteDir, scale });
  printSummary(summary, where);
  console.log(`Sign in as ${BENCH_LOGINS.rm} (relationship manager) or ${BENCH_LOGINS.lead} (business lead, Retail Banking); password ${BENCH_PASSWORD}.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
