CREATE TABLE "server_packages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "server_packages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"server_id" text NOT NULL,
	"registry_type" text NOT NULL,
	"identifier" text NOT NULL,
	"package_key" text NOT NULL,
	"version" text,
	"transport" text,
	"install_command" text
);
--> statement-breakpoint
CREATE TABLE "server_sources" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "server_sources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"server_id" text NOT NULL,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"url" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "servers" ADD COLUMN "tools_listed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "server_packages" ADD CONSTRAINT "server_packages_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_sources" ADD CONSTRAINT "server_sources_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "server_packages_server_package_key" ON "server_packages" USING btree ("server_id","registry_type","identifier");--> statement-breakpoint
CREATE INDEX "server_packages_package_key_idx" ON "server_packages" USING btree ("package_key");--> statement-breakpoint
CREATE UNIQUE INDEX "server_sources_server_source_key" ON "server_sources" USING btree ("server_id","source","source_id");--> statement-breakpoint
CREATE INDEX "server_sources_source_idx" ON "server_sources" USING btree ("source","source_id");
--> statement-breakpoint
-- Provenance and packages of servers stored before this migration, read off their JSON columns
-- (package_key as packageKey() in src/catalogue/packages.ts computes it).
INSERT INTO "server_sources" ("server_id", "source", "source_id", "first_seen_at", "last_seen_at")
SELECT s."id", e->>'kind', e->>'ref', coalesce((e->>'seenAt')::timestamptz, s."first_seen_at"), coalesce((e->>'seenAt')::timestamptz, s."last_seen_at")
FROM "servers" s, jsonb_array_elements(s."sources") e
WHERE jsonb_typeof(e->'kind') = 'string' AND jsonb_typeof(e->'ref') = 'string'
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "server_packages" ("server_id", "registry_type", "identifier", "package_key", "version", "transport")
SELECT s."id", p->>'registryType', p->>'identifier',
  lower(p->>'registryType') || ':' || CASE lower(p->>'registryType')
    WHEN 'pypi' THEN regexp_replace(lower(p->>'identifier'), '[-_.]+', '-', 'g')
    WHEN 'oci' THEN regexp_replace(lower(p->>'identifier'), ':[^/:@]+$', '')
    ELSE lower(p->>'identifier') END,
  p->>'version', p->'transport'->>'type'
FROM "servers" s, jsonb_array_elements(s."packages") p
WHERE jsonb_typeof(p->'registryType') = 'string' AND jsonb_typeof(p->'identifier') = 'string'
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "servers" s SET "tools_listed_at" = s."last_seen_at" WHERE EXISTS (SELECT 1 FROM "tools" t WHERE t."server_id" = s."id");
