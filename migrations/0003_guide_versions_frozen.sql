-- A published guide version never changes: interviews and answers point at it.
CREATE FUNCTION guide_versions_refuse_published_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'guide version % is published and cannot change', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER guide_versions_frozen
  BEFORE UPDATE OR DELETE ON guide_versions
  FOR EACH ROW EXECUTE FUNCTION guide_versions_refuse_published_change();
