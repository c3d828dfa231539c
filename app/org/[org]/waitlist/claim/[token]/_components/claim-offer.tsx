"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { tenantHref } from "@/lib/tenancy/href";
import { claimWaitlistOfferAction } from "../actions";

export function ClaimOffer({ basePath, token }: { basePath: string; token: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function claim() {
    setPending(true);
    setError(null);
    const result = await claimWaitlistOfferAction({ token }).catch(() => null);
    setPending(false);
    if (!result?.ok) {
      setError(result?.formError ?? "This offer could not be claimed. Check the connection and try again.");
      return;
    }
    const manage = new URL(result.data.manageUrl);
    router.push(`${tenantHref(basePath, manage.pathname)}?booked=1`);
  }

  return (
    <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">A time opened up for you</h1>
      <p className="mt-2 text-slate-600">This time was offered to a few people on the waiting list. The first to claim it gets it.</p>
      {error && (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          {error}
        </p>
      )}
      <button
        type="button"
        onClick={() => void claim()}
        disabled={pending}
        className="mt-6 rounded-md bg-[var(--brand-primary)] px-5 py-2.5 font-medium text-white disabled:opacity-60"
      >
        {pending ? "Claiming…" : "Claim this appointment"}
      </button>
    </section>
  );
}
