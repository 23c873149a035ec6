CREATE TYPE "public"."agreement_kind" AS ENUM('ola', 'contract');--> statement-breakpoint
CREATE TYPE "public"."criticality_tier" AS ENUM('tier1', 'tier2', 'tier3', 'tier4');--> statement-breakpoint
CREATE TYPE "public"."delivery_model" AS ENUM('in_house', 'outsourced', 'saas', 'cloud', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."lifecycle_stage" AS ENUM('strategy', 'design', 'build', 'transition', 'operation', 'retired');--> statement-breakpoint
CREATE TYPE "public"."provider_kind" AS ENUM('internal', 'external');--> statement-breakpoint
CREATE TYPE "public"."service_kind" AS ENUM('business', 'supporting');--> statement-breakpoint
CREATE TABLE "providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "provider_kind" NOT NULL,
	"business_unit_id" uuid,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_clause_needs" (
	"service_id" uuid NOT NULL,
	"clause_id" text NOT NULL,
	"kind" text NOT NULL,
	"need_id" uuid NOT NULL,
	CONSTRAINT "service_clause_needs_service_id_clause_id_need_id_pk" PRIMARY KEY("service_id","clause_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "service_dependencies" (
	"service_id" uuid NOT NULL,
	"depends_on_id" uuid NOT NULL,
	CONSTRAINT "service_dependencies_service_id_depends_on_id_pk" PRIMARY KEY("service_id","depends_on_id"),
	CONSTRAINT "service_dependencies_not_self" CHECK ("service_dependencies"."service_id" <> "service_dependencies"."depends_on_id")
);
--> statement-breakpoint
CREATE TABLE "service_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "service_kind" NOT NULL,
	"provider_id" uuid,
	"delivery_model" "delivery_model",
	"owner_name" text DEFAULT '' NOT NULL,
	"owner_title" text DEFAULT '' NOT NULL,
	"owner_contact" text DEFAULT '' NOT NULL,
	"agreement_kind" "agreement_kind",
	"agreement_reference" text DEFAULT '' NOT NULL,
	"agreement_start" date,
	"agreement_end" date,
	"agreement_renewal_notice" date,
	"lifecycle" "lifecycle_stage" DEFAULT 'design' NOT NULL,
	"criticality" "criticality_tier" DEFAULT 'tier3' NOT NULL,
	"review_every_months" integer,
	"next_review" date,
	"draft" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_agreement_dates" CHECK ("services"."agreement_end" is null or "services"."agreement_start" is null or "services"."agreement_end" >= "services"."agreement_start"),
	CONSTRAINT "services_review_cadence" CHECK ("services"."review_every_months" is null or "services"."review_every_months" between 1 and 60)
);
--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_business_unit_id_business_units_id_fk" FOREIGN KEY ("business_unit_id") REFERENCES "public"."business_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_clause_needs" ADD CONSTRAINT "service_clause_needs_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_clause_needs" ADD CONSTRAINT "service_clause_needs_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dependencies" ADD CONSTRAINT "service_dependencies_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_dependencies" ADD CONSTRAINT "service_dependencies_depends_on_id_services_id_fk" FOREIGN KEY ("depends_on_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_versions" ADD CONSTRAINT "service_versions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_versions" ADD CONSTRAINT "service_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "providers_name_idx" ON "providers" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "service_clause_needs_need_idx" ON "service_clause_needs" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "service_dependencies_on_idx" ON "service_dependencies" USING btree ("depends_on_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_versions_number_idx" ON "service_versions" USING btree ("service_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "services_name_idx" ON "services" USING btree (lower("name"));--> statement-breakpoint
-- A definition's version is a record: it never changes and is never removed.
CREATE FUNCTION service_versions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'service version % is frozen and cannot change', OLD.id
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_versions_frozen
  BEFORE UPDATE OR DELETE ON service_versions
  FOR EACH ROW EXECUTE FUNCTION service_versions_refuse_change();
