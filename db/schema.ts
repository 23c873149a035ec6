import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum("role", [
  "admin",
  "relationship_manager",
  "business_lead",
  "executive",
]);

export const stakeholderLevelEnum = pgEnum("stakeholder_level", [
  "executive",
  "senior_manager",
  "manager",
  "specialist",
  "front_line",
]);

/** One row: the workspace's own settings (name, whether it holds the demo story). */
export const workspace = pgTable("workspace", {
  id: text("id").primaryKey().default("workspace"),
  name: text("name").notNull(),
  demo: boolean("demo").notNull().default(false),
  createdAt: createdAt(),
});

export const businessUnits = pgTable(
  "business_units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    code: text("code").notNull(),
    description: text("description").notNull().default(""),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("business_units_name_key").on(sql`lower(${t.name})`),
    uniqueIndex("business_units_code_key").on(sql`lower(${t.code})`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    title: text("title").notNull().default(""),
    role: roleEnum("role").notNull(),
    businessUnitId: uuid("business_unit_id").references(() => businessUnits.id),
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    check("users_email_lower", sql`${t.email} = lower(${t.email})`),
  ],
);

/** Server-side sessions: the cookie carries a random token, the table its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip").notNull().default(""),
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed sign-ins per email, kept long enough to count the last 15 minutes. */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    ip: text("ip").notNull().default(""),
  },
  (t) => [index("login_failures_email_at_idx").on(t.email, t.at)],
);

export const loginLockouts = pgTable("login_lockouts", {
  email: text("email").primaryKey(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }).notNull(),
});

export const stakeholders = pgTable(
  "stakeholders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    title: text("title").notNull().default(""),
    level: stakeholderLevelEnum("level").notNull(),
    businessUnitId: uuid("business_unit_id")
      .notNull()
      .references(() => businessUnits.id),
    email: text("email"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("stakeholders_email_key").on(sql`lower(${t.email})`),
    index("stakeholders_unit_idx").on(t.businessUnitId),
  ],
);

/**
 * Append-only, hash-chained record of every state change. Rows are written by
 * app/models/audit.server.ts only, inside the transaction of the change, and a
 * trigger (migrations) refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    kind: text("kind").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    payload: jsonb("payload").notNull(),
    ip: text("ip").notNull(),
    userAgent: text("user_agent").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_kind_idx").on(t.kind, t.seq),
    index("audit_events_actor_idx").on(t.actorId, t.seq),
    index("audit_events_subject_idx").on(t.subjectId, t.seq),
    index("audit_events_at_idx").on(t.at),
  ],
);

export type User = typeof users.$inferSelect;
export type BusinessUnit = typeof businessUnits.$inferSelect;
export type Stakeholder = typeof stakeholders.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export type StakeholderLevel = (typeof stakeholderLevelEnum.enumValues)[number];

export const guideVersionStatusEnum = pgEnum("guide_version_status", ["draft", "published"]);

export const interviewGuides = pgTable("interview_guides", {
  id: uuid("id").primaryKey().defaultRandom(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * One version of a guide: its sections and questions as one JSON document
 * (app/domain/guide.ts checks it). A published version never changes (a
 * trigger refuses it): interviews and their answers point at it.
 */
export const guideVersions = pgTable(
  "guide_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    guideId: uuid("guide_id")
      .notNull()
      .references(() => interviewGuides.id),
    number: integer("number").notNull(),
    status: guideVersionStatusEnum("status").notNull().default("draft"),
    content: jsonb("content").$type<import("../app/domain/guide").GuideContent>().notNull(),
    revision: integer("revision").notNull().default(1),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("guide_versions_number_key").on(t.guideId, t.number),
    uniqueIndex("guide_versions_one_draft_key").on(t.guideId).where(sql`${t.status} = 'draft'`),
  ],
);

export type InterviewGuide = typeof interviewGuides.$inferSelect;
export type GuideVersion = typeof guideVersions.$inferSelect;

export const interviewStatusEnum = pgEnum("interview_status", ["planned", "in_progress", "completed", "cancelled"]);

