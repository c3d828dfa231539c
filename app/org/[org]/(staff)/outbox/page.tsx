import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { OutboxView } from "./_components/outbox-view";

export const metadata: Metadata = { title: "E-mail outbox" };
export const dynamic = "force-dynamic";

export default async function OutboxPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("settings:manage")) forbidden();
  return <OutboxView />;
}
