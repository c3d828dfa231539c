-- Citus (or Azure Cosmos DB for PostgreSQL): run once on the coordinator, after the migrations,
-- as the migration role, before the application writes (distributing a table that holds rows
-- copies them into shards). Not a migration: drizzle's migrator never runs this folder.
--
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f drizzle/citus/distribute.sql
--
-- Platform tables (lib/db/platform-tables.ts) become reference tables: one copy on every node, so
-- tenant tables may keep their foreign keys to organizations and users. Every other table is a
-- tenant table, distributed by organization_id and co-located with the others, so one
-- organization's rows of every table live on the same node and a tenant transaction is routed to
-- that node. tests/citus-readiness.test.ts checks this file against the migrated catalog: every
-- table named exactly once, referenced tables before the tables that point at them, and the
-- schema rules Citus imposes. See docs/scale-out.md for what is and is not proven.

create extension if not exists citus;

-- Triggers on distributed tables (the audit log's chain and append-only guards) run on the shards.
set citus.enable_unsafe_triggers = on;

-- Reference tables, referenced ones first.
select create_reference_table('public.users');
select create_reference_table('public.organizations');
select create_reference_table('public.organization_domains');
select create_reference_table('public.security_events');
select create_reference_table('public.sign_in_throttles');
select create_reference_table('public.session_handoffs');
select create_reference_table('public.user_sessions');
select create_reference_table('public.account_tokens');
select create_reference_table('public.account_messages');
select create_reference_table('public.user_mfa');
select create_reference_table('public.security_alert_digests');
select create_reference_table('public.security_alert_webhooks');

-- Tenant tables, one co-location group, referenced ones first.
select create_distributed_table('public.memberships', 'organization_id', colocate_with => 'none');
select create_distributed_table('public.organization_settings', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.organization_branding', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.organization_usage', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.organization_resource_usage', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.api_keys', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.invitations', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.providers', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.patients', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.appointment_types', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.locations', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.resources', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.provider_locations', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.provider_working_hours', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.provider_date_overrides', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.provider_time_off', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.provider_appointment_types', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.appointment_series', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.appointments', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.booking_holds', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.notifications', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.waitlist_entries', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.waitlist_offers', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.calendar_feeds', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.sms_settings', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.organization_sso', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.sms_messages', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.intake_forms', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.intake_responses', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.webhook_endpoints', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.webhook_deliveries', 'organization_id', colocate_with => 'memberships');
select create_distributed_table('public.audit_logs', 'organization_id', colocate_with => 'memberships');
