"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState, type FormEvent } from "react";
import { usePatientErrors } from "@/components/i18n/use-patient-errors";
import { usePublicJson } from "@/components/public/use-public-json";
import { COMMON_AUDIT_RESOURCES } from "@/lib/audit/limits";
import type { AccessReport, AccessReportEvent } from "@/lib/audit/patient-report";
import { memberRoles } from "@/lib/db/schema/enum-values";
import { intlLocale, type PatientLanguage } from "@/lib/i18n/locales";
import { tenantHref } from "@/lib/tenancy/href";

const KNOWN_RESOURCES = new Set<string>(COMMON_AUDIT_RESOURCES);
const KNOWN_ROLES = new Set<string>(memberRoles);
type RoleKey = (typeof memberRoles)[number] | "other";
type ResourceKey = (typeof COMMON_AUDIT_RESOURCES)[number] | "other";

type Period = { from?: string; to?: string };

function periodFromAddress(): Period {
  if (typeof window === "undefined") return {};
  const params = new URLSearchParams(window.location.search);
  return { from: params.get("from") ?? undefined, to: params.get("to") ?? undefined };
}

function query(period: Period, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (period.from) params.set("from", period.from);
  if (period.to) params.set("to", period.to);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : "";
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

function DayField({ name, label, value }: { name: string; label: string; value: string }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} name={name} type="date" defaultValue={value} className="min-h-11 rounded-md border border-slate-400 px-3 py-2" />
    </div>
  );
}

