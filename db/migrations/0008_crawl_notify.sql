-- Every committed write to crawl runs, their failures and their queued jobs notifies 'toolrisk_crawls'
-- (CRAWL_CHANNEL in client.ts), so each API instance drops its cached crawl-run answers at once, whichever process
-- wrote: a crawl, a worker, an import. A channel of its own: a crawl's progress (a job done, a failure recorded) says
-- nothing of the catalogue, whose cached answers stay. One notification per statement, delivered at commit.
CREATE OR REPLACE FUNCTION toolrisk_notify_crawls() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('toolrisk_crawls', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER crawl_runs_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "crawl_runs"
  FOR EACH STATEMENT EXECUTE FUNCTION toolrisk_notify_crawls();
--> statement-breakpoint
CREATE TRIGGER crawl_errors_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "crawl_errors"
  FOR EACH STATEMENT EXECUTE FUNCTION toolrisk_notify_crawls();
--> statement-breakpoint
CREATE TRIGGER crawl_jobs_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "crawl_jobs"
  FOR EACH STATEMENT EXECUTE FUNCTION toolrisk_notify_crawls();
