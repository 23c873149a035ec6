CREATE TYPE "public"."signoff_decision" AS ENUM('approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."signoff_role" AS ENUM('approver', 'signer');--> statement-breakpoint
CREATE TYPE "public"."signoff_status" AS ENUM('pending', 'agreed', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TABLE "agreed_documents" (
	"version_id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"pdf" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"pages" integer NOT NULL,
	"agreed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limits_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "signoff_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"clause_id" text,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signoff_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"sent_by" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signoff_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"status" "signoff_status" DEFAULT 'pending' NOT NULL,
	"in_order" boolean NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"due_on" date,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"close_reason" text
);
--> statement-breakpoint
CREATE TABLE "signoff_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"role" "signoff_role" NOT NULL,
	"position" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"decision" "signoff_decision",
	"decided_at" timestamp with time zone,
	"comment" text,
	"delegated_from" uuid,
	"delegation_reason" text,
	"asked_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreed_documents" ADD CONSTRAINT "agreed_documents_version_id_service_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."service_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreed_documents" ADD CONSTRAINT "agreed_documents_request_id_signoff_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."signoff_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoff_comments" ADD CONSTRAINT "signoff_comments_request_id_signoff_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."signoff_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoff_comments" ADD CONSTRAINT "signoff_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoff_reminders" ADD CONSTRAINT "signoff_reminders_request_id_signoff_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."signoff_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoff_reminders" ADD CONSTRAINT "signoff_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoff_reminders" ADD CONSTRAINT "signoff_reminders_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoff_requests" ADD CONSTRAINT "signoff_requests_version_id_service_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."service_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoff_requests" ADD CONSTRAINT "signoff_requests_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoff_requests" ADD CONSTRAINT "signoff_requests_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoff_requests" ADD CONSTRAINT "signoff_requests_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoff_steps" ADD CONSTRAINT "signoff_steps_request_id_signoff_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."signoff_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoff_steps" ADD CONSTRAINT "signoff_steps_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoff_steps" ADD CONSTRAINT "signoff_steps_delegated_from_users_id_fk" FOREIGN KEY ("delegated_from") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreed_documents_sha256_idx" ON "agreed_documents" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "signoff_comments_request_idx" ON "signoff_comments" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "signoff_reminders_request_idx" ON "signoff_reminders" USING btree ("request_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "signoff_requests_live_idx" ON "signoff_requests" USING btree ("version_id") WHERE "signoff_requests"."status" in ('pending', 'agreed');--> statement-breakpoint
CREATE INDEX "signoff_requests_service_idx" ON "signoff_requests" USING btree ("service_id","submitted_at");--> statement-breakpoint
CREATE INDEX "signoff_requests_status_idx" ON "signoff_requests" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "signoff_steps_position_idx" ON "signoff_steps" USING btree ("request_id","role","position");--> statement-breakpoint
CREATE UNIQUE INDEX "signoff_steps_user_idx" ON "signoff_steps" USING btree ("request_id","user_id");--> statement-breakpoint
CREATE INDEX "signoff_steps_inbox_idx" ON "signoff_steps" USING btree ("user_id","decision");--> statement-breakpoint
-- An agreed document's bytes are what was signed: they never change and are never removed.
CREATE FUNCTION agreed_documents_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'agreed document % is sealed and cannot change', OLD.version_id
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER agreed_documents_sealed
  BEFORE UPDATE OR DELETE ON agreed_documents
  FOR EACH ROW EXECUTE FUNCTION agreed_documents_refuse_change();
