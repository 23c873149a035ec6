-- Beyond the triggers of 0001: the audit trail's rows cannot be changed or removed by privilege
-- either. Nobody is granted UPDATE, DELETE or TRUNCATE on audit_events, and the role that runs the
-- migrations (the table's owner, usually the app's own role) gives up its own. A superuser bypasses
-- privileges (the embedded database's only role is one); a role that owns the table could grant
-- them back, which is why SECURITY.md advises running the app as a role that does not own it.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM %I', current_user);
END;
$$;
