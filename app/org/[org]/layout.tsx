import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { textColorOn } from "@/lib/branding/contrast";
import { getPublicTenant } from "@/lib/pipeline/public-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) return {};
  return { title: { default: tenant.branding.displayName, template: `%s · ${tenant.branding.displayName}` } };
}

// Every page under a tenant wears its branding; an unknown tenant is a 404, never another tenant.
export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) notFound();
  const style = {
    "--brand-primary": tenant.branding.primaryColor,
    "--brand-accent": tenant.branding.accentColor,
    "--brand-on-primary": textColorOn(tenant.branding.primaryColor),
  } as React.CSSProperties;
  if (tenant.organization.status !== "active") {
    return (
      <div style={style} className="min-h-screen">
        <main className="mx-auto flex min-h-screen max-w-xl flex-col items-center justify-center gap-3 p-8 text-center">
          <h1 className="text-2xl font-semibold">{tenant.branding.displayName} is not available</h1>
          <p className="text-slate-600">
            This organization&apos;s AgentCare site is suspended at the moment. Patients: please contact the {tenant.organization.type}{" "}
            directly{tenant.organization.contactInfo.phone ? ` at ${tenant.organization.contactInfo.phone}` : ""}. Staff: your
            administrators can contact AgentCare support. No data has been removed.
          </p>
        </main>
      </div>
    );
  }
  return (
    <div style={style} className="min-h-screen">
      {children}
    </div>
  );
}
