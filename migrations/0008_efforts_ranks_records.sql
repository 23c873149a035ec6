CREATE TYPE "public"."effort_size" AS ENUM('xs', 's', 'm', 'l', 'xl');--> statement-breakpoint
CREATE TABLE "need_efforts" (
	"need_id" uuid PRIMARY KEY NOT NULL,
	"size" "effort_size",
	"days" double precision,
	"note" text DEFAULT '' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_efforts_something" CHECK ("need_efforts"."size" is not null or "need_efforts"."days" is not null),
	CONSTRAINT "need_efforts_days_range" CHECK ("need_efforts"."days" is null or ("need_efforts"."days" > 0 and "need_efforts"."days" <= 10000))
);
--> statement-breakpoint
CREATE TABLE "round_ranks" (
	"round_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"ranked" integer NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "round_ranks_round_id_need_id_pk" PRIMARY KEY("round_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "round_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_by" uuid,
	"snapshot" jsonb NOT NULL,
	"snapshot_hash" text NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawn_reason" text
);
--> statement-breakpoint
ALTER TABLE "round_scores" ALTER COLUMN "value" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "need_efforts" ADD CONSTRAINT "need_efforts_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_efforts" ADD CONSTRAINT "need_efforts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_ranks" ADD CONSTRAINT "round_ranks_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_ranks" ADD CONSTRAINT "round_ranks_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_records" ADD CONSTRAINT "round_records_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_records" ADD CONSTRAINT "round_records_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_records" ADD CONSTRAINT "round_records_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "round_ranks_need_idx" ON "round_ranks" USING btree ("need_id","closed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "round_records_round_idx" ON "round_records" USING btree ("round_id","closed_at");