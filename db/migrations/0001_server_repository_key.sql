ALTER TABLE "servers" ADD COLUMN "repository_key" text;--> statement-breakpoint
CREATE INDEX "servers_repository_key_idx" ON "servers" USING btree ("repository_key");