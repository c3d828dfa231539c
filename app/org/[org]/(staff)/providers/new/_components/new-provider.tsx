"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ProviderForm } from "@/app/org/[org]/(staff)/providers/_components/provider-form";
import { useTenantHref } from "@/components/tenancy/tenant-provider";

export function NewProvider() {
  const router = useRouter();
  const href = useTenantHref();
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div>
        <Link href={href("/providers")} className="text-sm text-slate-500 hover:underline">
          ← Providers
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">New provider</h1>
        <p className="text-sm text-slate-500">After creating the provider, set their working hours and the appointment types they offer.</p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <ProviderForm
          onSaved={(provider) => router.push(href(`/providers/${provider.id}`))}
          onCancel={() => router.push(href("/providers"))}
        />
      </div>
    </div>
  );
}