export const interviews = pgTable(
  "interviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    guideVersionId: uuid("guide_version_id")
      .notNull()
      .references(() => guideVersions.id),
    businessUnitId: uuid("business_unit_id")
      .notNull()
      .references(() => businessUnits.id),
    interviewerId: uuid("interviewer_id")
      .notNull()
      .references(() => users.id),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    location: text("location").notNull().default(""),
    purpose: text("purpose").notNull().default(""),
    /** Private interviews are seen only by their interviewer, whoever planned them, and admins. */
    private: boolean("private").notNull().default(false),
    /** A review interview: the service whose agreed outcomes and service levels its questions put to the business. */
    serviceId: uuid("service_id").references((): AnyPgColumn => services.id),
    /** A survey response: the stakeholder answered the survey's guide themselves, through their own link. */
    surveyId: uuid("survey_id").references((): AnyPgColumn => surveys.id),
    status: interviewStatusEnum("status").notNull().default("planned"),
    cancelReason: text("cancel_reason"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("interviews_scheduled_idx").on(t.scheduledAt),
    index("interviews_interviewer_idx").on(t.interviewerId, t.scheduledAt),
    index("interviews_unit_idx").on(t.businessUnitId, t.scheduledAt),
    index("interviews_survey_idx").on(t.surveyId).where(sql`${t.surveyId} is not null`),
  ],
);

export const interviewStakeholders = pgTable(
  "interview_stakeholders",
  {
    interviewId: uuid("interview_id")
      .notNull()
      .references(() => interviews.id, { onDelete: "cascade" }),
    stakeholderId: uuid("stakeholder_id")
      .notNull()
      .references(() => stakeholders.id),
  },
  (t) => [primaryKey({ columns: [t.interviewId, t.stakeholderId] }), index("interview_stakeholders_stakeholder_idx").on(t.stakeholderId)],
);

/** A relationship manager's private calendar feed: the URL carries a token, the table its SHA-256. */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
});

export type Interview = typeof interviews.$inferSelect;
export type InterviewStatus = (typeof interviewStatusEnum.enumValues)[number];

export const answerKindEnum = pgEnum("answer_kind", ["answer", "notes"]);

/**
 * What was said in an interview: one row per answered question (kind "answer",
 * item = question id) and per section's notes (kind "notes", item = section id).
 * Every save names the revision it was based on; a stale one is refused, so no
 * save overwrites another unseen. `seq` grows with every change across all rows,
 * so a page can ask for what changed since it last looked.
 */
export const answers = pgTable(
  "answers",
  {
    interviewId: uuid("interview_id")
      .notNull()
      .references(() => interviews.id, { onDelete: "cascade" }),
    kind: answerKindEnum("kind").notNull(),
    item: text("item").notNull(),
    /** The answer as JSON (shape checked by the question's type); null when cleared. Notes: a string. */
    value: jsonb("value"),
    /** The interviewer's verbatim record of what the stakeholder said. */
    quote: text("quote").notNull().default(""),
    revision: integer("revision").notNull().default(1),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    /** The idempotency key of the save that wrote this revision. */
    saveKey: uuid("save_key"),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: updatedAt(),
  },
  // The primary key also serves "what changed since" (an interview has at most a few hundred rows); with
  // no index on the columns a save changes, PostgreSQL can update rows in place (HOT).
  (t) => [primaryKey({ columns: [t.interviewId, t.kind, t.item] })],
);

/** Each save's idempotency key and what it did, so a retried save never applies twice. */
export const answerSaves = pgTable(
  "answer_saves",
  {
    key: uuid("key").primaryKey(),
    interviewId: uuid("interview_id")
      .notNull()
      .references(() => interviews.id, { onDelete: "cascade" }),
    /** Who sent it (a log column: no foreign key, so that saves do not lock the user's row). */
    userId: uuid("user_id").notNull(),
    kind: answerKindEnum("kind").notNull(),
    item: text("item").notNull(),
    /** The revision this save wrote; null when it was refused as stale. */
    revision: integer("revision"),
    createdAt: createdAt(),
  },
);

export type Answer = typeof answers.$inferSelect;
export type AnswerKind = (typeof answerKindEnum.enumValues)[number];

/* ---------- evidence and needs ---------- */

/** Where a quoted passage was taken from: an answer's text, its verbatim quote, or a section's notes. */
export const evidenceSourceEnum = pgEnum("evidence_source", ["answer", "quote", "notes"]);

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * A passage of what was said, kept as it was said: the quoted text, its offsets
 * into the source field as it was then (`source_text`), and the text as last
 * confirmed (`checked_text`). When the answer's current text differs from
 * `checked_text`, the evidence is "changed at source" until someone confirms or
 * removes it.
 */
