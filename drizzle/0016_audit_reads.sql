ALTER TABLE "audit_logs" ALTER COLUMN "seq" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "audit_logs" ALTER COLUMN "seq" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD COLUMN "patient_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD COLUMN "resource_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_logs_patient_ids_idx" ON "audit_logs" USING gin ("patient_ids");--> statement-breakpoint
CREATE INDEX "audit_logs_org_unsealed_idx" ON "audit_logs" USING btree ("organization_id","occurred_at","id") WHERE "audit_logs"."seq" is null;