import Link from "next/link";
import { notFound } from "next/navigation";
import { BrandMark } from "@/components/shell/brand-mark";
import { HospitalContact } from "@/components/scheduling/hospital-contact";
import { hospitalContact } from "@/lib/organizations/contact";
import { getPublicTenant } from "@/lib/pipeline/public-page";
import { basePathFor } from "@/lib/pipeline/public-page";
import { tenantHref } from "@/lib/tenancy/href";

export const dynamic = "force-dynamic";

export default async function TenantHomePage({ params }: { params: Promise<{ org: string }> }) {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) notFound();
  const { organization, branding } = tenant;
  const base = basePathFor(tenant.request, organization.slug);
  const address = organization.address;
  const contact = organization.contactInfo;
  const addressLine = [address.street, address.city, [address.state, address.zip].filter(Boolean).join(" ")].filter(Boolean).join(", ");

  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-6 py-4">
          <div className="flex items-center gap-3">
            <BrandMark branding={branding} />
            <span className="font-semibold">{branding.displayName}</span>
          </div>
          <Link href={tenantHref(base, "/sign-in")} className="text-sm font-medium text-[var(--brand-primary)] hover:underline">
            Staff sign-in
          </Link>
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col gap-10 px-6 py-16">
        <section className="flex flex-col gap-4">
          <h1 className="text-4xl font-semibold tracking-tight">{branding.displayName}</h1>
          <p className="max-w-2xl text-lg text-slate-600">
            {organization.type === "hospital" ? "Hospital" : organization.type === "clinic" ? "Clinic" : "Practice"}
            {address.city ? ` in ${address.city}` : ""}. Times are shown in {organization.timeZone.replace(/_/g, " ")}.
          </p>
          {tenant.settings.enableOnlineBooking ? (
            <div className="flex flex-wrap items-center gap-4">
              <Link
                href={tenantHref(base, "/book")}
                className="rounded-md bg-[var(--brand-primary)] px-5 py-3 font-medium text-white shadow-sm hover:opacity-90"
              >
                Book an appointment
              </Link>
              {contact.phone && <span className="text-slate-600">or call us at {contact.phone}</span>}
            </div>
          ) : (
            <div
              className="max-w-2xl rounded-lg border-l-4 bg-white p-4 text-slate-700 shadow-sm"
              style={{ borderColor: branding.accentColor }}
            >
              <HospitalContact contact={hospitalContact(branding.displayName, address, contact)} lead="Online booking is not available." />
            </div>
          )}
        </section>
        <dl className="grid gap-6 text-slate-700 sm:grid-cols-3">
          {addressLine && (
            <div>
              <dt className="text-sm text-slate-500">Address</dt>
              <dd>{addressLine}</dd>
            </div>
          )}
          {contact.phone && (
            <div>
              <dt className="text-sm text-slate-500">Phone</dt>
              <dd>
                <a href={`tel:${contact.phone}`} className="hover:underline">
                  {contact.phone}
                </a>
              </dd>
            </div>
          )}
          {contact.email && (
            <div>
              <dt className="text-sm text-slate-500">E-mail</dt>
              <dd>
                <a href={`mailto:${contact.email}`} className="hover:underline">
                  {contact.email}
                </a>
              </dd>
            </div>
          )}
        </dl>
      </main>
      <footer className="flex flex-wrap items-center justify-center gap-x-6 gap-y-2 border-t border-slate-200 py-6 text-xs text-slate-600">
        <Link href={tenantHref(base, "/access-report")} className="underline hover:text-slate-900">
          Who has seen my record?
        </Link>
        <span>Scheduling by AgentCare</span>
      </footer>
    </div>
  );
}