export const evidence = pgTable(
  "evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    interviewId: uuid("interview_id")
      .notNull()
      .references(() => interviews.id, { onDelete: "cascade" }),
    source: evidenceSourceEnum("source").notNull(),
    /** The question id (answer, quote) or section id (notes). */
    item: text("item").notNull(),
    start: integer("start").notNull(),
    end: integer("end").notNull(),
    text: text("text").notNull(),
    sourceText: text("source_text").notNull(),
    checkedText: text("checked_text").notNull(),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Taken from a private interview (fixed when the interview is planned): searched only by those who may see it. */
    private: boolean("private").notNull().default(false),
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('english', "text")`),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    confirmedBy: uuid("confirmed_by").references(() => users.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  (t) => [
    index("evidence_interview_idx").on(t.interviewId, t.source, t.item),
    index("evidence_search_idx").using("gin", t.search),
    index("evidence_private_search_idx").using("gin", t.search).where(sql`${t.private}`),
    index("evidence_tags_idx").using("gin", t.tags),
    check("evidence_offsets", sql`0 <= ${t.start} and ${t.start} < ${t.end}`),
  ],
);

/** Who said it: one or more of the interview's stakeholders. */
export const evidenceStakeholders = pgTable(
  "evidence_stakeholders",
  {
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidence.id, { onDelete: "cascade" }),
    stakeholderId: uuid("stakeholder_id")
      .notNull()
      .references(() => stakeholders.id),
  },
  (t) => [primaryKey({ columns: [t.evidenceId, t.stakeholderId] }), index("evidence_stakeholders_stakeholder_idx").on(t.stakeholderId)],
);

export const needStatusEnum = pgEnum("need_status", ["open", "answered", "parked", "rejected"]);
export const needCategoryEnum = pgEnum("need_category", [
  "capability",
  "availability",
  "performance",
  "support",
  "information",
  "security",
  "compliance",
  "cost",
  "experience",
]);

/**
 * A requirement in business language, backed by evidence. A merged need points at
 * the need that absorbed it (`merged_into`); its evidence then counts towards the
 * survivor (`survivor_id`), and clearing the pointer undoes the merge. The support
 * columns (of live needs: their own evidence and that of every need merged into
 * them) are kept up to date by app/models/need-support.server.ts in the
 * transaction of every change that moves them, so the board can sort on them.
 */
export const needs = pgTable(
  "needs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: integer("number").notNull().generatedAlwaysAsIdentity(),
    statement: text("statement").notNull(),
    outcome: text("outcome").notNull().default(""),
    process: text("process").notNull().default(""),
    criticalPeriod: text("critical_period").notNull().default(""),
    pain: text("pain").notNull().default(""),
    category: needCategoryEnum("category").notNull(),
    status: needStatusEnum("status").notNull().default("open"),
    statusReason: text("status_reason").notNull().default(""),
    revision: integer("revision").notNull().default(1),
    mergedInto: uuid("merged_into").references((): AnyPgColumn => needs.id),
    /** The live need this one counts towards: itself, or the end of its merged_into chain. */
    survivorId: uuid("survivor_id")
      .notNull()
      .references((): AnyPgColumn => needs.id),
    mergedAt: timestamp("merged_at", { withTimezone: true }),
    mergedBy: uuid("merged_by").references(() => users.id),
    evidenceCount: integer("evidence_count").notNull().default(0),
    stakeholderCount: integer("stakeholder_count").notNull().default(0),
    unitCount: integer("unit_count").notNull().default(0),
    firstHeard: timestamp("first_heard", { withTimezone: true }),
    lastHeard: timestamp("last_heard", { withTimezone: true }),
    /** The words of every quote behind a live need (its family's; private interviews' left out), for the board's search. */
    quoteSearch: tsvector("quote_search"),
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('english', "statement"), 'A') || setweight(to_tsvector('english', "outcome" || ' ' || "process" || ' ' || "pain"), 'B')`,
    ),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("needs_number_key").on(t.number),
    index("needs_merged_into_idx").on(t.mergedInto),
    index("needs_survivor_idx").on(t.survivorId),
    index("needs_search_idx").using("gin", t.search),
    index("needs_quote_search_idx").using("gin", t.quoteSearch),
    // GiST, not GIN: likely duplicates are the nearest statements (`<->`), read off the index in order.
    index("needs_statement_trgm_idx").using("gist", sql`${t.statement} gist_trgm_ops`),
    index("needs_live_support_idx").on(t.stakeholderCount, t.number).where(sql`${t.mergedInto} is null`),
    index("needs_live_heard_idx").on(t.lastHeard, t.number).where(sql`${t.mergedInto} is null`),
    check("needs_not_merged_into_self", sql`${t.mergedInto} is distinct from ${t.id}`),
    check("needs_survivor", sql`(${t.mergedInto} is null) = (${t.survivorId} = ${t.id})`),
    check("needs_rejected_reason", sql`${t.status} <> 'rejected' or ${t.statusReason} <> ''`),
  ],
);

