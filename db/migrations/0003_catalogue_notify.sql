-- Every committed write to what the API serves notifies 'toolrisk_catalogue' (CATALOGUE_CHANNEL in client.ts), so
-- each API instance on this database drops its read cache at once, whichever process wrote: another instance, a
-- worker, an import. One notification per statement; PostgreSQL delivers it at commit and folds duplicates.
CREATE OR REPLACE FUNCTION toolrisk_notify_catalogue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('toolrisk_catalogue', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER servers_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "servers"
  FOR EACH STATEMENT EXECUTE FUNCTION toolrisk_notify_catalogue();
--> statement-breakpoint
CREATE TRIGGER server_versions_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "server_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION toolrisk_notify_catalogue();
--> statement-breakpoint
CREATE TRIGGER tools_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tools"
  FOR EACH STATEMENT EXECUTE FUNCTION toolrisk_notify_catalogue();
--> statement-breakpoint
CREATE TRIGGER tool_versions_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tool_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION toolrisk_notify_catalogue();
--> statement-breakpoint
CREATE TRIGGER classifications_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "classifications"
  FOR EACH STATEMENT EXECUTE FUNCTION toolrisk_notify_catalogue();
