CREATE TYPE "public"."answer_kind" AS ENUM('answer', 'notes');--> statement-breakpoint
CREATE TABLE "answer_saves" (
	"key" uuid PRIMARY KEY NOT NULL,
	"interview_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "answer_kind" NOT NULL,
	"item" text NOT NULL,
	"revision" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "answers" (
	"interview_id" uuid NOT NULL,
	"kind" "answer_kind" NOT NULL,
	"item" text NOT NULL,
	"value" jsonb,
	"quote" text DEFAULT '' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"seq" bigserial NOT NULL,
	"save_key" uuid,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answers_interview_id_kind_item_pk" PRIMARY KEY("interview_id","kind","item")
);
--> statement-breakpoint
ALTER TABLE "answer_saves" ADD CONSTRAINT "answer_saves_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;