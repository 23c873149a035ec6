CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."evidence_source" AS ENUM('answer', 'quote', 'notes');--> statement-breakpoint
CREATE TYPE "public"."need_category" AS ENUM('capability', 'availability', 'performance', 'support', 'information', 'security', 'compliance', 'cost', 'experience');--> statement-breakpoint
CREATE TYPE "public"."need_status" AS ENUM('open', 'answered', 'parked', 'rejected');--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interview_id" uuid NOT NULL,
	"source" "evidence_source" NOT NULL,
	"item" text NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"text" text NOT NULL,
	"source_text" text NOT NULL,
	"checked_text" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"private" boolean DEFAULT false NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', "text")) STORED,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "evidence_offsets" CHECK (0 <= "evidence"."start" and "evidence"."start" < "evidence"."end")
);
--> statement-breakpoint
CREATE TABLE "evidence_stakeholders" (
	"evidence_id" uuid NOT NULL,
	"stakeholder_id" uuid NOT NULL,
	CONSTRAINT "evidence_stakeholders_evidence_id_stakeholder_id_pk" PRIMARY KEY("evidence_id","stakeholder_id")
);
--> statement-breakpoint
CREATE TABLE "need_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_evidence" (
	"need_id" uuid NOT NULL,
	"evidence_id" uuid NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_evidence_need_id_evidence_id_pk" PRIMARY KEY("need_id","evidence_id")
);
--> statement-breakpoint
CREATE TABLE "need_units" (
	"need_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"via_need_id" uuid,
	CONSTRAINT "need_units_need_id_unit_id_pk" PRIMARY KEY("need_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "needs_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"statement" text NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"process" text DEFAULT '' NOT NULL,
	"critical_period" text DEFAULT '' NOT NULL,
	"pain" text DEFAULT '' NOT NULL,
	"category" "need_category" NOT NULL,
	"status" "need_status" DEFAULT 'open' NOT NULL,
	"status_reason" text DEFAULT '' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"merged_into" uuid,
	"survivor_id" uuid NOT NULL,
	"merged_at" timestamp with time zone,
	"merged_by" uuid,
	"evidence_count" integer DEFAULT 0 NOT NULL,
	"stakeholder_count" integer DEFAULT 0 NOT NULL,
	"unit_count" integer DEFAULT 0 NOT NULL,
	"first_heard" timestamp with time zone,
	"last_heard" timestamp with time zone,
	"quote_search" "tsvector",
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', "statement"), 'A') || setweight(to_tsvector('english', "outcome" || ' ' || "process" || ' ' || "pain"), 'B')) STORED,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "needs_not_merged_into_self" CHECK ("needs"."merged_into" is distinct from "needs"."id"),
	CONSTRAINT "needs_survivor" CHECK (("needs"."merged_into" is null) = ("needs"."survivor_id" = "needs"."id")),
	CONSTRAINT "needs_rejected_reason" CHECK ("needs"."status" <> 'rejected' or "needs"."status_reason" <> '')
);
--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_stakeholders" ADD CONSTRAINT "evidence_stakeholders_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_stakeholders" ADD CONSTRAINT "evidence_stakeholders_stakeholder_id_stakeholders_id_fk" FOREIGN KEY ("stakeholder_id") REFERENCES "public"."stakeholders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_comments" ADD CONSTRAINT "need_comments_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_comments" ADD CONSTRAINT "need_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_evidence" ADD CONSTRAINT "need_evidence_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_evidence" ADD CONSTRAINT "need_evidence_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_evidence" ADD CONSTRAINT "need_evidence_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_units" ADD CONSTRAINT "need_units_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_units" ADD CONSTRAINT "need_units_unit_id_business_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."business_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_units" ADD CONSTRAINT "need_units_via_need_id_needs_id_fk" FOREIGN KEY ("via_need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_merged_into_needs_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_survivor_id_needs_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_merged_by_users_id_fk" FOREIGN KEY ("merged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_interview_idx" ON "evidence" USING btree ("interview_id","source","item");--> statement-breakpoint
CREATE INDEX "evidence_search_idx" ON "evidence" USING gin ("search");--> statement-breakpoint
CREATE INDEX "evidence_private_search_idx" ON "evidence" USING gin ("search") WHERE "evidence"."private";--> statement-breakpoint
CREATE INDEX "evidence_tags_idx" ON "evidence" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "evidence_stakeholders_stakeholder_idx" ON "evidence_stakeholders" USING btree ("stakeholder_id");--> statement-breakpoint
CREATE INDEX "need_comments_need_idx" ON "need_comments" USING btree ("need_id","created_at");--> statement-breakpoint
CREATE INDEX "need_evidence_evidence_idx" ON "need_evidence" USING btree ("evidence_id");--> statement-breakpoint
CREATE INDEX "need_units_unit_idx" ON "need_units" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "needs_number_key" ON "needs" USING btree ("number");--> statement-breakpoint
CREATE INDEX "needs_merged_into_idx" ON "needs" USING btree ("merged_into");--> statement-breakpoint
CREATE INDEX "needs_survivor_idx" ON "needs" USING btree ("survivor_id");--> statement-breakpoint
CREATE INDEX "needs_search_idx" ON "needs" USING gin ("search");--> statement-breakpoint
CREATE INDEX "needs_quote_search_idx" ON "needs" USING gin ("quote_search");--> statement-breakpoint
CREATE INDEX "needs_statement_trgm_idx" ON "needs" USING gist ("statement" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "needs_live_support_idx" ON "needs" USING btree ("stakeholder_count","number") WHERE "needs"."merged_into" is null;--> statement-breakpoint
CREATE INDEX "needs_live_heard_idx" ON "needs" USING btree ("last_heard","number") WHERE "needs"."merged_into" is null;