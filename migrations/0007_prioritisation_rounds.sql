CREATE TYPE "public"."round_method" AS ENUM('weighted', 'moscow', 'rice');--> statement-breakpoint
CREATE TYPE "public"."round_role" AS ENUM('scorer', 'observer');--> statement-breakpoint
CREATE TYPE "public"."round_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TABLE "round_needs" (
	"round_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	CONSTRAINT "round_needs_round_id_need_id_pk" PRIMARY KEY("round_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "round_participants" (
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "round_role" DEFAULT 'scorer' NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "round_participants_round_id_user_id_pk" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "round_rationales" (
	"round_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"text" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_rationales_round_id_user_id_need_id_pk" PRIMARY KEY("round_id","user_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "round_scores" (
	"round_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"value" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_scores_round_id_user_id_need_id_criterion_pk" PRIMARY KEY("round_id","user_id","need_id","criterion")
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"method" "round_method" DEFAULT 'weighted' NOT NULL,
	"status" "round_status" DEFAULT 'draft' NOT NULL,
	"criteria" jsonb NOT NULL,
	"must_cap" double precision,
	"deadline" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"snapshot" jsonb,
	"snapshot_hash" text
);
--> statement-breakpoint
ALTER TABLE "round_needs" ADD CONSTRAINT "round_needs_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_needs" ADD CONSTRAINT "round_needs_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_participants" ADD CONSTRAINT "round_participants_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_participants" ADD CONSTRAINT "round_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_rationales" ADD CONSTRAINT "round_rationales_need_fk" FOREIGN KEY ("round_id","need_id") REFERENCES "public"."round_needs"("round_id","need_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_rationales" ADD CONSTRAINT "round_rationales_participant_fk" FOREIGN KEY ("round_id","user_id") REFERENCES "public"."round_participants"("round_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_scores" ADD CONSTRAINT "round_scores_need_fk" FOREIGN KEY ("round_id","need_id") REFERENCES "public"."round_needs"("round_id","need_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_scores" ADD CONSTRAINT "round_scores_participant_fk" FOREIGN KEY ("round_id","user_id") REFERENCES "public"."round_participants"("round_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "round_needs_need_idx" ON "round_needs" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "round_participants_user_idx" ON "round_participants" USING btree ("user_id");--> statement-breakpoint
-- A closed round is the record of a decision: its scores and rationales no longer change.
CREATE FUNCTION round_refuse_change_when_closed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  rid uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.round_id ELSE NEW.round_id END;
BEGIN
  IF EXISTS (SELECT 1 FROM rounds WHERE id = rid AND status = 'closed') THEN
    RAISE EXCEPTION 'round % is closed and its scores cannot change', rid
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER round_scores_frozen
  BEFORE INSERT OR UPDATE OR DELETE ON round_scores
  FOR EACH ROW EXECUTE FUNCTION round_refuse_change_when_closed();
--> statement-breakpoint
CREATE TRIGGER round_rationales_frozen
  BEFORE INSERT OR UPDATE OR DELETE ON round_rationales
  FOR EACH ROW EXECUTE FUNCTION round_refuse_change_when_closed();
