CREATE TABLE "sms_messages" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"appointment_id" uuid,
	"patient_id" uuid,
	"offset_hours" integer,
	"to_phone" text NOT NULL,
	"body" text NOT NULL,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"claim_token" uuid,
	"lease_expires_at" timestamp with time zone,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sms_messages_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "sms_messages_kind_known" CHECK ("sms_messages"."kind" in ('reminder', 'release')),
	CONSTRAINT "sms_messages_reminder_offset" CHECK (("sms_messages"."kind" = 'reminder') = ("sms_messages"."offset_hours" is not null))
);
--> statement-breakpoint
CREATE TABLE "sms_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"account_sid" text,
	"auth_token_encrypted" text,
	"from_number" text,
	"reminder_offsets_hours" integer[] DEFAULT '{48,2}'::integer[] NOT NULL,
	"release_unconfirmed_hours" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sms_settings_account_sid_format" CHECK ("sms_settings"."account_sid" is null or "sms_settings"."account_sid" ~ '^AC[0-9a-fA-F]{32}$'),
	CONSTRAINT "sms_settings_from_number_format" CHECK ("sms_settings"."from_number" is null or "sms_settings"."from_number" ~ '^\+[1-9][0-9]{6,14}$'),
	CONSTRAINT "sms_settings_offsets_count" CHECK (cardinality("sms_settings"."reminder_offsets_hours") between 1 and 3),
	CONSTRAINT "sms_settings_release_range" CHECK ("sms_settings"."release_unconfirmed_hours" is null or "sms_settings"."release_unconfirmed_hours" between 1 and 168)
);
--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "sms_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "sms_opted_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "reschedule_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_appointment_fk" FOREIGN KEY ("organization_id","appointment_id") REFERENCES "public"."appointments"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_patient_fk" FOREIGN KEY ("organization_id","patient_id") REFERENCES "public"."patients"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_settings" ADD CONSTRAINT "sms_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sms_messages_org_reminder_key" ON "sms_messages" USING btree ("organization_id","appointment_id","offset_hours") WHERE "sms_messages"."kind" = 'reminder';--> statement-breakpoint
CREATE UNIQUE INDEX "sms_messages_org_release_key" ON "sms_messages" USING btree ("organization_id","appointment_id") WHERE "sms_messages"."kind" = 'release';--> statement-breakpoint
CREATE INDEX "sms_messages_org_due_idx" ON "sms_messages" USING btree ("organization_id","status","next_attempt_at");