/**
 * The business units a need concerns: its own (`via_need_id` null, chosen on the
 * form), and on a need that absorbed others, theirs too (`via_need_id` names the
 * merged need they came with; kept by refreshNeedSupport). A merged need's units
 * thus follow it, and their business leads with them.
 */
export const needUnits = pgTable(
  "need_units",
  {
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => businessUnits.id),
    viaNeedId: uuid("via_need_id").references(() => needs.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.needId, t.unitId] }), index("need_units_unit_idx").on(t.unitId)],
);

export const needEvidence = pgTable(
  "need_evidence",
  {
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidence.id, { onDelete: "cascade" }),
    linkedBy: uuid("linked_by").references(() => users.id),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.needId, t.evidenceId] }), index("need_evidence_evidence_idx").on(t.evidenceId)],
);

export const needComments = pgTable(
  "need_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("need_comments_need_idx").on(t.needId, t.createdAt)],
);

export type Evidence = typeof evidence.$inferSelect;
export type Need = typeof needs.$inferSelect;
export type NeedStatus = (typeof needStatusEnum.enumValues)[number];
export type NeedCategory = (typeof needCategoryEnum.enumValues)[number];
export type EvidenceSource = (typeof evidenceSourceEnum.enumValues)[number];

/* ---------- prioritisation rounds ---------- */

export const roundMethodEnum = pgEnum("round_method", ["weighted", "moscow", "rice"]);
export const roundStatusEnum = pgEnum("round_status", ["draft", "open", "closed"]);
export const roundRoleEnum = pgEnum("round_role", ["scorer", "observer"]);

/**
 * A prioritisation round: needs, participants and a method. Criteria and weights
 * (app/domain/round.ts checks them) may change until the round opens. Closing
 * stores the whole outcome in `snapshot` with its SHA-256, so later changes to
 * needs or weights leave a closed round as it was decided.
 */
export const rounds = pgTable("rounds", {
  id: uuid("id").primaryKey().defaultRandom(),
  title: text("title").notNull(),
  method: roundMethodEnum("method").notNull().default("weighted"),
  status: roundStatusEnum("status").notNull().default("draft"),
  criteria: jsonb("criteria").$type<import("../app/domain/round").Criterion[]>().notNull(),
  /** MoSCoW: the largest share (0–1) of needs a lead may call "must"; null for no cap. */
  mustCap: doublePrecision("must_cap"),
  deadline: timestamp("deadline", { withTimezone: true }),
  revision: integer("revision").notNull().default(1),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: createdAt(),
  openedAt: timestamp("opened_at", { withTimezone: true }),
  closedAt: timestamp("closed_at", { withTimezone: true }),
  snapshot: jsonb("snapshot"),
  snapshotHash: text("snapshot_hash"),
});

export const roundNeeds = pgTable(
  "round_needs",
  {
    roundId: uuid("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.needId] }), index("round_needs_need_idx").on(t.needId)],
);

export const roundParticipants = pgTable(
  "round_participants",
  {
    roundId: uuid("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: roundRoleEnum("role").notNull().default("scorer"),
    /** When they submitted their scores; until then no one else's are shown to them. */
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] }), index("round_participants_user_idx").on(t.userId)],
);

/**
 * One lead's score of one need on one criterion. Weighted criteria: 1–5 per
 * criterion key; MoSCoW and RICE keep their answers under their own keys. The
 * model checks each against the round's method.
 */
export const roundScores = pgTable(
  "round_scores",
  {
    roundId: uuid("round_id").notNull(),
    needId: uuid("need_id").notNull(),
    userId: uuid("user_id").notNull(),
    criterion: text("criterion").notNull(),
    /** Null once a lead clears the score: the row stays, so its revision and time carry on and a stale page cannot bring an old value back unnoticed. */
    value: integer("value"),
    revision: integer("revision").notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.userId, t.needId, t.criterion] }),
    foreignKey({ name: "round_scores_need_fk", columns: [t.roundId, t.needId], foreignColumns: [roundNeeds.roundId, roundNeeds.needId] }).onDelete("cascade"),
    foreignKey({ name: "round_scores_participant_fk", columns: [t.roundId, t.userId], foreignColumns: [roundParticipants.roundId, roundParticipants.userId] }).onDelete("cascade"),
  ],
);

