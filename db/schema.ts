import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
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
