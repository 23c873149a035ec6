CREATE TABLE "survey_invitees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"stakeholder_id" uuid NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"level" "stakeholder_level" NOT NULL,
	"interview_id" uuid,
	"submitted_at" timestamp with time zone,
	"last_reminded_at" timestamp with time zone,
	"reminders" integer DEFAULT 0 NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"invitee_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"guide_version_id" uuid NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_dates" CHECK ("surveys"."opens_on" <= "surveys"."closes_on")
);
--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "survey_id" uuid;--> statement-breakpoint
ALTER TABLE "survey_invitees" ADD CONSTRAINT "survey_invitees_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitees" ADD CONSTRAINT "survey_invitees_stakeholder_id_stakeholders_id_fk" FOREIGN KEY ("stakeholder_id") REFERENCES "public"."stakeholders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitees" ADD CONSTRAINT "survey_invitees_business_unit_id_business_units_id_fk" FOREIGN KEY ("business_unit_id") REFERENCES "public"."business_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitees" ADD CONSTRAINT "survey_invitees_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_links" ADD CONSTRAINT "survey_links_invitee_id_survey_invitees_id_fk" FOREIGN KEY ("invitee_id") REFERENCES "public"."survey_invitees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_guide_version_id_guide_versions_id_fk" FOREIGN KEY ("guide_version_id") REFERENCES "public"."guide_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitees_person_key" ON "survey_invitees" USING btree ("survey_id","stakeholder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitees_interview_key" ON "survey_invitees" USING btree ("interview_id");--> statement-breakpoint
CREATE INDEX "survey_links_invitee_idx" ON "survey_links" USING btree ("invitee_id");--> statement-breakpoint
CREATE INDEX "surveys_closes_idx" ON "surveys" USING btree ("closes_on");--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interviews_survey_idx" ON "interviews" USING btree ("survey_id") WHERE "interviews"."survey_id" is not null;