/** Why a lead scored a need as they did. */
export const roundRationales = pgTable(
  "round_rationales",
  {
    roundId: uuid("round_id").notNull(),
    needId: uuid("need_id").notNull(),
    userId: uuid("user_id").notNull(),
    text: text("text").notNull(),
    revision: integer("revision").notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.userId, t.needId] }),
    foreignKey({ name: "round_rationales_need_fk", columns: [t.roundId, t.needId], foreignColumns: [roundNeeds.roundId, roundNeeds.needId] }).onDelete("cascade"),
    foreignKey({ name: "round_rationales_participant_fk", columns: [t.roundId, t.userId], foreignColumns: [roundParticipants.roundId, roundParticipants.userId] }).onDelete("cascade"),
  ],
);

export type Round = typeof rounds.$inferSelect;

/* ---------- IT effort and recorded ranks ---------- */

export const effortSizeEnum = pgEnum("effort_size", ["xs", "s", "m", "l", "xl"]);

/**
 * IT's estimate of the effort a need would take: a t-shirt size, a number of
 * person-days, or both (app/domain/effort.ts turns a size into days where only
 * a size is known). Recorded by relationship managers for any round's method.
 */
export const needEfforts = pgTable(
  "need_efforts",
  {
    needId: uuid("need_id")
      .primaryKey()
      .references(() => needs.id),
    size: effortSizeEnum("size"),
    days: doublePrecision("days"),
    note: text("note").notNull().default(""),
    revision: integer("revision").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("need_efforts_something", sql`${t.size} is not null or ${t.days} is not null`),
    check("need_efforts_days_range", sql`${t.days} is null or (${t.days} > 0 and ${t.days} <= 10000)`),
  ],
);

/**
 * Each need's rank in each closed round, written when the round closes (from
 * the same ranking its snapshot records) and removed if an admin reopens it: a
 * need's page lists them, and the needs board sorts by the latest.
 */
export const roundRanks = pgTable(
  "round_ranks",
  {
    roundId: uuid("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id),
    rank: integer("rank").notNull(),
    /** How many needs were ranked in that round. */
    ranked: integer("ranked").notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.needId] }), index("round_ranks_need_idx").on(t.needId, t.closedAt.desc())],
);

/**
 * Every record a round's closing made, kept when an admin reopens it: the
 * snapshot and its hash, and when and why it was withdrawn.
 */
export const roundRecords = pgTable(
  "round_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull(),
    closedBy: uuid("closed_by").references(() => users.id),
    snapshot: jsonb("snapshot").notNull(),
    snapshotHash: text("snapshot_hash").notNull(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id),
    withdrawnReason: text("withdrawn_reason"),
  },
  (t) => [index("round_records_round_idx").on(t.roundId, t.closedAt)],
);

/* ---------- services and their definitions ---------- */

export const serviceKindEnum = pgEnum("service_kind", ["business", "supporting"]);
export const deliveryModelEnum = pgEnum("delivery_model", ["in_house", "outsourced", "saas", "cloud", "hybrid"]);
export const lifecycleStageEnum = pgEnum("lifecycle_stage", ["strategy", "design", "build", "transition", "operation", "retired"]);
export const criticalityTierEnum = pgEnum("criticality_tier", ["tier1", "tier2", "tier3", "tier4"]);
export const agreementKindEnum = pgEnum("agreement_kind", ["ola", "contract"]);
export const providerKindEnum = pgEnum("provider_kind", ["internal", "external"]);

/** Who provides services: an internal unit (IT, Facilities, HR…) or an external supplier. */
export const providers = pgTable(
  "providers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: providerKindEnum("kind").notNull(),
    /** The business unit an internal provider is. */
    businessUnitId: uuid("business_unit_id").references(() => businessUnits.id),
    description: text("description").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("providers_name_idx").on(sql`lower(${t.name})`)],
);

/**
 * A service in the portfolio: its own facts (kind, provider, delivery model,
 * owner, agreement, lifecycle, criticality, review) and its definition's draft
 * (app/domain/definition.ts checks it). Versions freeze both.
 */
