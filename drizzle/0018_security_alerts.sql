CREATE TABLE "security_alert_digests" (
	"scope" text NOT NULL,
	"kind" text NOT NULL,
	"about_organization_id" uuid,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"pending_events" integer DEFAULT 0 NOT NULL,
	"first_pending_at" timestamp with time zone,
	"last_event_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_notified_at" timestamp with time zone,
	CONSTRAINT "security_alert_digests_pkey" PRIMARY KEY("scope","kind")
);
--> statement-breakpoint
CREATE TABLE "security_alert_webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "security_alert_webhooks_due_idx" ON "security_alert_webhooks" USING btree ("status","next_attempt_at");--> statement-breakpoint
ALTER TABLE public.security_alert_digests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.security_alert_digests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY security_alert_digests_platform ON public.security_alert_digests FOR ALL TO agentcare_platform
  USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE public.security_alert_webhooks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.security_alert_webhooks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY security_alert_webhooks_platform ON public.security_alert_webhooks FOR ALL TO agentcare_platform
  USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON public.security_alert_digests TO agentcare_platform;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON public.security_alert_webhooks TO agentcare_platform;
