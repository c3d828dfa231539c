import type { Metadata } from "next";
import Link from "next/link";
import { NoAccess } from "@/components/staff/page-states";
import { PageHeader } from "@/components/ui/page-header";
import { memberDirectory } from "@/lib/administration/member-directory";
import { lastVerifications } from "@/lib/audit/console";
import { featureMessage, hasFeature } from "@/lib/billing/plans";
import { basePathFor } from "@/lib/pipeline/public-page";
import { loadAsStaff, requireStaff } from "@/lib/pipeline/staff-page";
import { tenantHref } from "@/lib/tenancy/href";
import { AuditView } from "./_components/audit-view";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("audit:read")) return <NoAccess what="the audit log" />;
  const plan = access.tenant.organization.plan;
  if (!hasFeature(plan, "audit_export")) {
    const usage = tenantHref(basePathFor(access.tenant.request, access.tenant.organization.slug), "/settings/usage");
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title="Audit log" description="Every access to patient data and every change, in a tamper-evident chain." />
        <p className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950">
          {featureMessage(plan, "audit_export")} The log is still written for every access; this page and its exports need the plan.{" "}
          {access.permissions.includes("settings:manage") && (
            <Link href={usage} className="font-medium underline">
              See plans and usage
            </Link>
          )}
        </p>
      </div>
    );
  }
  const patientParam = (await searchParams).patient;
  const patient = typeof patientParam === "string" && UUID.test(patientParam) ? patientParam.toLowerCase() : "";
  const { people, verifications } = await loadAsStaff(org, "audit:read", async (ctx) => ({
    people: (await memberDirectory(ctx.tx, ctx.orgId)).members.map((m) => ({ userId: m.userId, name: m.name, email: m.email })),
    verifications: await lastVerifications(ctx),
  }));
  return <AuditView people={people} verifications={verifications} initialPatient={patient} />;
}