export const services = pgTable(
  "services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: serviceKindEnum("kind").notNull(),
    providerId: uuid("provider_id").references(() => providers.id),
    deliveryModel: deliveryModelEnum("delivery_model"),
    ownerName: text("owner_name").notNull().default(""),
    ownerTitle: text("owner_title").notNull().default(""),
    ownerContact: text("owner_contact").notNull().default(""),
    agreementKind: agreementKindEnum("agreement_kind"),
    agreementReference: text("agreement_reference").notNull().default(""),
    agreementStart: date("agreement_start"),
    agreementEnd: date("agreement_end"),
    agreementRenewalNotice: date("agreement_renewal_notice"),
    lifecycle: lifecycleStageEnum("lifecycle").notNull().default("design"),
    criticality: criticalityTierEnum("criticality").notNull().default("tier3"),
    reviewEveryMonths: integer("review_every_months"),
    nextReview: date("next_review"),
    draft: jsonb("draft").$type<import("../app/domain/definition").Definition>().notNull(),
    revision: integer("revision").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("services_name_idx").on(sql`lower(${t.name})`),
    check("services_agreement_dates", sql`${t.agreementEnd} is null or ${t.agreementStart} is null or ${t.agreementEnd} >= ${t.agreementStart}`),
    check("services_review_cadence", sql`${t.reviewEveryMonths} is null or ${t.reviewEveryMonths} between 1 and 60`),
  ],
);

/** `serviceId` depends on `dependsOnId`. The model refuses loops; the check refuses the shortest one. */
export const serviceDependencies = pgTable(
  "service_dependencies",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    dependsOnId: uuid("depends_on_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.dependsOnId] }),
    index("service_dependencies_on_idx").on(t.dependsOnId),
    check("service_dependencies_not_self", sql`${t.serviceId} <> ${t.dependsOnId}`),
  ],
);

/** The needs each clause of a service's draft answers, kept in step with the draft for both-way links and coverage. */
export const serviceClauseNeeds = pgTable(
  "service_clause_needs",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    clauseId: text("clause_id").notNull(),
    kind: text("kind").notNull(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.clauseId, t.needId] }), index("service_clause_needs_need_idx").on(t.needId)],
);

/** A definition's frozen versions: canonical JSON and its SHA-256; a trigger refuses any change. */
export const serviceVersions = pgTable(
  "service_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    number: integer("number").notNull(),
    content: jsonb("content").$type<import("../app/domain/definition").VersionContent>().notNull(),
    contentHash: text("content_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("service_versions_number_idx").on(t.serviceId, t.number)],
);

/* ---------- sign-off ---------- */

export const signoffStatusEnum = pgEnum("signoff_status", ["pending", "agreed", "rejected", "withdrawn"]);
export const signoffRoleEnum = pgEnum("signoff_role", ["approver", "signer"]);
export const signoffDecisionEnum = pgEnum("signoff_decision", ["approved", "rejected"]);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** A version sent for sign-off: approvers first, then signers, each group in order or in parallel. */
export const signoffRequests = pgTable(
  "signoff_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => serviceVersions.id),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    status: signoffStatusEnum("status").notNull().default("pending"),
    inOrder: boolean("in_order").notNull(),
    message: text("message").notNull().default(""),
    dueOn: date("due_on"),
    submittedBy: uuid("submitted_by")
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => users.id),
    /** Why it was withdrawn (a rejection's reason is the rejecting step's comment). */
    closeReason: text("close_reason"),
  },
  (t) => [
    // A version is under review or agreed at most once.
    uniqueIndex("signoff_requests_live_idx").on(t.versionId).where(sql`${t.status} in ('pending', 'agreed')`),
    index("signoff_requests_service_idx").on(t.serviceId, t.submittedAt),
    index("signoff_requests_status_idx").on(t.status),
  ],
);

/** One approver or signer of a request, and their decision. */
export const signoffSteps = pgTable(
  "signoff_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => signoffRequests.id, { onDelete: "cascade" }),
    role: signoffRoleEnum("role").notNull(),
    position: integer("position").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    decision: signoffDecisionEnum("decision"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    comment: text("comment"),
    /** When this step was handed on: who had it, and why. */
    delegatedFrom: uuid("delegated_from").references(() => users.id),
    delegationReason: text("delegation_reason"),
    /** When the step was first put to its current holder (for "waiting 3 days"). */
    askedAt: timestamp("asked_at", { withTimezone: true }),
    revision: integer("revision").notNull().default(1),
  },
  (t) => [
    uniqueIndex("signoff_steps_position_idx").on(t.requestId, t.role, t.position),
    uniqueIndex("signoff_steps_user_idx").on(t.requestId, t.userId),
    index("signoff_steps_inbox_idx").on(t.userId, t.decision),
  ],
);