export function AccessReportView({ basePath, token }: { basePath: string; token: string }) {
  const t = useTranslations("AccessReport");
  const locale = intlLocale(useLocale() as PatientLanguage);
  const { formError } = usePatientErrors();
  const [period, setPeriod] = useState<Period>(periodFromAddress);
  const endpoint = tenantHref(basePath, `/api/v1/public/access-reports/${encodeURIComponent(token)}`);
  const read = usePublicJson<{ data: AccessReport }>(`${endpoint}${query(period)}`);

  function choose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = { from: String(form.get("from") ?? "") || undefined, to: String(form.get("to") ?? "") || undefined };
    window.history.replaceState(null, "", `${window.location.pathname}${query(next)}`);
    setPeriod(next);
  }

  const report = read.status === "success" ? read.data.data : null;
  const format = useMemo(() => {
    const zone = report?.organization.timeZone;
    const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: zone });
    const day = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
    return { when: (iso: string) => when.format(new Date(iso)), day: (date: string) => day.format(new Date(`${date}T12:00:00Z`)) };
  }, [locale, report?.organization.timeZone]);

  if (read.status === "pending") {
    return (
      <p role="status" className="text-slate-700">
        {t("loading")}
      </p>
    );
  }
  if (read.status === "error" || !report) {
    const error = read.status === "error" ? read.error : undefined;
    const invalidLink = error?.code?.startsWith("not_found");
    return (
      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-2xl font-semibold">{t("reportHeading")}</h1>
        <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          {invalidLink ? formError(error, "invalidLink") : error?.code === "validation" ? formError(error) : t("loadFailed")}
        </p>
        <a href={tenantHref(basePath, "/access-report")} className="mt-4 inline-block font-medium text-[var(--brand-primary)] underline">
          {t("askAgain")}
        </a>
      </section>
    );
  }

  const role = (value: string | null) => t(`roles.${(value && KNOWN_ROLES.has(value) ? value : "other") as RoleKey}`);
  const who = (e: AccessReportEvent) => {
    switch (e.actor.kind) {
      case "staff":
        return e.actor.name
          ? t("actorStaff", { name: e.actor.name, role: role(e.actor.role) })
          : t("actorStaffUnnamed", { role: role(e.actor.role) });
      case "integration":
        return t("actorIntegration", { role: role(e.actor.role) });
      case "you":
        return t("actorYou");
      case "system":
        return t("actorSystem");
      default:
        return t("actorWebsite");
    }
  };
  const what = (e: AccessReportEvent) => {
    if (e.resourceType === "access_report" && (e.action === "create" || e.action === "view")) {
      return t(e.action === "create" ? "reportRequested" : "reportOpened");
    }
    const resource = t(`resources.${(KNOWN_RESOURCES.has(e.resourceType) ? e.resourceType : "other") as ResourceKey}`);
    const parts = [`${t(`actions.${e.action}`)} ${resource}`];
    if (e.records > 1) parts.push(t("inList", { records: e.records }));
    if (e.outcome !== "success") parts.push(t("denied"));
    return parts.join(" · ");
  };
  const { chain } = report;

  return (
    <div className="flex flex-col gap-6">
      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-2xl font-semibold">{t("reportHeading")}</h1>
        <p className="mt-2 text-slate-700">
          {t("reportLead", {
            hospital: report.organization.name,
            name: report.patient.firstName,
            timeZone: report.organization.timeZone.replace(/_/g, " "),
          })}
        </p>
        <form onSubmit={choose} className="mt-4 flex flex-wrap items-end gap-3" aria-label={t("periodLegend")}>
          <DayField name="from" label={t("from")} value={report.period.from} />
          <DayField name="to" label={t("to")} value={report.period.to} />
          <button type="submit" className="min-h-11 rounded-md bg-[var(--brand-primary)] px-5 py-2 font-medium text-white">
            {t("show")}
          </button>
        </form>
        <p role="status" className="mt-4 text-slate-800">
          {t("count", {
            count: report.events.length + report.notShown,
            from: format.day(report.period.from),
            to: format.day(report.period.to),
          })}
        </p>
        {report.notShown > 0 && <p className="mt-1 text-sm text-slate-700">{t("notShown", { count: report.notShown })}</p>}
      </section>

      {report.events.length > 0 && (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="px-4 pt-4 text-left font-semibold text-slate-900">{t("caption")}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-700">
                {[t("when"), t("who"), t("what"), t("proof")].map((heading) => (
                  <th key={heading} scope="col" className="px-4 py-3 font-medium">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.events.map((e, i) => (
                <tr key={`${e.seq ?? "u"}-${e.occurredAt}-${i}`} className="border-b border-slate-100 last:border-0">
                  <td className="whitespace-nowrap px-4 py-3">{format.when(e.occurredAt)}</td>
                  <td className="px-4 py-3">{who(e)}</td>
                  <td className="px-4 py-3">{what(e)}</td>
                  <td className="px-4 py-3 font-mono text-xs text-slate-700">
                    {e.seq !== null && e.rowHash ? (
                      <span title={e.rowHash}>
                        #{e.seq} · {short(e.rowHash)}
                      </span>
                    ) : (
                      <span className="font-sans">{t("unsealed")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="proof-heading" className="rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-800 shadow-sm">
        <h2 id="proof-heading" className="text-lg font-semibold text-slate-900">
          {t("proofHeading")}
        </h2>
        <p className="mt-2">{t("proofLead", { hospital: report.organization.name })}</p>
        <ul className="mt-3 flex list-disc flex-col gap-1 pl-5">
          <li className="break-all">{chain.head ? t("head", { seq: chain.head.seq, hash: chain.head.hash }) : t("noHead")}</li>
          <li>
            {chain.lastVerification
              ? chain.lastVerification.intact
                ? t("verified", { at: format.when(chain.lastVerification.at), rows: chain.lastVerification.rows })
                : t("verifyFailed", { at: format.when(chain.lastVerification.at) })
              : t("notVerified")}
          </li>
          {chain.anchor && (
            <li className="break-all">
              {t("anchored", {
                seq: chain.anchor.seq,
                hash: chain.anchor.headHash,
                at: format.when(chain.anchor.anchoredAt),
                keyId: chain.anchor.keyId,
              })}
            </li>
          )}
        </ul>
        <p className="mt-3">{t("proofAuditor")}</p>
        <a
          href={`${endpoint}${query(report.period, { download: "1" })}`}
          download
          className="mt-4 inline-flex min-h-11 items-center rounded-md border border-slate-400 px-4 py-2 font-medium text-slate-900 hover:bg-slate-50"
        >
          {t("download")}
        </a>
      </section>
    </div>
  );
}
