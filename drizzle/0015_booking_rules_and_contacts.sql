-- Staff and API bookings have their own horizon (patients keep booking_horizon_days online).
ALTER TABLE "organization_settings" ADD COLUMN "staff_booking_horizon_days" integer DEFAULT 365 NOT NULL;--> statement-breakpoint
ALTER TABLE "organization_settings" ADD CONSTRAINT "organization_settings_staff_horizon_range" CHECK ("organization_settings"."staff_booking_horizon_days" between 1 and 1825);--> statement-breakpoint
-- A patient record is "active" (the hospital's), "unverified" (typed by an anonymous visitor who
-- booked online; its e-mail is not proven), "review" (the e-mail was proven, but a record with that
-- e-mail and other details exists: staff reconcile) or "merged" (staff folded it into another
-- record; kept because the audit trail points at it). Only active records take part in e-mail
-- uniqueness, so an online booking never reveals whether an e-mail belongs to a patient.
ALTER TABLE "patients" ADD COLUMN "record_status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_record_status_known" CHECK ("patients"."record_status" in ('active', 'unverified', 'review', 'merged'));--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_merged_into_fk" FOREIGN KEY ("organization_id","merged_into_id") REFERENCES "public"."patients"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" DROP CONSTRAINT "patients_org_email_key";--> statement-breakpoint
CREATE UNIQUE INDEX "patients_org_email_key" ON "patients" USING btree ("organization_id","email") WHERE "patients"."record_status" = 'active';--> statement-breakpoint
CREATE INDEX "patients_org_record_status_idx" ON "patients" USING btree ("organization_id","record_status") WHERE "patients"."record_status" in ('unverified', 'review');
