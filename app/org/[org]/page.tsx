import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { withTenant } from "@/lib/db/tenant";
import { organizationRepo } from "@/lib/organizations/repository";
import { resolveTenant } from "@/lib/tenancy/resolve";

export const dynamic = "force-dynamic";

export default async function TenantHomePage({ params }: { params: Promise<{ org: string }> }) {
  const { org: key } = await params;
  const requestHeaders = await headers();
  const organization = await resolveTenant(decodeURIComponent(key), requestHeaders.get("x-agentcare-host"));
  if (!organization) notFound();

  const { branding, settings } = await withTenant(organization.id, async (tx) => {
    const repo = organizationRepo(tx, organization.id);
    return { branding: await repo.getBranding(), settings: await repo.getSettings() };
  });
  const contact = organization.contactInfo;
  const address = organization.address;

  return (
    <main
      className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-6 p-8"
      style={{ ["--brand-primary" as string]: branding.primaryColor, ["--brand-accent" as string]: branding.accentColor }}
    >
      <div className="flex items-center gap-3">
        {branding.logoUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={branding.logoUrl} alt="" className="h-12 w-12 rounded" />
        ) : (
          <span
            aria-hidden
            className="flex h-12 w-12 items-center justify-center rounded-lg text-xl font-bold text-white"
            style={{ background: branding.primaryColor }}
          >
            {branding.displayName.slice(0, 1)}
          </span>
        )}
        <h1 className="text-3xl font-semibold tracking-tight">{branding.displayName}</h1>
      </div>
      <dl className="grid gap-2 text-slate-700 sm:grid-cols-2">
        {[address.street, address.city, address.state].some(Boolean) && (
          <div>
            <dt className="text-sm text-slate-500">Address</dt>
            <dd>{[address.street, address.city, [address.state, address.zip].filter(Boolean).join(" ")].filter(Boolean).join(", ")}</dd>
          </div>
        )}
        {contact.phone && (
          <div>
            <dt className="text-sm text-slate-500">Phone</dt>
            <dd>{contact.phone}</dd>
          </div>
        )}
        {contact.email && (
          <div>
            <dt className="text-sm text-slate-500">E-mail</dt>
            <dd>{contact.email}</dd>
          </div>
        )}
        <div>
          <dt className="text-sm text-slate-500">Online booking</dt>
          <dd>{settings.enableOnlineBooking ? "Available" : "Not available — please call us"}</dd>
        </div>
      </dl>
    </main>
  );
}
