CREATE TABLE "organization_resource_usage" (
	"organization_id" uuid NOT NULL,
	"day" date NOT NULL,
	"requests" bigint DEFAULT 0 NOT NULL,
	"api_calls" bigint DEFAULT 0 NOT NULL,
	"db_time_ms" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_resource_usage_pkey" PRIMARY KEY("organization_id","day")
);
--> statement-breakpoint
ALTER TABLE "organization_resource_usage" ADD CONSTRAINT "organization_resource_usage_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;