"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant } from "@/components/tenancy/tenant-provider";
import { type Column, NoValue, QueryTable, TableSection } from "@/components/ui/data-table";
import { SuccessNote, primaryButton } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import { Badge, Panel } from "@/components/ui/panel";
import type { AppointmentType } from "@/lib/db/schema";
import { listAppointmentTypesAction } from "../actions";
import { AppointmentTypeForm } from "./appointment-type-form";
import { InsuranceSetting } from "./insurance-setting";
import { IntakeFormEditor } from "./intake-form-editor";

function minutes(n: number): string {
  if (n < 60) return `${n} min`;
  const h = Math.floor(n / 60);
  const m = n % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

function TypeBadges({ type: t }: { type: AppointmentType }) {
  return (
    <>
      {!t.active && <Badge tone="bad">Inactive</Badge>}
      {t.onlineBookable ? <Badge tone="good">Online</Badge> : <Badge>Staff only</Badge>}
      {t.telehealthAllowed && <Badge tone="video">Telehealth</Badge>}
    </>
  );
}

/** `initial`: the types as the page loaded them. */
export function AppointmentTypesView({ initial }: { initial?: AppointmentType[] }) {
  const tenant = useTenant();
  const canEdit = usePermission("settings:manage");
  const [editing, setEditing] = useState<AppointmentType | "new" | null>(null);
  const [intakeOf, setIntakeOf] = useState<AppointmentType | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: staffKeys.appointmentTypeList(tenant.organization.id),
    queryFn: () => unwrap(listAppointmentTypesAction({})),
    initialData: initial,
  });
  const start = (target: AppointmentType | "new") => {
    setNotice(null);
    setIntakeOf(null);
    setEditing(target);
    if (typeof window !== "undefined") window.scrollTo({ top: 0, behavior: "smooth" });
  };
  const columns: Column<AppointmentType>[] = [
    {
      header: "Name",
      cell: (t) => (
        <>
          <p className="font-medium">{t.name}</p>
          {t.description && <p className="text-xs text-slate-500">{t.description}</p>}
          <div className="mt-1 flex flex-wrap gap-1 md:hidden">
            <TypeBadges type={t} />
          </div>
          <p className="mt-1 text-xs text-slate-500 sm:hidden">
            {t.bufferBeforeMinutes || t.bufferAfterMinutes
              ? `Buffers: ${t.bufferBeforeMinutes} min before · ${t.bufferAfterMinutes} min after`
              : "No buffers"}
          </p>
        </>
      ),
    },
    { header: "Duration", className: "whitespace-nowrap tabular-nums", cell: (t) => minutes(t.durationMinutes) },
    {
      header: "Buffers",
      from: "sm",
      className: "whitespace-nowrap tabular-nums",
      cell: (t) =>
        t.bufferBeforeMinutes || t.bufferAfterMinutes ? (
          <>
            {t.bufferBeforeMinutes} min before · {t.bufferAfterMinutes} min after
          </>
        ) : (
          <NoValue>None</NoValue>
        ),
    },
    {
      header: "Booking",
      from: "md",
      cell: (t) => (
        <div className="flex flex-wrap gap-1">
          <TypeBadges type={t} />
        </div>
      ),
    },
  ];
  if (canEdit) {
    columns.push({
      header: "Actions",
      hideHeader: true,
      className: "text-right",
      cell: (t) => (
        <div className="flex justify-end gap-1">
          <button
            type="button"
            onClick={() => {
              setNotice(null);
              setEditing(null);
              setIntakeOf(t);
              if (typeof window !== "undefined") window.scrollTo({ top: 0, behavior: "smooth" });
            }}
            aria-label={`Intake form for ${t.name}`}
            className="-my-1 rounded px-2 py-1 text-sm font-medium text-[var(--brand-primary)] hover:bg-slate-100"
          >
            Intake form
          </button>
          <button
            type="button"
            onClick={() => start(t)}
            aria-label={`Edit ${t.name}`}
            className="-my-1 rounded px-2 py-1 text-sm font-medium text-[var(--brand-primary)] hover:bg-slate-100"
          >
            Edit
          </button>
        </div>
      ),
    });
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Appointment types"
        description="What patients can be booked for: length, buffers and how it can be booked."
        actions={
          canEdit &&
          editing === null && (
            <button type="button" className={primaryButton} onClick={() => start("new")}>
              New appointment type
            </button>
          )
        }
      />

      <SuccessNote message={notice} />

      {editing !== null && (
        <Panel title={editing === "new" ? "New appointment type" : `Edit ${editing.name}`}>
          <AppointmentTypeForm
            key={editing === "new" ? "new" : editing.id}
            type={editing === "new" ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setNotice(editing === "new" ? `Appointment type “${saved.name}” created.` : `Appointment type “${saved.name}” saved.`);
              setEditing(null);
            }}
          />
        </Panel>
      )}

      {intakeOf !== null && (
        <Panel title={`Intake form: ${intakeOf.name}`}>
          <IntakeFormEditor
            key={intakeOf.id}
            type={intakeOf}
            onDone={(message) => {
              setNotice(message || null);
              setIntakeOf(null);
            }}
          />
        </Panel>
      )}

      <Panel title="Insurance">
        <InsuranceSetting canEdit={canEdit} />
      </Panel>

      <TableSection heading="All appointment types">
        <QueryTable
          query={query}
          columns={columns}
          rows={query.data ?? []}
          rowKey={(t) => t.id}
          rowClassName={(t) => (t.active ? "" : "text-slate-500")}
          empty="No appointment types yet."
        />
      </TableSection>
    </div>
  );
}
