CREATE TYPE "public"."change_event_kind" AS ENUM('reorganisation', 'new_process', 'supplier_change', 'regulation', 'technology_change');--> statement-breakpoint
CREATE TYPE "public"."effectiveness" AS ENUM('effective', 'partially_effective', 'ineffective');--> statement-breakpoint
CREATE TYPE "public"."review_action_status" AS ENUM('open', 'done', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."suspect_reason" AS ENUM('need_edited', 'need_merged', 'need_rejected', 'evidence_changed', 'rank_changed', 'agreement_expired');--> statement-breakpoint
CREATE TABLE "review_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"status" "review_action_status" DEFAULT 'open' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_change_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"kind" "change_event_kind" NOT NULL,
	"occurred_on" date NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_measurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"level_id" text NOT NULL,
	"critical_period_id" text,
	"period" date NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"value" double precision,
	"met" boolean NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_measurements_first_of_month" CHECK (extract(day from "service_measurements"."period") = 1),
	CONSTRAINT "service_measurements_value_kind" CHECK (("service_measurements"."kind" = 'text') = ("service_measurements"."value" is null))
);
--> statement-breakpoint
CREATE TABLE "service_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"effectiveness" "effectiveness" NOT NULL,
	"version_number" integer,
	"measures_summary" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suspect_clauses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"clause_id" text NOT NULL,
	"reason" "suspect_reason" NOT NULL,
	"source_id" uuid NOT NULL,
	"detail" text NOT NULL,
	"flagged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cleared_at" timestamp with time zone,
	"cleared_by" uuid,
	"clear_note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "service_id" uuid;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_review_id_service_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."service_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_change_events" ADD CONSTRAINT "review_change_events_review_id_service_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."service_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_measurements" ADD CONSTRAINT "service_measurements_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_measurements" ADD CONSTRAINT "service_measurements_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_reviews" ADD CONSTRAINT "service_reviews_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_reviews" ADD CONSTRAINT "service_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspect_clauses" ADD CONSTRAINT "suspect_clauses_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspect_clauses" ADD CONSTRAINT "suspect_clauses_version_id_service_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."service_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspect_clauses" ADD CONSTRAINT "suspect_clauses_cleared_by_users_id_fk" FOREIGN KEY ("cleared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_actions_review_idx" ON "review_actions" USING btree ("review_id","position");--> statement-breakpoint
CREATE INDEX "review_change_events_review_idx" ON "review_change_events" USING btree ("review_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_measurements_level_period_idx" ON "service_measurements" USING btree ("service_id","level_id","period");--> statement-breakpoint
CREATE INDEX "service_reviews_service_idx" ON "service_reviews" USING btree ("service_id","reviewed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "suspect_clauses_open_idx" ON "suspect_clauses" USING btree ("version_id","clause_id","reason","source_id") WHERE "suspect_clauses"."cleared_at" is null;--> statement-breakpoint
CREATE INDEX "suspect_clauses_service_idx" ON "suspect_clauses" USING btree ("service_id") WHERE "suspect_clauses"."cleared_at" is null;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;