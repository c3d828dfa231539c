DROP INDEX "organization_domains_domain_key";--> statement-breakpoint
CREATE UNIQUE INDEX "organization_domains_verified_domain_key" ON "organization_domains" USING btree ("domain") WHERE "organization_domains"."verified_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "organization_domains_org_domain_key" ON "organization_domains" USING btree ("organization_id","domain");