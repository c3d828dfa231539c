CREATE TABLE "intake_forms" (
	"organization_id" uuid NOT NULL,
	"appointment_type_id" uuid NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_forms_pkey" PRIMARY KEY("organization_id","appointment_type_id"),
	CONSTRAINT "intake_forms_questions_array" CHECK (jsonb_typeof("intake_forms"."questions") = 'array' and jsonb_array_length("intake_forms"."questions") <= 30)
);
--> statement-breakpoint
CREATE TABLE "intake_responses" (
	"organization_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"answers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"insurance" jsonb,
	"card_image" "bytea",
	"card_image_type" text,
	"submitted_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_responses_pkey" PRIMARY KEY("organization_id","appointment_id"),
	CONSTRAINT "intake_responses_submitted_by" CHECK ("intake_responses"."submitted_by" in ('patient', 'staff')),
	CONSTRAINT "intake_responses_card_image" CHECK (("intake_responses"."card_image" is null and "intake_responses"."card_image_type" is null) or ("intake_responses"."card_image_type" in ('image/jpeg', 'image/png', 'image/webp') and octet_length("intake_responses"."card_image") between 1 and 2097152))
);
--> statement-breakpoint
ALTER TABLE "organization_settings" ADD COLUMN "insurance_intake" text DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_forms" ADD CONSTRAINT "intake_forms_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_forms" ADD CONSTRAINT "intake_forms_type_fk" FOREIGN KEY ("organization_id","appointment_type_id") REFERENCES "public"."appointment_types"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_responses" ADD CONSTRAINT "intake_responses_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_responses" ADD CONSTRAINT "intake_responses_appointment_fk" FOREIGN KEY ("organization_id","appointment_id") REFERENCES "public"."appointments"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_settings" ADD CONSTRAINT "organization_settings_insurance_intake" CHECK ("organization_settings"."insurance_intake" in ('off', 'optional', 'required'));