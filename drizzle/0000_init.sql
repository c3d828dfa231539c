CREATE TYPE "public"."actor_type" AS ENUM('user', 'api_key', 'patient', 'system', 'anonymous');--> statement-breakpoint
CREATE TYPE "public"."appointment_mode" AS ENUM('in_person', 'telehealth');--> statement-breakpoint
CREATE TYPE "public"."appointment_status" AS ENUM('scheduled', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."audit_action" AS ENUM('view', 'create', 'update', 'delete', 'export');--> statement-breakpoint
CREATE TYPE "public"."audit_outcome" AS ENUM('success', 'denied', 'error');--> statement-breakpoint
CREATE TYPE "public"."booked_via" AS ENUM('staff', 'online', 'api');--> statement-breakpoint
CREATE TYPE "public"."member_role" AS ENUM('owner', 'admin', 'clinician', 'staff');--> statement-breakpoint
CREATE TYPE "public"."membership_status" AS ENUM('active', 'invited', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."organization_plan" AS ENUM('basic', 'professional', 'enterprise');--> statement-breakpoint
CREATE TYPE "public"."organization_status" AS ENUM('active', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."organization_type" AS ENUM('hospital', 'clinic', 'practice');--> statement-breakpoint
CREATE TABLE "organization_domains" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"domain" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"verification_token" text DEFAULT encode(sha256(gen_random_uuid()::text::bytea), 'hex') NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_domains_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "organization_domains_domain_lower" CHECK ("organization_domains"."domain" = lower("organization_domains"."domain"))
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"type" "organization_type" DEFAULT 'hospital' NOT NULL,
	"address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"contact_info" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"time_zone" text DEFAULT 'America/New_York' NOT NULL,
	"plan" "organization_plan" DEFAULT 'basic' NOT NULL,
	"status" "organization_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_key" UNIQUE("slug"),
	CONSTRAINT "organizations_slug_format" CHECK ("organizations"."slug" ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
	CONSTRAINT "organizations_name_present" CHECK (length(btrim("organizations"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "security_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"attempted_organization_id" uuid,
	"user_organization_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"host" text,
	"path" text,
	"ip" "inet",
	"user_agent" text,
	"request_id" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_format" CHECK ("users"."email" ~ '^[^@\s]+@[^@\s]+$')
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "member_role" NOT NULL,
	"status" "membership_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "memberships_org_user_key" UNIQUE("organization_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "organization_branding" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"logo_url" text,
	"primary_color" text DEFAULT '#0f766e' NOT NULL,
	"accent_color" text DEFAULT '#f59e0b' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_branding_primary_hex" CHECK ("organization_branding"."primary_color" ~ '^#[0-9a-fA-F]{6}$'),
	CONSTRAINT "organization_branding_accent_hex" CHECK ("organization_branding"."accent_color" ~ '^#[0-9a-fA-F]{6}$')
);
--> statement-breakpoint
CREATE TABLE "organization_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"enable_online_booking" boolean DEFAULT true NOT NULL,
	"enable_telehealth" boolean DEFAULT false NOT NULL,
	"business_hours" jsonb DEFAULT '{"monday":{"start":"09:00","end":"17:00","isOpen":true},"tuesday":{"start":"09:00","end":"17:00","isOpen":true},"wednesday":{"start":"09:00","end":"17:00","isOpen":true},"thursday":{"start":"09:00","end":"17:00","isOpen":true},"friday":{"start":"09:00","end":"17:00","isOpen":true},"saturday":{"start":"09:00","end":"13:00","isOpen":false},"sunday":{"start":"09:00","end":"13:00","isOpen":false}}'::jsonb NOT NULL,
	"default_appointment_duration" integer DEFAULT 30 NOT NULL,
	"booking_horizon_days" integer DEFAULT 60 NOT NULL,
	"minimum_notice_minutes" integer DEFAULT 120 NOT NULL,
	"cancellation_window_hours" integer DEFAULT 24 NOT NULL,
	"telehealth_base_url" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_settings_duration_range" CHECK ("organization_settings"."default_appointment_duration" between 5 and 480),
	CONSTRAINT "organization_settings_horizon_range" CHECK ("organization_settings"."booking_horizon_days" between 1 and 730),
	CONSTRAINT "organization_settings_notice_range" CHECK ("organization_settings"."minimum_notice_minutes" between 0 and 43200),
	CONSTRAINT "organization_settings_cancel_window_range" CHECK ("organization_settings"."cancellation_window_hours" between 0 and 720)
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"title" text,
	"specialty" text,
	"license_number" text,
	"email" text,
	"phone" text,
	"accepts_online_booking" boolean DEFAULT true NOT NULL,
	"offers_telehealth" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "providers_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "providers_org_license_key" UNIQUE("organization_id","license_number"),
	CONSTRAINT "providers_org_email_key" UNIQUE("organization_id","email"),
	CONSTRAINT "providers_org_user_key" UNIQUE("organization_id","user_id"),
	CONSTRAINT "providers_email_lower" CHECK ("providers"."email" = lower("providers"."email"))
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"mrn" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"email" text,
	"phone" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patients_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "patients_org_mrn_key" UNIQUE("organization_id","mrn"),
	CONSTRAINT "patients_org_email_key" UNIQUE("organization_id","email"),
	CONSTRAINT "patients_email_lower" CHECK ("patients"."email" = lower("patients"."email")),
	CONSTRAINT "patients_mrn_present" CHECK (length(btrim("patients"."mrn")) > 0)
);
--> statement-breakpoint
CREATE TABLE "appointment_types" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"duration_minutes" integer NOT NULL,
	"buffer_before_minutes" integer DEFAULT 0 NOT NULL,
	"buffer_after_minutes" integer DEFAULT 0 NOT NULL,
	"telehealth_allowed" boolean DEFAULT false NOT NULL,
	"online_bookable" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_types_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "appointment_types_org_name_key" UNIQUE("organization_id","name"),
	CONSTRAINT "appointment_types_duration_range" CHECK ("appointment_types"."duration_minutes" between 5 and 480),
	CONSTRAINT "appointment_types_buffers_range" CHECK ("appointment_types"."buffer_before_minutes" between 0 and 240 and "appointment_types"."buffer_after_minutes" between 0 and 240)
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"appointment_type_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"buffer_before_minutes" integer DEFAULT 0 NOT NULL,
	"buffer_after_minutes" integer DEFAULT 0 NOT NULL,
	"status" "appointment_status" DEFAULT 'scheduled' NOT NULL,
	"mode" "appointment_mode" DEFAULT 'in_person' NOT NULL,
	"reason" text,
	"notes" text,
	"booked_via" "booked_via" DEFAULT 'staff' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "appointments_time_order" CHECK ("appointments"."ends_at" > "appointments"."starts_at"),
	CONSTRAINT "appointments_buffers_range" CHECK ("appointments"."buffer_before_minutes" between 0 and 240 and "appointments"."buffer_after_minutes" between 0 and 240),
	CONSTRAINT "appointments_cancel_consistent" CHECK (("appointments"."status" = 'cancelled') = ("appointments"."cancelled_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "audit_logs" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_type" "actor_type" NOT NULL,
	"actor_role" text,
	"action" "audit_action" NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" text,
	"patient_id" uuid,
	"outcome" "audit_outcome" DEFAULT 'success' NOT NULL,
	"request_id" text,
	"ip" text,
	"user_agent" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text DEFAULT '' NOT NULL,
	"row_hash" text DEFAULT '' NOT NULL,
	CONSTRAINT "audit_logs_pkey" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "audit_logs_org_seq_key" UNIQUE("organization_id","seq")
);
--> statement-breakpoint
ALTER TABLE "organization_domains" ADD CONSTRAINT "organization_domains_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_events" ADD CONSTRAINT "security_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_branding" ADD CONSTRAINT "organization_branding_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_settings" ADD CONSTRAINT "organization_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_types" ADD CONSTRAINT "appointment_types_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_fk" FOREIGN KEY ("organization_id","patient_id") REFERENCES "public"."patients"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_provider_fk" FOREIGN KEY ("organization_id","provider_id") REFERENCES "public"."providers"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_type_fk" FOREIGN KEY ("organization_id","appointment_type_id") REFERENCES "public"."appointment_types"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_patient_fk" FOREIGN KEY ("organization_id","patient_id") REFERENCES "public"."patients"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organization_domains_domain_key" ON "organization_domains" USING btree ("domain");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_domains_one_primary" ON "organization_domains" USING btree ("organization_id") WHERE "organization_domains"."is_primary";--> statement-breakpoint
CREATE INDEX "security_events_occurred_idx" ON "security_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "providers_org_name_idx" ON "providers" USING btree ("organization_id","name");--> statement-breakpoint
CREATE INDEX "patients_org_last_first_idx" ON "patients" USING btree ("organization_id",lower("last_name") text_pattern_ops,lower("first_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_org_first_idx" ON "patients" USING btree ("organization_id",lower("first_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_org_dob_idx" ON "patients" USING btree ("organization_id","date_of_birth");--> statement-breakpoint
CREATE INDEX "patients_org_phone_idx" ON "patients" USING btree ("organization_id","phone");--> statement-breakpoint
CREATE INDEX "appointments_org_provider_start_idx" ON "appointments" USING btree ("organization_id","provider_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_org_patient_start_idx" ON "appointments" USING btree ("organization_id","patient_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_org_start_idx" ON "appointments" USING btree ("organization_id","starts_at");--> statement-breakpoint
CREATE INDEX "audit_logs_org_patient_idx" ON "audit_logs" USING btree ("organization_id","patient_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_logs_org_occurred_idx" ON "audit_logs" USING btree ("organization_id","occurred_at");