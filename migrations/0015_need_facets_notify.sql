-- The needs board's filter choices (units, and the processes and tags in use) are remembered by
-- each app process. A change to what they are drawn from says so on the channel
-- charter_need_facets; every process listening forgets its choices once the change commits.
-- Statement-level triggers (TRUNCATE too: a restore empties tables): one notification per
-- statement, and PostgreSQL folds repeats within a transaction into one.
CREATE FUNCTION charter_need_facets_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('charter_need_facets', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER need_facets_needs AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF process, merged_into, survivor_id ON needs
  FOR EACH STATEMENT EXECUTE FUNCTION charter_need_facets_changed();
--> statement-breakpoint
CREATE TRIGGER need_facets_need_units AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE ON need_units
  FOR EACH STATEMENT EXECUTE FUNCTION charter_need_facets_changed();
--> statement-breakpoint
CREATE TRIGGER need_facets_need_evidence AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE ON need_evidence
  FOR EACH STATEMENT EXECUTE FUNCTION charter_need_facets_changed();
--> statement-breakpoint
CREATE TRIGGER need_facets_evidence AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF tags, interview_id ON evidence
  FOR EACH STATEMENT EXECUTE FUNCTION charter_need_facets_changed();
--> statement-breakpoint
CREATE TRIGGER need_facets_interviews AFTER UPDATE OF private, interviewer_id, created_by ON interviews
  FOR EACH STATEMENT EXECUTE FUNCTION charter_need_facets_changed();
--> statement-breakpoint
CREATE TRIGGER need_facets_business_units AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF name, archived_at ON business_units
  FOR EACH STATEMENT EXECUTE FUNCTION charter_need_facets_changed();
