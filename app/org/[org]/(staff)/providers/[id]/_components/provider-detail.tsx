"use client";

import { zoneLabel } from "@/components/scheduling/format";
import { unwrap } from "@/components/actions/action-client";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { DetailState, useDetailQuery } from "@/components/ui/detail-query";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/panel";
import type { ProviderDetail } from "@/lib/providers/service";
import { providerDetailAction } from "../../actions";
import { CalendarFeedPanel } from "./calendar-feed";
import { DateOverrides } from "./date-overrides";
import { OfferedTypes } from "./offered-types";
import { ProviderLocations } from "./provider-locations";
import { ProviderDetailsPanel } from "./provider-details-panel";
import { TimeOffPanel } from "./time-off";
import { WeeklyHoursEditor } from "./weekly-hours-editor";

/** `initial`: the provider as the page loaded it; null when it is not this organization's. */
export function ProviderDetailView({ id, initial }: { id: string; initial: ProviderDetail | null }) {
  const tenant = useTenant();
  const href = useTenantHref();
  const canManage = usePermission("providers:manage");
  const query = useDetailQuery({
    queryKey: staffKeys.provider(tenant.organization.id, id),
    queryFn: () => unwrap(providerDetailAction({ id })),
    initial,
  });

  if (initial === null || !query.isSuccess) {
    return <DetailState query={query} noun="provider" listHref={href("/providers")} missing={initial === null} />;
  }

  const provider = query.data;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        back={{ href: href("/providers"), label: "Providers" }}
        title={
          <>
            {provider.name}
            {provider.title && <span className="font-normal text-slate-500">, {provider.title}</span>}
          </>
        }
        badge={provider.active ? <Badge tone="good">Active</Badge> : <Badge tone="bad">Inactive</Badge>}
        description={
          [provider.specialty, provider.licenseNumber && `Licence ${provider.licenseNumber}`].filter(Boolean).join(" · ") ||
          "No specialty recorded"
        }
      />

      <ProviderDetailsPanel provider={provider} canManage={canManage} />

      <p className="text-sm text-slate-500">
        Hours, overrides and time off are in the organization&apos;s time zone:{" "}
        <span className="font-medium text-slate-700">{zoneLabel(tenant.organization.timeZone)}</span>. The organization&apos;s business
        hours still bound what can be booked.
      </p>

      <div className="grid gap-6 lg:grid-cols-2">
        <WeeklyHoursEditor provider={provider} canManage={canManage} className="lg:col-span-2" />
        {provider.locations.length > 0 && <ProviderLocations provider={provider} canManage={canManage} className="lg:col-span-2" />}
        <OfferedTypes provider={provider} canManage={canManage} />
        <DateOverrides provider={provider} canManage={canManage} />
        <TimeOffPanel provider={provider} canManage={canManage} className="lg:col-span-2" />
        <CalendarFeedPanel provider={provider} className="lg:col-span-2" />
      </div>
    </div>
  );
}
