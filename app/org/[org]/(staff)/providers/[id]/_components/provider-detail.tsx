"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { zoneLabel } from "@/components/scheduling/format";
import { isNotFound, unwrap } from "@/components/actions/action-client";
import { ErrorState, LoadingState, NotFoundState } from "@/components/staff/page-states";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { Badge } from "@/components/ui/panel";
import type { ProviderDetail } from "@/lib/providers/service";
import { providerDetailAction } from "../../actions";
import { DateOverrides } from "./date-overrides";
import { OfferedTypes } from "./offered-types";
import { ProviderDetailsPanel } from "./provider-details-panel";
import { TimeOffPanel } from "./time-off";
import { WeeklyHoursEditor } from "./weekly-hours-editor";

/** `initial`: the provider as the page loaded it; null when it is not this organization's. */
export function ProviderDetailView({ id, initial }: { id: string; initial: ProviderDetail | null }) {
  const tenant = useTenant();
  const href = useTenantHref();
  const canManage = usePermission("providers:manage");
  const query = useQuery({
    queryKey: staffKeys.provider(tenant.organization.id, id),
    queryFn: () => unwrap(providerDetailAction({ id })),
    initialData: initial ?? undefined,
    enabled: initial !== null,
    retry: (count, err) => !isNotFound(err) && count < 1,
  });

  if (initial === null || (query.isError && isNotFound(query.error))) {
    return (
      <NotFoundState
        title="Provider not found"
        message="There is no provider with this id in this organization."
        backHref={href("/providers")}
        backLabel="Back to providers"
      />
    );
  }
  if (query.isPending) return <LoadingState label="Loading provider…" />;
  if (query.isError) return <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />;

  const provider = query.data;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link href={href("/providers")} className="text-sm text-slate-500 hover:underline">
          ← Providers
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-2xl font-semibold">
            {provider.name}
            {provider.title && <span className="font-normal text-slate-500">, {provider.title}</span>}
          </h1>
          {provider.active ? <Badge tone="good">Active</Badge> : <Badge tone="bad">Inactive</Badge>}
        </div>
        <p className="text-sm text-slate-500">
          {[provider.specialty, provider.licenseNumber && `Licence ${provider.licenseNumber}`].filter(Boolean).join(" · ") ||
            "No specialty recorded"}
        </p>
      </div>

      <ProviderDetailsPanel provider={provider} canManage={canManage} />

      <p className="text-sm text-slate-500">
        Hours, overrides and time off are in the organization&apos;s time zone:{" "}
        <span className="font-medium text-slate-700">{zoneLabel(tenant.organization.timeZone)}</span>. The organization&apos;s business
        hours still bound what can be booked.
      </p>

      <div className="grid gap-6 lg:grid-cols-2">
        <WeeklyHoursEditor provider={provider} canManage={canManage} className="lg:col-span-2" />
        <OfferedTypes provider={provider} canManage={canManage} />
        <DateOverrides provider={provider} canManage={canManage} />
        <TimeOffPanel provider={provider} canManage={canManage} className="lg:col-span-2" />
      </div>
    </div>
  );
}
