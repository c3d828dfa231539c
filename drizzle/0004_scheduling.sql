CREATE TYPE "public"."notification_kind" AS ENUM('confirmation', 'cancellation', 'reschedule', 'reminder_24h', 'reminder_2h', 'waitlist_offer');--> statement-breakpoint
CREATE TYPE "public"."notification_status" AS ENUM('pending', 'sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."waitlist_offer_status" AS ENUM('open', 'claimed', 'gone', 'expired');--> statement-breakpoint
CREATE TYPE "public"."waitlist_status" AS ENUM('waiting', 'offered', 'booked', 'cancelled');--> statement-breakpoint
CREATE TABLE "booking_holds" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"appointment_type_id" uuid NOT NULL,
	"mode" "appointment_mode" DEFAULT 'in_person' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"buffer_before_minutes" integer DEFAULT 0 NOT NULL,
	"buffer_after_minutes" integer DEFAULT 0 NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_holds_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "booking_holds_order" CHECK ("booking_holds"."ends_at" > "booking_holds"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "provider_appointment_types" (
	"organization_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"appointment_type_id" uuid NOT NULL,
	CONSTRAINT "provider_appointment_types_pkey" PRIMARY KEY("organization_id","provider_id","appointment_type_id")
);
--> statement-breakpoint
CREATE TABLE "provider_date_overrides" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_time" time,
	"end_time" time,
	"note" text,
	CONSTRAINT "provider_date_overrides_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "provider_date_overrides_times" CHECK (("provider_date_overrides"."start_time" is null and "provider_date_overrides"."end_time" is null) or ("provider_date_overrides"."start_time" is not null and "provider_date_overrides"."end_time" > "provider_date_overrides"."start_time"))
);
--> statement-breakpoint
CREATE TABLE "provider_time_off" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text,
	CONSTRAINT "provider_time_off_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "provider_time_off_order" CHECK ("provider_time_off"."ends_at" > "provider_time_off"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "provider_working_hours" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	CONSTRAINT "provider_working_hours_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "provider_working_hours_weekday" CHECK ("provider_working_hours"."weekday" between 1 and 7),
	CONSTRAINT "provider_working_hours_order" CHECK ("provider_working_hours"."end_time" > "provider_working_hours"."start_time")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"appointment_id" uuid,
	"to_email" text NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"ics_content" text,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_pkey" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "waitlist_entries" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"appointment_type_id" uuid NOT NULL,
	"provider_id" uuid,
	"earliest_date" date NOT NULL,
	"latest_date" date NOT NULL,
	"status" "waitlist_status" DEFAULT 'waiting' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_entries_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "waitlist_entries_range" CHECK ("waitlist_entries"."latest_date" >= "waitlist_entries"."earliest_date")
);
--> statement-breakpoint
CREATE TABLE "waitlist_offers" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"appointment_type_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"token_hash" text NOT NULL,
	"status" "waitlist_offer_status" DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"appointment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_offers_pkey" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "telehealth_room" text;--> statement-breakpoint
ALTER TABLE "booking_holds" ADD CONSTRAINT "booking_holds_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_holds" ADD CONSTRAINT "booking_holds_provider_fk" FOREIGN KEY ("organization_id","provider_id") REFERENCES "public"."providers"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_holds" ADD CONSTRAINT "booking_holds_type_fk" FOREIGN KEY ("organization_id","appointment_type_id") REFERENCES "public"."appointment_types"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_appointment_types" ADD CONSTRAINT "provider_appointment_types_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_appointment_types" ADD CONSTRAINT "provider_appointment_types_provider_fk" FOREIGN KEY ("organization_id","provider_id") REFERENCES "public"."providers"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_appointment_types" ADD CONSTRAINT "provider_appointment_types_type_fk" FOREIGN KEY ("organization_id","appointment_type_id") REFERENCES "public"."appointment_types"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_date_overrides" ADD CONSTRAINT "provider_date_overrides_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_date_overrides" ADD CONSTRAINT "provider_date_overrides_provider_fk" FOREIGN KEY ("organization_id","provider_id") REFERENCES "public"."providers"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_time_off" ADD CONSTRAINT "provider_time_off_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_time_off" ADD CONSTRAINT "provider_time_off_provider_fk" FOREIGN KEY ("organization_id","provider_id") REFERENCES "public"."providers"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_working_hours" ADD CONSTRAINT "provider_working_hours_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_working_hours" ADD CONSTRAINT "provider_working_hours_provider_fk" FOREIGN KEY ("organization_id","provider_id") REFERENCES "public"."providers"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_appointment_fk" FOREIGN KEY ("organization_id","appointment_id") REFERENCES "public"."appointments"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_patient_fk" FOREIGN KEY ("organization_id","patient_id") REFERENCES "public"."patients"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_type_fk" FOREIGN KEY ("organization_id","appointment_type_id") REFERENCES "public"."appointment_types"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_provider_fk" FOREIGN KEY ("organization_id","provider_id") REFERENCES "public"."providers"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_entry_fk" FOREIGN KEY ("organization_id","entry_id") REFERENCES "public"."waitlist_entries"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_provider_fk" FOREIGN KEY ("organization_id","provider_id") REFERENCES "public"."providers"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_type_fk" FOREIGN KEY ("organization_id","appointment_type_id") REFERENCES "public"."appointment_types"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_appointment_fk" FOREIGN KEY ("organization_id","appointment_id") REFERENCES "public"."appointments"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_holds_provider_idx" ON "booking_holds" USING btree ("organization_id","provider_id","starts_at");--> statement-breakpoint
CREATE INDEX "provider_date_overrides_provider_idx" ON "provider_date_overrides" USING btree ("organization_id","provider_id","date");--> statement-breakpoint
CREATE INDEX "provider_time_off_provider_idx" ON "provider_time_off" USING btree ("organization_id","provider_id","starts_at");--> statement-breakpoint
CREATE INDEX "provider_working_hours_provider_idx" ON "provider_working_hours" USING btree ("organization_id","provider_id","weekday");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_org_reminder_key" ON "notifications" USING btree ("organization_id","appointment_id","kind") WHERE "notifications"."kind" in ('reminder_24h', 'reminder_2h');--> statement-breakpoint
CREATE INDEX "notifications_org_due_idx" ON "notifications" USING btree ("organization_id","status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "waitlist_entries_org_type_idx" ON "waitlist_entries" USING btree ("organization_id","appointment_type_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_offers_org_token_key" ON "waitlist_offers" USING btree ("organization_id","token_hash");