CREATE TABLE "api_key_grants" (
	"api_key_id" integer NOT NULL,
	"server_id" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_key_grants_api_key_id_server_id_pk" PRIMARY KEY("api_key_id","server_id")
);
--> statement-breakpoint
ALTER TABLE "api_key_grants" ADD CONSTRAINT "api_key_grants_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_key_grants_server_idx" ON "api_key_grants" USING btree ("server_id");