/** A comment on one clause of the version under review (or on the whole document when clause_id is null). */
export const signoffComments = pgTable(
  "signoff_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => signoffRequests.id, { onDelete: "cascade" }),
    clauseId: text("clause_id"),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("signoff_comments_request_idx").on(t.requestId, t.createdAt)],
);

/** Reminders the RM sent for a pending request. */
export const signoffReminders = pgTable(
  "signoff_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => signoffRequests.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    sentBy: uuid("sent_by")
      .notNull()
      .references(() => users.id),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("signoff_reminders_request_idx").on(t.requestId, t.sentAt)],
);

/** The agreed PDF, rendered and signed once: these bytes are served from then on. A trigger refuses any change. */
export const agreedDocuments = pgTable(
  "agreed_documents",
  {
    versionId: uuid("version_id")
      .primaryKey()
      .references(() => serviceVersions.id),
    requestId: uuid("request_id")
      .notNull()
      .references(() => signoffRequests.id),
    pdf: bytea("pdf").notNull(),
    sha256: text("sha256").notNull(),
    bytes: integer("bytes").notNull(),
    pages: integer("pages").notNull(),
    agreedAt: timestamp("agreed_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("agreed_documents_sha256_idx").on(t.sha256)],
);

/** Fixed-window counters for rate limits (kept in the database so every app process shares them). */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/* ---------- reviews and measures ---------- */

export const effectivenessEnum = pgEnum("effectiveness", ["effective", "partially_effective", "ineffective"]);
export const changeEventKindEnum = pgEnum("change_event_kind", ["reorganisation", "new_process", "supplier_change", "regulation", "technology_change"]);
export const reviewActionStatusEnum = pgEnum("review_action_status", ["open", "done", "dropped"]);

/**
 * What a service level measured in one month. The level's kind and target are copied from the
 * definition in force when the value was recorded, so attainment stays what it was when a later
 * version changes the target. `value` for numeric kinds, `met` for levels stated in words.
 */
export const serviceMeasurements = pgTable(
  "service_measurements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    levelId: text("level_id").notNull(),
    /** The critical period the level applies in (null: normal time), as the definition said when recorded. */
    criticalPeriodId: text("critical_period_id"),
    /** The first day of the month measured. */
    period: date("period").notNull(),
    kind: text("kind").notNull(),
    target: text("target").notNull(),
    value: doublePrecision("value"),
    met: boolean("met").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("service_measurements_level_period_idx").on(t.serviceId, t.levelId, t.period),
    check("service_measurements_first_of_month", sql`extract(day from ${t.period}) = 1`),
    check("service_measurements_value_kind", sql`(${t.kind} = 'text') = (${t.value} is null)`),
  ],
);

/** A review of a service's effectiveness: what changed, what the measures showed, what happens next. */
export const serviceReviews = pgTable(
  "service_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    reviewedOn: date("reviewed_on").notNull(),
    effectiveness: effectivenessEnum("effectiveness").notNull(),
    /** The newest agreed version when the review was recorded, if there was one. */
    versionNumber: integer("version_number"),
    measuresSummary: text("measures_summary").notNull().default(""),
    notes: text("notes").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("service_reviews_service_idx").on(t.serviceId, t.reviewedOn)],
);

/** Something that changed in the business or around the service since the review before. */
export const reviewChangeEvents = pgTable(
  "review_change_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reviewId: uuid("review_id")
      .notNull()
      .references(() => serviceReviews.id, { onDelete: "cascade" }),
    kind: changeEventKindEnum("kind").notNull(),
    occurredOn: date("occurred_on").notNull(),
    description: text("description").notNull(),
  },
  (t) => [index("review_change_events_review_idx").on(t.reviewId)],
);

/** What a review decided to do, by whom and when. */
export const reviewActions = pgTable(
  "review_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reviewId: uuid("review_id")
      .notNull()
      .references(() => serviceReviews.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    owner: text("owner").notNull(),
    dueOn: date("due_on").notNull(),
    status: reviewActionStatusEnum("status").notNull().default("open"),
    updatedAt: updatedAt(),
  },
  (t) => [index("review_actions_review_idx").on(t.reviewId, t.position)],
);

export const suspectReasonEnum = pgEnum("suspect_reason", ["need_edited", "need_merged", "need_rejected", "evidence_changed", "rank_changed", "agreement_expired"]);

