import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPublicTenant } from "@/lib/tenancy/context";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) return {};
  return { title: { default: tenant.branding.displayName, template: `%s · ${tenant.branding.displayName}` } };
}

// Every page under a tenant wears its branding; an unknown tenant is a 404, never another tenant.
export default async function TenantLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ org: string }>;
}) {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) notFound();
  const style = {
    "--brand-primary": tenant.branding.primaryColor,
    "--brand-accent": tenant.branding.accentColor,
  } as React.CSSProperties;
  return (
    <div style={style} className="min-h-screen">
      {children}
    </div>
  );
}