/**
 * A clause of an agreed version that something upstream has put in doubt: a need it answers was
 * edited, merged or rejected, evidence behind it changed at source, a newer round ranked its needs
 * differently, or a supporting service's agreement ran out. Shown on the service and in the
 * portfolio until a relationship manager clears it or a newer version is agreed.
 */
export const suspectClauses = pgTable(
  "suspect_clauses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    versionId: uuid("version_id")
      .notNull()
      .references(() => serviceVersions.id),
    clauseId: text("clause_id").notNull(),
    reason: suspectReasonEnum("reason").notNull(),
    /** What changed: the need, the evidence, the round or the supporting service. */
    sourceId: uuid("source_id").notNull(),
    /** The reason in words, as it stood when the clause was flagged. */
    detail: text("detail").notNull(),
    flaggedAt: timestamp("flagged_at", { withTimezone: true }).notNull().defaultNow(),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
    clearedBy: uuid("cleared_by").references(() => users.id),
    clearNote: text("clear_note").notNull().default(""),
  },
  (t) => [
    uniqueIndex("suspect_clauses_open_idx").on(t.versionId, t.clauseId, t.reason, t.sourceId).where(sql`${t.clearedAt} is null`),
    index("suspect_clauses_service_idx").on(t.serviceId).where(sql`${t.clearedAt} is null`),
  ],
);

/* ---------- mail ---------- */

export const mailStatusEnum = pgEnum("mail_status", ["queued", "sent", "failed"]);

/**
 * Every message Charter sends, written in the same transaction as what it tells of, then delivered
 * (SMTP, or an .eml file in the outbox folder) by the server in the background: a message the
 * server accepted is never lost, a failed delivery is retried and shown to admins.
 */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    toName: text("to_name").notNull().default(""),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    /** Who caused it and why, for the outbox page. */
    reason: text("reason").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id").notNull(),
    status: mailStatusEnum("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** The SMTP message id, or the .eml file written. */
    deliveredAs: text("delivered_as"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("mail_messages_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`), index("mail_messages_created_idx").on(t.createdAt)],
);

/* ---------- surveys ---------- */

/**
 * A guide sent to many stakeholders at once, each answering it themselves through a personal link.
 * Each response is an interview row (interviews.survey_id), so answers, evidence and needs work on
 * it as on any interview. Links work from the opening date to the end of the closing date (UTC).
 */
export const surveys = pgTable(
  "surveys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    guideVersionId: uuid("guide_version_id")
      .notNull()
      .references(() => guideVersions.id),
    title: text("title").notNull(),
    intro: text("intro").notNull().default(""),
    opensOn: date("opens_on", { mode: "string" }).notNull(),
    closesOn: date("closes_on", { mode: "string" }).notNull(),
    /** Anonymous: nobody in Charter sees who gave which answers; results hide groups under three. */
    anonymous: boolean("anonymous").notNull().default(false),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("surveys_dates", sql`${t.opensOn} <= ${t.closesOn}`), index("surveys_closes_idx").on(t.closesOn)],
);

/** A stakeholder asked to answer a survey, with their unit and level as they were when invited. */
export const surveyInvitees = pgTable(
  "survey_invitees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    stakeholderId: uuid("stakeholder_id")
      .notNull()
      .references(() => stakeholders.id),
    businessUnitId: uuid("business_unit_id")
      .notNull()
      .references(() => businessUnits.id),
    level: stakeholderLevelEnum("level").notNull(),
    /** Their response, made the first time they open their link. */
    interviewId: uuid("interview_id").references(() => interviews.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    lastRemindedAt: timestamp("last_reminded_at", { withTimezone: true }),
    reminders: integer("reminders").notNull().default(0),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("survey_invitees_person_key").on(t.surveyId, t.stakeholderId),
    uniqueIndex("survey_invitees_interview_key").on(t.interviewId),
  ],
);

/**
 * A personal link's token, as its SHA-256 (the link itself is only ever in the mail sent). An
 * invitee may hold several (a reminder brings a fresh one); every one opens the same response.
 */
export const surveyLinks = pgTable(
  "survey_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    inviteeId: uuid("invitee_id")
      .notNull()
      .references(() => surveyInvitees.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("survey_links_invitee_idx").on(t.inviteeId)],
);

export type Survey = typeof surveys.$inferSelect;
export type SurveyInvitee = typeof surveyInvitees.$inferSelect;
